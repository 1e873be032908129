import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createConnection, type Socket } from 'node:net';

import {
  AmiActionError,
  AmiAuthError,
  AmiError,
  AmiNotConnectedError,
  AmiTimeoutError,
} from './ami-errors.js';
import {
  AmiParser,
  amiField,
  amiFieldValues,
  serializeAction,
  type AmiActionFields,
  type AmiMessage,
} from './ami-protocol.js';

/** Structured logger; pino, Nest's Logger (through a small adapter) or console fit. */
export interface AmiLogger {
  debug(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

export interface AmiReconnectOptions {
  /** First delay after a lost connection or failed attempt (default 250 ms). */
  readonly initialDelayMs?: number;
  /** Cap of the doubling delay (default 5000 ms). Each delay is jittered to 50–100 % of its value. */
  readonly maxDelayMs?: number;
}

export interface AmiClientOptions {
  readonly host?: string;
  readonly port?: number;
  readonly username: string;
  readonly secret: string;
  readonly logger?: AmiLogger;
  /** Default per-action timeout (default 10000 ms). */
  readonly actionTimeoutMs?: number;
  /** Interval of the `Ping` keep-alive (default 15000 ms, 0 disables it). */
  readonly keepAliveIntervalMs?: number;
  /** How long a keep-alive `Ping` may take before the connection is dropped (default actionTimeoutMs). */
  readonly keepAliveTimeoutMs?: number;
  /** TCP connect + banner + Login must finish within this (default 10000 ms), else retry. */
  readonly connectTimeoutMs?: number;
  readonly reconnect?: AmiReconnectOptions;
  /** `Events:` of the Login action: 'on' (default), 'off' or a class mask such as 'call,system'. */
  readonly events?: 'on' | 'off' | (string & {});
}

export interface AmiActionOptions {
  /** Overrides the client's actionTimeoutMs for this call. */
  readonly timeoutMs?: number;
}

export interface AmiActionListOptions extends AmiActionOptions {
  /**
   * Name of the event that ends the list, for actions whose completion event lacks
   * `EventList: Complete`. An event carrying `EventList: Complete` always ends the list.
   */
  readonly completeEvent?: string;
}

/** Result of {@link AmiClient.actionList}. */
export interface AmiEventList {
  /** The action's `Response: Success` message. */
  readonly response: AmiMessage;
  /** The list items, in arrival order, without the completion event. */
  readonly events: AmiMessage[];
  /** The completion event (e.g. `CoreShowChannelsComplete`, with `ListItems`). */
  readonly complete: AmiMessage;
}

/**
 * Events of {@link AmiClient}. `event:<Name>` is emitted for every unsolicited event by its
 * `Event:` value as sent by Asterisk (case kept), e.g. `client.on('event:Hangup', …)`.
 */
export interface AmiClientEvents {
  /** Logged in (after every successful (re)connect). */
  connected: [];
  /** A logged-in connection was lost or closed; the client reconnects unless stopped. */
  disconnected: [reason: string];
  /** Every unsolicited event (not the items of an {@link AmiClient.actionList}). */
  event: [event: AmiMessage];
  /** Asterisk finished booting; sent after each login and after an Asterisk restart. */
  FullyBooted: [event: AmiMessage];
  /** Login refused ({@link AmiAuthError}) or a protocol error. Emitted only when a listener exists. */
  error: [error: AmiError];
  [eventByName: `event:${string}`]: [event: AmiMessage];
}

interface Connection {
  readonly socket: Socket;
  readonly parser: AmiParser;
  readonly closed: Promise<void>;
  markClosed(): void;
  connectTimer: NodeJS.Timeout | undefined;
  loginSent: boolean;
  loggedIn: boolean;
  closeReason: string | undefined;
}

interface ListState {
  readonly completeEvent: string | undefined;
  readonly events: AmiMessage[];
  response?: AmiMessage;
  complete?: AmiMessage;
}

interface PendingAction {
  readonly id: string;
  readonly action: string;
  readonly resolve: (value: AmiMessage | AmiEventList) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
  readonly list: ListState | undefined;
}

interface ConnectedWaiter {
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

const silentLogger: AmiLogger = { debug() {}, info() {}, warn() {}, error() {} };
let instanceCount = 0;

/**
 * Asterisk Manager Interface client on a plain `net.Socket`.
 *
 * - `start()` connects in the background and keeps the session alive for ever: capped
 *   exponential backoff with jitter, Login after every reconnect, a `Ping` keep-alive that
 *   drops a silent connection. A refused Login emits `error` (an {@link AmiAuthError}) and is
 *   retried with the same backoff, so fixing the credentials in Asterisk heals the client.
 * - Actions are NOT queued while disconnected: they reject at once with
 *   {@link AmiNotConnectedError} (a queued Originate replayed minutes later would do harm).
 *   Use `waitUntilConnected()` where waiting is right.
 * - The client never throws from its own timers or socket callbacks, and `error` is emitted
 *   only when someone listens, so an unobserved AMI problem cannot crash the process.
 */
export class AmiClient extends EventEmitter<AmiClientEvents> {
  private readonly host: string;
  private readonly port: number;
  private readonly username: string;
  private readonly secret: string;
  private readonly logger: AmiLogger;
  private readonly actionTimeoutMs: number;
  private readonly keepAliveIntervalMs: number;
  private readonly keepAliveTimeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly eventsMask: string;

  /** Unique per instance, so ActionIDs of two clients (or two processes) never collide. */
  private readonly actionIdPrefix: string;
  private actionCounter = 0;
  private readonly pending = new Map<string, PendingAction>();
  private readonly connectedWaiters = new Set<ConnectedWaiter>();

  private running = false;
  private conn: Connection | undefined;
  private failedAttempts = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private keepAliveTimer: NodeJS.Timeout | undefined;
  private stopping: Promise<void> | undefined;
  private startAfterStop = false;
  private lastBanner: string | undefined;

  constructor(options: AmiClientOptions) {
    super({ captureRejections: true });
    this.host = options.host ?? '127.0.0.1';
    this.port = options.port ?? 5038;
    this.username = options.username;
    this.secret = options.secret;
    this.logger = options.logger ?? silentLogger;
    this.actionTimeoutMs = options.actionTimeoutMs ?? 10_000;
    this.keepAliveIntervalMs = options.keepAliveIntervalMs ?? 15_000;
    this.keepAliveTimeoutMs = options.keepAliveTimeoutMs ?? this.actionTimeoutMs;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    this.initialDelayMs = options.reconnect?.initialDelayMs ?? 250;
    this.maxDelayMs = Math.max(options.reconnect?.maxDelayMs ?? 5_000, this.initialDelayMs);
    this.eventsMask = options.events ?? 'on';
    // Fail fast on CR/LF in credentials, rather than on every login in a socket callback.
    serializeAction(this.loginAction());
    instanceCount += 1;
    this.actionIdPrefix = `${randomBytes(4).toString('hex')}.${instanceCount.toString(36)}`;
  }

  /** True only while logged in (and not stopping). */
  get isConnected(): boolean {
    return this.running && this.conn?.loggedIn === true;
  }

  /** The last banner received, e.g. `Asterisk Call Manager/7.0.3`. */
  get banner(): string | undefined {
    return this.lastBanner;
  }

  /** Starts connecting in the background. Idempotent. */
  start(): void {
    if (this.stopping) {
      this.startAfterStop = true;
      return;
    }
    if (this.running) return;
    this.running = true;
    this.failedAttempts = 0;
    this.openConnection();
  }

  /**
   * Sends `Logoff` when logged in, closes the socket, clears every timer and rejects pending
   * actions and `waitUntilConnected()` calls with {@link AmiNotConnectedError}. Idempotent.
   */
  stop(): Promise<void> {
    this.startAfterStop = false;
    this.stopping ??= this.shutdown().finally(() => {
      this.stopping = undefined;
      if (this.startAfterStop) {
        this.startAfterStop = false;
        this.start();
      }
    });
    return this.stopping;
  }

  /** Resolves once logged in; rejects with {@link AmiTimeoutError}, or {@link AmiNotConnectedError} on stop(). */
  waitUntilConnected(timeoutMs: number = this.connectTimeoutMs): Promise<void> {
    if (this.isConnected) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter: ConnectedWaiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.connectedWaiters.delete(waiter);
          reject(new AmiTimeoutError(`AMI not connected within ${timeoutMs} ms`, timeoutMs));
        }, timeoutMs),
      };
      this.connectedWaiters.add(waiter);
    });
  }

  /**
   * Sends an action and resolves with its response (`Response: Success`, `Goodbye`, `Follows`
   * or any other value than `Error`). The client sets `ActionID`; passing one is an error.
   * Rejects with {@link AmiActionError}, {@link AmiTimeoutError}, {@link AmiNotConnectedError},
   * or {@link AmiError} for an invalid action (e.g. CR/LF in a value).
   */
  action(fields: AmiActionFields, options: AmiActionOptions = {}): Promise<AmiMessage> {
    return this.submit(fields, options.timeoutMs, undefined) as Promise<AmiMessage>;
  }

  /**
   * Sends an action answered by an event list (CoreShowChannels, PJSIPShowEndpoints, Status…)
   * and resolves once the event with this ActionID and `EventList: Complete` (or the named
   * `completeEvent`) arrives. The timeout covers the whole list. List items are not emitted
   * as `event`. Note: some actions answer an empty list with `Response: Error` (e.g.
   * PJSIPShowEndpoints: "No endpoints found"), which rejects with {@link AmiActionError}.
   */
  actionList(fields: AmiActionFields, options: AmiActionListOptions = {}): Promise<AmiEventList> {
    const list: ListState = { completeEvent: options.completeEvent?.toLowerCase(), events: [] };
    return this.submit(fields, options.timeoutMs, list) as Promise<AmiEventList>;
  }

  /**
   * Runs a CLI command (`Action: Command`) and resolves with its output lines. On failure the
   * {@link AmiActionError}'s message is the command's output (e.g. "No such command …").
   */
  async command(cli: string, options: AmiActionOptions = {}): Promise<string[]> {
    try {
      const response = await this.action({ Action: 'Command', Command: cli }, options);
      return amiFieldValues(response, 'Output');
    } catch (error) {
      if (error instanceof AmiActionError) {
        const output = amiFieldValues(error.response, 'Output');
        if (output.length > 0) throw new AmiActionError(output.join('\n'), 'Command', error.response);
      }
      throw error;
    }
  }

  /** Called by EventEmitter (captureRejections) when an async listener rejects: log, never crash. */
  override [EventEmitter.captureRejectionSymbol](error: Error, event: unknown, ..._args: unknown[]): void {
    this.logger.error('AMI event listener failed', { event: String(event), error: describe(error) });
  }

  // ---- actions -------------------------------------------------------------------------------

  private submit(
    fields: AmiActionFields,
    timeoutMs: number | undefined,
    list: ListState | undefined,
  ): Promise<AmiMessage | AmiEventList> {
    let payload: string;
    try {
      if (Object.keys(fields).some((name) => name.toLowerCase() === 'actionid')) {
        throw new AmiError('ActionID is set by the AMI client; do not pass one');
      }
      payload = serializeAction(fields);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    const conn = this.conn;
    if (!this.running || !conn?.loggedIn) return Promise.reject(new AmiNotConnectedError());
    return this.send(conn, String(fields['Action']), payload, timeoutMs ?? this.actionTimeoutMs, list);
  }

  /** Writes a serialized action (ActionID appended here) and tracks its response. */
  private send(
    conn: Connection,
    action: string,
    payload: string,
    timeoutMs: number,
    list: ListState | undefined,
  ): Promise<AmiMessage | AmiEventList> {
    this.actionCounter += 1;
    const id = `${this.actionIdPrefix}.${this.actionCounter}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new AmiTimeoutError(`AMI action ${action} (${id}) timed out after ${timeoutMs} ms`, timeoutMs),
        );
      }, timeoutMs);
      this.pending.set(id, { id, action, resolve, reject, timer, list });
      this.logger.debug('AMI action sent', { action, actionId: id });
      // payload ends with the blank line; insert ActionID before it.
      conn.socket.write(`${payload.slice(0, -2)}ActionID: ${id}\r\n\r\n`);
    });
  }

  private settle(
    pending: PendingAction,
    outcome: { value: AmiMessage | AmiEventList } | { error: Error },
  ): void {
    clearTimeout(pending.timer);
    this.pending.delete(pending.id);
    if ('error' in outcome) pending.reject(outcome.error);
    else pending.resolve(outcome.value);
  }

  private rejectAllPending(reason: string): void {
    for (const pending of [...this.pending.values()]) {
      this.settle(pending, {
        error: new AmiNotConnectedError(`AMI action ${pending.action} (${pending.id}) aborted: ${reason}`),
      });
    }
  }

  // ---- incoming ------------------------------------------------------------------------------

  private onData(conn: Connection, chunk: Buffer): void {
    let frames;
    try {
      frames = conn.parser.push(chunk);
    } catch (error) {
      this.reportError(error instanceof AmiError ? error : new AmiError(describe(error)));
      this.drop(conn, `protocol error: ${describe(error)}`);
      return;
    }
    for (const frame of frames) {
      if (conn.socket.destroyed) return;
      if (frame.type === 'banner') {
        this.lastBanner = frame.banner;
        this.login(conn);
      } else {
        this.dispatch(frame.message);
      }
    }
  }

  private dispatch(message: AmiMessage): void {
    const actionId = amiField(message, 'ActionID');
    const pending = actionId === undefined ? undefined : this.pending.get(actionId);
    // Event first: some events carry a Response header too (OriginateResponse).
    const eventName = amiField(message, 'Event');
    if (eventName !== undefined) {
      if (pending?.list) this.onListEvent(pending, pending.list, message, eventName);
      else this.emitEvent(eventName, message);
      return;
    }
    const response = amiField(message, 'Response');
    if (response === undefined) {
      this.logger.debug('AMI message is neither a response nor an event', { keys: Object.keys(message) });
    } else if (pending) {
      this.onResponse(pending, message, response);
    } else {
      this.logger.debug('AMI response without pending action (late or foreign)', { actionId });
    }
  }

  private onResponse(pending: PendingAction, message: AmiMessage, response: string): void {
    if (response.toLowerCase() === 'error') {
      const text = amiField(message, 'Message') ?? `AMI action ${pending.action} failed`;
      this.settle(pending, { error: new AmiActionError(text, pending.action, message) });
    } else if (pending.list) {
      pending.list.response = message;
      this.settleListIfComplete(pending, pending.list);
    } else {
      this.settle(pending, { value: message });
    }
  }

  private onListEvent(pending: PendingAction, list: ListState, message: AmiMessage, eventName: string): void {
    const complete =
      amiField(message, 'EventList')?.toLowerCase() === 'complete' ||
      eventName.toLowerCase() === list.completeEvent;
    if (!complete) {
      list.events.push(message);
      return;
    }
    list.complete = message;
    this.settleListIfComplete(pending, list);
  }

  private settleListIfComplete(pending: PendingAction, list: ListState): void {
    if (list.response && list.complete) {
      this.settle(pending, {
        value: { response: list.response, events: list.events, complete: list.complete },
      });
    }
  }

  private emitEvent(name: string, message: AmiMessage): void {
    this.safeEmit('event', message);
    this.safeEmit(`event:${name}`, message);
    if (name === 'FullyBooted') this.safeEmit('FullyBooted', message);
  }

  /** A throwing listener must not break parsing of the rest of the chunk. */
  private safeEmit(name: 'event' | 'FullyBooted' | `event:${string}`, message: AmiMessage): void {
    try {
      this.emit(name, message);
    } catch (error) {
      this.logger.error('AMI event listener threw', { event: name, error: describe(error) });
    }
  }

  private reportError(error: AmiError): void {
    this.logger.error(error.message, { code: error.code });
    if (this.listenerCount('error') === 0) return;
    try {
      this.emit('error', error);
    } catch (listenerError) {
      this.logger.error('AMI error listener threw', { error: describe(listenerError) });
    }
  }

  // ---- connection lifecycle ------------------------------------------------------------------

  private openConnection(): void {
    this.reconnectTimer = undefined;
    if (!this.running) return;
    const socket = createConnection({ host: this.host, port: this.port });
    let markClosed!: () => void;
    const closed = new Promise<void>((resolve) => (markClosed = resolve));
    const conn: Connection = {
      socket,
      parser: new AmiParser(),
      closed,
      markClosed,
      connectTimer: undefined,
      loginSent: false,
      loggedIn: false,
      closeReason: undefined,
    };
    this.conn = conn;
    conn.connectTimer = setTimeout(
      () => this.drop(conn, `not logged in within ${this.connectTimeoutMs} ms`),
      this.connectTimeoutMs,
    );
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(conn, chunk));
    socket.on('error', (error) => {
      conn.closeReason ??= describe(error);
    });
    socket.on('close', () => this.onClose(conn));
    this.logger.debug('AMI connecting', { host: this.host, port: this.port });
  }

  private login(conn: Connection): void {
    if (conn.loginSent) return;
    conn.loginSent = true;
    this.send(conn, 'Login', serializeAction(this.loginAction()), this.actionTimeoutMs, undefined).then(
      () => this.onLoggedIn(conn),
      (error: unknown) => {
        if (error instanceof AmiActionError) {
          const message = amiField(error.response, 'Message') ?? 'refused';
          this.reportError(
            new AmiAuthError(`AMI login as "${this.username}" refused: ${message}`, error.response),
          );
          this.drop(conn, 'authentication failed');
        } else {
          this.drop(conn, `login failed: ${describe(error)}`);
        }
      },
    );
  }

  private loginAction(): AmiActionFields {
    return { Action: 'Login', Username: this.username, Secret: this.secret, Events: this.eventsMask };
  }

  private onLoggedIn(conn: Connection): void {
    if (this.conn !== conn || conn.socket.destroyed) return;
    clearTimeout(conn.connectTimer);
    conn.connectTimer = undefined;
    conn.loggedIn = true;
    this.failedAttempts = 0;
    this.logger.info('AMI connected', { host: this.host, port: this.port, banner: this.lastBanner });
    this.scheduleKeepAlive(conn);
    for (const waiter of this.connectedWaiters) {
      clearTimeout(waiter.timer);
      waiter.resolve();
    }
    this.connectedWaiters.clear();
    try {
      this.emit('connected');
    } catch (error) {
      this.logger.error('AMI connected listener threw', { error: describe(error) });
    }
  }

  private scheduleKeepAlive(conn: Connection): void {
    if (this.keepAliveIntervalMs <= 0) return;
    this.keepAliveTimer = setTimeout(() => {
      this.keepAliveTimer = undefined;
      if (!this.running || this.conn !== conn || !conn.loggedIn) return;
      const payload = serializeAction({ Action: 'Ping' });
      this.send(conn, 'Ping', payload, this.keepAliveTimeoutMs, undefined).then(
        () => {
          if (this.running && this.conn === conn && !conn.socket.destroyed) this.scheduleKeepAlive(conn);
        },
        (error: unknown) => {
          if (error instanceof AmiTimeoutError) {
            this.logger.warn('AMI keep-alive Ping timed out; reconnecting', {
              timeoutMs: this.keepAliveTimeoutMs,
            });
            this.drop(conn, 'keep-alive timeout');
          } else if (error instanceof AmiActionError && this.running && this.conn === conn) {
            this.scheduleKeepAlive(conn); // an answer, even an error, proves the link is alive
          }
        },
      );
    }, this.keepAliveIntervalMs);
  }

  /** Destroys the connection's socket; onClose does the rest. */
  private drop(conn: Connection, reason: string): void {
    conn.closeReason ??= reason;
    conn.socket.destroy();
  }

  private onClose(conn: Connection): void {
    clearTimeout(conn.connectTimer);
    conn.connectTimer = undefined;
    if (this.conn === conn) {
      this.conn = undefined;
      clearTimeout(this.keepAliveTimer);
      this.keepAliveTimer = undefined;
      const wasLoggedIn = conn.loggedIn;
      conn.loggedIn = false;
      const reason =
        conn.closeReason ?? (wasLoggedIn ? 'connection closed by Asterisk' : 'connection closed');
      this.rejectAllPending(reason);
      if (wasLoggedIn) {
        if (this.running) this.logger.warn('AMI disconnected', { reason });
        else this.logger.info('AMI disconnected', { reason });
        try {
          this.emit('disconnected', reason);
        } catch (error) {
          this.logger.error('AMI disconnected listener threw', { error: describe(error) });
        }
      }
      if (this.running) this.scheduleReconnect(reason, wasLoggedIn);
    }
    conn.markClosed();
  }

  private scheduleReconnect(reason: string, wasLoggedIn: boolean): void {
    const exponent = Math.min(this.failedAttempts, 30);
    const base = Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** exponent);
    const delayMs = Math.round(base / 2 + (Math.random() * base) / 2);
    if (!wasLoggedIn) {
      const details = { host: this.host, port: this.port, reason, attempt: this.failedAttempts + 1, delayMs };
      // Warn on the first failure and now and then during a long outage; the rest is debug noise.
      if (this.failedAttempts % 50 === 0)
        this.logger.warn('AMI connection attempt failed; retrying', details);
      else this.logger.debug('AMI connection attempt failed; retrying', details);
    }
    this.failedAttempts += 1;
    this.reconnectTimer = setTimeout(() => this.openConnection(), delayMs);
  }

  private async shutdown(): Promise<void> {
    this.running = false;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    clearTimeout(this.keepAliveTimer);
    this.keepAliveTimer = undefined;
    for (const waiter of this.connectedWaiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new AmiNotConnectedError('AMI client stopped'));
    }
    this.connectedWaiters.clear();
    const conn = this.conn;
    if (!conn) return;
    if (conn.loggedIn && !conn.socket.destroyed) {
      try {
        const payload = serializeAction({ Action: 'Logoff' });
        await this.send(conn, 'Logoff', payload, Math.min(this.actionTimeoutMs, 2_000), undefined);
      } catch {
        // Closing anyway: a lost Logoff only costs Asterisk a log line.
      }
    }
    this.drop(conn, 'client stopped');
    await conn.closed;
    this.logger.info('AMI client stopped');
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
