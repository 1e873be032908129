import { io, type Socket } from 'socket.io-client';
import type { CallEndedEvent, IncomingCallEvent } from '#contracts';
import { expectEventually } from './eventually.js';

/** A console's live channel as a test sees it: every event received, in order. */
export interface LiveClient {
  socket: Socket;
  received: { type: string; payload: IncomingCallEvent | CallEndedEvent }[];
  close(): void;
}

/** Connects to the api's socket.io with `token`; resolves once connected, rejects with the refusal. */
export async function connectLive(apiUrl: string, token: unknown): Promise<LiveClient> {
  const socket = io(apiUrl, {
    path: '/socket.io',
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const received: LiveClient['received'] = [];
  socket.on('call.incoming', (payload: IncomingCallEvent) =>
    received.push({ type: 'call.incoming', payload }),
  );
  socket.on('call.ended', (payload: CallEndedEvent) => received.push({ type: 'call.ended', payload }));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
  return { socket, received, close: () => socket.close() };
}

/** The message of the connection refusal for `token` (fails if the connection is accepted). */
export async function refusalOf(apiUrl: string, token: unknown): Promise<string> {
  try {
    (await connectLive(apiUrl, token)).close();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the connection was accepted');
}

/** Waits until callflow reports `clients` api subscribers on its event stream. */
export async function waitForEventSubscribers(statusUrl: string, clients = 1): Promise<void> {
  await expectEventually(async () => {
    const status = (await (await fetch(statusUrl)).json()) as { events?: { clients: number } };
    if ((status.events?.clients ?? 0) < clients)
      throw new Error(`callflow has ${status.events?.clients} subscribers`);
  });
}
