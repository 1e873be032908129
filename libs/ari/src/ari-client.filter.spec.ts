import { AriClient } from './ari-client.js';
import { ariEvent, fakeChannel } from './ari-events.fake.js';
import { eventually } from './eventually.fake.js';
import { FakeAriServer } from './fake-ari-server.fake.js';
import { RecordingLogger } from './recording-logger.fake.js';

describe('AriClient event filter (the `events` option)', () => {
  let server: FakeAriServer;
  let client: AriClient;
  let logger: RecordingLogger;

  beforeEach(async () => {
    server = await FakeAriServer.start();
    logger = new RecordingLogger();
  });

  afterEach(async () => {
    await client.stop();
    await server.close();
  });

  function create(events?: readonly ('StasisStart' | 'StasisEnd' | 'ChannelDtmfReceived')[]): AriClient {
    client = new AriClient({
      url: server.url,
      username: server.username,
      password: server.password,
      app: 'webcall',
      logger,
      reconnect: { initialDelayMs: 10, maxDelayMs: 40 },
      ...(events ? { events } : {}),
    });
    return client;
  }

  const filterRequests = () => server.requestsTo('PUT', '/applications/webcall/eventFilter');

  it('given events then each (re)connect asks Asterisk to send only those and ApplicationReplaced', async () => {
    create(['StasisStart', 'StasisEnd']);
    client.start();
    await client.waitUntilConnected(2000);
    await eventually(() => expect(filterRequests()).toHaveLength(1));
    expect(filterRequests()[0]?.body).toEqual({
      allowed: [{ type: 'StasisStart' }, { type: 'StasisEnd' }, { type: 'ApplicationReplaced' }],
    });

    server.closeSockets();
    await eventually(() => expect(filterRequests()).toHaveLength(2));
  });

  it('given no events option then no filter is sent and any type may be listened to', async () => {
    create();
    expect(() => client.on('ChannelVarset', () => undefined)).not.toThrow();
    client.start();
    await client.waitUntilConnected(2000);
    await eventually(() => expect(server.requestsTo('GET', '/bridges')).toHaveLength(1));
    expect(filterRequests()).toEqual([]);
  });

  it('given events then listening to another ARI type throws, on the client and on a channel scope', async () => {
    create(['StasisStart', 'ChannelDtmfReceived']);
    expect(() => client.on('ChannelVarset', () => undefined)).toThrow(/ChannelVarset.*`events`/);
    expect(() => client.once('Dial', () => undefined)).toThrow(TypeError);
    expect(client.listenerCount('ChannelVarset')).toBe(0);
    const scope = client.channelScope('c1');
    expect(() => scope.on('ChannelStateChange', () => undefined)).toThrow(TypeError);
    expect(() => scope.once('PlaybackFinished')).toThrow(/PlaybackFinished/);
    // Listed types, the client's own events and ApplicationReplaced are fine.
    expect(() => scope.on('ChannelDtmfReceived', () => undefined)).not.toThrow();
    expect(() => client.on('StasisStart', () => undefined)).not.toThrow();
    expect(() => client.on('reconciled', () => undefined)).not.toThrow();
    expect(() => client.on('event', () => undefined)).not.toThrow();
    expect(() => client.on('ApplicationReplaced', () => undefined)).not.toThrow();
    scope.dispose();
  });

  it('given the filter request fails then a warning is logged and events still flow', async () => {
    server.route('PUT', '/applications/webcall/eventFilter', { status: 500, body: { message: 'boom' } });
    create(['StasisStart']);
    const starts: string[] = [];
    client.on('StasisStart', (e) => void starts.push(e.channel.id));
    client.start();
    await client.waitUntilConnected(2000);
    await eventually(() =>
      expect(
        logger.entries.some((e) => e.level === 'warn' && /event filter not applied/.test(e.msg ?? '')),
      ).toBe(true),
    );
    server.pushEvent(ariEvent('StasisStart', { args: [], channel: fakeChannel('c1') }));
    await eventually(() => expect(starts).toEqual(['c1']));
  });
});
