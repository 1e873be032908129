import type { AriLogger } from './ari-logger.js';
import type { AriEvent, AriEventMap, AriEventType, Bridge, Channel } from './generated/ari-types.js';

export interface AriClientOptions {
  /** Asterisk's HTTP server, e.g. `http://127.0.0.1:8088` (a trailing `/ari` is accepted). */
  url: string;
  username: string;
  password: string;
  /** The Stasis application whose events this client receives, e.g. `webcall`. */
  app: string;
  /** pino-style logger; silent when omitted. */
  logger?: AriLogger;
  reconnect?: {
    /** @default 250 */
    initialDelayMs?: number;
    /** @default 5000 */
    maxDelayMs?: number;
    /** A connection that stayed open this long resets the backoff. @default 10000 */
    resetAfterMs?: number;
  };
  keepAlive?: {
    /** @default 10000 */
    intervalMs?: number;
    /** The socket is terminated when a ping is not answered in time. @default 10000 */
    timeoutMs?: number;
  };
  /** Per REST request, and for the WebSocket opening handshake. @default 5000 */
  requestTimeoutMs?: number;
  /**
   * REST requests in flight at once; more wait in a queue (their timeout runs while they
   * wait). Each one in flight may hold an HTTP connection, and Asterisk refuses connections
   * past http.conf `sessionlimit` (measured: unbounded fetch opened 100+ at 100 calls/s).
   * @default 32
   */
  maxConcurrentRequests?: number;
  /** Jitter source, injectable for tests. @default Math.random */
  random?: () => number;
  /**
   * Only these ARI event types are sent to this app: Asterisk's per-application event filter
   * (`PUT /applications/{app}/eventFilter`), set again after every connect. Asterisk then
   * neither builds nor sends the others (most carry a full channel snapshot). Listening to a type
   * left out throws at registration, so a handler can never wait for an event that is filtered.
   * @default every type
   */
  events?: readonly AriEventType[];
}

/** What Asterisk had when the WebSocket (re)connected; events after it are incremental. */
export interface AriReconciliation {
  channels: Channel[];
  bridges: Bridge[];
}

type AriEventArgs = { [K in AriEventType]: [event: AriEventMap[K]] };

/** Listener arguments of every AriClient event: the client's own plus each ARI event by name. */
export interface AriClientEvents extends AriEventArgs {
  /** The events WebSocket is open (again). */
  connected: [];
  /** The events WebSocket closed; the client reconnects unless stopped. */
  disconnected: [reason: string];
  /** Snapshot from GET /channels and GET /bridges after each (re)connect. */
  reconciled: [snapshot: AriReconciliation];
  /** Every ARI event, right after it was emitted under its own type name. */
  event: [event: AriEvent];
}

export interface ResolvedAriClientOptions {
  url: string;
  username: string;
  password: string;
  app: string;
  logger: AriLogger | undefined;
  initialDelayMs: number;
  maxDelayMs: number;
  resetAfterMs: number;
  pingIntervalMs: number;
  pongTimeoutMs: number;
  requestTimeoutMs: number;
  maxConcurrentRequests: number;
  random: (() => number) | undefined;
  events: ReadonlySet<AriEventType> | undefined;
}

export function resolveAriClientOptions(options: AriClientOptions): ResolvedAriClientOptions {
  if (!options.app) throw new TypeError('AriClient needs an app name');
  const resolved: ResolvedAriClientOptions = {
    url: options.url,
    username: options.username,
    password: options.password,
    app: options.app,
    logger: options.logger,
    initialDelayMs: options.reconnect?.initialDelayMs ?? 250,
    maxDelayMs: options.reconnect?.maxDelayMs ?? 5000,
    resetAfterMs: options.reconnect?.resetAfterMs ?? 10_000,
    pingIntervalMs: options.keepAlive?.intervalMs ?? 10_000,
    pongTimeoutMs: options.keepAlive?.timeoutMs ?? 10_000,
    requestTimeoutMs: options.requestTimeoutMs ?? 5000,
    maxConcurrentRequests: options.maxConcurrentRequests ?? 32,
    random: options.random,
    events: options.events ? new Set(options.events) : undefined,
  };
  for (const key of [
    'initialDelayMs',
    'maxDelayMs',
    'pingIntervalMs',
    'pongTimeoutMs',
    'requestTimeoutMs',
    'maxConcurrentRequests',
  ] as const) {
    if (!(resolved[key] > 0)) throw new RangeError(`AriClient option ${key} must be > 0`);
  }
  if (resolved.events?.size === 0)
    throw new RangeError('AriClient option events must name at least one type');
  return resolved;
}
