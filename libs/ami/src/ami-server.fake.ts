import { createHook } from 'node:async_hooks';
import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

import { AmiParser, amiField, type AmiMessage } from './ami-protocol.js';

/** Headers of a message the fake sends; arrays become repeated headers. */
export type FakeAmiFields = Readonly<Record<string, FakeAmiValue>>;
/** `undefined` is skipped (and lets TypeScript infer arrays of differently shaped messages). */
export type FakeAmiValue = string | number | readonly string[] | undefined;

/**
 * Scripted answer to an action. Return one message (the response) or several (response, then
 * list events…) — the action's ActionID is added to each — or nothing and answer later through
 * `session.send()`.
 */
export type FakeActionHandler = (
  action: AmiMessage,
  session: FakeAmiSession,
) => FakeAmiFields | FakeAmiFields[] | void;

export interface FakeAmiServerOptions {
  readonly username?: string;
  readonly secret?: string;
  readonly banner?: string;
  /** Send `Event: FullyBooted` after a successful Login, as Asterisk does (default true). */
  readonly fullyBootedOnLogin?: boolean;
}

/** Serializes a message the way Asterisk writes it. */
export function formatAmiMessage(fields: FakeAmiFields): string {
  let out = '';
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const values: readonly (string | number)[] = Array.isArray(value) ? value : [value as string | number];
    for (const item of values) out += `${name}: ${item}\r\n`;
  }
  return `${out}\r\n`;
}

