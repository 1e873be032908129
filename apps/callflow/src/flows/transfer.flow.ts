import { randomUUID } from 'node:crypto';
import type { AriEventMap, AriEventType, ChannelTransfer } from '#ari';
import {
  identityOf,
  type DirectoryEntry,
  type ExtensionDirectory,
} from '../directory/extension-directory.js';
import { endpointAvailability, ignoreGone, observe } from './ari-helpers.js';
import type { Conversation, ConversationRegistry } from './conversation.js';

interface Scope {
  once<K extends AriEventType>(
    type: K,
    predicate?: (e: AriEventMap[K]) => boolean,
    timeoutMs?: number,
  ): Promise<AriEventMap[K]>;
}

/** What transfers need of ARI (a fake implements it in unit tests). */
export interface TransferAri {
  channels: {
    hangup(p: { channelId: string; reason?: string }): Promise<unknown>;
    transfer_progress(p: { channelId: string; states: string }): Promise<unknown>;
    stopMoh(p: { channelId: string }): Promise<unknown>;
    setChannelVar(p: { channelId: string; variable: string; value?: string }): Promise<unknown>;
    originate(p: {
      endpoint: string;
      app: string;
      appArgs: string;
      channelId: string;
      callerId: string;
      timeout: number;
      variables?: Record<string, string>;
    }): Promise<unknown>;
  };
  bridges: {
    addChannel(p: { bridgeId: string; channel: string | readonly string[] }): Promise<unknown>;
    removeChannel(p: { bridgeId: string; channel: string | readonly string[] }): Promise<unknown>;
    startMoh(p: { bridgeId: string; mohClass?: string }): Promise<unknown>;
    stopMoh(p: { bridgeId: string }): Promise<unknown>;
  };
  endpoints: {
    get(p: { tech: string; resource: string }): Promise<{ state?: string; channel_ids: string[] }>;
  };
  channelScope(channelId: string): Scope;
}

export interface TransferHooks {
  /** A leg is about to be originated by the transfer (not a call of its own). */
  legCreated(channelId: string): void;
  hangingUp(channelId: string, cause: { code: number; text: string }): void;
}

export interface TransferOptions {
  app: string;
  /** Stasis argument that marks legs originated by flows. */
  dialedArg: string;
  ringTimeoutS: number;
  /** Channel variables every phone leg gets (REFERs handled by callflow). */
  legVariables: Record<string, string>;
  /**
   * How long a released transferer's phone has to hang up by itself after hearing of the success
   * (NOTIFY) before callflow ends the leg: Asterisk sends the NOTIFY and a BYE on different
   * queues, so a BYE sent at once can overtake the NOTIFY and the phone never learns it transferred.
   */
  releaseGraceMs?: number;
}

export type TransferOutcome =
  'attended' | 'blind_ringing' | 'declined_unknown_call' | 'declined_other_tenant' | 'unavailable';

/** `PJSIP/t42-1002-0000000a` → `t42-1002`. */
export function endpointOfChannel(name: string | undefined): string | null {
  const match = /^PJSIP\/(t\d+-\d+)-[0-9a-f]+$/.exec(name ?? '');
  return match ? match[1]! : null;
}

/**
 * Carries out SIP transfers (REFER) in Stasis: Asterisk hands them over as `ChannelTransfer`
 * events (`PJSIP_TRANSFER_HANDLING(ari-only)` on every phone leg) and does nothing itself.
 *
 * - Attended (Refer-To with Replaces): the transferer talks to the transferee in one bridge and
 *   to the target in another; the target is moved into the transferee's bridge, both transferer
 *   legs are released.
 * - Blind (Refer-To an extension of the same tenant): the transferer is released at once, the
 *   transferee hears music while the target rings, and both talk when the target answers; if it
 *   does not, the transferee is hung up.
 *
 * The transferer's phone learns the result through NOTIFY (transfer_progress). Only
 * extensions of the conversation's own tenant can be targets.
 */
export class TransferFlow {
  constructor(
    private readonly ari: TransferAri,
    private readonly conversations: ConversationRegistry,
    private readonly directory: Pick<ExtensionDirectory, 'findFresh' | 'find'>,
    private readonly hooks: TransferHooks,
    private readonly options: TransferOptions,
  ) {}

