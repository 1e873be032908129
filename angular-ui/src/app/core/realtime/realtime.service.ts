import { DestroyRef, Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import type { CallEndedEvent, IncomingCallEvent } from '@webcall/contracts';
import type { Socket } from 'socket.io-client';
import { AuthService } from '../auth/auth.service';

/** A handler given to `on()`, as socket.io takes it. */
type Listener = (...args: unknown[]) => void;

/** At most this many screen pops are kept (the newest): a burst must not cover the page. */
const MAX_POPS = 3;
/** A refused token triggers at most one session refresh per this interval (no refresh loop). */
const REFRESH_AFTER_REFUSAL_MS = 30_000;

/**
 * The console's live channel to the api (socket.io at `/socket.io`, same origin). It connects
 * once signed in, with the current access token in the handshake; a refreshed token means a new
 * connection with it; signing out disconnects. Today it carries the screen pops of calls ringing
 * the user's own extension (`call.incoming` / `call.ended`); the queue panel (`agent.state`) and
 * the supervisors' live queue view (`queue.state`) listen on the same socket through `on()`.
 */
@Injectable({ providedIn: 'root' })
export class RealtimeService {
  private readonly auth = inject(AuthService);
  private socket: Socket | null = null;
  /** Bumped by every connect/disconnect: a slow client-library load must not revive a stale one. */
  private generation = 0;
  private lastRefusalRefresh = 0;
  /** Listeners added through `on()`: kept across reconnections and new sockets. */
  private readonly listeners = new Map<string, Set<Listener>>();

  readonly connected = signal(false);
  /** Calls ringing this user's extension now, newest last. */
  readonly incoming = signal<readonly IncomingCallEvent[]>([]);
  readonly hasIncoming = computed(() => this.incoming().length > 0);

  /** Operators belong to no company and have no extension: nothing live for them yet. */
  private readonly token = computed(() => {
    const user = this.auth.user();
    return user && user.tenantId !== null ? this.auth.accessToken() : null;
  });

  constructor() {
    effect(() => {
      const token = this.token();
      untracked(() => (token ? void this.connect() : this.disconnect()));
    });
    inject(DestroyRef).onDestroy(() => this.disconnect());
  }

  /**
   * Listens to a server event on the live channel, now and after any reconnection; returns the
   * function that stops listening (call it when the listening view is destroyed). Events missed
   * while disconnected are not replayed: re-read the state when `connected()` turns true again.
   */
  on<T>(event: string, handler: (payload: T) => void): () => void {
    const forEvent = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, forEvent);
    const listener = handler as Listener;
    forEvent.add(listener);
    this.socket?.on(event, listener);
    return () => {
      forEvent.delete(listener);
      this.socket?.off(event, listener);
    };
  }

  dismiss(channelId: string): void {
    this.incoming.update((pops) => pops.filter((p) => p.channelId !== channelId));
  }

  /** (Re)connects with the current token: the handshake is the only place it is checked. */
  private async connect(): Promise<void> {
    const generation = ++this.generation;
    if (this.socket) {
      this.socket.disconnect().connect();
      return;
    }
    // Loaded on demand: the client library stays out of the sign-in page's initial bundle.
    const { io } = await import('socket.io-client');
    if (generation !== this.generation || this.socket) return;
    const socket = io({
      path: '/socket.io',
      // Read at every (re)connection attempt: socket.io's own retries use the freshest token.
      auth: (cb) => cb({ token: this.auth.accessToken() }),
      transports: ['websocket'],
    });
    this.socket = socket;
    socket.on('connect', () => this.connected.set(true));
    socket.on('disconnect', (reason) => {
      this.connected.set(false);
      // The server ends a connection when its token expires: come back with the refreshed one.
      if (reason === 'io server disconnect' && this.token()) socket.connect();
    });
    socket.on('connect_error', (err) => {
      this.connected.set(false);
      // A refused handshake is not retried by socket.io: a stale token (the tab slept past its
      // refresh) gets one session refresh, whose new token reconnects through the effect.
      if (!socket.active && err.message === 'unauthorized' && this.token()) {
        const now = Date.now();
        if (now - this.lastRefusalRefresh < REFRESH_AFTER_REFUSAL_MS) return;
        this.lastRefusalRefresh = now;
        void this.auth.refresh();
      }
    });
    socket.on('call.incoming', (event: IncomingCallEvent) =>
      this.incoming.update((pops) =>
        [...pops.filter((p) => p.channelId !== event.channelId), event].slice(-MAX_POPS),
      ),
    );
    socket.on('call.ended', (event: CallEndedEvent) => this.dismiss(event.channelId));
    for (const [event, handlers] of this.listeners) for (const handler of handlers) socket.on(event, handler);
  }

  private disconnect(): void {
    this.generation++;
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.connected.set(false);
    this.incoming.set([]);
  }
}
