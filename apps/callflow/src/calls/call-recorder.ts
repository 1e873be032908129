import type { CallDisposition } from '#contracts';
import type { CallStore, NewCall } from './call-store.js';

interface Logger {
  warn(obj: object, msg?: string): void;
}

/** One step of a call through its flow, as stored in `calls.path`. */
export interface CallPathStep {
  nodeId: string;
  type: string;
  branch?: string;
  at: string;
}

/** One leg a call rang or bridged, as stored in `calls.legs`. */
export interface CallLeg {
  kind: 'extension' | 'external' | 'voicemail' | 'queue_agent';
  target: string;
  outcome: string;
  at: string;
}

interface TrackedCall {
  tenantId: number | null;
  answeredAt?: Date;
  ended: boolean;
  /** Steps through the flow and legs rung, kept in memory and written once with the end. */
  path: CallPathStep[];
  legs: CallLeg[];
  /** Writes of one call are applied in order, without blocking the call itself. */
  chain: Promise<void>;
}

/**
 * Records calls in the database off the call's critical path: callers never await a write;
 * each call's writes are chained so they land in order; failures are logged, not thrown.
 */
export class CallRecorder {
  private readonly calls = new Map<string, TrackedCall>();
  /** Calls in progress per tenant (the concurrent-call quota counts these). */
  private readonly activeByTenant = new Map<number, number>();

  constructor(
    private readonly store: CallStore,
    private readonly logger: Logger,
  ) {}

  get activeCalls(): number {
    let n = 0;
    for (const call of this.calls.values()) if (!call.ended) n++;
    return n;
  }

  activeCallsOf(tenantId: number | null): number {
    return tenantId === null ? 0 : (this.activeByTenant.get(tenantId) ?? 0);
  }

  isTracked(channelId: string): boolean {
    return this.calls.has(channelId);
  }

  started(call: NewCall): void {
    if (this.calls.has(call.channelId)) return;
    const tracked: TrackedCall = {
      tenantId: call.tenantId,
      ended: false,
      path: [],
      legs: [],
      chain: Promise.resolve(),
    };
    this.calls.set(call.channelId, tracked);
    this.count(call.tenantId, +1);
    this.enqueue(call.channelId, tracked, () => this.store.insert(call));
  }

  answered(channelId: string, at: Date): void {
    const call = this.calls.get(channelId);
    if (!call || call.ended || call.answeredAt) return;
    call.answeredAt = at;
    this.enqueue(channelId, call, () => this.store.update(channelId, { answeredAt: at }));
  }

  /** A step through the flow (no write now: the path is written with the end of the call). */
  step(channelId: string, step: Omit<CallPathStep, 'at'>, at = new Date()): void {
    const call = this.calls.get(channelId);
    if (call && !call.ended && call.path.length < 200) call.path.push({ ...step, at: at.toISOString() });
  }

  /** A leg rung or bridged (written with the end of the call). */
  leg(channelId: string, leg: Omit<CallLeg, 'at'>, at = new Date()): void {
    const call = this.calls.get(channelId);
    if (call && !call.ended && call.legs.length < 100) call.legs.push({ ...leg, at: at.toISOString() });
  }

  /** The queue the call waits in and the recording of its conversation (written at once). */
  mark(channelId: string, details: { queueId: number; recording: string | null }): void {
    const call = this.calls.get(channelId);
    if (!call || call.ended) return;
    this.enqueue(channelId, call, () =>
      this.store.update(channelId, {
        queueId: details.queueId,
        ...(details.recording ? { recording: details.recording } : {}),
      }),
    );
  }

  ended(channelId: string, at: Date, cause?: { code?: number; text?: string }, failed = false): void {
    const call = this.calls.get(channelId);
    if (!call || call.ended) return;
    call.ended = true;
    this.count(call.tenantId, -1);
    const disposition: CallDisposition = failed ? 'failed' : call.answeredAt ? 'answered' : 'abandoned';
    this.enqueue(channelId, call, () =>
      this.store.update(channelId, {
        endedAt: at,
        disposition,
        hangupCause: cause?.code ?? null,
        hangupCauseText: cause?.text ?? null,
        ...(call.path.length ? { path: JSON.stringify(call.path) } : {}),
        ...(call.legs.length ? { legs: JSON.stringify(call.legs) } : {}),
      }),
    );
    // Forget the call once its last write landed.
    void call.chain.then(() => {
      if (this.calls.get(channelId) === call) this.calls.delete(channelId);
    });
  }

  /** Ends tracked calls whose channel is gone (missed events while disconnected). */
  endMissing(live: ReadonlySet<string>, at: Date): number {
    let n = 0;
    for (const [channelId, call] of this.calls) {
      if (!call.ended && !live.has(channelId)) {
        this.ended(channelId, at, { text: 'lost' });
        n++;
      }
    }
    return n;
  }

  /** Waits for every queued write (shutdown, tests). */
  async flush(): Promise<void> {
    await Promise.all([...this.calls.values()].map((c) => c.chain));
  }

  private count(tenantId: number | null, delta: number): void {
    if (tenantId === null) return;
    const n = (this.activeByTenant.get(tenantId) ?? 0) + delta;
    if (n > 0) this.activeByTenant.set(tenantId, n);
    else this.activeByTenant.delete(tenantId);
  }

  private enqueue(channelId: string, call: TrackedCall, write: () => Promise<void>): void {
    call.chain = call.chain.then(write).catch((err: unknown) => {
      this.logger.warn({ err, channelId }, 'call record write failed');
    });
  }
}
