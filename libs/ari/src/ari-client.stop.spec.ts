import { AriClient } from './ari-client.js';
import type { AriClientOptions } from './ari-client.options.js';
import { activeResources, countOf, recordClientEvents, type ClientEvent } from './client-events.fake.js';
import { eventually } from './eventually.fake.js';
import { clientOf, FakeAriServer } from './fake-ari-server.fake.js';
import { RecordingLogger } from './recording-logger.fake.js';
import { TimerTracker } from './timer-tracker.fake.js';

const RECONNECT_SCHEDULED = 'ARI websocket closed; reconnect scheduled';
/**
 * Timers created from the library's own code (not from the fakes or this spec): the fake
 * server's side of a closing WebSocket may hold a close timer a moment longer, and that is not
 * the client's.
 */
const LIBRARY_FRAME = /libs\/ari\/src\/(?![\w.-]*\.(?:fake|spec)\.ts)[\w.-]+\.ts/;

/** TCP handles that would keep Jest from exiting (closing them is asynchronous, hence polling). */
function tcpHandles(): number {
  const all = activeResources();
  return (all.TCPSocketWrap ?? 0) + (all.TCPServerWrap ?? 0);
}

describe('AriClient stop', () => {
  let timers: TimerTracker;
  let server: FakeAriServer;
  let logger: RecordingLogger;
  let client: AriClient | undefined;

  beforeEach(async () => {
    await eventually(() => expect(tcpHandles()).toBe(0)); // whatever earlier files opened is gone
    timers = new TimerTracker();
    timers.install();
    server = await FakeAriServer.start();
    logger = new RecordingLogger();
  });

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    await server.close();
    timers.uninstall();
  });

  function newClient(overrides: Partial<AriClientOptions> = {}): { client: AriClient; log: ClientEvent[] } {
    client = clientOf(server, logger, overrides);
    return { client, log: recordClientEvents(client) };
  }

  it('given a connected client then stop() closes the socket and leaves no timer or socket behind', async () => {
    const { client, log } = newClient({
      reconnect: { initialDelayMs: 10, maxDelayMs: 20 },
      keepAlive: { intervalMs: 20, timeoutMs: 2000 }, // a ping timer runs when we stop
    });
    client.start();
    await eventually(() => expect(countOf(log, 'reconciled')).toBe(1));
    client.channelScope('c1').once('ChannelDtmfReceived', undefined, 60_000);
    expect(timers.liveFrom(LIBRARY_FRAME).length).toBeGreaterThanOrEqual(2); // keep-alive + once timeout

    await client.stop();

    expect(timers.liveFrom(LIBRARY_FRAME)).toEqual([]);
    expect(client.isConnected).toBe(false);
    expect(client.activeScopeCount).toBe(0);
    expect(log.at(-1)).toEqual({ name: 'disconnected', reason: 'stopped' });
    await eventually(() => expect(server.socketCount).toBe(0));
    const upgrades = server.upgrades.length;
    await server.close();
    await eventually(() => expect(tcpHandles()).toBe(0));
    expect(server.upgrades).toHaveLength(upgrades);
    expect(logger.withMessage(RECONNECT_SCHEDULED)).toHaveLength(0);
    expect(logger.entries.filter((e) => e.level === 'error')).toEqual([]);
    await client.stop(); // idempotent
    expect(timers.liveFrom(LIBRARY_FRAME)).toEqual([]);
  });

  it('given Asterisk is down and a retry is scheduled then stop() cancels it', async () => {
    await server.stopListening();
    const { client } = newClient({ reconnect: { initialDelayMs: 10_000, maxDelayMs: 10_000 } });
    client.start();
    await eventually(() => expect(logger.withMessage(RECONNECT_SCHEDULED)).toHaveLength(1));
    expect(timers.liveFrom(LIBRARY_FRAME)).toHaveLength(1);

    await client.stop();

    expect(timers.liveFrom(LIBRARY_FRAME)).toEqual([]);
    await eventually(() => expect(tcpHandles()).toBe(0));
  });

  it('given stop() right after connecting, during reconciliation, then nothing is logged as failed', async () => {
    const { client, log } = newClient();
    server.route('GET', '/channels', { body: [], delayMs: 1000 });
    client.start();
    await eventually(() => expect(server.requestsTo('GET', '/channels')).toHaveLength(1));
    await client.stop();
    await server.close(); // also drops the fake's own timer for the delayed answer
    expect(timers.liveFrom(LIBRARY_FRAME)).toEqual([]);
    expect(countOf(log, 'reconciled')).toBe(0);
    expect(logger.entries.filter((e) => e.level === 'error')).toEqual([]);
  });

  it('given a stopped client then start() connects it again', async () => {
    const { client, log } = newClient();
    client.start();
    await eventually(() => expect(countOf(log, 'reconciled')).toBe(1));
    await client.stop();
    client.start();
    await client.waitUntilConnected(2000);
    await eventually(() => expect(countOf(log, 'reconciled')).toBe(2));
    expect(log.map((e) => e.name)).toEqual([
      'connected',
      'reconciled',
      'disconnected',
      'connected',
      'reconciled',
    ]);
    expect(server.upgrades).toHaveLength(2);
  });
});
