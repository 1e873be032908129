import { EventEmitter } from 'node:events';

import {
  resolveAriClientOptions,
  type AriClientEvents,
  type AriClientOptions,
  type AriReconciliation,
} from './ari-client.options.js';
import { AriConnection } from './ari-connection.js';
import { AriConnectionError, AriTimeoutError } from './ari-errors.js';
import { AriHttp } from './ari-http.js';
import { SILENT_ARI_LOGGER, type AriLogger } from './ari-logger.js';
import type { AriHttpMethod, AriRequestOptions } from './ari-request.js';
import { ariBaseUrl, ariEventsUrl, basicAuthHeader } from './ari-url.js';
import type { ChannelScope } from './channel-scope.js';
import { ChannelScopeRegistry } from './channel-scope-registry.js';
import {
  ARI_EVENT_TYPES,
  createAriResources,
  type AriEvent,
  type AriEventType,
  type AriResources,
  type ApplicationsApi,
  type AsteriskApi,
  type BridgesApi,
  type ChannelsApi,
  type DeviceStatesApi,
  type EndpointsApi,
  type EventsApi,
  type MailboxesApi,
  type PlaybacksApi,
  type RecordingsApi,
  type SoundsApi,
} from './generated/ari-types.js';

interface ConnectWaiter {
  resolve: () => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Typed ARI client: REST through the generated resource APIs (`client.channels.answer(…)`),
 * events from one WebSocket per Stasis app, reconnected forever and reconciled after each
 * reconnect, and per-channel scopes for handlers that must not outlive their call.
 */
export class AriClient extends EventEmitter<AriClientEvents> implements AriResources {
  readonly asterisk: AsteriskApi;
  readonly endpoints: EndpointsApi;
  readonly channels: ChannelsApi;
  readonly bridges: BridgesApi;
  readonly recordings: RecordingsApi;
  readonly sounds: SoundsApi;
  readonly playbacks: PlaybacksApi;
  readonly deviceStates: DeviceStatesApi;
  readonly mailboxes: MailboxesApi;
  /** REST `/events` (user events, claims); the event stream itself is this emitter. */
  readonly events: EventsApi;
  readonly applications: ApplicationsApi;

  readonly #logger: AriLogger;
  readonly #http: AriHttp;
  readonly #connection: AriConnection;
  readonly #scopes: ChannelScopeRegistry;
  readonly #connectWaiters = new Set<ConnectWaiter>();
  /** Increases on every open and close, so a late reconcile of an old connection is dropped. */
  #generation = 0;
  #running = false;
  readonly #eventCounts = new Map<string, number>();
  readonly #app: string;
  /** The event types Asterisk is asked to send (undefined: all). */
  readonly #events: ReadonlySet<AriEventType> | undefined;

