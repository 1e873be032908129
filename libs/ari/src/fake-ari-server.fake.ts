import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { WebSocketServer, type WebSocket } from 'ws';

import { AriClient } from './ari-client.js';
import type { AriClientOptions } from './ari-client.options.js';
import type { AriLogger } from './ari-logger.js';
import type { Bridge, Channel } from './generated/ari-types.js';

export interface RecordedRequest {
  method: string;
  /** Path after `/ari`, still percent-encoded as sent, e.g. `/channels/a%2Fb/answer`. */
  rawPath: string;
  /** Decoded path after `/ari`. */
  path: string;
  /** Raw query string without `?` (to assert encoding), and its decoded form. */
  rawQuery: string;
  query: Record<string, string>;
  /** Parsed JSON body, or undefined when none was sent. */
  body: unknown;
  contentType: string | undefined;
  authorization: string | undefined;
}

export interface RecordedUpgrade {
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
}

export interface FakeReply {
  status?: number;
  /** Sent as JSON (unless a Buffer or string, sent as is). */
  body?: unknown;
  /** Answer only after this long (to test client timeouts). */
  delayMs?: number;
}

export type FakeRoute = FakeReply | ((request: RecordedRequest) => FakeReply);

/**
 * An ARI server in-process: REST on node:http, the events WebSocket on `ws`. Records every
 * request and WebSocket upgrade, answers from routes the test sets, and lets the test push
 * events, close or kill sockets, stop answering pings, and go down and come back on the same
 * port. Unrouted requests get 204; GET /channels and /bridges answer `channels`/`bridges`.
 */
export class FakeAriServer {
  /** Highest number of REST requests received and not yet answered at one time. */
  maxConcurrentRequests = 0;
  #answering = 0;
  readonly username: string;
  readonly password: string;
  readonly requests: RecordedRequest[] = [];
  readonly upgrades: RecordedUpgrade[] = [];
  channels: Channel[] = [];
  bridges: Bridge[] = [];

  readonly #server: Server;
  readonly #wss: WebSocketServer;
  readonly #routes = new Map<string, FakeRoute>();
  readonly #sockets = new Set<WebSocket>();
  /** Sockets that no longer answer pings; sockets opened later answer again. */
  readonly #deaf = new WeakSet<WebSocket>();
  readonly #rawSockets = new Set<Socket>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #port = 0;
  #closed = false;

