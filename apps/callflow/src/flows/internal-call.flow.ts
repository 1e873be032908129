import { randomUUID } from 'node:crypto';
import type { AriEventMap, AriEventType, StasisStart } from '#ari';
import {
  identityOf,
  type DirectoryEntry,
  type ExtensionDirectory,
} from '../directory/extension-directory.js';
import { endpointAvailability, ignoreGone, observe } from './ari-helpers.js';
import type { RingingLeg } from '../status/call-events.js';
import type { ConversationRegistry } from './conversation.js';
import type { StasisEntry } from './stasis-args.js';

interface Scope {
  once<K extends AriEventType>(
    type: K,
    predicate?: (e: AriEventMap[K]) => boolean,
    timeoutMs?: number,
  ): Promise<AriEventMap[K]>;
}

/** A two-party conversation callflow set up: its bridge and the called party's leg. */
export interface ConversationIds {
  bridgeId: string;
  calleeId: string;
}

/** What a flow asks of the conversation once the called party answered. */
interface ConversationOptions {
  onConnected?: () => void;
  /** Record the conversation (the bridge) under this name. */
  record?: string;
  /** Both are in the conversation's bridge (the callee's leg and the bridge). */
  bridged?: (ids: ConversationIds) => void;
}

/** The subset of the ARI client the internal-call flow uses (a fake implements it in unit tests). */
export interface InternalCallAri {
  channels: {
    answer(p: { channelId: string }): Promise<unknown>;
    setChannelVar(p: { channelId: string; variable: string; value?: string }): Promise<unknown>;
    ring(p: { channelId: string }): Promise<unknown>;
    play(p: { channelId: string; media: string | readonly string[]; playbackId?: string }): Promise<unknown>;
    hangup(p: { channelId: string; reason?: string }): Promise<unknown>;
    originate(p: {
      endpoint: string;
      app: string;
      appArgs: string;
      channelId: string;
      callerId: string;
      timeout: number;
      originator: string;
      variables?: Record<string, string>;
    }): Promise<unknown>;
  };
  bridges: {
    create(p: { type: string; bridgeId: string; name?: string }): Promise<unknown>;
    addChannel(p: { bridgeId: string; channel: string | readonly string[] }): Promise<unknown>;
    destroy(p: { bridgeId: string }): Promise<unknown>;
    record?(p: { bridgeId: string; name: string; format: string; ifExists?: string }): Promise<unknown>;
  };
  endpoints: {
    get(p: { tech: string; resource: string }): Promise<{ state?: string; channel_ids: string[] }>;
  };
  playbacks: { stop(p: { playbackId: string }): Promise<unknown> };
  channelScope(channelId: string): Scope;
}

export interface InternalCallHooks {
  /** The callee answered: the call is answered. */
  answered(channelId: string, latencyMs: number): void;
  hangingUp(channelId: string, cause: { code: number; text: string }): void;
  /** The call could not reach anyone, with why (for the call record). */
  outcome(channelId: string, outcome: InternalCallOutcome, target?: DirectoryEntry): void;
  /** A callee leg is about to be originated for this call. */
  legCreated(channelId: string): void;
  /** A phone is ringing for this call (screen pop); the leg's channel ending ends it. */
  ringing(target: DirectoryEntry, leg: RingingLeg): void;
}

export type InternalCallOutcome =
  'connected' | 'invalid' | 'unavailable' | 'busy' | 'no_answer' | 'caller_left';

/** First Stasis argument of the callee's channel: tells callflow it belongs to a running flow. */
export const DIALED_ARG = 'dialed';

const PROMPTS: Record<Exclude<InternalCallOutcome, 'connected' | 'caller_left'>, string[]> = {
  invalid: ['sound:pbx-invalid'],
  unavailable: ['sound:vm-nobodyavail'],
  busy: ['sound:vm-theperson', 'sound:vm-isonphone'],
  no_answer: ['sound:number-not-answering'],
};

/**
 * Set on every phone leg callflow originates (device channels get it in the dialplan): REFERs
 * become ARI ChannelTransfer events that transfer.flow.ts carries out, instead of Asterisk's own
 * transfer, which would dial through the dialplan outside Stasis.
 */
export const LEG_VARIABLES: Record<string, string> = { 'PJSIP_TRANSFER_HANDLING()': 'ari-only' };

export interface InternalCallOptions {
  app: string;
  ringTimeoutS: number;
  promptTimeoutMs?: number;
}

/**
 * Extension to extension inside one tenant (issue 4). The extension is looked up in the
 * caller's tenant only; an unknown, offline or busy extension gets a prompt; otherwise the
 * callee's phone is rung (ringback to the caller) and both are bridged on answer. Either side
 * hanging up ends the call.
 */
