export interface BackoffOptions {
  initialDelayMs: number;
  maxDelayMs: number;
  /** Injected for tests; defaults to Math.random. */
  random?: () => number;
}

/**
 * Capped exponential backoff with "equal jitter": the n-th delay is drawn from
 * [d/2, d] where d = min(max, initial * 2^n), so reconnecting clients spread out but the
 * delay never exceeds `maxDelayMs`.
 */
export class Backoff {
  readonly #initialDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #random: () => number;
  #attempt = 0;

  constructor(options: BackoffOptions) {
    if (!(options.initialDelayMs > 0) || !(options.maxDelayMs >= options.initialDelayMs)) {
      throw new RangeError('Backoff needs 0 < initialDelayMs <= maxDelayMs');
    }
    this.#initialDelayMs = options.initialDelayMs;
    this.#maxDelayMs = options.maxDelayMs;
    this.#random = options.random ?? Math.random;
  }

  /** How many delays were handed out since the last reset. */
  get attempt(): number {
    return this.#attempt;
  }

  next(): number {
    // Cap the exponent too, so 2 ** attempt can never overflow however long Asterisk is down.
    const exponent = Math.min(this.#attempt, 30);
    const ceiling = Math.min(this.#maxDelayMs, this.#initialDelayMs * 2 ** exponent);
    this.#attempt += 1;
    return Math.round(ceiling / 2 + (this.#random() * ceiling) / 2);
  }

  reset(): void {
    this.#attempt = 0;
  }
}
