import { AriChannelGoneError, AriTimeoutError } from './ari-errors.js';
import type { AriLogger } from './ari-logger.js';
import type { AriEvent, AriEventMap, AriEventType } from './generated/ari-types.js';

/** A scope handler; a returned promise that rejects is logged, never unhandled. */
export type ChannelScopeHandler<K extends AriEventType> = (event: AriEventMap[K]) => void | Promise<void>;

type AnyHandler = (event: AriEvent) => void | Promise<void>;

interface Waiter {
  predicate: ((event: AriEvent) => boolean) | undefined;
  resolve: (event: AriEvent) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout | undefined;
}

/** Hooks the registry uses; symbols keep them off the public surface. */
export const DELIVER = Symbol('ChannelScope.deliver');
export const CLOSE = Symbol('ChannelScope.close');

/**
 * The event handlers of one channel. Everything registered here is released together when the
 * channel leaves Stasis (or is destroyed), so a call's handlers can never leak.
 */
export class ChannelScope {
  readonly channelId: string;
  readonly #logger: AriLogger;
  readonly #onClosed: (scope: ChannelScope) => void;
  readonly #accepted: ReadonlySet<AriEventType> | undefined;
  readonly #handlers = new Map<AriEventType, Set<AnyHandler>>();
  readonly #waiters = new Map<AriEventType, Set<Waiter>>();
  #closedWith: Error | undefined;
  /** Event sequence number of the first event delivered here, if any (see reconciliation). */
  #firstEventSeq: number | undefined;

  /** `accepted`: the only event types that can arrive (the client's event filter); undefined: all. */
  constructor(
    channelId: string,
    logger: AriLogger,
    onClosed: (scope: ChannelScope) => void,
    accepted?: ReadonlySet<AriEventType>,
  ) {
    this.channelId = channelId;
    this.#logger = logger;
    this.#onClosed = onClosed;
    this.#accepted = accepted;
  }

  /** A handler for a type the client filters out would never run: a bug, caught at registration. */
  #checkAccepted(type: AriEventType): void {
    if (this.#accepted && !this.#accepted.has(type)) {
      throw new TypeError(`ARI event ${type} is not in the client's events option`);
    }
  }

  get isDisposed(): boolean {
    return this.#closedWith !== undefined;
  }

  /** Sequence number of the first event routed here; undefined while none arrived. */
  get firstEventSeq(): number | undefined {
    return this.#firstEventSeq;
  }

  /** Calls `handler` for each `type` event of this channel until disposal; returns an unsubscribe. */
  on<K extends AriEventType>(type: K, handler: ChannelScopeHandler<K>): () => void {
    this.#checkAccepted(type);
    if (this.isDisposed) return () => undefined;
    const anyHandler = handler as AnyHandler;
    let set = this.#handlers.get(type);
    if (!set) {
      set = new Set();
      this.#handlers.set(type, set);
    }
    set.add(anyHandler);
    return () => {
      this.#handlers.get(type)?.delete(anyHandler);
    };
  }

  /**
   * The next `type` event of this channel that satisfies `predicate`. Rejects with
   * AriTimeoutError after `timeoutMs` (no timeout when omitted), or AriChannelGoneError when
   * the channel leaves Stasis or the scope is disposed first. A wait nobody awaits any more
   * rejects silently (no unhandled rejection).
   */
  once<K extends AriEventType>(
    type: K,
    predicate?: (event: AriEventMap[K]) => boolean,
    timeoutMs?: number,
  ): Promise<AriEventMap[K]> {
    this.#checkAccepted(type);
    if (this.#closedWith) return observed(Promise.reject(this.#closedWith));
    const promise = new Promise<AriEventMap[K]>((resolve, reject) => {
      const waiter: Waiter = {
        predicate: predicate as Waiter['predicate'],
        resolve: resolve as Waiter['resolve'],
        reject,
        timer: undefined,
      };
      let set = this.#waiters.get(type);
      if (!set) {
        set = new Set();
        this.#waiters.set(type, set);
      }
      const waiters = set;
      waiters.add(waiter);
      if (timeoutMs !== undefined) {
        waiter.timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new AriTimeoutError(`Channel ${this.channelId}: no ${type} within ${timeoutMs} ms`, timeoutMs),
          );
        }, timeoutMs);
      }
    });
    return observed(promise);
  }

  /** Releases every handler and rejects pending `once` calls with AriChannelGoneError. */
  dispose(): void {
    this[CLOSE](new AriChannelGoneError(this.channelId, `Channel scope ${this.channelId} was disposed`));
  }

  [DELIVER](event: AriEvent, seq: number): void {
    if (this.#closedWith) return;
    this.#firstEventSeq ??= seq;
    const handlers = this.#handlers.get(event.type);
    if (handlers) {
      for (const handler of [...handlers]) this.#invoke(handler, event);
    }
    const waiters = this.#waiters.get(event.type);
    if (!waiters) return;
    for (const waiter of [...waiters]) {
      let matches: boolean;
      try {
        matches = waiter.predicate ? waiter.predicate(event) : true;
      } catch (err) {
        waiters.delete(waiter);
        clearTimeout(waiter.timer);
        waiter.reject(err instanceof Error ? err : new Error(String(err)));
        continue;
      }
      if (!matches) continue;
      waiters.delete(waiter);
      clearTimeout(waiter.timer);
      waiter.resolve(event);
    }
  }

  [CLOSE](error: Error): void {
    if (this.#closedWith) return;
    this.#closedWith = error;
    this.#handlers.clear();
    const waiters = [...this.#waiters.values()].flatMap((set) => [...set]);
    this.#waiters.clear();
    for (const waiter of waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    this.#onClosed(this);
  }

  #invoke(handler: AnyHandler, event: AriEvent): void {
    const fail = (err: unknown): void =>
      this.#logger.error(
        { err, channelId: this.channelId, eventType: event.type },
        'ARI channel scope handler failed',
      );
    try {
      const result = handler(event);
      if (result instanceof Promise) result.catch(fail);
    } catch (err) {
      fail(err);
    }
  }
}

/**
 * Marks the promise as handled and returns it unchanged: whoever awaits it still gets the
 * rejection, but a wait abandoned by its caller (the call ended, a race was lost) cannot crash
 * the process with an unhandled rejection.
 */
function observed<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
