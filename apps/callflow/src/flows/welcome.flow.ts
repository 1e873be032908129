import { randomUUID } from 'node:crypto';
import type { StasisStart } from '#ari';
import type { StasisEntry } from './stasis-args.js';

/** The subset of the ARI client a flow uses (a fake implements it in unit tests). */
export interface FlowAri {
  channels: {
    answer(params: { channelId: string }): Promise<unknown>;
    play(params: { channelId: string; media: string; playbackId?: string }): Promise<unknown>;
    hangup(params: { channelId: string; reason?: string }): Promise<unknown>;
  };
  channelScope(channelId: string): {
    once(
      type: 'PlaybackFinished',
      predicate?: (e: { playback: { id: string } }) => boolean,
      timeoutMs?: number,
    ): Promise<unknown>;
  };
}

export interface FlowHooks {
  answered(channelId: string, latencyMs: number): void;
  /** Called just before the flow hangs up, so the call's end is attributed to us. */
  hangingUp(channelId: string): void;
}

/**
 * The first flow: answer, play the welcome prompt, hang up. Answering is the first thing
 * done, before any database work, so the caller is never kept waiting by a write.
 */
export class WelcomeFlow {
  constructor(
    private readonly ari: FlowAri,
    private readonly hooks: FlowHooks,
    private readonly prompt: string,
    private readonly promptTimeoutMs = 60_000,
  ) {}

  async run(event: StasisStart, _entry: StasisEntry, receivedAt: number): Promise<void> {
    const channelId = event.channel.id;
    const scope = this.ari.channelScope(channelId);
    await this.ari.channels.answer({ channelId });
    this.hooks.answered(channelId, performance.now() - receivedAt);
    const playbackId = randomUUID();
    // Subscribe before starting the playback so a short prompt cannot finish unseen.
    const finished = scope.once(
      'PlaybackFinished',
      (e) => e.playback.id === playbackId,
      this.promptTimeoutMs,
    );
    finished.catch(() => undefined); // observed below; avoids an unhandled rejection if play() throws first
    await this.ari.channels.play({ channelId, media: `sound:${this.prompt}`, playbackId });
    await finished;
    this.hooks.hangingUp(channelId);
    await this.ari.channels.hangup({ channelId, reason: 'normal' });
  }
}