export class InternalCallFlow {
  constructor(
    private readonly ari: InternalCallAri,
    private readonly directory: Pick<ExtensionDirectory, 'findFresh'>,
    private readonly hooks: InternalCallHooks,
    private readonly options: InternalCallOptions,
    private readonly conversations: ConversationRegistry,
  ) {}

  /** `resolved`: the dialled extension when the caller already looked it up (not looked up again). */
  async run(
    event: StasisStart,
    entry: StasisEntry,
    receivedAt: number,
    resolved?: { target: DirectoryEntry | undefined },
  ): Promise<void> {
    const callerId = event.channel.id;
    const callerExtension = event.channel.caller?.number ?? '';
    const target = resolved
      ? resolved.target
      : entry.tenantId === null
        ? undefined
        : await this.directory.findFresh(entry.tenantId, entry.entryId);
    if (!target || target.extension === callerExtension) return this.announce(callerId, 'invalid', target);

    if (target.dnd) return this.announce(callerId, 'unavailable', target);
    const outcome = await this.ringAndConnect(event.channel, target, receivedAt, {
      callerId: `"${(event.channel.caller?.name ?? '').replace(/["<>]/g, '')}" <${callerExtension}>`,
      ringTimeoutS: this.options.ringTimeoutS,
      pop: { callerNumber: callerExtension, hotlineNumber: '' },
    });
    if (outcome === 'caller_left') this.hooks.outcome(callerId, 'caller_left', target);
    else if (outcome !== 'connected') return this.announce(callerId, outcome, target);
  }

  /**
   * Rings an outside number through a carrier trunk (`PJSIP/<number>@<trunk>`) with
   * `callerNumber` as caller id, and bridges on answer like `ringAndConnect`; `leg` hears how it
   * went (`connected` at answer time, while the call record is still open).
   */
  async ringThroughTrunk(
    caller: { id: string; state?: string },
    to: { tenantId: number; number: string; trunkEndpoint: string; callerNumber: string },
    receivedAt: number,
    leg: (outcome: string) => void,
    extra: Omit<ConversationOptions, 'onConnected'> = {},
  ): Promise<'connected' | 'busy' | 'no_answer' | 'unavailable' | 'caller_left'> {
    const outcome = await this.ringAndConnect(
      caller,
      {
        userId: 0,
        tenantId: to.tenantId,
        extension: to.number,
        fullName: to.number,
        endpoint: `${to.number}@${to.trunkEndpoint}`,
        dnd: false,
      },
      receivedAt,
      {
        callerId: `"${to.callerNumber}" <${to.callerNumber}>`,
        ringTimeoutS: 60,
        external: true,
        onConnected: () => leg('connected'),
        ...extra,
      },
    );
    if (outcome !== 'connected') leg(outcome);
    return outcome;
  }

  /**
   * Rings `target`'s phone for a caller already in Stasis and bridges both on answer; resolves
   * when the conversation is over (`connected`) or with why nobody answered. Used by internal
   * calls and by hotline flows (an answered caller hears a ring tone instead of ringback).
   */
  async ringAndConnect(
    caller: { id: string; state?: string },
    target: DirectoryEntry,
    receivedAt: number,
    options: ConversationOptions & {
      callerId: string;
      ringTimeoutS: number;
      /** A number through a trunk: no registration to check, no screen pop. */
      external?: boolean;
      /** What the rung user's screen pop shows. */
      pop?: { callerNumber: string; hotlineNumber: string };
    },
  ): Promise<'connected' | 'busy' | 'no_answer' | 'unavailable' | 'caller_left'> {
    const callerId = caller.id;
    // A number through a trunk (`<number>@<trunk>`) has no registration to look at.
    if (!options.external) {
      const state = await endpointAvailability(this.ari.endpoints, target.endpoint);
      if (state !== 'free') return state;
    }

    const calleeId = randomUUID();
    const callee = this.ari.channelScope(calleeId);
    const callerScope = this.ari.channelScope(callerId);
    // Subscribe before originating: a fast answer or refusal cannot go unseen.
    const answered = observe(callee.once('StasisStart'));
    const calleeDestroyed = observe(callee.once('ChannelDestroyed'));
    const callerLeft = observe(callerScope.once('StasisEnd'));

    const ringTone = caller.state === 'Up' ? randomUUID() : null;
    if (ringTone) {
      await this.ari.channels.play({ channelId: callerId, media: 'tone:ring', playbackId: ringTone });
    } else {
      await this.ari.channels.ring({ channelId: callerId });
    }
    this.hooks.legCreated(calleeId);
    await this.ari.channels.originate({
      endpoint: `PJSIP/${target.endpoint}`,
      app: this.options.app,
      appArgs: DIALED_ARG,
      channelId: calleeId,
      callerId: options.callerId,
      timeout: options.ringTimeoutS,
      originator: callerId,
      variables: LEG_VARIABLES,
    });
    if (!options.external) {
      this.hooks.ringing(target, {
        channelId: calleeId,
        callerNumber: options.pop?.callerNumber ?? '',
        hotlineNumber: options.pop?.hotlineNumber ?? '',
      });
    }

    const first = await Promise.race([
      answered.then(() => 'answered' as const),
      calleeDestroyed.then((e) => ({ destroyed: e?.cause ?? 0 })),
      callerLeft.then(() => 'caller_left' as const),
    ]);
    if (ringTone) await this.ari.playbacks.stop({ playbackId: ringTone }).catch(ignoreGone);
    if (first === 'caller_left') {
      await this.ari.channels.hangup({ channelId: calleeId, reason: 'normal' }).catch(ignoreGone);
      return 'caller_left';
    }
    if (typeof first === 'object') {
      // 17 user busy, 21 rejected → busy; 18/19 no answer (ring timeout); anything else: unavailable.
      return first.destroyed === 17 || first.destroyed === 21
        ? 'busy'
        : first.destroyed === 18 || first.destroyed === 19 || first.destroyed === 0
          ? 'no_answer'
          : 'unavailable';
    }
    await this.connect(
      caller.state === 'Up',
      callerId,
      calleeId,
      receivedAt,
      target,
      callerScope,
      callee,
      target.tenantId,
      options,
    );
    return 'connected';
  }

