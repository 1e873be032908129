import type { CallLeg, CallPathStep } from './call-recorder.js';
import type { CallStore, CallUpdate, NewCall } from './call-store.js';

/** In-memory CallStore that records what was written, optionally slow or failing. Writes land in
 *  the order they were handed over, one after another, as through the real store's write-behind. */
export class FakeCallStore implements CallStore {
  readonly rows = new Map<string, NewCall & CallUpdate>();
  readonly log: string[] = [];
  /** Writes in the order they were handed to the store (before any delay). */
  readonly handed: string[] = [];
  delayMs = 0;
  failNext = 0;
  #last: Promise<unknown> = Promise.resolve();

  insert(call: NewCall): Promise<void> {
    this.handed.push(`insert ${call.channelId}`);
    return this.inOrder(async () => {
      await this.maybeDelayOrFail('insert');
      this.rows.set(call.channelId, { ...call });
      this.log.push(`insert ${call.channelId}`);
    });
  }

  update(channelId: string, update: CallUpdate): Promise<void> {
    this.handed.push(`update ${channelId} ${Object.keys(update).join(',')}`);
    return this.inOrder(async () => {
      await this.maybeDelayOrFail('update');
      const row = this.rows.get(channelId);
      if (row) Object.assign(row, update);
      this.log.push(`update ${channelId} ${Object.keys(update).join(',')}`);
    });
  }

  private inOrder(write: () => Promise<void>): Promise<void> {
    const run = this.#last.then(write);
    this.#last = run.catch(() => undefined);
    return run;
  }

  async progress(channelId: string) {
    const row = this.rows.get(channelId);
    return {
      path: row?.path ? (JSON.parse(row.path) as CallPathStep[]) : [],
      legs: row?.legs ? (JSON.parse(row.legs) as CallLeg[]) : [],
    };
  }

  async closeLost(live: ReadonlySet<string>, startedBefore: Date, now: Date): Promise<number> {
    let n = 0;
    for (const row of this.rows.values()) {
      if (!row.endedAt && row.startedAt < startedBefore && !live.has(row.channelId)) {
        Object.assign(row, { endedAt: now, disposition: row.answeredAt ? 'answered' : 'failed' });
        n++;
      }
    }
    return n;
  }

  private async maybeDelayOrFail(op: string): Promise<void> {
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error(`fake ${op} failure`);
    }
  }
}
