interface Logger {
  warn(obj: object, msg?: string): void;
}

/**
 * A value loaded from the database and reloaded every few seconds, so the call path reads it
 * from memory. A failed reload keeps the last value (a database hiccup must not change routing).
 */
export class RefreshingSnapshot<T> {
  private current: T;
  private timer: NodeJS.Timeout | undefined;
  private loaded: Date | null = null;
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly load: () => Promise<T>,
    initial: T,
    private readonly logger: Logger,
    private readonly what: string,
    private readonly refreshMs = 2_000,
  ) {
    this.current = initial;
  }

  get value(): T {
    return this.current;
  }

  /** When the value in use was read from the database (null: never). */
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
        const startedAt = new Date();
        this.current = await this.load();
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
