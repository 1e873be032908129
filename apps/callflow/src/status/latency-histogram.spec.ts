import { LatencyHistogram } from './latency-histogram.js';

describe('LatencyHistogram', () => {
  it('given no samples when summarised then percentiles are null', () => {
    expect(new LatencyHistogram().summary()).toEqual({
      count: 0,
      p50: null,
      p95: null,
      p99: null,
      max: null,
    });
  });

  it('given 1..100 when summarised then nearest-rank percentiles are returned', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 100; i++) h.record(i);
    expect(h.summary()).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
  });

  it('given more samples than capacity when summarised then only the latest are kept but all are counted', () => {
    const h = new LatencyHistogram(10);
    for (let i = 1; i <= 20; i++) h.record(i);
    const s = h.summary();
    expect(s.count).toBe(20);
    expect(s.p50).toBe(15);
    expect(s.max).toBe(20);
  });
});
