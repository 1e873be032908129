import WebSocket from 'ws';
import { Backoff } from '#ari';
import { parseCallflowEvent, type CallflowCommand, type CallflowStreamEvent } from '#contracts';

interface Logger {
  log(message: string): void;
  warn(message: string): void;
}

export interface CallflowEventsOptions {
  url: string;
  token: string;
  onEvent: (event: CallflowStreamEvent) => void;
  /** Told when the stream opens (true) or is lost (false): state cached from it is stale then. */
  onConnection?: (connected: boolean) => void;
  logger: Logger;
  /** First retry delay; doubles per failed attempt up to `maxDelayMs`. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * The api's subscription to callflow's live call events (`/events`, shared-token auth). It
 * reconnects for ever with capped exponential backoff and jitter: callflow restarts and the two
 * processes start in any order. Malformed frames are dropped (and logged), never relayed.
 */
export class CallflowEventsClient {
  private socket: WebSocket | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly backoff: Backoff;
  private stopped = true;

  constructor(private readonly options: CallflowEventsOptions) {
    this.backoff = new Backoff({
      initialDelayMs: options.minDelayMs ?? 500,
      maxDelayMs: options.maxDelayMs ?? 15_000,
    });
  }

  get isConnected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /**
   * Sends a command up to callflow. Nothing is queued: while callflow is away the command is
   * dropped (callflow reloads everything when it connects). Returns whether it was sent.
   */
  send(command: CallflowCommand): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(command), (err) => {
      if (err) this.options.logger.warn(`could not send ${command.type} to callflow: ${err.message}`);
    });
    return true;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.socket?.removeAllListeners();
    this.socket?.on('error', () => undefined);
    this.socket?.terminate();
    this.socket = undefined;
  }

  private connect(): void {
    const { url, token, logger } = this.options;
    const socket = new WebSocket(url, {
      headers: { authorization: `Bearer ${token}` },
      maxPayload: 64 * 1024,
    });
    this.socket = socket;
    let opened = false;
    socket.on('open', () => {
      this.backoff.reset();
      opened = true;
      logger.log(`connected to callflow's event stream ${url}`);
      this.options.onConnection?.(true);
    });
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const event = parse(data.toString());
      if (!event) return logger.warn('dropped a malformed event from callflow');
      this.options.onEvent(event);
    });
    socket.on('unexpected-response', (_req, res) => {
      // 401: the token differs from callflow's. Retrying helps once the config is fixed.
      logger.warn(`callflow's event stream refused the connection: HTTP ${res.statusCode}`);
      socket.terminate();
    });
    socket.on('error', (err) => {
      // While callflow is down every attempt fails the same way: log the first and every 10th.
      if (this.backoff.attempt % 10 === 0) logger.warn(`callflow's event stream: ${err.message} (retrying)`);
    });
    socket.on('close', () => {
      if (this.socket !== socket || this.stopped) return;
      if (opened) {
        logger.warn("lost callflow's event stream: reconnecting");
        this.options.onConnection?.(false);
      }
      this.schedule();
    });
  }

  private schedule(): void {
    // Jittered: several api processes must not hammer a restarting callflow in lockstep.
    this.timer = setTimeout(() => this.connect(), this.backoff.next());
    this.timer.unref();
  }
}

function parse(text: string): CallflowStreamEvent | null {
  try {
    return parseCallflowEvent(JSON.parse(text));
  } catch {
    return null;
  }
}
