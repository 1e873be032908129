import type { FlowAri } from './welcome.flow.js';

type Waiter = {
  predicate?: (e: { playback: { id: string } }) => boolean;
  resolve: (e: unknown) => void;
  reject: (e: Error) => void;
};

/** Fake ARI port for flow unit tests: records commands, lets the test emit playback events. */
export class FakeFlowAri implements FlowAri {
  readonly commands: string[] = [];
  readonly waiters: Waiter[] = [];
  failOn?: string;

  channels = {
    answer: async ({ channelId }: { channelId: string }) => this.record(`answer ${channelId}`),
    play: async ({
      channelId,
      media,
      playbackId,
    }: {
      channelId: string;
      media: string;
      playbackId?: string;
    }) => {
      this.lastPlaybackId = playbackId;
      return this.record(`play ${channelId} ${media}`);
    },
    hangup: async ({ channelId }: { channelId: string; reason?: string }) =>
      this.record(`hangup ${channelId}`),
  };

  lastPlaybackId?: string;

  channelScope(_channelId: string) {
    return {
      once: (_type: 'PlaybackFinished', predicate?: (e: { playback: { id: string } }) => boolean) =>
        new Promise<unknown>((resolve, reject) => this.waiters.push({ predicate, resolve, reject })),
    };
  }

  /** Delivers a PlaybackFinished event to the waiting flow. */
  finishPlayback(id: string): void {
    for (const w of this.waiters.splice(0)) {
      if (!w.predicate || w.predicate({ playback: { id } })) w.resolve({ playback: { id } });
      else this.waiters.push(w);
    }
  }

  /** Simulates the caller hanging up: pending waits reject as the scope is disposed. */
  channelGone(error: Error): void {
    for (const w of this.waiters.splice(0)) w.reject(error);
  }

  private async record(command: string): Promise<void> {
    this.commands.push(command);
    if (this.failOn && command.startsWith(this.failOn)) throw new Error(`fake failure on ${command}`);
  }
}