/** One client connection to the fake server. */
export class FakeAmiSession {
  loggedIn = false;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    readonly socket: Socket,
    private readonly server: FakeAmiServer,
  ) {}

  /** Sends a message (response or event). */
  send(fields: FakeAmiFields): void {
    this.sendRaw(formatAmiMessage(fields));
  }

  /** Sends raw text, honouring the server's `chunkSize` (then in order, one chunk per tick). */
  sendRaw(text: string): void {
    const chunkSize = this.server.chunkSize;
    if (chunkSize === undefined) {
      if (!this.socket.destroyed) this.socket.write(text);
      return;
    }
    const bytes = Buffer.from(text, 'utf8');
    this.writing = this.writing.then(async () => {
      for (let offset = 0; offset < bytes.length && !this.socket.destroyed; offset += chunkSize) {
        this.socket.write(bytes.subarray(offset, offset + chunkSize));
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    });
  }

  /** Answers an action: adds its ActionID to each message. */
  reply(action: AmiMessage, messages: FakeAmiFields | readonly FakeAmiFields[]): void {
    const actionId = amiField(action, 'ActionID');
    const list: readonly FakeAmiFields[] = Array.isArray(messages) ? messages : [messages as FakeAmiFields];
    for (const message of list) {
      this.send(actionId === undefined ? message : { ...message, ActionID: actionId });
    }
  }

  /** Closes gracefully once everything queued is written. */
  end(): void {
    this.writing = this.writing.then(() => {
      this.socket.end();
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

/**
 * A fake Asterisk Manager Interface on 127.0.0.1 (random port) for unit tests: sends the
 * banner, records every action (parsed), answers Login (by credentials), Ping and Logoff,
 * runs scripted handlers, pushes events, can split its output into tiny chunks, drop every
 * connection, stop answering (`silent`) or stop listening for a while (`close()` then `listen()`).
 */
export class FakeAmiServer {
  username: string;
  secret: string;
  /** When set, every write is split into chunks of this many bytes. */
  chunkSize: number | undefined;
  /** When true, actions are recorded but never answered (a hung Asterisk). */
  silent = false;
  /** Also silent: accept TCP connections but do not even send the banner. */
  mute = false;
  /** Every action received, across connections, in arrival order. */
  readonly actions: AmiMessage[] = [];
  /** Live sessions. */
  readonly sessions = new Set<FakeAmiSession>();
  /** Number of TCP connections accepted so far. */
  connectionCount = 0;

  private readonly handlers = new Map<string, FakeActionHandler>();
  private readonly banner: string;
  private readonly fullyBootedOnLogin: boolean;
  private server: Server | undefined;
  private boundPort = 0;

  private constructor(options: FakeAmiServerOptions) {
    this.username = options.username ?? 'webcall';
    this.secret = options.secret ?? 'secret';
    this.banner = options.banner ?? 'Asterisk Call Manager/11.0.0';
    this.fullyBootedOnLogin = options.fullyBootedOnLogin ?? true;
  }

  static async start(options: FakeAmiServerOptions = {}): Promise<FakeAmiServer> {
    const fake = new FakeAmiServer(options);
    await fake.listen();
    return fake;
  }

  get port(): number {
    return this.boundPort;
  }

  /** Starts listening (again, on the same port after `close()`). */
  async listen(): Promise<void> {
    const server = createServer((socket) => this.accept(socket));
    server.listen(this.boundPort, '127.0.0.1');
    await once(server, 'listening');
    this.boundPort = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening and destroys every connection. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.dropConnections();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Scripts the answer to an action name (case-insensitive), replacing any previous one. */
  handle(actionName: string, handler: FakeActionHandler): void {
    this.handlers.set(actionName.toLowerCase(), handler);
  }

  /** Actions received with this `Action:` (case-insensitive). */
  actionsNamed(actionName: string): AmiMessage[] {
    const wanted = actionName.toLowerCase();
    return this.actions.filter((action) => amiField(action, 'Action')?.toLowerCase() === wanted);
  }

  /** Sends an event to every logged-in session. */
  pushEvent(fields: FakeAmiFields): void {
    for (const session of this.sessions) if (session.loggedIn) session.send(fields);
  }

  dropConnections(): void {
    for (const session of this.sessions) session.close();
  }

  private accept(socket: Socket): void {
    this.connectionCount += 1;
    socket.setNoDelay(true);
    const session = new FakeAmiSession(socket, this);
    this.sessions.add(session);
    const parser = new AmiParser();
    socket.on('error', () => {});
    socket.on('close', () => this.sessions.delete(session));
    socket.on('data', (chunk: Buffer) => {
      for (const frame of parser.push(chunk)) {
        if (frame.type === 'message') this.onAction(frame.message, session);
      }
    });
    if (!this.mute) session.sendRaw(`${this.banner}\r\n`);
  }

  private onAction(action: AmiMessage, session: FakeAmiSession): void {
    this.actions.push(action);
    if (this.silent || this.mute) return;
    const name = (amiField(action, 'Action') ?? '').toLowerCase();
    if (name === 'login') {
      this.login(action, session);
      return;
    }
    if (!session.loggedIn) {
      session.reply(action, { Response: 'Error', Message: 'Permission denied' });
      return;
    }
    const handler = this.handlers.get(name);
    if (handler) {
      const answer = handler(action, session);
      if (answer) session.reply(action, answer);
      return;
    }
    switch (name) {
      case 'ping':
        session.reply(action, { Response: 'Success', Ping: 'Pong', Timestamp: '1700000000.000000' });
        return;
      case 'logoff':
        session.reply(action, { Response: 'Goodbye', Message: 'Thanks for all the fish.' });
        session.end();
        return;
      default:
        session.reply(action, { Response: 'Error', Message: 'Invalid/unknown command' });
    }
  }

  private login(action: AmiMessage, session: FakeAmiSession): void {
    const handler = this.handlers.get('login');
    if (handler) {
      const answer = handler(action, session);
      if (answer) session.reply(action, answer);
      return;
    }
    if (amiField(action, 'Username') === this.username && amiField(action, 'Secret') === this.secret) {
      session.loggedIn = true;
      session.reply(action, { Response: 'Success', Message: 'Authentication accepted' });
      if (this.fullyBootedOnLogin) {
        session.send({
          Event: 'FullyBooted',
          Privilege: 'system,all',
          Uptime: 10,
          LastReload: 10,
          Status: 'Fully Booted',
        });
      }
    } else {
      session.reply(action, { Response: 'Error', Message: 'Authentication failed' });
    }
  }
}

/**
 * Polls `check` until it stops throwing and returns its value (expectEventually): no sleeps
 * of fixed length in tests.
 */
export async function eventually<T>(
  check: () => T | Promise<T>,
  { timeoutMs = 3_000, intervalMs = 5 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
    await new Promise<void>((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Records the timers and TCP handles created from now on, so a test can assert that all of
 * them are gone again (what `--detectOpenHandles` checks, but per test and with a verdict).
 * A timer counts as gone once fired or cleared (`_destroyed`; async_hooks' destroy callback
 * comes later, which would keep the polling helper's own last timer "alive").
 */
export function trackHandles(): { alive(): string[]; dispose(): void } {
  const tracked = new Set(['Timeout', 'TCPWRAP', 'TCPSERVERWRAP']);
  const alive = new Map<number, { type: string; resource: unknown }>();
  const hook = createHook({
    init(asyncId, type, _triggerAsyncId, resource) {
      if (tracked.has(type)) alive.set(asyncId, { type, resource });
    },
    destroy(asyncId) {
      alive.delete(asyncId);
    },
  }).enable();
  return {
    alive: () =>
      [...alive.values()]
        .filter(
          ({ type, resource }) => type !== 'Timeout' || !(resource as { _destroyed?: boolean })._destroyed,
        )
        .map(({ type }) => type)
        .sort(),
    dispose: () => hook.disable(),
  };
}
