import type { StasisStart } from '#ari';
import { FakeFlowAri } from './flow-ari.fake.js';
import { WelcomeFlow } from './welcome.flow.js';

const start = {
  type: 'StasisStart',
  channel: { id: 'ch-1' },
  args: ['inbound', '1', '1900'],
} as unknown as StasisStart;
const entry = { kind: 'inbound' as const, tenantId: 1, entryId: '1900' };
const flush = () => new Promise((r) => setImmediate(r));

describe('WelcomeFlow', () => {
  it('given a new call when the prompt finishes then it answered first, played the prompt and hung up', async () => {
    const ari = new FakeFlowAri();
    const answered: string[] = [];
    const hangingUp: string[] = [];
    const flow = new WelcomeFlow(
      ari,
      { answered: (id) => answered.push(id), hangingUp: (id) => hangingUp.push(id) },
      'hello-world',
    );

    const done = flow.run(start, entry, performance.now());
    await flush();
    expect(ari.commands).toEqual(['answer ch-1', 'play ch-1 sound:hello-world']);
    expect(answered).toEqual(['ch-1']);

    ari.finishPlayback('some-other-playback');
    await flush();
    expect(ari.commands).toHaveLength(2);

    ari.finishPlayback(ari.lastPlaybackId!);
    await done;
    expect(ari.commands).toEqual(['answer ch-1', 'play ch-1 sound:hello-world', 'hangup ch-1']);
    expect(hangingUp).toEqual(['ch-1']);
  });

  it('given the caller hangs up during the prompt when the scope is disposed then the flow rejects without hanging up', async () => {
    const ari = new FakeFlowAri();
    const flow = new WelcomeFlow(
      ari,
      { answered: () => undefined, hangingUp: () => undefined },
      'hello-world',
    );

    const done = flow.run(start, entry, performance.now());
    await flush();
    ari.channelGone(new Error('gone'));

    await expect(done).rejects.toThrow('gone');
    expect(ari.commands).not.toContain('hangup ch-1');
  });

  it('given answer fails when the call starts then nothing is played and the error reaches the caller of run()', async () => {
    const ari = new FakeFlowAri();
    ari.failOn = 'answer';
    const flow = new WelcomeFlow(
      ari,
      { answered: () => undefined, hangingUp: () => undefined },
      'hello-world',
    );

    await expect(flow.run(start, entry, performance.now())).rejects.toThrow('fake failure on answer');
    expect(ari.commands).toEqual(['answer ch-1']);
  });
});
