// Compile-time checks: `tsc` fails if a typing promise of the public API breaks (every
// expect-error directive below must meet an error). At run time these only build objects, never connect.
import { pino } from 'pino';

import {
  AriClient,
  type AriEvent,
  type AriLogger,
  type AriResources,
  type Channel,
  type ChannelDtmfReceived,
  type StasisStart,
} from './index.js';

describe('AriClient typing', () => {
  const client = new AriClient({ url: 'http://127.0.0.1:1', username: 'u', password: 'p', app: 'webcall' });

  it('types event listeners from AriEventMap', () => {
    client.on('StasisStart', (e) => {
      const args: string[] = e.args;
      const channel: Channel = e.channel;
      void args;
      void channel;
    });
    client.once('ChannelDtmfReceived', (e: ChannelDtmfReceived) => void e.digit);
    client.on('event', (e: AriEvent) => {
      if (e.type === 'PlaybackFinished') void e.playback.target_uri;
    });
    client.on('disconnected', (reason: string) => void reason);
    client.on('reconciled', ({ channels, bridges }) => void [channels[0]?.id, bridges[0]?.id]);
    // @ts-expect-error a StasisStart listener does not receive a ChannelDtmfReceived
    client.on('StasisStart', (e: ChannelDtmfReceived) => void e);
    // @ts-expect-error not an event of this client
    client.on('NoSuchEvent', () => undefined);
    const handler = (e: StasisStart): void => void e;
    client.off('StasisStart', handler);
    expect(client.listenerCount('StasisStart')).toBe(2); // incl. the ill-typed one: types only
    client.removeAllListeners();
  });

  it('types operation parameters and results from the Swagger operations', () => {
    const calls = (): unknown[] => [
      client.channels.answer({ channelId: 'c1' }),
      client.channels.play({ channelId: 'c1', media: 'sound:hello' }),
      client.channels.play({ channelId: 'c1', media: ['sound:a', 'sound:b'], playbackId: 'p1' }),
      client.channels.hangup({ channelId: 'c1', reason: 'busy' }),
      client.channels.list().then((channels: Channel[]) => channels),
      client.bridges.addChannel({ bridgeId: 'b1', channel: 'c1' }),
      client.asterisk.getInfo({ only: ['build'] }),
      // @ts-expect-error channelId is required
      client.channels.answer({}),
      // @ts-expect-error not a hangup reason Asterisk knows
      client.channels.hangup({ channelId: 'c1', reason: 'bored' }),
      // @ts-expect-error media is required
      client.channels.play({ channelId: 'c1' }),
    ];
    expect(typeof calls).toBe('function');
    const resources: AriResources = client;
    expect(resources.channels).toBe(client.channels);
  });

  it('accepts a pino logger', () => {
    const logger: AriLogger = pino({ level: 'silent' });
    const withLogger = new AriClient({
      url: 'http://127.0.0.1:1',
      username: 'u',
      password: 'p',
      app: 'a',
      logger,
    });
    expect(withLogger.isConnected).toBe(false);
  });

  it('scopes type their handlers too', () => {
    const scope = client.channelScope('c1');
    scope.on('ChannelDtmfReceived', (e) => void e.digit);
    const finished: Promise<{ playback: { id: string } }> = scope.once(
      'PlaybackFinished',
      (e) => e.playback.id === 'p',
    );
    // @ts-expect-error the predicate receives the awaited event type
    void scope.once('StasisEnd', (e: ChannelDtmfReceived) => e.digit === '1');
    scope.dispose();
    return expect(finished).rejects.toThrow('disposed');
  });
});
