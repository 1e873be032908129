import { HotlineRouteCache } from './hotline-route-cache.js';
import type { HotlineRoute } from './routing-store.js';

const route = (hotlineId: number, flowVersion = 1): HotlineRoute => ({
  hotlineId,
  tenantId: 1,
  number: '19001234',
  status: 'active',
  trunkEndpoint: 'trunk-1',
  flowId: 5,
  flowVersion,
});

/** A loader whose lookups the test answers (or fails) in the order they were made. */
function loader() {
  const calls: string[] = [];
  const pending: { resolve: (r: HotlineRoute | null) => void; reject: (e: Error) => void }[] = [];
  const load = (trunk: string, dialled: string) => {
    calls.push(`${trunk} ${dialled}`);
    return new Promise<HotlineRoute | null>((resolve, reject) => pending.push({ resolve, reject }));
  };
  return {
    load,
    calls,
    answer: (r: HotlineRoute | null) => pending.shift()!.resolve(r),
    reject: (e: Error) => pending.shift()!.reject(e),
  };
}

describe('HotlineRouteCache', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 1_000_000));

  it('given a found route then later calls within the ttl get it without a lookup, and calls arriving together share one', async () => {
    const db = loader();
    const cache = new HotlineRouteCache(db.load, 5_000, clock);
    const first = cache.get('trunk-1', '19001234');
    const second = cache.get('trunk-1', '19001234');
    db.answer(route(1));
    await expect(first).resolves.toEqual(route(1));
    await expect(second).resolves.toEqual(route(1));
    now += 4_999;
    await expect(cache.get('trunk-1', '19001234')).resolves.toEqual(route(1));
    expect(db.calls).toEqual(['trunk-1 19001234']);
    expect(cache.stats).toEqual({ entries: 1, hits: 2, misses: 1 });
  });

  it('given the ttl passed then the route is looked up again', async () => {
    const db = loader();
    const cache = new HotlineRouteCache(db.load, 5_000, clock);
    const first = cache.get('trunk-1', '19001234');
    db.answer(route(1));
    await first;
    now += 5_000;
    const again = cache.get('trunk-1', '19001234');
    db.answer(route(1, 2));
    await expect(again).resolves.toEqual(route(1, 2));
    expect(db.calls).toHaveLength(2);
  });

  it('given clear (the api said routing changed) then the next call looks up afresh, and a lookup that was under way is not kept', async () => {
    const db = loader();
    const cache = new HotlineRouteCache(db.load, 5_000, clock);
    const stale = cache.get('trunk-1', '19001234');
    cache.clear();
    db.answer(route(1, 1));
    await expect(stale).resolves.toEqual(route(1, 1));
    const fresh = cache.get('trunk-1', '19001234');
    db.answer(route(1, 2));
    await expect(fresh).resolves.toEqual(route(1, 2));
    await expect(cache.get('trunk-1', '19001234')).resolves.toEqual(route(1, 2));
    expect(db.calls).toHaveLength(2);
  });

  it('given a number without a hotline, or a failed lookup, then nothing is kept: the next call asks again', async () => {
    const db = loader();
    const cache = new HotlineRouteCache(db.load, 5_000, clock);
    const unknown = cache.get('trunk-1', '1900999');
    db.answer(null);
    await expect(unknown).resolves.toBeNull();
    const failed = cache.get('trunk-1', '19001234');
    db.reject(new Error('db down'));
    await expect(failed).rejects.toThrow('db down');
    void cache.get('trunk-1', '1900999');
    void cache.get('trunk-1', '19001234');
    expect(db.calls).toEqual(['trunk-1 1900999', 'trunk-1 19001234', 'trunk-1 1900999', 'trunk-1 19001234']);
  });

  it('given two trunks delivering the same number then each has its own entry', async () => {
    const db = loader();
    const cache = new HotlineRouteCache(db.load, 5_000, clock);
    const a = cache.get('trunk-1', '19001234');
    const b = cache.get('trunk-2', '19001234');
    db.answer(route(1));
    db.answer(null);
    await expect(a).resolves.toEqual(route(1));
    await expect(b).resolves.toBeNull();
  });
});
