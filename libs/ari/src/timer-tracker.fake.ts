type TimerFn = (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => unknown;
type ClearFn = (handle: unknown) => void;

/**
 * Tracks the timers created through this test context's globals (the library, `ws` and the
 * fakes run in it; Jest's own reporters do not) that have neither fired nor been cleared, with
 * the stack that created each. More precise than process.getActiveResourcesInfo(), whose
 * 'Timeout' count includes Jest's own timers.
 */
export class TimerTracker {
  /** Live handle → creation stack. */
  readonly #live = new Map<unknown, string>();
  #restore: (() => void) | undefined;

  get liveCount(): number {
    return this.#live.size;
  }

  /** Creation stacks of the live timers whose stack matches `pattern`. */
  liveFrom(pattern: RegExp): string[] {
    return [...this.#live.values()].filter((stack) => pattern.test(stack));
  }

  install(): void {
    if (this.#restore) return;
    const g = globalThis as unknown as Record<'setTimeout' | 'setInterval', TimerFn> &
      Record<'clearTimeout' | 'clearInterval', ClearFn>;
    const original = {
      setTimeout: g.setTimeout,
      setInterval: g.setInterval,
      clearTimeout: g.clearTimeout,
      clearInterval: g.clearInterval,
    };
    const live = this.#live;
    g.setTimeout = (callback, ms, ...args) => {
      const handle = original.setTimeout(
        (...cbArgs: unknown[]) => {
          live.delete(handle);
          callback(...cbArgs);
        },
        ms,
        ...args,
      );
      live.set(handle, new Error('timer created').stack ?? '');
      return handle;
    };
    g.setInterval = (callback, ms, ...args) => {
      const handle = original.setInterval(callback, ms, ...args);
      live.set(handle, new Error('interval created').stack ?? '');
      return handle;
    };
    g.clearTimeout = (handle) => {
      live.delete(handle);
      original.clearTimeout(handle);
    };
    g.clearInterval = (handle) => {
      live.delete(handle);
      original.clearInterval(handle);
    };
    this.#restore = () => Object.assign(g, original);
  }

  uninstall(): void {
    this.#restore?.();
    this.#restore = undefined;
  }
}
