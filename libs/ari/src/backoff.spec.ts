import { Backoff } from './backoff.js';

describe('Backoff', () => {
  it('given no jitter (random = 1) when asked repeatedly then it doubles up to the cap', () => {
    const backoff = new Backoff({ initialDelayMs: 250, maxDelayMs: 5000, random: () => 1 });
    const delays = Array.from({ length: 8 }, () => backoff.next());
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000, 5000]);
    expect(backoff.attempt).toBe(8);
  });

  it('given full jitter (random = 0) then each delay is half its ceiling, never below', () => {
    const backoff = new Backoff({ initialDelayMs: 250, maxDelayMs: 5000, random: () => 0 });
    const delays = Array.from({ length: 7 }, () => backoff.next());
    expect(delays).toEqual([125, 250, 500, 1000, 2000, 2500, 2500]);
  });

  it('given Math.random then every delay stays within [ceiling/2, ceiling] and never above the cap', () => {
    const backoff = new Backoff({ initialDelayMs: 10, maxDelayMs: 80 });
    for (let i = 0; i < 200; i += 1) {
      const ceiling = Math.min(80, 10 * 2 ** i);
      const delay = backoff.next();
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
    }
  });

  it('given a reset then it starts over from the initial delay', () => {
    const backoff = new Backoff({ initialDelayMs: 100, maxDelayMs: 1000, random: () => 1 });
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.attempt).toBe(0);
    expect(backoff.next()).toBe(100);
  });

  it('given years of failures then the exponent cannot overflow', () => {
    const backoff = new Backoff({ initialDelayMs: 1, maxDelayMs: 5000, random: () => 1 });
    for (let i = 0; i < 5000; i += 1) backoff.next();
    expect(backoff.next()).toBe(5000);
  });

  it('rejects nonsensical bounds', () => {
    expect(() => new Backoff({ initialDelayMs: 0, maxDelayMs: 10 })).toThrow(RangeError);
    expect(() => new Backoff({ initialDelayMs: 100, maxDelayMs: 10 })).toThrow(RangeError);
  });
});
