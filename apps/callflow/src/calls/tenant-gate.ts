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
  private limits = new Map<number, TenantLimits>();
  private timer: NodeJS.Timeout | undefined;
  private loadedAt: Date | null = null;

  constructor(
    private readonly load: () => Promise<Map<number, TenantLimits>>,
    private readonly logger: Logger,
    private readonly refreshMs = 2_000,
  ) {}

  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /**
   * `active`: the tenant's calls in progress, this one excluded. Tenants not known yet (created
   * since the last load) are admitted: they cannot have been suspended before existing.
   */
  decide(tenantId: number | null, active: number): Admission {
    if (tenantId === null) return 'admit';
    const limits = this.limits.get(tenantId);
    if (!limits) return 'admit';
    if (limits.suspended) return 'tenant_suspended';
    if (active >= limits.maxConcurrentCalls) return 'over_quota';
    return 'admit';
  }

  status() {
    return { tenants: this.limits.size, loadedAt: this.loadedAt?.toISOString() ?? null };
  }

  private async refresh(): Promise<void> {
    try {
      const startedAt = new Date();
      this.limits = await this.load();
      this.loadedAt = startedAt;
    } catch (err) {
      // Keep the last known limits: a database hiccup must not stop or open every tenant's calls.
      this.logger.warn({ err }, 'could not reload tenant limits');
    }
  }
}
