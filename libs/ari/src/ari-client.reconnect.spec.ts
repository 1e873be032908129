import { createServer, type Server, type Socket } from 'node:net';

import { AriClient } from './ari-client.js';
import type { AriClientOptions } from './ari-client.options.js';
import { AriChannelGoneError } from './ari-errors.js';
import { ariEvent, fakeChannel } from './ari-events.fake.js';
import { countOf, recordClientEvents, type ClientEvent } from './client-events.fake.js';
import { eventually } from './eventually.fake.js';
import { clientOf, FakeAriServer } from './fake-ari-server.fake.js';
import { RecordingLogger } from './recording-logger.fake.js';

const RECONNECT_SCHEDULED = 'ARI websocket closed; reconnect scheduled';

describe('AriClient reconnect', () => {
  let server: FakeAriServer;
  let logger: RecordingLogger;
  let clients: AriClient[];

  beforeEach(async () => {
    server = await FakeAriServer.start();
    logger = new RecordingLogger();
    clients = [];
  });

  afterEach(async () => {
    for (const client of clients) await client.stop();
    await server.close();
  });

  function newClient(overrides: Partial<AriClientOptions> = {}): { client: AriClient; log: ClientEvent[] } {
    const client = clientOf(server, logger, {
      reconnect: { initialDelayMs: 10, maxDelayMs: 40 },
      random: () => 1, // no jitter: delays are exactly 10, 20, 40, 40…
      ...overrides,
    });
    clients.push(client);
    return { client, log: recordClientEvents(client) };
  }

  async function connected(client: AriClient, log: ClientEvent[], times = 1): Promise<void> {
    client.start();
    await eventually(() => expect(countOf(log, 'reconciled')).toBe(times));
    expect(client.isConnected).toBe(true);
  }

  function scheduledReconnects(): { attempt: number; delayMs: number; wasOpen: boolean }[] {
    return logger.withMessage(RECONNECT_SCHEDULED).map((e) => ({
      attempt: e.obj.attempt as number,
      delayMs: e.obj.delayMs as number,
      wasOpen: e.obj.wasOpen as boolean,
    }));
  }

  it('given Asterisk closes the socket then it reports why, reconnects and reconciles again', async () => {
    const { client, log } = newClient();
    await connected(client, log);
    server.channels = [fakeChannel('c7')];

    server.closeSockets(1001, 'going away');

    await eventually(() => expect(countOf(log, 'reconciled')).toBe(2));
    expect(log.map((e) => e.name)).toEqual([
      'connected',
      'reconciled',
      'disconnected',
      'connected',
      'reconciled',
    ]);
    expect(log[2]).toEqual({ name: 'disconnected', reason: 'closed by Asterisk (1001 going away)' });
    expect(log[4]).toEqual({ name: 'reconciled', snapshot: { channels: [fakeChannel('c7')], bridges: [] } });
    expect(server.upgrades).toHaveLength(2);
    expect(scheduledReconnects()).toEqual([{ attempt: 1, delayMs: 10, wasOpen: true }]);
  });

  it('given the TCP connection dies without a close frame then it reconnects', async () => {
    const { client, log } = newClient();
    await connected(client, log);
    server.killSockets();
    await eventually(() => expect(countOf(log, 'reconciled')).toBe(2));
    expect(countOf(log, 'disconnected')).toBe(1);
    server.pushEvent(ariEvent('StasisStart', { args: [], channel: fakeChannel('after') }));
    await eventually(() =>
      expect(log.at(-1)).toMatchObject({ name: 'event', event: { channel: { id: 'after' } } }),
    );
  });

  it('given Asterisk is down for a while then retries back off up to the cap and it recovers when Asterisk returns', async () => {
    const { client, log } = newClient();
    await connected(client, log);

    await server.stopListening();
    await eventually(() => expect(scheduledReconnects().length).toBeGreaterThanOrEqual(6));
    expect(client.isConnected).toBe(false);
    const delays = scheduledReconnects().map((r) => r.delayMs);
    expect(delays.slice(0, 6)).toEqual([10, 20, 40, 40, 40, 40]);
    expect(Math.max(...delays)).toBeLessThanOrEqual(40);

    server.channels = [fakeChannel('survivor'), fakeChannel('new')];
    await server.listen();

    await eventually(() => expect(countOf(log, 'reconciled')).toBe(2));
    expect(client.isConnected).toBe(true);
    expect(log.filter((e) => e.name !== 'event').at(-1)).toEqual({
      name: 'reconciled',
      snapshot: { channels: [fakeChannel('survivor'), fakeChannel('new')], bridges: [] },
    });
    expect(countOf(log, 'disconnected')).toBe(1);
  });

  it('given real jitter then every delay stays within the cap', async () => {
    const { client, log } = newClient({ random: undefined });
    await connected(client, log);
    await server.stopListening();
    await eventually(() => expect(scheduledReconnects().length).toBeGreaterThanOrEqual(8));
    for (const { delayMs } of scheduledReconnects()) {
      expect(delayMs).toBeGreaterThanOrEqual(5);
      expect(delayMs).toBeLessThanOrEqual(40);
    }
  });

  it('given connections that do not last then the backoff keeps growing', async () => {
    const { client, log } = newClient({
      reconnect: { initialDelayMs: 10, maxDelayMs: 40, resetAfterMs: 60_000 },
    });
    await connected(client, log);
    for (let round = 2; round <= 3; round += 1) {
      server.closeSockets();
      await eventually(() => expect(countOf(log, 'reconciled')).toBe(round));
    }
    expect(scheduledReconnects().map((r) => r.attempt)).toEqual([1, 2]);
  });

  it('given connections that lasted then the backoff starts over each time', async () => {
    const { client, log } = newClient({ reconnect: { initialDelayMs: 10, maxDelayMs: 40, resetAfterMs: 5 } });
    await connected(client, log);
    for (let round = 2; round <= 3; round += 1) {
      const openSince = Date.now();
      await eventually(() => expect(Date.now() - openSince).toBeGreaterThan(10));
      server.closeSockets();
      await eventually(() => expect(countOf(log, 'reconciled')).toBe(round));
    }
    expect(scheduledReconnects().map((r) => r.attempt)).toEqual([1, 1]);
  });

  it('given the peer stops answering pings then the socket is terminated and replaced', async () => {
    // A generous pong timeout: a loaded CI machine must not look like a dead peer.
    const { client, log } = newClient({ keepAlive: { intervalMs: 20, timeoutMs: 300 } });
    await connected(client, log);
    server.stopAnsweringPings();

    await eventually(() => expect(countOf(log, 'disconnected')).toBe(1));
    expect(log.find((e) => e.name === 'disconnected')).toEqual({
      name: 'disconnected',
      reason: 'no pong within 300 ms',
    });
    await eventually(() => expect(countOf(log, 'reconciled')).toBe(2));
    // Answered pings keep the connection: a few more intervals pass without a disconnect.
    const since = Date.now();
    await eventually(() => expect(Date.now() - since).toBeGreaterThan(100));
    expect(countOf(log, 'disconnected')).toBe(1);
  });

  it('given the snapshot cannot be fetched then it reconnects until reconciliation succeeds', async () => {
    server.route('GET', '/channels', { status: 500, body: { message: 'busy' } });
    const { client, log } = newClient();
    client.start();
    await eventually(() => expect(countOf(log, 'disconnected')).toBeGreaterThanOrEqual(2));
    expect(countOf(log, 'reconciled')).toBe(0);
    expect(log.find((e) => e.name === 'disconnected')).toEqual({
      name: 'disconnected',
      reason: 'reconcile failed',
    });

    server.route('GET', '/channels', () => ({ body: [fakeChannel('c1')] }));
    await eventually(() => expect(countOf(log, 'reconciled')).toBe(1));
    expect(client.isConnected).toBe(true);
  });

  it('given a StasisEnd missed while disconnected then the reconnect snapshot releases that scope', async () => {
    const { client, log } = newClient();
    await connected(client, log);
    const hungUp = client.channelScope('hung-up');
    const alive = client.channelScope('alive');
    const outbound = client.channelScope('about-to-be-originated');
    server.pushEvent(ariEvent('StasisStart', { args: [], channel: fakeChannel('hung-up') }));
    server.pushEvent(ariEvent('StasisStart', { args: [], channel: fakeChannel('alive') }));
    await eventually(() => expect(countOf(log, 'event')).toBe(2));
    const pending = hungUp.once('ChannelDtmfReceived').catch((e: unknown) => e);

    server.channels = [fakeChannel('alive')];
    server.killSockets();

    await eventually(() => expect(countOf(log, 'reconciled')).toBe(2));
    expect(await pending).toBeInstanceOf(AriChannelGoneError);
    expect([hungUp.isDisposed, alive.isDisposed, outbound.isDisposed]).toEqual([true, false, false]);
    expect(client.activeScopeCount).toBe(2);
  });

  it('given wrong credentials then it keeps retrying and logs why', async () => {
    const { client, log } = newClient({ password: 'wrong' });
    client.start();
    await eventually(() => expect(scheduledReconnects().length).toBeGreaterThanOrEqual(3));
    expect(logger.withMessage(RECONNECT_SCHEDULED)[0].obj.reason).toBe('Unexpected server response: 401');
    expect(countOf(log, 'connected')).toBe(0);
    expect(server.upgrades[0].authorization).toBe(
      `Basic ${Buffer.from('asterisk:wrong').toString('base64')}`,
    );
  });

  it('given a handshake that hangs then it times out and retries', async () => {
    const sockets = new Set<Socket>();
    const blackHole: Server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const port = (blackHole.address() as { port: number }).port;
    try {
      const { client } = newClient({ url: `http://127.0.0.1:${port}`, requestTimeoutMs: 30 });
      client.start();
      await eventually(() => expect(scheduledReconnects().length).toBeGreaterThanOrEqual(2));
      expect(logger.withMessage(RECONNECT_SCHEDULED)[0].obj.reason).toBe('Opening handshake has timed out');
      await client.stop();
      expect(client.isConnected).toBe(false);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => blackHole.close(() => resolve()));
    }
  });
});