  async handle(event: ChannelTransfer): Promise<TransferOutcome | 'progress_report'> {
    // Asterisk also reports each transfer_progress we send as a ChannelTransfer carrying the
    // state: only an event without a state is a phone's new REFER.
    if (event.state) return 'progress_report';
    const transfererId = event.referred_by.source_channel.id;
    const conversation = this.conversations.of(transfererId);
    if (!conversation || conversation.isOver) {
      await this.progress(transfererId, 'channel_declined');
      return 'declined_unknown_call';
    }
    const replaced = event.refer_to.destination_channel?.id;
    if (replaced) return this.attended(event, conversation, transfererId, replaced);
    return this.blind(event, conversation, transfererId);
  }

  private async attended(
    event: ChannelTransfer,
    conversation: Conversation,
    transfererId: string,
    replacedId: string,
  ): Promise<TransferOutcome> {
    const consultation = this.conversations.of(replacedId);
    if (!consultation || consultation.isOver || consultation === conversation) {
      await this.progress(transfererId, 'channel_declined');
      return 'declined_unknown_call';
    }
    if (consultation.tenantId !== conversation.tenantId) {
      await this.progress(transfererId, 'channel_declined');
      return 'declined_other_tenant';
    }
    const targets = [...consultation.members].filter((id) => id !== replacedId);
    const transferee = event.referred_by.connected_channel;
    const target = event.refer_to.connected_channel;
    conversation.beginTransfer();
    consultation.beginTransfer();
    try {
      for (const target of targets) {
        await this.ari.bridges.removeChannel({ bridgeId: consultation.bridgeId, channel: target });
        await this.ari.bridges.addChannel({ bridgeId: conversation.bridgeId, channel: target });
        this.conversations.join(conversation, target);
      }
      await this.release(conversation, transfererId);
      await this.release(consultation, replacedId);
      // The transferer put the transferee on hold to consult, and leaves without resuming: end
      // the hold music the hold started on the transferee's channel.
      for (const id of conversation.members)
        await this.ari.channels.stopMoh({ channelId: id }).catch(() => undefined);
      // Each side now talks to someone else: tell their phones who.
      if (transferee && target) {
        await this.introduce(transferee.id, this.identityOfChannel(conversation, target));
        await this.introduce(target.id, this.identityOfChannel(conversation, transferee));
      }
      return 'attended';
    } finally {
      await consultation.endTransfer();
      await conversation.endTransfer();
    }
  }

  private async blind(
    event: ChannelTransfer,
    conversation: Conversation,
    transfererId: string,
  ): Promise<TransferOutcome> {
    const dialled = (event.refer_to.requested_destination.destination ?? '').replace(/[^0-9]/g, '');
    const transferees = [...conversation.members].filter((id) => id !== transfererId);
    const target =
      conversation.tenantId === null || !dialled
        ? undefined
        : await this.directory.findFresh(conversation.tenantId, dialled);
    const transfererEndpoint = endpointOfChannel(event.referred_by.source_channel.name);
    if (
      !target ||
      target.dnd ||
      target.endpoint === transfererEndpoint ||
      transferees.length === 0 ||
      !(await this.isFree(target))
    ) {
      await this.progress(transfererId, 'channel_unavailable');
      return 'unavailable';
    }

    conversation.beginTransfer();
    const legId = randomUUID();
    const leg = this.ari.channelScope(legId);
    const answered = observe(leg.once('StasisStart'));
    const gone = observe(leg.once('ChannelDestroyed'));
    const legEnd = observe(leg.once('StasisEnd'));
    try {
      await this.release(conversation, transfererId);
      await this.ari.bridges.startMoh({ bridgeId: conversation.bridgeId }).catch(ignoreGone);
      this.hooks.legCreated(legId);
      await this.ari.channels.originate({
        endpoint: `PJSIP/${target.endpoint}`,
        app: this.options.app,
        appArgs: this.options.dialedArg,
        channelId: legId,
        callerId: this.callerIdOf(conversation, transferees[0]!, event),
        timeout: this.options.ringTimeoutS,
        variables: this.options.legVariables,
      });
    } catch (err) {
      await conversation.endTransfer();
      throw err;
    }
    // Once the target answers: its leg stands for the target (caller id, which the bridge passes
    // on as connected line), and the transferees' phones learn whom they talk to now.
    const introduceTarget = async () => {
      await this.ari.channels
        .setChannelVar({ channelId: legId, variable: 'CALLERID(all)', value: identityOf(target) })
        .catch(() => undefined);
      await Promise.all(transferees.map((id) => this.introduce(id, identityOf(target))));
    };
    void this.awaitTarget(conversation, legId, answered, gone, legEnd, introduceTarget).catch(
      () => undefined,
    );
    return 'blind_ringing';
  }

