import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  CALLFLOW_EVENTS_PATH,
  parseCallflowCommand,
  type CallflowCommand,
  type CallflowStreamEvent,
} from '#contracts';

interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
}

/** Where flows hand their live events (a no-op stands in when nobody listens). */
export interface EventPublisher {
  publish(event: CallflowStreamEvent): void;
}

/** Called with each well-formed command the api sends up the stream. */
export type CommandHandler = (command: CallflowCommand) => void;

/** A client that has not answered a ping within this long is gone (half-open TCP). */
const PING_INTERVAL_MS = 15_000;
/** A client this far behind (a stalled socket) is cut off rather than buffered for ever. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** The api's commands carry id lists (up to MAX_COMMAND_IDS ids): frames stay well below this. */
const MAX_FRAME_BYTES = 64 * 1024;

/**
 * Live call events for the api: a WebSocket at `/events` on callflow's (loopback) status server.
 * Only holders of the shared token (`CALLFLOW_EVENTS_TOKEN`, sent as `Authorization: Bearer`)
 * may connect: the events carry every tenant's callers. Each event goes, as one JSON text
 * frame, to every connected client; the api filters per tenant and user. Nothing is replayed:
 * a client that was away misses what happened meanwhile (the console treats screen pops as
 * best-effort hints, not records).
 */
export class EventStream implements EventPublisher {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  private readonly alive = new WeakSet<WebSocket>();
  private readonly tokenDigest: Buffer;
  private pinger: NodeJS.Timeout | undefined;
  private published = 0;
  private readonly commandHandlers: CommandHandler[] = [];
  private readonly connectedHandlers: (() => void)[] = [];
  private commandsRejected = 0;

  constructor(
    token: string,
    private readonly logger: Logger,
  ) {
    this.tokenDigest = digest(token);
  }

  /** Serves `/events` on `server` (its other routes are untouched). */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.upgrade(req, socket, head),
    );
    this.pinger ??= setInterval(() => this.ping(), PING_INTERVAL_MS);
    this.pinger.unref();
  }

  /**
   * Commands the api sends up the same socket (`queues.changed`, `agents.changed`): each JSON
   * text frame of an authenticated client is parsed and checked; malformed ones are counted and
   * dropped, and a throwing handler never breaks the stream.
   */
  onCommand(handler: CommandHandler): void {
    this.commandHandlers.push(handler);
  }

  /**
   * An authenticated client (the api) connected: commands it sent while it was not connected
   * were dropped, so what they would have reloaded is reloaded now.
   */
  onClientConnected(handler: () => void): void {
    this.connectedHandlers.push(handler);
  }

  /** Call events, and queue and agent state (`queue.state`, `agent.state`), to every client. */
  publish(event: CallflowStreamEvent): void {
    this.published++;
    const frame = JSON.stringify(event);
    for (const client of this.wss.clients) {
      if (client.readyState !== client.OPEN) continue;
      if (client.bufferedAmount > MAX_BUFFERED_BYTES) {
        this.logger.warn('event stream client too slow: disconnecting it');
        client.terminate();
        continue;
      }
      client.send(frame);
    }
  }

  status() {
    return {
      clients: this.wss.clients.size,
      published: this.published,
      commandsRejected: this.commandsRejected,
    };
  }

  close(): void {
    if (this.pinger) clearInterval(this.pinger);
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (req.url ?? '').split('?')[0];
    if (path !== CALLFLOW_EVENTS_PATH) return refuse(socket, 404, 'Not Found');
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    // Compare digests: equal lengths for timingSafeEqual, and no early exit on the first byte.
    if (!match || !timingSafeEqual(digest(match[1]), this.tokenDigest)) {
      this.logger.warn({ from: req.socket.remoteAddress }, 'event stream: refused a bad token');
      return refuse(socket, 401, 'Unauthorized');
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.alive.add(ws);
      ws.on('pong', () => this.alive.add(ws));
      ws.on('message', (data, isBinary) => this.command(data, isBinary));
      ws.on('error', () => ws.terminate());
      ws.on('close', () => this.logger.info({ clients: this.wss.clients.size }, 'event stream client left'));
      this.logger.info({ clients: this.wss.clients.size }, 'event stream client connected');
      for (const handler of this.connectedHandlers) {
        try {
          handler();
        } catch (err) {
          this.logger.warn({ err }, 'event stream: a connection handler failed');
        }
      }
    });
  }

  private command(data: unknown, isBinary: boolean): void {
    let command: CallflowCommand | null = null;
    if (!isBinary) {
      try {
        command = parseCallflowCommand(JSON.parse(String(data)));
      } catch {
        command = null;
      }
    }
    if (!command) {
      this.commandsRejected++;
      this.logger.warn('event stream: dropped a malformed command');
      return;
    }
    for (const handler of this.commandHandlers) {
      try {
        handler(command);
      } catch (err) {
        this.logger.warn({ err, type: command.type }, 'event stream: a command handler failed');
      }
    }
  }

  private ping(): void {
    for (const client of this.wss.clients) {
      if (!this.alive.has(client)) {
        client.terminate();
        continue;
      }
      this.alive.delete(client);
      client.ping();
    }
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
