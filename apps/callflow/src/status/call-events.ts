import type { DirectoryEntry } from '../directory/extension-directory.js';
import type { EventPublisher } from './event-stream.js';

/** How many destroyed channel ids are remembered (the overtaking race lasts milliseconds). */
const RECENTLY_GONE = 1_000;

/** A phone leg a flow is ringing, as the ringing hook reports it. */
export interface RingingLeg {
  /** The callee leg's channel: its end is the end of the screen pop. */
  channelId: string;
  callerNumber: string;
  /** The hotline the caller dialled; '' for an internal call. */
  hotlineNumber: string;
}

/**
 * Turns the flows' ringing hook into `call.incoming` and, when that leg's channel is destroyed
 * (answered and later hung up, refused, timed out, or hung up because the caller left),
 * `call.ended` for the same tenant and extension.
 */
export class CallEvents {
  private readonly ringing = new Map<string, { tenantId: number; extension: string }>();
  /**
   * Channels recently destroyed: the ARI event can overtake the originate response that makes a
   * flow report the leg ringing; such a leg must not pop up after it ended.
   */
  private readonly gone = new Set<string>();

  constructor(private readonly publisher: EventPublisher) {}

  /** Any flow ringing any extension (internal calls, hotline calls, queues) reports it here. */
  legRinging(target: Pick<DirectoryEntry, 'tenantId' | 'extension'>, leg: RingingLeg): void {
    const { tenantId, extension } = target;
    if (this.gone.has(leg.channelId)) return;
    this.ringing.set(leg.channelId, { tenantId, extension });
    this.publisher.publish({
      type: 'call.incoming',
      tenantId,
      extension,
      payload: {
        channelId: leg.channelId,
        callerNumber: leg.callerNumber,
        hotlineNumber: leg.hotlineNumber,
        extension,
        at: new Date().toISOString(),
      },
    });
  }

  /** A channel is gone: if it was a ringing leg, its screen pop ends. */
  channelGone(channelId: string): void {
    const leg = this.ringing.get(channelId);
    if (!leg) {
      this.gone.add(channelId);
      if (this.gone.size > RECENTLY_GONE) this.gone.delete(this.gone.values().next().value as string);
      return;
    }
    this.ringing.delete(channelId);
    this.publisher.publish({ type: 'call.ended', ...leg, payload: { channelId } });
  }

  /** After a reconnect: legs Asterisk no longer has ended while we were away. */
  reconcile(live: ReadonlySet<string>): void {
    for (const channelId of [...this.ringing.keys()]) if (!live.has(channelId)) this.channelGone(channelId);
  }

  get size(): number {
    return this.ringing.size;
  }
}
