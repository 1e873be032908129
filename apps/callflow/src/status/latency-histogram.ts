/** Keeps the last N samples of a latency and answers percentiles (for status and the benchmark). */
export class LatencyHistogram {
  private readonly samples: number[] = [];
  private next = 0;
  private total = 0;

  constructor(private readonly capacity = 10_000) {}

  record(ms: number): void {
    if (this.samples.length < this.capacity) this.samples.push(ms);
    else this.samples[this.next] = ms;
    this.next = (this.next + 1) % this.capacity;
    this.total++;
  }

  reset(): void {
    this.samples.length = 0;
    this.next = 0;
    this.total = 0;
  }

  summary(): {
    count: number;
    p50: number | null;
    p95: number | null;
    p99: number | null;
    max: number | null;
  } {
    if (this.samples.length === 0) return { count: this.total, p50: null, p95: null, p99: null, max: null };
    const sorted = [...this.samples].sort((a, b) => a - b);
    const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]);
    return {
      count: this.total,
      p50: at(0.5),
      p95: at(0.95),
      p99: at(0.99),
      max: round(sorted[sorted.length - 1]),
    };
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;
