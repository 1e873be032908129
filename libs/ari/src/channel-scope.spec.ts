import { AriChannelGoneError, AriConnectionError, AriTimeoutError } from './ari-errors.js';
import { ariEvent, fakeBridge, fakeChannel, fakePlayback, fakeRecording } from './ari-events.fake.js';
import { ChannelScopeRegistry, routedChannelIds } from './channel-scope-registry.js';
import type { AriEvent } from './generated/ari-types.js';
import { RecordingLogger } from './recording-logger.fake.js';

const stasisStart = (id: string) => ariEvent('StasisStart', { args: [], channel: fakeChannel(id) });
const stasisEnd = (id: string) => ariEvent('StasisEnd', { channel: fakeChannel(id) });
const dtmf = (id: string, digit: string) =>
  ariEvent('ChannelDtmfReceived', { digit, duration_ms: 100, channel: fakeChannel(id) });

describe('ChannelScopeRegistry', () => {
  let logger: RecordingLogger;
  let registry: ChannelScopeRegistry;

  beforeEach(() => {
    logger = new RecordingLogger();
    registry = new ChannelScopeRegistry(logger);
  });

  afterEach(() => {
    registry.closeAll(new Error('test over'));
  });

  describe('routing', () => {
    it('given scopes of two channels when an event of one arrives then only its scope sees it', () => {
      const a = registry.create('a');
      const b = registry.create('b');
      const seenA: string[] = [];
      const seenB: string[] = [];
      a.on('ChannelDtmfReceived', (e) => void seenA.push(e.digit));
      b.on('ChannelDtmfReceived', (e) => void seenB.push(e.digit));

      registry.dispatch(dtmf('a', '1'));
      registry.dispatch(dtmf('b', '2'));
      registry.dispatch(dtmf('c', '3'));

      expect(seenA).toEqual(['1']);
      expect(seenB).toEqual(['2']);
    });

    it.each<[string, AriEvent, (string | undefined)[]]>([
      ['channel', stasisStart('c1'), ['c1']],
      [
        'playback on a channel',
        ariEvent('PlaybackFinished', { playback: fakePlayback('p1', 'channel:c1', 'done') }),
        ['c1'],
      ],
      [
        'playback on a bridge',
        ariEvent('PlaybackStarted', { playback: fakePlayback('p1', 'bridge:b1') }),
        [undefined],
      ],
      [
        'recording on a channel',
        ariEvent('RecordingStarted', { recording: fakeRecording('r1', 'channel:c1') }),
        ['c1'],
      ],
      [
        'dial (peer and caller)',
        ariEvent('Dial', { peer: fakeChannel('out'), caller: fakeChannel('in'), dialstatus: '' }),
        ['out', 'in'],
      ],
      ['bridge only', ariEvent('BridgeCreated', { bridge: fakeBridge('b1') }), []],
      ['global variable', ariEvent('ChannelVarset', { variable: 'X', value: '1' }), []],
    ])('routes a %s event to %j', (_name, event, expected) => {
      expect(routedChannelIds(event)).toEqual(expected);
    });

    it('given a playback and a recording on the channel then the scope receives both', async () => {
      const scope = registry.create('c1');
      const finished = scope.once('PlaybackFinished');
      const recording = scope.once('RecordingFinished');
      registry.dispatch(ariEvent('PlaybackFinished', { playback: fakePlayback('p1', 'channel:c1', 'done') }));
      registry.dispatch(
        ariEvent('RecordingFinished', { recording: fakeRecording('r1', 'channel:c1', 'done') }),
      );
      await expect(finished).resolves.toMatchObject({ playback: { id: 'p1', state: 'done' } });
      await expect(recording).resolves.toMatchObject({ recording: { name: 'r1' } });
    });

    it('given several scopes of one channel then each gets the event once', () => {
      const first = registry.create('c1');
      const second = registry.create('c1');
      const seen: string[] = [];
      first.on('ChannelDtmfReceived', (e) => void seen.push(`first:${e.digit}`));
      second.on('ChannelDtmfReceived', (e) => void seen.push(`second:${e.digit}`));
      registry.dispatch(dtmf('c1', '5'));
      expect(seen).toEqual(['first:5', 'second:5']);
      expect(registry.size).toBe(2);
    });

    it('given a dial whose peer and caller share a scope then it is delivered once', () => {
      const scope = registry.create('c1');
      let count = 0;
      scope.on('Dial', () => void (count += 1));
      registry.dispatch(
        ariEvent('Dial', { peer: fakeChannel('c1'), caller: fakeChannel('c1'), dialstatus: 'ANSWER' }),
      );
      expect(count).toBe(1);
    });
  });

  describe('on', () => {
    it('given an unsubscribe call then the handler is no longer called', () => {
      const scope = registry.create('c1');
      const digits: string[] = [];
      const off = scope.on('ChannelDtmfReceived', (e) => void digits.push(e.digit));
      registry.dispatch(dtmf('c1', '1'));
      off();
      registry.dispatch(dtmf('c1', '2'));
      expect(digits).toEqual(['1']);
    });

    it('given a throwing and a rejecting handler then both are logged and the others still run', async () => {
      const scope = registry.create('c1');
      const digits: string[] = [];
      scope.on('ChannelDtmfReceived', () => {
        throw new Error('boom');
      });
      scope.on('ChannelDtmfReceived', async () => {
        throw new Error('async boom');
      });
      scope.on('ChannelDtmfReceived', (e) => void digits.push(e.digit));
      registry.dispatch(dtmf('c1', '7'));
      expect(digits).toEqual(['7']);
      await Promise.resolve();
      const failures = logger.withMessage('ARI channel scope handler failed');
      expect(failures.map((f) => (f.obj.err as Error).message).sort()).toEqual(['async boom', 'boom']);
    });
  });

  describe('once', () => {
    it('given a predicate then it resolves with the first matching event only', async () => {
      const scope = registry.create('c1');
      const hash = scope.once('ChannelDtmfReceived', (e) => e.digit === '#');
      registry.dispatch(dtmf('c1', '1'));
      registry.dispatch(dtmf('c1', '#'));
      const event = await hash;
      expect(event.digit).toBe('#');
      expect(event.channel.id).toBe('c1');
    });

    it('given no event in time then it rejects with AriTimeoutError and stops waiting', async () => {
      const scope = registry.create('c1');
      const started = Date.now();
      const error = await scope.once('ChannelDtmfReceived', undefined, 30).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AriTimeoutError);
      expect((error as AriTimeoutError).timeoutMs).toBe(30);
      expect(Date.now() - started).toBeGreaterThanOrEqual(25);
      // The timed-out waiter is gone: a later event resolves a fresh once, nothing else.
      const next = scope.once('ChannelDtmfReceived');
      registry.dispatch(dtmf('c1', '9'));
      await expect(next).resolves.toMatchObject({ digit: '9' });
    });

    it('given a predicate that throws then once rejects with that error', async () => {
      const scope = registry.create('c1');
      const pending = scope.once('ChannelDtmfReceived', () => {
        throw new Error('bad predicate');
      });
      registry.dispatch(dtmf('c1', '1'));
      await expect(pending).rejects.toThrow('bad predicate');
    });
  });

  describe('disposal', () => {
    it('given StasisEnd then handlers see it, a StasisEnd waiter resolves, other waits reject and the scope is released', async () => {
      const scope = registry.create('c1');
      const seen: string[] = [];
      scope.on('StasisEnd', (e) => void seen.push(e.type));
      scope.on('ChannelDtmfReceived', (e) => void seen.push(e.digit));
      const ended = scope.once('StasisEnd');
      const dtmfWait = scope.once('ChannelDtmfReceived', undefined, 10_000);
      expect(registry.size).toBe(1);

      registry.dispatch(stasisEnd('c1'));

      await expect(ended).resolves.toMatchObject({ type: 'StasisEnd' });
      const error = await dtmfWait.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AriChannelGoneError);
      expect((error as AriChannelGoneError).channelId).toBe('c1');
      expect(scope.isDisposed).toBe(true);
      expect(registry.size).toBe(0);

      registry.dispatch(dtmf('c1', '1'));
      expect(seen).toEqual(['StasisEnd']);
    });

    it('given a channel destroyed without entering Stasis then its scope is released too', async () => {
      const scope = registry.create('c1');
      const answered = scope.once('ChannelStateChange');
      registry.dispatch(
        ariEvent('ChannelDestroyed', { cause: 17, cause_txt: 'User busy', channel: fakeChannel('c1') }),
      );
      await expect(answered).rejects.toBeInstanceOf(AriChannelGoneError);
      expect(registry.size).toBe(0);
    });

    it('given StasisEnd of another channel then the scope stays', () => {
      registry.create('c1');
      registry.dispatch(stasisEnd('c2'));
      expect(registry.size).toBe(1);
    });

    it('given a disposed scope then on is a no-op and once rejects at once', async () => {
      const scope = registry.create('c1');
      scope.dispose();
      scope.dispose();
      expect(registry.size).toBe(0);
      const off = scope.on('ChannelDtmfReceived', () => undefined);
      off();
      await expect(scope.once('ChannelDtmfReceived')).rejects.toBeInstanceOf(AriChannelGoneError);
    });

    it('given a handler that disposes its own scope mid-event then the others of the channel still get it', () => {
      const first = registry.create('c1');
      const second = registry.create('c1');
      const seen: string[] = [];
      first.on('ChannelDtmfReceived', () => first.dispose());
      second.on('ChannelDtmfReceived', (e) => void seen.push(e.digit));
      registry.dispatch(dtmf('c1', '4'));
      expect(seen).toEqual(['4']);
      expect(registry.size).toBe(1);
    });

    it('given closeAll then every pending wait rejects with the given error', async () => {
      const pending = [
        registry.create('a').once('StasisEnd'),
        registry.create('b').once('StasisEnd', undefined, 10_000),
      ];
      registry.closeAll(new AriConnectionError('ARI client stopped'));
      for (const p of pending) await expect(p).rejects.toBeInstanceOf(AriConnectionError);
      expect(registry.size).toBe(0);
    });
  });

  describe('closeMissing (after a reconnect)', () => {
    it('closes scopes whose channel had events before the snapshot and is missing from it', async () => {
      const gone = registry.create('gone');
      const alive = registry.create('alive');
      const fresh = registry.create('fresh'); // no event yet: maybe about to be originated
      registry.dispatch(stasisStart('gone'));
      registry.dispatch(stasisStart('alive'));
      const goneWait = gone.once('ChannelDtmfReceived');
      const seqAtRequest = registry.sequence;
      const late = registry.create('late');
      registry.dispatch(stasisStart('late')); // after the snapshot was requested

      const closed = registry.closeMissing(new Set(['alive']), seqAtRequest);

      expect(closed).toBe(1);
      await expect(goneWait).rejects.toBeInstanceOf(AriChannelGoneError);
      expect([gone, alive, fresh, late].map((s) => s.isDisposed)).toEqual([true, false, false, false]);
      expect(registry.size).toBe(3);
    });
  });
});
