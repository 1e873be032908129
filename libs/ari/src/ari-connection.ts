import WebSocket from 'ws';

import type { AriLogger } from './ari-logger.js';
import { Backoff } from './backoff.js';

export interface AriConnectionOptions {
  /** `ws://host:port/ari/events?app=…`. */
  url: string;
  authorization: string;
  /** Gives up on an opening handshake that hangs. */
  handshakeTimeoutMs: number;
  initialDelayMs: number;
  maxDelayMs: number;
  /** A connection that stayed open this long resets the backoff. */
  resetAfterMs: number;
  pingIntervalMs: number;
  pongTimeoutMs: number;
  logger: AriLogger;
  random?: () => number;
}

export interface AriConnectionHandlers {
  onOpen(): void;
  onMessage(text: string): void;
  /** `wasOpen` is false when an attempt failed before the handshake completed. */
  onClose(reason: string, wasOpen: boolean): void;
}

/**
 * One WebSocket at a time, reconnected forever with capped backoff. A ping every
 * `pingIntervalMs` must be answered within `pongTimeoutMs`, else the socket is terminated (a
 * dead peer or a silently dropped NAT entry would otherwise look connected forever).
 */
export class AriConnection {
  readonly #options: AriConnectionOptions;
  readonly #handlers: AriConnectionHandlers;
  readonly #backoff: Backoff;
  #running = false;
  #ws: WebSocket | undefined;
  #openedAt: number | undefined;
  /** Why we closed or terminated the current socket ourselves. */
  #closeReason: string | undefined;
  #lastError: Error | undefined;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #pingTimer: NodeJS.Timeout | undefined;
  #pongTimer: NodeJS.Timeout | undefined;
  #closed: (() => void)[] = [];

  constructor(options: AriConnectionOptions, handlers: AriConnectionHandlers) {
    this.#options = options;
    this.#handlers = handlers;
    this.#backoff = new Backoff(options);
  }

  get isOpen(): boolean {
    return this.#ws?.readyState === WebSocket.OPEN;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    // A socket still closing from stop() reconnects from its close handler.
    if (!this.#ws) this.#connect();
  }

  /** Closes the socket; resolves once it is closed and no timer is left. */
  stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
    const ws = this.#ws;
    if (!ws) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const fallback = setTimeout(() => ws.terminate(), 1000);
      this.#closed.push(() => {
        clearTimeout(fallback);
        resolve();
      });
      this.#closeReason ??= 'stopped';
      ws.close(1000, 'client stopped');
    });
  }

  /** Drops the current socket at once; the reconnect loop takes over. */
  terminate(reason: string): void {
    if (!this.#ws) return;
    this.#closeReason ??= reason;
    this.#ws.terminate();
  }

  #connect(): void {
    const { url, authorization, handshakeTimeoutMs, logger } = this.#options;
    logger.debug({ url: redact(url) }, 'ARI websocket connecting');
    const ws = new WebSocket(url, {
      headers: { authorization },
      handshakeTimeout: handshakeTimeoutMs,
      perMessageDeflate: false,
    });
    this.#ws = ws;
    this.#openedAt = undefined;
    this.#closeReason = undefined;
    this.#lastError = undefined;

    ws.on('open', () => {
      this.#openedAt = Date.now();
      this.#startKeepAlive(ws);
      this.#handlers.onOpen();
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      this.#handlers.onMessage(data.toString());
    });
    ws.on('pong', () => {
      clearTimeout(this.#pongTimer);
      this.#pongTimer = undefined;
    });
    // Without a listener, a refused connection would be an uncaught 'error'. 'close' follows.
    ws.on('error', (err) => {
      this.#lastError = err;
    });
    ws.on('close', (code, reason) => this.#onClose(ws, code, reason.toString()));
  }

  #onClose(ws: WebSocket, code: number, reasonText: string): void {
    if (this.#ws !== ws) return;
    this.#stopKeepAlive();
    this.#ws = undefined;
    const openedAt = this.#openedAt;
    const wasOpen = openedAt !== undefined;
    const reason =
      this.#closeReason ??
      (this.#lastError
        ? this.#lastError.message
        : `closed by Asterisk (${code}${reasonText ? ` ${reasonText}` : ''})`);
    this.#handlers.onClose(reason, wasOpen);

    const waiting = this.#closed;
    this.#closed = [];
    waiting.forEach((resolve) => resolve());
    if (!this.#running) return;

    if (wasOpen && Date.now() - openedAt >= this.#options.resetAfterMs) this.#backoff.reset();
    const delayMs = this.#backoff.next();
    const attempt = this.#backoff.attempt;
    // Asterisk down for minutes should not flood the log: warn on the first failure and every 10th.
    const level = wasOpen || attempt === 1 || attempt % 10 === 0 ? 'warn' : 'debug';
    this.#options.logger[level](
      { reason, wasOpen, attempt, delayMs },
      'ARI websocket closed; reconnect scheduled',
    );
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      if (this.#running && !this.#ws) this.#connect();
    }, delayMs);
  }

  #startKeepAlive(ws: WebSocket): void {
    const { pingIntervalMs, pongTimeoutMs } = this.#options;
    this.#pingTimer = setInterval(() => {
      if (ws.readyState !== WebSocket.OPEN) return;
      ws.ping();
      this.#pongTimer ??= setTimeout(() => {
        this.#pongTimer = undefined;
        this.terminate(`no pong within ${pongTimeoutMs} ms`);
      }, pongTimeoutMs);
    }, pingIntervalMs);
  }

  #stopKeepAlive(): void {
    clearInterval(this.#pingTimer);
    clearTimeout(this.#pongTimer);
    this.#pingTimer = undefined;
    this.#pongTimer = undefined;
  }
}

/** Never log credentials, should anyone put an api_key in the URL. */
function redact(url: string): string {
  return url.replace(/api_key=[^&]*/g, 'api_key=***');
}
