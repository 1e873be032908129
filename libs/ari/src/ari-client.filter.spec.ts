import { AriClient } from './ari-client.js';
import { ariEvent, fakeChannel } from './ari-events.fake.js';
import { countOf, recordClientEvents, type ClientEvent } from './client-events.fake.js';
import { eventually } from './eventually.fake.js';
import { clientOf, FakeAriServer } from './fake-ari-server.fake.js';
import { RecordingLogger } from './recording-logger.fake.js';

describe('AriClient events option (Asterisk event filter)', () => {
  let server: FakeAriServer;
  let client: AriClient;
  let logger: RecordingLogger;
  let log: ClientEvent[];

  beforeEach(async () => {
    server = await FakeAriServer.start();
    logger = new RecordingLogger();
    client = clientOf(server, logger, {
      reconnect: { initialDelayMs: 10, maxDelayMs: 40 },
      events: ['StasisStart', 'StasisEnd', 'ChannelDestroyed'],
    });
    log = recordClientEvents(client);
  });

  afterEach(async () => {
    await client.stop();
    await server.close();
  });

  const filterRequests = () => server.requestsTo('PUT', '/applications/webcall/eventFilter');

  it('given a connect and a reconnect then the allow-list is sent after each, and nothing is disallowed', async () => {
    client.start();
    await client.waitUntilConnected(2000);
    await eventually(() => expect(filterRequests()).toHaveLength(1));
    expect(filterRequests()[0]!.body).toEqual({
      allowed: [{ type: 'StasisStart' }, { type: 'StasisEnd' }, { type: 'ChannelDestroyed' }],
      disallowed: [],
    });

    server.closeSockets();
    await eventually(() => expect(countOf(log, 'connected')).toBe(2));
    await eventually(() => expect(filterRequests()).toHaveLength(2));
  });

  it('given Asterisk refuses the filter then the client stays connected, warns once and delivers events', async () => {
    server.route('PUT', '/applications/webcall/eventFilter', { status: 500, body: { message: 'boom' } });
    const starts: string[] = [];
    client.on('StasisStart', (e) => void starts.push(e.channel.id));
    client.start();
    await client.waitUntilConnected(2000);
    await eventually(() => expect(logger.entries.filter((e) => e.level === 'warn')).toHaveLength(1));
    expect(logger.entries.find((e) => e.level === 'warn')!.msg).toMatch(/event filter not set/);

    server.pushEvent(ariEvent('StasisStart', { args: [], channel: fakeChannel('c1') }));
    await eventually(() => expect(starts).toEqual(['c1']));
    expect(client.isConnected).toBe(true);
    expect(countOf(log, 'disconnected')).toBe(0);
  });

  it('given a listener for a filtered-out type then registering it throws and adds nothing', () => {
    expect(() => client.on('PlaybackFinished', () => undefined)).toThrow(/PlaybackFinished/);
    expect(client.listenerCount('PlaybackFinished')).toBe(0);
    // The client's own events and allowed types register as usual.
    expect(() => client.on('StasisEnd', () => undefined)).not.toThrow();
    expect(() => client.on('connected', () => undefined)).not.toThrow();
  });

  it('given a channel scope then waiting for a filtered-out type throws, allowed types work', async () => {
    const scope = client.channelScope('c1');
    expect(() => scope.on('ChannelDtmfReceived', () => undefined)).toThrow(/ChannelDtmfReceived/);
    expect(() => scope.once('PlaybackFinished')).toThrow(/PlaybackFinished/);

    client.start();
    await client.waitUntilConnected(2000);
    const end = scope.once('StasisEnd');
    server.pushEvent(ariEvent('StasisEnd', { channel: fakeChannel('c1') }));
    await expect(end).resolves.toMatchObject({ type: 'StasisEnd' });
  });

  it('given an empty list then the constructor refuses it', () => {
    expect(
      () => new AriClient({ url: server.url, username: 'a', password: 'b', app: 'x', events: [] }),
    ).toThrow(/events/);
  });
});