  private constructor(username: string, password: string) {
    this.username = username;
    this.password = password;
    this.#server = createServer((req, res) => this.#onRequest(req, res));
    this.#server.on('connection', (socket) => {
      this.#rawSockets.add(socket);
      socket.on('close', () => this.#rawSockets.delete(socket));
    });
    this.#wss = new WebSocketServer({ noServer: true, autoPong: false });
    this.#server.on('upgrade', (req, socket, head) => this.#onUpgrade(req, socket as Socket, head));
  }

  static async start(options: { username?: string; password?: string } = {}): Promise<FakeAriServer> {
    const server = new FakeAriServer(options.username ?? 'asterisk', options.password ?? 'secret');
    await server.listen();
    return server;
  }

  get port(): number {
    return this.#port;
  }

  /** Asterisk's HTTP base, as AriClient expects it. */
  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** Open event WebSockets. */
  get socketCount(): number {
    return this.#sockets.size;
  }

  get isListening(): boolean {
    return this.#server.listening;
  }

  /** `path` is relative to `/ari` and matched decoded, e.g. `route('POST', '/channels/c1/answer', …)`. */
  route(method: string, path: string, reply: FakeRoute): void {
    this.#routes.set(`${method} ${path}`, reply);
  }

  requestsTo(method: string, path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && r.path === path);
  }

  /** Sends an event (any JSON, or a raw string) to every open event WebSocket. */
  pushEvent(event: object | string): void {
    const text = typeof event === 'string' ? event : JSON.stringify(event);
    for (const ws of this.#sockets) ws.send(text);
  }

  /** A clean close from the server side (Asterisk shutting the socket). */
  closeSockets(code = 1001, reason = 'going away'): void {
    for (const ws of this.#sockets) ws.close(code, reason);
  }

  /** The open sockets stop answering pings, like a peer that died without closing. */
  stopAnsweringPings(): void {
    for (const ws of this.#sockets) this.#deaf.add(ws);
  }

  /** Destroys the TCP connections of the event sockets without a close frame. */
  killSockets(): void {
    for (const ws of this.#sockets) ws.terminate();
  }

  /**
   * (Re)starts listening, on the same port after the first time. A no-op after close(), so the
   * rest of a test that timed out cannot leave a server open that keeps Jest from exiting.
   */
  listen(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(this.#port, '127.0.0.1', () => {
        this.#server.off('error', reject);
        this.#port = (this.#server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  /** Asterisk is down: nothing listens, every connection is dropped. */
  async stopListening(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    for (const ws of this.#sockets) ws.terminate();
    for (const socket of this.#rawSockets) socket.destroy();
    if (!this.#server.listening) return;
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.stopListening();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #authorized(req: IncomingMessage): boolean {
    const expected = `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}`;
    return req.headers.authorization === expected;
  }

  #onRequest(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://fake');
      const rawPath = (req.url ?? '/').split('?')[0].replace(/^\/ari/, '');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        rawPath,
        path: decodeURIComponent(rawPath),
        rawQuery: url.search.replace(/^\?/, ''),
        query: Object.fromEntries(url.searchParams),
        body: text.length > 0 ? JSON.parse(text) : undefined,
        contentType: req.headers['content-type'],
        authorization: req.headers.authorization,
      };
      this.requests.push(recorded);
      this.#answering++;
      this.maxConcurrentRequests = Math.max(this.maxConcurrentRequests, this.#answering);
      if (!this.#authorized(req)) {
        this.#send(res, { status: 401, body: { message: 'Authentication required' } });
        return;
      }
      const reply = this.#replyFor(recorded);
      if (reply.delayMs) {
        const timer = setTimeout(() => {
          this.#timers.delete(timer);
          this.#send(res, reply);
        }, reply.delayMs);
        this.#timers.add(timer);
      } else {
        this.#send(res, reply);
      }
    });
  }

  #replyFor(request: RecordedRequest): FakeReply {
    const route = this.#routes.get(`${request.method} ${request.path}`);
    if (route) return typeof route === 'function' ? route(request) : route;
    if (request.method === 'GET' && request.path === '/channels') return { status: 200, body: this.channels };
    if (request.method === 'GET' && request.path === '/bridges') return { status: 200, body: this.bridges };
    return { status: 204 };
  }

  #send(res: ServerResponse, reply: FakeReply): void {
    this.#answering--;
    if (res.destroyed) return;
    const status = reply.status ?? (reply.body === undefined ? 204 : 200);
    if (reply.body === undefined) {
      res.writeHead(status).end();
    } else if (Buffer.isBuffer(reply.body) || typeof reply.body === 'string') {
      res.writeHead(status, { 'content-type': 'application/octet-stream' }).end(reply.body);
    } else {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
    }
  }

  #onUpgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    this.upgrades.push({
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
    });
    if (url.pathname !== '/ari/events' || !this.#authorized(req)) {
      const status = url.pathname !== '/ari/events' ? '404 Not Found' : '401 Unauthorized';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      this.#sockets.add(ws);
      ws.on('ping', (data) => {
        if (!this.#deaf.has(ws)) ws.pong(data);
      });
      ws.on('close', () => this.#sockets.delete(ws));
    });
  }
}

/** An AriClient for the Stasis app `webcall` on `server` (its credentials); `overrides` win. */
export function clientOf(
  server: FakeAriServer,
  logger: AriLogger,
  overrides: Partial<AriClientOptions> = {},
): AriClient {
  return new AriClient({
    url: server.url,
    username: server.username,
    password: server.password,
    app: 'webcall',
    logger,
    ...overrides,
  });
}
