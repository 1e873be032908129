import { AriClient } from './ari-client.js';
import { AriChannelGoneError, AriConnectionError, AriTimeoutError } from './ari-errors.js';
import { ariEvent, fakeBridge, fakeChannel, fakePlayback } from './ari-events.fake.js';
import { countOf, recordClientEvents, type ClientEvent } from './client-events.fake.js';
import { eventually } from './eventually.fake.js';
import { clientOf, FakeAriServer } from './fake-ari-server.fake.js';
import type { ChannelDtmfReceived, StasisStart } from './generated/ari-types.js';
import { RecordingLogger } from './recording-logger.fake.js';

describe('AriClient events', () => {
  let server: FakeAriServer;
  let client: AriClient;
  let logger: RecordingLogger;
  let log: ClientEvent[];

  beforeEach(async () => {
    server = await FakeAriServer.start();
    logger = new RecordingLogger();
    client = clientOf(server, logger, { reconnect: { initialDelayMs: 10, maxDelayMs: 40 } });
    log = recordClientEvents(client);
  });

  afterEach(async () => {
    await client.stop();
    await server.close();
  });

  async function connect(): Promise<void> {
    client.start();
    await client.waitUntilConnected(2000);
    await eventually(() => expect(countOf(log, 'reconciled')).toBe(1));
  }

  it('given start then it opens /ari/events for the app with basic auth and reconciles', async () => {
    server.channels = [fakeChannel('c1')];
    server.bridges = [fakeBridge('b1')];
    expect(client.isConnected).toBe(false);

    client.start();
    client.start(); // idempotent
    await client.waitUntilConnected(2000);

    expect(client.isConnected).toBe(true);
    expect(server.upgrades).toEqual([
      {
        path: '/ari/events',
        query: { app: 'webcall', subscribeAll: 'false' },
        authorization: `Basic ${Buffer.from('asterisk:secret').toString('base64')}`,
      },
    ]);
    await eventually(() =>
      expect(log).toEqual([
        { name: 'connected' },
        { name: 'reconciled', snapshot: { channels: [fakeChannel('c1')], bridges: [fakeBridge('b1')] } },
      ]),
    );
    expect(server.requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'GET /bridges',
      'GET /channels',
    ]);
  });

  it('given pushed events then each is emitted typed under its name and as "event", in order', async () => {
    await connect();
    const starts: StasisStart[] = [];
    const digits: string[] = [];
    client.on('StasisStart', (e) => void starts.push(e));
    client.on('ChannelDtmfReceived', (e: ChannelDtmfReceived) => void digits.push(e.digit));
    const onceEnd = new Promise((resolve) => client.once('StasisEnd', resolve));

    const start = ariEvent('StasisStart', { args: ['inbound', 't1', 'e1'], channel: fakeChannel('c1') });
    server.pushEvent(start);
    server.pushEvent(
      ariEvent('ChannelDtmfReceived', { digit: '1', duration_ms: 80, channel: fakeChannel('c1') }),
    );
    server.pushEvent(
      ariEvent('ChannelDtmfReceived', { digit: '#', duration_ms: 80, channel: fakeChannel('c1') }),
    );
    server.pushEvent(ariEvent('StasisEnd', { channel: fakeChannel('c1') }));

    await expect(onceEnd).resolves.toMatchObject({ type: 'StasisEnd', channel: { id: 'c1' } });
    expect(starts).toEqual([start]);
    expect(starts[0].args).toEqual(['inbound', 't1', 'e1']);
    expect(digits).toEqual(['1', '#']);
    const types = log.flatMap((e) => (e.name === 'event' ? [e.event.type] : []));
    expect(types).toEqual(['StasisStart', 'ChannelDtmfReceived', 'ChannelDtmfReceived', 'StasisEnd']);
  });

  it('given off then the listener is removed', async () => {
    await connect();
    const digits: string[] = [];
    const listener = (e: ChannelDtmfReceived): void => void digits.push(e.digit);
    client.on('ChannelDtmfReceived', listener);
    server.pushEvent(
      ariEvent('ChannelDtmfReceived', { digit: '1', duration_ms: 80, channel: fakeChannel('c1') }),
    );
    await eventually(() => expect(digits).toEqual(['1']));
    client.off('ChannelDtmfReceived', listener);
    server.pushEvent(
      ariEvent('ChannelDtmfReceived', { digit: '2', duration_ms: 80, channel: fakeChannel('c1') }),
    );
    await eventually(() => expect(countOf(log, 'event')).toBe(2));
    expect(digits).toEqual(['1']);
  });

  it('given a listener that throws or a malformed message then later events still arrive', async () => {
    await connect();
    client.on('ChannelHangupRequest', () => {
      throw new Error('listener bug');
    });
    server.pushEvent(ariEvent('ChannelHangupRequest', { channel: fakeChannel('c1') }));
    server.pushEvent('{not json');
    server.pushEvent({ no: 'type' });
    server.pushEvent({ type: 'MissingParams', params: ['app'] });
    server.pushEvent(
      ariEvent('ChannelDestroyed', { cause: 16, cause_txt: 'Normal Clearing', channel: fakeChannel('c1') }),
    );

    await eventually(() =>
      expect(log.flatMap((e) => (e.name === 'event' ? [e.event.type] : []))).toEqual([
        'ChannelHangupRequest', // a throwing typed listener does not stop the 'event' emission
        'ChannelDestroyed',
      ]),
    );
    expect(logger.withMessage('ARI event listener threw')).toHaveLength(1);
    expect(logger.withMessage('ARI sent a message that is not JSON')).toHaveLength(1);
    expect(logger.withMessage('ARI sent a message without type')).toHaveLength(1);
    expect(logger.withMessage('ARI rejected the events WebSocket parameters')).toHaveLength(1);
    expect(client.isConnected).toBe(true);
  });

  it('given an unknown future event type then it is still emitted', async () => {
    await connect();
    server.pushEvent({ type: 'SomethingNew', application: 'webcall', timestamp: 't' });
    await eventually(() =>
      expect(log.at(-1)).toMatchObject({ name: 'event', event: { type: 'SomethingNew' } }),
    );
  });

  it('given reconcile() called by the app (e.g. on AMI FullyBooted) then it returns and emits the snapshot', async () => {
    await connect();
    const scope = client.channelScope('c1');
    server.pushEvent(ariEvent('StasisStart', { args: [], channel: fakeChannel('c1') }));
    await eventually(() => expect(countOf(log, 'event')).toBe(1));
    server.channels = [fakeChannel('c2')];

    const snapshot = await client.reconcile();

    expect(snapshot).toEqual({ channels: [fakeChannel('c2')], bridges: [] });
    expect(log.at(-1)).toEqual({ name: 'reconciled', snapshot });
    expect(scope.isDisposed).toBe(true); // c1 had events and is gone
    server.route('GET', '/bridges', { status: 500, body: { message: 'down' } });
    await expect(client.reconcile()).rejects.toMatchObject({ status: 500 });
    expect(client.isConnected).toBe(true);
  });

  describe('waitUntilConnected', () => {
    it('given nothing listening then it rejects with AriTimeoutError', async () => {
      await server.stopListening();
      client.start();
      await expect(client.waitUntilConnected(50)).rejects.toBeInstanceOf(AriTimeoutError);
    });

    it('given stop() while waiting then it rejects with AriConnectionError', async () => {
      await server.stopListening();
      client.start();
      const waiting = client.waitUntilConnected(10_000).catch((e: unknown) => e);
      await client.stop();
      expect(await waiting).toBeInstanceOf(AriConnectionError);
    });

    it('given already connected then it resolves at once', async () => {
      await connect();
      await expect(client.waitUntilConnected(1)).resolves.toBeUndefined();
    });
  });

  describe('channel scopes', () => {
    it('given a call then its scope gets its events only, and is released after StasisEnd', async () => {
      await connect();
      const listenersBefore = client.listenerCount('event') + client.listenerCount('StasisEnd');
      const scope = client.channelScope('c1');
      const other = client.channelScope('c2');
      expect(client.activeScopeCount).toBe(2);
      // Scopes are routed through one Map, not one emitter listener each.
      expect(client.listenerCount('event') + client.listenerCount('StasisEnd')).toBe(listenersBefore);

      const digits: string[] = [];
      scope.on('ChannelDtmfReceived', (e) => void digits.push(e.digit));
      const finished = scope.once('PlaybackFinished', (e) => e.playback.id === 'pb-2');
      const pendingDtmf = scope.once('ChannelDtmfReceived', (e) => e.digit === '9');

      server.pushEvent(
        ariEvent('ChannelDtmfReceived', { digit: '1', duration_ms: 80, channel: fakeChannel('c1') }),
      );
      server.pushEvent(
        ariEvent('ChannelDtmfReceived', { digit: '2', duration_ms: 80, channel: fakeChannel('c2') }),
      );
      server.pushEvent(
        ariEvent('PlaybackFinished', { playback: fakePlayback('pb-1', 'channel:c1', 'done') }),
      );
      server.pushEvent(
        ariEvent('PlaybackFinished', { playback: fakePlayback('pb-2', 'channel:c1', 'done') }),
      );
      await expect(finished).resolves.toMatchObject({ playback: { id: 'pb-2' } });

      server.pushEvent(ariEvent('StasisEnd', { channel: fakeChannel('c1') }));
      await expect(pendingDtmf).rejects.toBeInstanceOf(AriChannelGoneError);
      expect(digits).toEqual(['1']);
      expect(scope.isDisposed).toBe(true);
      expect(other.isDisposed).toBe(false);
      expect(client.activeScopeCount).toBe(1);

      other.dispose();
      expect(client.activeScopeCount).toBe(0);
    });

    it('given a global StasisStart handler that creates the scope then the scope sees the following events', async () => {
      await connect();
      const seen: string[] = [];
      client.on('StasisStart', (e) => {
        const scope = client.channelScope(e.channel.id);
        scope.on('StasisStart', () => void seen.push('StasisStart (should not happen)'));
        scope.on('ChannelDtmfReceived', (d) => void seen.push(d.digit));
        scope.on('StasisEnd', () => void seen.push('end'));
      });
      server.pushEvent(ariEvent('StasisStart', { args: [], channel: fakeChannel('c1') }));
      server.pushEvent(
        ariEvent('ChannelDtmfReceived', { digit: '5', duration_ms: 80, channel: fakeChannel('c1') }),
      );
      server.pushEvent(ariEvent('StasisEnd', { channel: fakeChannel('c1') }));
      await eventually(() => expect(seen).toEqual(['5', 'end']));
      expect(client.activeScopeCount).toBe(0);
    });

    it('given many calls then every scope is released when its call ends', async () => {
      await connect();
      const ids = Array.from({ length: 200 }, (_, i) => `call-${i}`);
      const ends = ids.map((id) => client.channelScope(id).once('StasisEnd'));
      expect(client.activeScopeCount).toBe(200);
      for (const id of ids) server.pushEvent(ariEvent('StasisEnd', { channel: fakeChannel(id) }));
      await Promise.all(ends);
      expect(client.activeScopeCount).toBe(0);
    });

    it('given stop() then pending scope waits reject with AriConnectionError and no scope is left', async () => {
      await connect();
      const pending = client
        .channelScope('c1')
        .once('ChannelDtmfReceived', undefined, 60_000)
        .catch((e: unknown) => e);
      await client.stop();
      expect(await pending).toBeInstanceOf(AriConnectionError);
      expect(client.activeScopeCount).toBe(0);
    });
  });
});
