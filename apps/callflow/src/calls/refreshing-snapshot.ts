interface Logger {
  warn(obj: object, msg?: string): void;
}

/** Even when the stamp says nothing changed, the value is loaded again this often. */
export const FULL_RELOAD_MS = 60_000;

/**
 * A value loaded from the database and reloaded every few seconds, so the call path reads it
 * from memory. A failed reload keeps the last value (a database hiccup must not change routing).
 *
 * With a `stamp` (a cheap fingerprint of the rows `load` reads, e.g. their count and latest
 * `updated_at`), a reload first reads the stamp and skips the load when it has not changed: the
 * full load grows with every tenant's users, the stamp costs one small query.
 */
export class RefreshingSnapshot<T> {
  private current: T;
  private timer: NodeJS.Timeout | undefined;
  private loaded: Date | null = null;
  private fullLoadAt = -Infinity;
  private lastStamp: string | null = null;
  private inFlight: Promise<void> | null = null;
  /** Full loads so far (metrics, tests). */
  loads = 0;

  constructor(
    private readonly load: () => Promise<T>,
    initial: T,
    private readonly logger: Logger,
    private readonly what: string,
    private readonly refreshMs = 2_000,
    private readonly stamp?: () => Promise<string>,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.current = initial;
  }

  get value(): T {
    return this.current;
  }

  /** When the value in use was last read or confirmed unchanged (null: never). */
  get loadedAt(): Date | null {
    return this.loaded;
  }

  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Reloads now (one load at a time: concurrent callers share it). */
  refresh(): Promise<void> {
    this.inFlight ??= (async () => {
      try {
        const startedAt = new Date(this.now());
        // Read before the load: a change made during the load shows in the next stamp.
        const stamp = this.stamp ? await this.stamp() : null;
        const fresh = startedAt.getTime() - this.fullLoadAt < FULL_RELOAD_MS;
        if (stamp !== null && stamp === this.lastStamp && fresh) {
          this.loaded = startedAt;
          return;
        }
        this.current = await this.load();
        this.loads++;
        this.lastStamp = stamp;
        this.fullLoadAt = startedAt.getTime();
        this.loaded = startedAt;
      } catch (err) {
        this.logger.warn({ err }, `could not reload ${this.what}`);
      } finally {
        this.inFlight = null;
      }
    })();
    return this.inFlight;
  }
}

/** A change this recent may share its `updated_at` second with the one before it (TypeORM writes
 *  whole seconds), so an equal stamp proves nothing: such a stamp never equals the last one. */
export const UNSETTLED_S = 3;

export function settledStamp(rows: { recent: number | string }[]): string {
  const recent = rows.some((r) => Number(r.recent) === 1);
  return recent ? `${JSON.stringify(rows)} ${process.hrtime.bigint()}` : JSON.stringify(rows);
}
