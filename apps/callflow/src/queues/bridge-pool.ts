import { randomUUID } from 'node:crypto';

/** What the pool needs of ARI (a fake implements it in unit tests). */
export interface BridgePoolAri {
  bridges: {
    create(p: { type: string; bridgeId: string; name?: string }): Promise<unknown>;
    destroy(p: { bridgeId: string }): Promise<unknown>;
  };
}

/** The name of every bridge the pool creates: `queue-…`, so a restarted callflow's recovery
 *  destroys the idle ones an earlier process left (they belong to no call). */
export const POOLED_BRIDGE_NAME = 'queue-conversation';

/** A bridge handed out by `take()`; give it back with `give()` once every party left Stasis. */
export interface PooledBridge {
  readonly id: string;
  /** The pool generation it was taken in (a `clear()` in between means it is not given back). */
  readonly generation: number;
}

/**
 * Empty mixing bridges kept for the next queue conversation. A conversation takes one and gives
 * it back when it ends, instead of creating one (a REST request and Asterisk's bridge set-up on
 * the path from the agent's answer to the caller hearing them) and destroying it (another one).
 * At most `maxIdle` wait; beyond that, returned bridges are destroyed.
 */
export class MixingBridgePool {
  private idle: string[] = [];
  private generation = 0;
  /** Bridges created and taken from the pool so far (metrics, tests). */
  readonly counts = { created: 0, reused: 0, destroyed: 0 };

  constructor(
    private readonly ari: BridgePoolAri,
    private readonly maxIdle = 64,
  ) {}

  get idleCount(): number {
    return this.idle.length;
  }

  /** Ids of the idle bridges (recovery must not count them as anyone's). */
  idleIds(): ReadonlySet<string> {
    return new Set(this.idle);
  }

  /** An empty mixing bridge: an idle one, or a new one. */
  async take(): Promise<PooledBridge> {
    const generation = this.generation;
    const pooled = this.idle.pop();
    if (pooled !== undefined) {
      this.counts.reused++;
      return { id: pooled, generation };
    }
    const id = randomUUID();
    await this.ari.bridges.create({ type: 'mixing', bridgeId: id, name: POOLED_BRIDGE_NAME });
    this.counts.created++;
    return { id, generation };
  }

  /**
   * A bridge back, once every party of its conversation left Stasis (so it is empty). Destroyed
   * instead when the pool is full or was cleared since the bridge was taken.
   */
  async give(bridge: PooledBridge): Promise<void> {
    if (bridge.generation === this.generation && this.idle.length < this.maxIdle) {
      this.idle.push(bridge.id);
      return;
    }
    await this.discard(bridge.id);
  }

  /** A bridge not to be used again (recorded, transferred, or its conversation failed). */
  async discard(bridgeId: string): Promise<void> {
    this.counts.destroyed++;
    await this.ari.bridges.destroy({ bridgeId }).catch(() => undefined);
  }

  /**
   * Forgets the idle bridges: after a reconnect their state is unknown (Asterisk may have
   * restarted); the recovery destroys them as bridges nobody owns. Bridges taken before are
   * destroyed, not pooled, when given back.
   */
  clear(): void {
    this.idle = [];
    this.generation++;
  }
}
