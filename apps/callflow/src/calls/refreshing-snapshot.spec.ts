import { describe, expect, it } from '@jest/globals';
import { FULL_RELOAD_MS, RefreshingSnapshot, settledStamp } from './refreshing-snapshot.js';

function snapshot(options: { stamp?: () => Promise<string>; now?: () => number; warnings?: string[] } = {}) {
  let version = 0;
  const warnings = options.warnings ?? [];
  const logger = { warn: (_obj: object, msg?: string) => void warnings.push(msg ?? '') };
  return new RefreshingSnapshot(
    async () => ++version,
    0,
    logger,
    'test value',
    60_000,
    options.stamp,
    options.now,
  );
}

describe('RefreshingSnapshot', () => {
  it('given no stamp then every refresh loads the value again', async () => {
    const snap = snapshot();
    await snap.refresh();
    await snap.refresh();
    expect(snap.loads).toBe(2);
    expect(snap.value).toBe(2);
  });

  it('given an unchanged stamp then the reload is skipped and the value is confirmed, not reloaded', async () => {
    let clock = 1_000_000;
    const snap = snapshot({ stamp: async () => 'users=3 at=t1', now: () => clock });
    await snap.refresh();
    clock += 2_000;
    await snap.refresh();
    expect(snap.loads).toBe(1);
    expect(snap.value).toBe(1);
    expect(snap.loadedAt?.getTime()).toBe(clock);
  });

  it('given a changed stamp then the value is loaded again', async () => {
    let stamp = 'users=3';
    const snap = snapshot({ stamp: async () => stamp });
    await snap.refresh();
    stamp = 'users=4';
    await snap.refresh();
    expect(snap.loads).toBe(2);
    expect(snap.value).toBe(2);
  });

  it('given an unchanged stamp for longer than the full-reload period then the value is loaded anyway', async () => {
    let clock = 1_000_000;
    const snap = snapshot({ stamp: async () => 'same', now: () => clock });
    await snap.refresh();
    clock += FULL_RELOAD_MS - 1;
    await snap.refresh();
    expect(snap.loads).toBe(1);
    clock += 1;
    await snap.refresh();
    expect(snap.loads).toBe(2);
  });

  it('given a stamp query that fails then the last value stays and a warning is logged', async () => {
    const warnings: string[] = [];
    let fail = false;
    const snap = snapshot({
      stamp: async () => {
        if (fail) throw new Error('database gone');
        return 'v1';
      },
      warnings,
    });
    await snap.refresh();
    fail = true;
    await snap.refresh();
    expect(snap.value).toBe(1);
    expect(warnings).toEqual(['could not reload test value']);
  });
});

describe('settledStamp', () => {
  it('given no recent change then the stamp is the rows; given a change in the last seconds then it never repeats', () => {
    const settled = [{ n: 3, at: '2026-12-03 10:00:00', recent: 0 }];
    expect(settledStamp(settled)).toBe(settledStamp(settled));
    const recent = [{ n: 3, at: '2026-12-03 10:00:00', recent: '1' }];
    expect(settledStamp(recent)).not.toBe(settledStamp(recent));
  });
});
