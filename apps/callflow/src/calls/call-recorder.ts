import type { CallDisposition } from '#contracts';
import type { CallStore, CallUpdate, NewCall } from './call-store.js';

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
  /** Writes of one call are queued in order, without blocking the call itself: each is handed to
   *  the store once the previous one was handed over (a read-back first waits until it answered). */
  chain: Promise<void>;
  /** Settles once every write handed over so far has landed (or failed, logged). */
  landed: Promise<void>;
  /** What the row already holds (written or read back): unchanged data is not written again. */
  written: { queueId?: number; path: number; legs: number };
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
      landed: Promise.resolve(),
      written: { path: 0, legs: 0 },
    };
    this.calls.set(call.channelId, tracked);
    this.count(call.tenantId, +1);
    this.enqueue(call.channelId, tracked, () => this.store.insert(call));
  }

  /** A call already recorded (answered) by an earlier callflow process, followed on from here
   *  (its path and legs so far are read back, so the record stays whole). */
  adopt(channelId: string, tenantId: number | null, answeredAt: Date): void {
    if (this.calls.has(channelId)) return;
    this.calls.set(channelId, {
      tenantId,
      answeredAt,
      ended: false,
      path: [],
      legs: [],
      chain: Promise.resolve(),
      landed: Promise.resolve(),
      written: { path: 0, legs: 0 },
    });
    this.count(tenantId, +1);
    // What the earlier process wrote comes first; steps recorded from now on follow it.
    const call = this.calls.get(channelId)!;
    this.enqueue(
      channelId,
      call,
      async () => {
        const before = await this.store.progress(channelId);
        call.path.unshift(...before.path);
        call.legs.unshift(...before.legs);
        call.written.path += before.path.length;
        call.written.legs += before.legs.length;
      },
      'wait',
    );
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

  /** The queue the call waits in and the recording of its conversation, with the path and legs so
   *  far (written at once: a restarted callflow that adopts the call does not lose them). */
  mark(channelId: string, details: { queueId: number; recording: string | null }): void {
    const call = this.calls.get(channelId);
    if (!call || call.ended) return;
    this.enqueue(channelId, call, () =>
      this.write(channelId, call, {
        ...(call.written.queueId !== details.queueId ? { queueId: details.queueId } : {}),
        ...(details.recording ? { recording: details.recording } : {}),
      }),
    );
  }

  /** `update` plus the path and legs if they grew since last written; nothing if all is unchanged. */
  private async write(channelId: string, call: TrackedCall, update: CallUpdate): Promise<void> {
    const path = call.path.length;
    const legs = call.legs.length;
    const full: CallUpdate = {
      ...update,
      ...(path !== call.written.path ? { path: JSON.stringify(call.path) } : {}),
      ...(legs !== call.written.legs ? { legs: JSON.stringify(call.legs) } : {}),
    };
    if (!Object.keys(full).length) return;
    // Counted as written when handed over (the next write is queued before this one lands);
    // if it fails, the next write sends the path and legs again.
    const before = call.written;
    call.written = { queueId: update.queueId ?? before.queueId, path, legs };
    try {
      await this.store.update(channelId, full);
    } catch (err) {
      call.written = { path: 0, legs: 0 };
      throw err;
    }
  }

  ended(channelId: string, at: Date, cause?: { code?: number; text?: string }, failed = false): void {
    const call = this.calls.get(channelId);
    if (!call || call.ended) return;
    call.ended = true;
    this.count(call.tenantId, -1);
    const disposition: CallDisposition = failed ? 'failed' : call.answeredAt ? 'answered' : 'abandoned';
    this.enqueue(channelId, call, () =>
      this.write(channelId, call, {
        endedAt: at,
        disposition,
        hangupCause: cause?.code ?? null,
        hangupCauseText: cause?.text ?? null,
      }),
    );
    // Forget the call once its last write landed.
    void call.chain
      .then(() => call.landed)
      .then(() => {
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
    await Promise.all([...this.calls.values()].map((c) => c.chain.then(() => c.landed)));
  }

  private count(tenantId: number | null, delta: number): void {
    if (tenantId === null) return;
    const n = (this.activeByTenant.get(tenantId) ?? 0) + delta;
    if (n > 0) this.activeByTenant.set(tenantId, n);
    else this.activeByTenant.delete(tenantId);
  }

  /**
   * `hand-over` (writes that queue their statement at once): the next write is queued right
   * after, without waiting for this one's commit. The store's write-behind keeps their order, so
   * a call's writes share round trips. `wait`: the next write waits until this one is done (a
   * read-back whose answer later writes need).
   */
  private enqueue(
    channelId: string,
    call: TrackedCall,
    write: () => Promise<void>,
    mode: 'hand-over' | 'wait' = 'hand-over',
  ): void {
    const logged = (p: Promise<void>) =>
      p.catch((err: unknown) => {
        this.logger.warn({ err, channelId }, 'call record write failed');
      });
    call.chain = call.chain.then(() => {
      const done = logged(write());
      if (mode === 'wait') return done;
      call.landed = Promise.all([call.landed, done]).then(() => undefined);
      return undefined;
    });
  }
}