  /** The transfer target answers (joins the bridge) or not (the transferee is hung up). */
  private async awaitTarget(
    conversation: Conversation,
    legId: string,
    answered: Promise<unknown>,
    gone: Promise<unknown>,
    legEnd: Promise<unknown>,
    introduceTarget: () => Promise<unknown>,
  ): Promise<void> {
    const first = await Promise.race([
      answered.then(() => 'answered' as const),
      gone.then(() => 'gone' as const),
      conversation.emptied.then(() => 'transferee_left' as const),
    ]).catch(() => 'gone' as const);
    try {
      if (first === 'answered' && conversation.members.size > 0) {
        await this.ari.bridges.stopMoh({ bridgeId: conversation.bridgeId }).catch(ignoreGone);
        await this.ari.bridges.addChannel({ bridgeId: conversation.bridgeId, channel: legId });
        this.conversations.join(conversation, legId);
        await introduceTarget();
        void legEnd.then(
          () => this.conversations.leave(legId),
          () => this.conversations.leave(legId),
        );
      } else {
        // Nobody took the call (or the transferee left): end the target's leg and the call.
        await this.ari.channels.hangup({ channelId: legId, reason: 'normal' }).catch(ignoreGone);
        for (const id of [...conversation.members]) {
          this.hooks.hangingUp(id, { code: 16, text: 'transfer_not_answered' });
          await this.conversations.leave(id);
          await this.ari.channels.hangup({ channelId: id, reason: 'normal' }).catch(ignoreGone);
        }
      }
    } finally {
      await conversation.endTransfer();
    }
  }

  /** Tells the transferer's phone the transfer succeeded, then takes its leg out and ends it. */
  private async release(conversation: Conversation, channelId: string): Promise<void> {
    // Out of the bridge first: the phone hangs up as soon as it hears of the success, and a
    // leg that is already gone is as good as removed (Asterisk answers 400, not 404).
    await this.ari.bridges
      .removeChannel({ bridgeId: conversation.bridgeId, channel: channelId })
      .catch(() => undefined);
    await this.conversations.leave(channelId);
    const left = this.ari.channelScope(channelId).once('StasisEnd');
    left.catch(() => undefined);
    await this.progress(channelId, 'channel_answered');
    // The leg ends because it transferred, whoever hangs it up.
    this.hooks.hangingUp(channelId, { code: 16, text: 'transferred' });
    const grace = this.options.releaseGraceMs ?? 2_000;
    let timer: NodeJS.Timeout | undefined;
    const hungUpByPhone = await Promise.race([
      left.then(
        () => true,
        () => true,
      ),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), grace))),
    ]);
    clearTimeout(timer);
    if (hungUpByPhone) return;
    await this.ari.channels.hangup({ channelId, reason: 'normal' }).catch(ignoreGone);
  }

  /** Connected-line update: the phone of `channelId` shows `identity` as the other party. */
  private async introduce(channelId: string, identity: string | null): Promise<void> {
    if (!identity) return;
    await this.ari.channels
      .setChannelVar({ channelId, variable: 'CONNECTEDLINE(all)', value: identity })
      .catch(() => undefined);
  }

  /** `"Name" <ext>` of the user whose phone a channel belongs to, from the tenant's directory. */
  private identityOfChannel(conversation: Conversation, channel: { name?: string }): string | null {
    const extension = endpointOfChannel(channel.name)?.split('-')[1];
    const entry =
      extension && conversation.tenantId !== null
        ? this.directory.find(conversation.tenantId, extension)
        : undefined;
    return entry ? identityOf(entry) : null;
  }

  private async progress(channelId: string, states: string): Promise<void> {
    await this.ari.channels.transfer_progress({ channelId, states }).catch(ignoreGone);
  }

  private async isFree(target: DirectoryEntry): Promise<boolean> {
    const availability = await endpointAvailability(this.ari.endpoints, target.endpoint).catch(
      () => 'unavailable',
    );
    return availability === 'free';
  }

  /** The target sees who is being handed over (the transferee), not the transferer. */
  private callerIdOf(conversation: Conversation, transfereeId: string, event: ChannelTransfer): string {
    const connected = event.referred_by.connected_channel;
    const known = connected?.id === transfereeId ? this.identityOfChannel(conversation, connected) : null;
    if (known) return known;
    const caller = connected?.caller;
    return `"${(caller?.name ?? '').replace(/["<>]/g, '')}" <${(caller?.number ?? '').replace(/[^0-9+*#]/g, '')}>`;
  }
}
