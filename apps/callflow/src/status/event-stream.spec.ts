import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import type { CallEvent } from '#contracts';
import { EventStream } from './event-stream.js';

const TOKEN = 'a-shared-secret-of-at-least-32-characters';
const quiet = { info: () => undefined, warn: () => undefined };

const incoming = (tenantId: number, extension: string): CallEvent => ({
  type: 'call.incoming',
  tenantId,
  extension,
  payload: {
    channelId: 'leg-1',
    callerNumber: '1002',
    hotlineNumber: '',
    extension,
    at: new Date(0).toISOString(),
  },
});

/** A client's connection attempt: its first message, or the HTTP status that refused it. */
interface Attempt {
  socket: WebSocket;
  opened: Promise<void>;
  refused: Promise<number>;
  messages: unknown[];
}

describe('EventStream', () => {
  let server: Server;
  let stream: EventStream;
  let base: string;
  const sockets: WebSocket[] = [];

  beforeEach(async () => {
    server = createServer((_req, res) => res.writeHead(404).end());
    stream = new EventStream(TOKEN, quiet);
    stream.attach(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    for (const s of sockets.splice(0)) s.terminate();
    stream.close();
    await new Promise((resolve) => server.close(resolve));
  });

  function connect(path: string, token?: string): Attempt {
    const socket = new WebSocket(`${base}${path}`, {
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });
    sockets.push(socket);
    const messages: unknown[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(data.toString())));
    socket.on('error', () => undefined);
    return {
      socket,
      messages,
      opened: new Promise((resolve) => socket.once('open', () => resolve())),
      refused: new Promise((resolve) =>
        socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
      ),
    };
  }

  /** Frames are in flight once published: a later event on the same socket proves the earlier arrived or not. */
  async function flush(attempt: Attempt, count: number): Promise<void> {
    while (attempt.messages.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  it('given connection handlers when an authenticated client connects then they run (a throwing one does not stop the others); a refused client runs none', async () => {
    const seen: string[] = [];
    stream.onClientConnected(() => {
      throw new Error('boom');
    });
    stream.onClientConnected(() => seen.push('reload'));
    expect(await connect('/events', 'wrong').refused).toBe(401);
    expect(seen).toEqual([]);
    await connect('/events', TOKEN).opened;
    while (!seen.length) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(seen).toEqual(['reload']);
  });

  it('given a client without the token or with a wrong one when it connects then it is refused with 401', async () => {
    expect(await connect('/events').refused).toBe(401);
    expect(await connect('/events', 'wrong').refused).toBe(401);
    expect(await connect('/events', `${TOKEN}x`).refused).toBe(401);
    expect(stream.status().clients).toBe(0);
  });

  it('given the right token on another path when it connects then it is refused with 404', async () => {
    expect(await connect('/status', TOKEN).refused).toBe(404);
  });

  it('given two authenticated clients when an event is published then each receives it once, as JSON', async () => {
    const a = connect('/events', TOKEN);
    const b = connect('/events', TOKEN);
    await Promise.all([a.opened, b.opened]);
    expect(stream.status().clients).toBe(2);

    stream.publish(incoming(7, '1001'));
    stream.publish({ type: 'call.ended', tenantId: 7, extension: '1001', payload: { channelId: 'leg-1' } });
    await Promise.all([flush(a, 2), flush(b, 2)]);

    for (const client of [a, b]) {
      expect(client.messages).toEqual([
        incoming(7, '1001'),
        { type: 'call.ended', tenantId: 7, extension: '1001', payload: { channelId: 'leg-1' } },
      ]);
    }
    expect(stream.status().published).toBe(2);
  });

  it('given a refused client and an authenticated one when an event is published then only the authenticated one has it', async () => {
    const bad = connect('/events', 'wrong');
    const good = connect('/events', TOKEN);
    await Promise.all([bad.refused, good.opened]);

    stream.publish(incoming(3, '1005'));
    await flush(good, 1);

    expect(good.messages).toEqual([incoming(3, '1005')]);
    expect(bad.messages).toEqual([]);
  });

  it('given a client that left when an event is published then the others still receive it', async () => {
    const leaving = connect('/events', TOKEN);
    const staying = connect('/events', TOKEN);
    await Promise.all([leaving.opened, staying.opened]);
    const closed = new Promise((resolve) => leaving.socket.once('close', resolve));
    leaving.socket.close();
    await closed;

    stream.publish(incoming(3, '1005'));
    await flush(staying, 1);

    expect(staying.messages).toHaveLength(1);
    expect(leaving.messages).toHaveLength(0);
  });

  it('given a handler when an authenticated client sends commands then well-formed ones reach it and malformed ones are dropped without closing the socket', async () => {
    const received: unknown[] = [];
    stream.onCommand(() => {
      throw new Error('a failing handler must not break the stream');
    });
    stream.onCommand((command) => received.push(command));
    const client = connect('/events', TOKEN);
    await client.opened;
    const good = { type: 'agents.changed', tenantId: 7, userIds: [11] };
    client.socket.send('not json');
    client.socket.send(JSON.stringify({ type: 'reboot', tenantId: 7 }));
    client.socket.send(JSON.stringify({ type: 'queues.changed', tenantId: '7', queueIds: [1] }));
    client.socket.send(Buffer.from(JSON.stringify(good)), { binary: true });
    client.socket.send(JSON.stringify(good));
    client.socket.send(JSON.stringify({ type: 'queues.changed', tenantId: 7, queueIds: [3, 4] }));
    while (received.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));

    expect(received).toEqual([good, { type: 'queues.changed', tenantId: 7, queueIds: [3, 4] }]);
    expect(stream.status().commandsRejected).toBe(4);
    // The socket still carries events after the bad frames.
    stream.publish(incoming(7, '1001'));
    await flush(client, 1);
    expect(client.messages).toEqual([incoming(7, '1001')]);
  });
});