  constructor(options: AriClientOptions) {
    super();
    const resolved = resolveAriClientOptions(options);
    this.#logger = resolved.logger ?? SILENT_ARI_LOGGER;
    const authorization = basicAuthHeader(resolved.username, resolved.password);
    this.#http = new AriHttp({
      baseUrl: ariBaseUrl(resolved.url),
      authorization,
      timeoutMs: resolved.requestTimeoutMs,
      maxConcurrent: resolved.maxConcurrentRequests,
    });
    this.#app = resolved.app;
    this.#events = resolved.events;
    this.#scopes = new ChannelScopeRegistry(this.#logger, resolved.events);
    const events = resolved.events;
    if (events) {
      // Throwing here keeps the listener from being added (EventEmitter emits this first).
      (
        EventEmitter.prototype.on as (this: EventEmitter, n: string, l: (name: unknown) => void) => unknown
      ).call(this, 'newListener', (name) => {
        if (typeof name === 'string' && isAriEventType(name) && !events.has(name)) {
          throw new TypeError(`ARI event ${name} is not in this client's events option`);
        }
      });
    }
    this.#connection = new AriConnection(
      {
        url: ariEventsUrl(resolved.url, resolved.app),
        authorization,
        handshakeTimeoutMs: resolved.requestTimeoutMs,
        initialDelayMs: resolved.initialDelayMs,
        maxDelayMs: resolved.maxDelayMs,
        resetAfterMs: resolved.resetAfterMs,
        pingIntervalMs: resolved.pingIntervalMs,
        pongTimeoutMs: resolved.pongTimeoutMs,
        logger: this.#logger,
        random: resolved.random,
      },
      {
        onOpen: () => this.#onOpen(),
        onMessage: (text) => this.#onMessage(text),
        onClose: (reason, wasOpen) => this.#onClose(reason, wasOpen),
      },
    );
    const resources = createAriResources((method, path, requestOptions) =>
      this.#http.request(method, path, requestOptions),
    );
    this.asterisk = resources.asterisk;
    this.endpoints = resources.endpoints;
    this.channels = resources.channels;
    this.bridges = resources.bridges;
    this.recordings = resources.recordings;
    this.sounds = resources.sounds;
    this.playbacks = resources.playbacks;
    this.deviceStates = resources.deviceStates;
    this.mailboxes = resources.mailboxes;
    this.events = resources.events;
    this.applications = resources.applications;
  }

  /** True while the events WebSocket is open. */
  get isConnected(): boolean {
    return this.#connection.isOpen;
  }

  /** REST requests sent so far, by method and route with ids masked (metrics, the benchmark). */
  get requestCounts(): ReadonlyMap<string, number> {
    return this.#http.requestCounts;
  }

  /** Events received so far, by type (metrics, the benchmark). */
  get eventCounts(): ReadonlyMap<string, number> {
    return this.#eventCounts;
  }

  /** Channel scopes not yet disposed (a leak check for tests and metrics). */
  get activeScopeCount(): number {
    return this.#scopes.size;
  }

  /** Starts connecting in the background and returns at once; reconnects until `stop()`. */
  start(): void {
    this.#running = true;
    this.#connection.start();
  }

  /**
   * Closes the WebSocket and stops reconnecting. Aborts REST requests in flight, rejects
   * `waitUntilConnected()` and disposes every channel scope (AriConnectionError), so no timer
   * or socket is left. The client may be started again.
   */
  async stop(): Promise<void> {
    this.#running = false;
    const stopped = new AriConnectionError('ARI client stopped');
    for (const waiter of [...this.#connectWaiters]) this.#settleWaiter(waiter, stopped);
    this.#scopes.closeAll(stopped);
    this.#http.abortAll();
    await this.#connection.stop();
  }

  /** Resolves once connected (at once if already); AriTimeoutError after `timeoutMs`. */
  waitUntilConnected(timeoutMs: number): Promise<void> {
    if (this.isConnected) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: ConnectWaiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.#settleWaiter(
            waiter,
            new AriTimeoutError(`ARI not connected within ${timeoutMs} ms`, timeoutMs),
          );
        }, timeoutMs),
      };
      this.#connectWaiters.add(waiter);
    });
  }

  /** Escape hatch for anything the generated APIs do not cover; `path` is relative to `/ari`. */
  request<T = unknown>(method: AriHttpMethod, path: string, options?: AriRequestOptions): Promise<T> {
    if (!path.startsWith('/')) return Promise.reject(new TypeError(`ARI path must start with "/": ${path}`));
    return this.#http.request<T>(method, path, options);
  }

  /**
   * Handlers for one channel. Create it before originating (ids are created client-side) so no
   * event is missed; it is disposed after the channel's StasisEnd (or ChannelDestroyed).
   */
  channelScope(channelId: string): ChannelScope {
    return this.#scopes.create(channelId);
  }

  #onOpen(): void {
    this.#generation += 1;
    this.#logger.info({}, 'ARI websocket connected');
    for (const waiter of [...this.#connectWaiters]) this.#settleWaiter(waiter);
    this.#emitSafely('connected');
    if (this.#events) void this.#applyEventFilter(this.#events);
    void this.#reconcileAfterOpen(this.#generation);
  }

  /**
   * Asks Asterisk to send only the listed event types. Best effort: without the filter every
   * event still arrives and is handled as before (just more of them), so a failure is logged and
   * the next connect tries again; it never holds up the connection.
   */
  async #applyEventFilter(events: ReadonlySet<AriEventType>): Promise<void> {
    try {
      await this.applications.filter({
        applicationName: this.#app,
        filter: { allowed: [...events].map((type) => ({ type })), disallowed: [] },
      });
    } catch (err) {
      if (this.#running) this.#logger.warn({ err }, 'ARI event filter not set; every event type is sent');
    }
  }

  #onClose(reason: string, wasOpen: boolean): void {
    this.#generation += 1;
    if (wasOpen) this.#emitSafely('disconnected', reason);
  }

  /**
   * Fetches what exists now (GET /channels and /bridges), releases the scopes of channels that
   * had events but are gone, and emits 'reconciled'. Runs after every (re)connect by itself;
   * call it too when Asterisk restarted behind a kept socket (AMI `FullyBooted`).
   */
  async reconcile(): Promise<AriReconciliation> {
    const seqAtRequest = this.#scopes.sequence;
    const snapshot = await this.#fetchSnapshot();
    this.#applySnapshot(snapshot, seqAtRequest);
    return snapshot;
  }

  /** Asterisk does not replay events missed while disconnected. */
  async #reconcileAfterOpen(generation: number): Promise<void> {
    const seqAtRequest = this.#scopes.sequence;
    let snapshot: AriReconciliation;
    try {
      snapshot = await this.#fetchSnapshot();
    } catch (err) {
      if (generation !== this.#generation || !this.#running) return;
      // Reconnecting gets a fresh snapshot; staying connected without one would hide lost calls.
      this.#logger.error({ err }, 'ARI reconcile failed; reconnecting');
      this.#connection.terminate('reconcile failed');
      return;
    }
    // A snapshot of a connection that is gone already is stale; the next one reconciles again.
    if (generation !== this.#generation) return;
    this.#applySnapshot(snapshot, seqAtRequest);
  }

  async #fetchSnapshot(): Promise<AriReconciliation> {
    const [channels, bridges] = await Promise.all([this.channels.list(), this.bridges.list()]);
    return { channels, bridges };
  }

  #applySnapshot(snapshot: AriReconciliation, seqAtRequest: number): void {
    const closed = this.#scopes.closeMissing(new Set(snapshot.channels.map((c) => c.id)), seqAtRequest);
    this.#logger.info(
      { channels: snapshot.channels.length, bridges: snapshot.bridges.length, closedScopes: closed },
      'ARI reconciled',
    );
    this.#emitSafely('reconciled', snapshot);
  }

  #onMessage(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch (err) {
      this.#logger.warn({ err, text: text.slice(0, 200) }, 'ARI sent a message that is not JSON');
      return;
    }
    if (
      typeof message !== 'object' ||
      message === null ||
      !('type' in message) ||
      typeof message.type !== 'string'
    ) {
      this.#logger.warn({ message }, 'ARI sent a message without type');
      return;
    }
    if (message.type === 'MissingParams') {
      this.#logger.error({ message }, 'ARI rejected the events WebSocket parameters');
      return;
    }
    const event = message as AriEvent;
    this.#eventCounts.set(event.type, (this.#eventCounts.get(event.type) ?? 0) + 1);
    if (event.type === 'ApplicationReplaced') {
      this.#logger.warn({ app: event.application }, 'Another WebSocket took over this ARI application');
    }
    // Scopes first: a scope created by a global handler sees the events after its creation.
    this.#scopes.dispatch(event);
    this.#emitSafely(event.type, event);
    this.#emitSafely('event', event);
  }

  /** A throwing listener is logged; it must not break the socket's message loop. */
  #emitSafely(name: string, ...args: unknown[]): void {
    try {
      (EventEmitter.prototype.emit as (this: EventEmitter, name: string, ...a: unknown[]) => boolean).call(
        this,
        name,
        ...args,
      );
    } catch (err) {
      this.#logger.error({ err, event: name }, 'ARI event listener threw');
    }
  }

  #settleWaiter(waiter: ConnectWaiter, error?: Error): void {
    if (!this.#connectWaiters.delete(waiter)) return;
    clearTimeout(waiter.timer);
    if (error) waiter.reject(error);
    else waiter.resolve();
  }
}

const ARI_EVENT_TYPE_NAMES: ReadonlySet<string> = new Set(ARI_EVENT_TYPES);

function isAriEventType(name: string): name is AriEventType {
  return ARI_EVENT_TYPE_NAMES.has(name);
}
