import { MixingBridgePool, POOLED_BRIDGE_NAME } from './bridge-pool.js';

function fakeAri() {
  const calls: string[] = [];
  return {
    calls,
    bridges: {
      create: async (p: { type: string; bridgeId: string; name?: string }) => {
        calls.push(`create ${p.type} ${p.name}`);
      },
      destroy: async (p: { bridgeId: string }) => {
        calls.push(`destroy ${p.bridgeId}`);
      },
    },
  };
}

describe('MixingBridgePool', () => {
  it('given an empty pool then take creates a mixing bridge named for the queue recovery', async () => {
    const ari = fakeAri();
    const pool = new MixingBridgePool(ari);
    const a = await pool.take();
    const b = await pool.take();
    expect(a.id).not.toBe(b.id);
    expect(ari.calls).toEqual([`create mixing ${POOLED_BRIDGE_NAME}`, `create mixing ${POOLED_BRIDGE_NAME}`]);
    expect(POOLED_BRIDGE_NAME.startsWith('queue-')).toBe(true);
  });

  it('given a bridge given back then the next take reuses it without a request', async () => {
    const ari = fakeAri();
    const pool = new MixingBridgePool(ari);
    const a = await pool.take();
    await pool.give(a);
    expect(pool.idleIds()).toEqual(new Set([a.id]));
    const again = await pool.take();
    expect(again.id).toBe(a.id);
    expect(ari.calls).toHaveLength(1);
    expect(pool.counts).toEqual({ created: 1, reused: 1, destroyed: 0 });
    expect(pool.idleCount).toBe(0);
  });

  it('given a full pool then a returned bridge is destroyed', async () => {
    const ari = fakeAri();
    const pool = new MixingBridgePool(ari, 1);
    const a = await pool.take();
    const b = await pool.take();
    await pool.give(a);
    await pool.give(b);
    expect(pool.idleCount).toBe(1);
    expect(ari.calls.at(-1)).toBe(`destroy ${b.id}`);
  });

  it('given clear between take and give then the bridge is destroyed, not pooled, and idle ones are forgotten', async () => {
    const ari = fakeAri();
    const pool = new MixingBridgePool(ari);
    const a = await pool.take();
    const b = await pool.take();
    await pool.give(b);
    pool.clear();
    expect(pool.idleCount).toBe(0);
    await pool.give(a);
    expect(pool.idleCount).toBe(0);
    expect(ari.calls.at(-1)).toBe(`destroy ${a.id}`);
    const c = await pool.take();
    expect([a.id, b.id]).not.toContain(c.id);
  });

  it('given discard then the bridge is destroyed even when destroy fails', async () => {
    const pool = new MixingBridgePool({
      bridges: {
        create: async () => undefined,
        destroy: async () => Promise.reject(new Error('gone')),
      },
    });
    const a = await pool.take();
    await expect(pool.discard(a.id)).resolves.toBeUndefined();
    expect(pool.counts.destroyed).toBe(1);
  });
});