  private async connect(
    callerAnswered: boolean,
    callerId: string,
    calleeId: string,
    receivedAt: number,
    target: DirectoryEntry,
    caller: Scope,
    callee: Scope,
    tenantId: number,
    { onConnected, record, bridged }: ConversationOptions,
  ): Promise<void> {
    const bridgeId = randomUUID();
    const callerEnd = observe(caller.once('StasisEnd'));
    const calleeEnd = observe(callee.once('StasisEnd'));
    // A caller a flow already answered (IVR) is not answered twice, nor counted twice.
    if (!callerAnswered) {
      await this.ari.channels.answer({ channelId: callerId });
      this.hooks.answered(callerId, performance.now() - receivedAt);
    }
    this.hooks.outcome(callerId, 'connected', target);
    onConnected?.();
    // The callee's leg was originated with the caller's identity (so the callee's phone shows who
    // calls); from now on it stands for the callee: a bridge tells each party the other's caller
    // id (connected line), also after a transfer re-arranges the bridge.
    await this.ari.channels
      .setChannelVar({ channelId: calleeId, variable: 'CALLERID(all)', value: identityOf(target) })
      .catch(ignoreGone);
    await this.ari.bridges.create({ type: 'mixing', bridgeId, name: `internal-${callerId}` });
    try {
      await this.ari.bridges.addChannel({ bridgeId, channel: [callerId, calleeId] });
    } catch (err) {
      await this.ari.bridges.destroy({ bridgeId }).catch(ignoreGone);
      throw err;
    }
    if (record && this.ari.bridges.record)
      await this.ari.bridges
        .record({ bridgeId, name: record, format: 'wav', ifExists: 'overwrite' })
        .catch(ignoreGone);
    // From here the conversation owns the bridge: a party leaving ends it, unless a transfer
    // (transfer.flow.ts) is handing a party over. Whoever is in it when a channel leaves counts,
    // so a party moved in by a transfer is followed too.
    const conversation = this.conversations.open(bridgeId, tenantId, [callerId, calleeId]);
    bridged?.({ bridgeId, calleeId });
    void callerEnd.then(() => this.conversations.leave(callerId)).catch(() => undefined);
    void calleeEnd.then(() => this.conversations.leave(calleeId)).catch(() => undefined);
    await conversation.finished;
  }

  /** Answers, plays the prompt of `outcome`, hangs up. */
  private async announce(
    channelId: string,
    outcome: Exclude<InternalCallOutcome, 'connected' | 'caller_left'>,
    target?: DirectoryEntry,
  ): Promise<void> {
    this.hooks.outcome(channelId, outcome, target);
    const scope = this.ari.channelScope(channelId);
    const playbackId = randomUUID();
    const finished = observe(
      scope.once(
        'PlaybackFinished',
        (e) => e.playback.id === playbackId,
        this.options.promptTimeoutMs ?? 30_000,
      ),
    );
    await this.ari.channels.answer({ channelId });
    await this.ari.channels.play({ channelId, media: PROMPTS[outcome], playbackId });
    await finished;
    this.hooks.hangingUp(channelId, { code: 16, text: outcome });
    await this.ari.channels.hangup({ channelId, reason: 'normal' });
  }
}
