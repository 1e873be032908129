import { RefreshingSnapshot } from './refreshing-snapshot.js';

export interface TenantLimits {
  suspended: boolean;
  maxConcurrentCalls: number;
}

export type Admission = 'admit' | 'tenant_suspended' | 'over_quota';

interface Logger {
  warn(obj: object, msg?: string): void;
}

/**
 * Decides whether a tenant may take one more call, from a copy of every tenant's status and
 * concurrent-call quota reloaded every few seconds: the call path never waits for the database.
 * A change (suspension, new quota) applies within one refresh interval; the status page shows
 * when the copy was loaded.
 */
export class TenantGate {
  private readonly limits: RefreshingSnapshot<Map<number, TenantLimits>>;

  constructor(
    load: () => Promise<Map<number, TenantLimits>>,
    logger: Logger,
    refreshMs = 2_000,
    stamp?: () => Promise<string>,
  ) {
    this.limits = new RefreshingSnapshot(load, new Map(), logger, 'tenant limits', refreshMs, stamp);
  }

  start(): Promise<void> {
    return this.limits.start();
  }

  stop(): void {
    this.limits.stop();
  }

  /**
   * `active`: the tenant's calls in progress, this one excluded. Tenants not known yet (created
   * since the last load) are admitted: they cannot have been suspended before existing.
   */
  decide(tenantId: number | null, active: number): Admission {
    if (tenantId === null) return 'admit';
    const limits = this.limits.value.get(tenantId);
    if (!limits) return 'admit';
    if (limits.suspended) return 'tenant_suspended';
    if (active >= limits.maxConcurrentCalls) return 'over_quota';
    return 'admit';
  }

  status() {
    return { tenants: this.limits.value.size, loadedAt: this.limits.loadedAt?.toISOString() ?? null };
  }
}
