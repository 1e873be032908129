import { randomUUID } from 'node:crypto';
import { AriChannelGoneError, type AriClient } from '#ari';
import { ignoreGone, observe } from './ari-helpers.js';

export type MediaAri = Pick<AriClient, 'channels' | 'playbacks' | 'channelScope'>;

/** After the first key, how long the caller has for each further digit of a longer entry. */
const INTER_DIGIT_MS = 3_000;

/**
 * Prompts and keys on one caller's channel: play to the end, or play with barge-in while
 * collecting DTMF (RFC 2833/4733 events arrive as ChannelDtmfReceived). A caller hanging up
 * rejects with AriChannelGoneError, which ends the flow as a normal hang-up.
 */
export class CallerInput {
  constructor(private readonly ari: MediaAri) {}

  /** Plays `media` to the end. */
  async play(channelId: string, media: string): Promise<void> {
    const playbackId = randomUUID();
    const scope = this.ari.channelScope(channelId);
    const finished = observe(scope.once('PlaybackFinished', (e) => e.playback.id === playbackId));
    await this.ari.channels.play({ channelId, media, playbackId });
    await finished;
  }

  /**
   * Plays `media` (a key press stops it: barge-in) and returns what the caller entered: at once
   * when the first key is one of `immediate`, else up to `maxDigits` digits ended by `#` or a
   * pause; null when nothing was pressed within `timeoutS` after the prompt.
   */
  async collect(
    channelId: string,
    media: string,
    immediate: readonly string[],
    maxDigits: number,
    timeoutS: number,
  ): Promise<string | null> {
    const scope = this.ari.channelScope(channelId);
    const queue: string[] = [];
    let wake: (() => void) | null = null;
    const off = scope.on('ChannelDtmfReceived', (e) => {
      queue.push(e.digit);
      wake?.();
    });
    const gone = observe(
      scope.once('StasisEnd').then(() => Promise.reject(new AriChannelGoneError(channelId))),
    );
    const nextDigit = (ms: number) =>
      queue.length
        ? Promise.resolve(queue.shift()!)
        : Promise.race([
            gone,
            new Promise<string | null>((resolve) => {
              const timer = setTimeout(() => {
                wake = null;
                resolve(null);
              }, ms);
              wake = () => {
                clearTimeout(timer);
                wake = null;
                resolve(queue.shift()!);
              };
            }),
          ]);
    try {
      const playbackId = randomUUID();
      const finished = observe(scope.once('PlaybackFinished', (e) => e.playback.id === playbackId));
      await this.ari.channels.play({ channelId, media, playbackId });
      // Barge-in: the first key or the end of the prompt, whichever comes first.
      const firstDuringPrompt = await Promise.race([
        gone,
        finished.then(() => null),
        new Promise<string>((resolve) => {
          if (queue.length) return resolve(queue.shift()!);
          wake = () => {
            wake = null;
            resolve(queue.shift()!);
          };
        }),
      ]);
      wake = null;
      let first = firstDuringPrompt;
      if (first !== null) await this.ari.playbacks.stop({ playbackId }).catch(ignoreGone);
      else first = await nextDigit(timeoutS * 1000);
      if (first === null) return null;
      if (immediate.includes(first) || maxDigits <= 1) return first;
      let digits = first;
      while (digits.length < maxDigits) {
        const d = await nextDigit(INTER_DIGIT_MS);
        if (d === null || d === '#') break;
        digits += d;
      }
      return digits;
    } finally {
      off();
    }
  }
}
