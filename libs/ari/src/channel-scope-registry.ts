import { AriChannelGoneError } from './ari-errors.js';
import type { AriLogger } from './ari-logger.js';
import { CLOSE, ChannelScope, DELIVER } from './channel-scope.js';
import type { AriEvent, AriEventType } from './generated/ari-types.js';

/**
 * Routes each event to the scopes of the channel(s) it concerns with one Map lookup, however
 * many calls are live, and closes a channel's scopes after its StasisEnd / ChannelDestroyed.
 */
export class ChannelScopeRegistry {
  readonly #logger: AriLogger;
  readonly #accepted: ReadonlySet<AriEventType> | undefined;
  readonly #byChannel = new Map<string, Set<ChannelScope>>();
  #count = 0;
  #seq = 0;

  /** `accepted`: the only event types that arrive (the client's event filter); undefined: all. */
  constructor(logger: AriLogger, accepted?: ReadonlySet<AriEventType>) {
    this.#logger = logger;
    this.#accepted = accepted;
  }

  /** Number of scopes not yet disposed. */
  get size(): number {
    return this.#count;
  }

  /** Number of events dispatched so far. */
  get sequence(): number {
    return this.#seq;
  }

  create(channelId: string): ChannelScope {
    if (typeof channelId !== 'string' || channelId.length === 0) {
      throw new TypeError('channelScope() needs a channel id');
    }
    const scope = new ChannelScope(channelId, this.#logger, (closed) => this.#remove(closed), this.#accepted);
    let set = this.#byChannel.get(channelId);
    if (!set) {
      set = new Set();
      this.#byChannel.set(channelId, set);
    }
    set.add(scope);
    this.#count += 1;
    return scope;
  }

  dispatch(event: AriEvent): void {
    this.#seq += 1;
    if (this.#count === 0) return;
    const seq = this.#seq;
    const [first, second] = routedChannelIds(event);
    if (first !== undefined) this.#deliver(first, event, seq);
    if (second !== undefined && second !== first) this.#deliver(second, event, seq);
  }

  /**
   * After a reconnect: closes scopes of channels that had events before the snapshot was
   * requested (`seqAtRequest`) yet are missing from it, i.e. whose StasisEnd we missed. Scopes
   * without events yet may belong to a channel about to be originated, so they are kept.
   */
  closeMissing(liveChannelIds: ReadonlySet<string>, seqAtRequest: number): number {
    let closed = 0;
    for (const [channelId, scopes] of [...this.#byChannel]) {
      if (liveChannelIds.has(channelId)) continue;
      for (const scope of [...scopes]) {
        const seen = scope.firstEventSeq;
        if (seen === undefined || seen > seqAtRequest) continue;
        scope[CLOSE](
          new AriChannelGoneError(channelId, `Channel ${channelId} no longer exists (found on reconnect)`),
        );
        closed += 1;
      }
    }
    return closed;
  }

  closeAll(error: Error): void {
    for (const scopes of [...this.#byChannel.values()]) {
      for (const scope of [...scopes]) scope[CLOSE](error);
    }
  }

  #deliver(channelId: string, event: AriEvent, seq: number): void {
    const scopes = this.#byChannel.get(channelId);
    if (!scopes) return;
    // A copy: handlers may create or dispose scopes of this channel while we iterate.
    const targets = [...scopes];
    for (const scope of targets) scope[DELIVER](event, seq);
    if (isTerminalFor(event, channelId)) {
      const error = new AriChannelGoneError(channelId, `Channel ${channelId} left Stasis (${event.type})`);
      for (const scope of targets) scope[CLOSE](error);
    }
  }

  #remove(scope: ChannelScope): void {
    const set = this.#byChannel.get(scope.channelId);
    if (!set?.delete(scope)) return;
    this.#count -= 1;
    if (set.size === 0) this.#byChannel.delete(scope.channelId);
  }
}

/**
 * The channel(s) an event concerns: its `channel`, the channel a playback or recording targets,
 * or both legs of a Dial (which has `caller`/`peer` instead of `channel`).
 */
export function routedChannelIds(event: AriEvent): [string?, string?] {
  if ('channel' in event && event.channel) return [event.channel.id];
  if ('playback' in event) return [channelOfTarget(event.playback.target_uri)];
  if ('recording' in event) return [channelOfTarget(event.recording.target_uri)];
  if (event.type === 'Dial') return [event.peer.id, event.caller?.id];
  return [];
}

function channelOfTarget(targetUri: string | undefined): string | undefined {
  return targetUri?.startsWith('channel:') ? targetUri.slice('channel:'.length) : undefined;
}

/**
 * StasisEnd ends the scope. ChannelDestroyed does too: a channel originated into our app that
 * fails before answering is destroyed without ever entering (or leaving) Stasis.
 */
function isTerminalFor(event: AriEvent, channelId: string): boolean {
  return (event.type === 'StasisEnd' || event.type === 'ChannelDestroyed') && event.channel.id === channelId;
}
