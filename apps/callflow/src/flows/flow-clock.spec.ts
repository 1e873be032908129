import { flowClock } from './flow-clock.js';

describe('flowClock', () => {
  it('given no start time then flows see the real clock', () => {
    let real = Date.parse('2026-12-03T04:00:00Z');
    const now = flowClock(undefined, () => real);
    expect(now().toISOString()).toBe('2026-12-03T04:00:00.000Z');
    real += 1500;
    expect(now().toISOString()).toBe('2026-12-03T04:00:01.500Z');
  });

  it('given a start time then flows begin there and advance with real time', () => {
    let real = Date.parse('2026-12-03T04:00:00Z');
    const now = flowClock('2026-09-05T10:00:00+07:00', () => real);
    expect(now().toISOString()).toBe('2026-09-05T03:00:00.000Z');
    real += 60_000;
    expect(now().toISOString()).toBe('2026-09-05T03:01:00.000Z');
  });
});
