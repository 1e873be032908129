import { ignoreGone } from './ari-helpers.js';

/** What a conversation needs of ARI (a fake implements it in unit tests). */
export interface ConversationAri {
  channels: { hangup(p: { channelId: string; reason?: string }): Promise<unknown> };
  bridges: { destroy(p: { bridgeId: string }): Promise<unknown> };
}

export interface ConversationHooks {
  /** The last party is hung up because the other one left. */
  hangingUp(channelId: string, cause: { code: number; text: string }): void;
}

/**
 * Parties talking in one mixing bridge. When one leaves and a single party remains, that party
 * is hung up and the bridge destroyed — unless a transfer is rearranging the bridge, in which
 * case the check waits for the transfer to finish (a transferer leaving must not end the call
 * it hands over).
 */
export class Conversation {
  readonly members = new Set<string>();
  private transfers = 0;
  private done = false;
  private resolveFinished!: () => void;
  readonly finished = new Promise<void>((resolve) => (this.resolveFinished = resolve));
  private resolveEmptied!: () => void;
  /** Resolves once no party is left (even while a transfer holds the conversation open). */
  readonly emptied = new Promise<void>((resolve) => (this.resolveEmptied = resolve));

  constructor(
    readonly bridgeId: string,
    readonly tenantId: number | null,
    private readonly registry: ConversationRegistry,
  ) {}

  get isOver(): boolean {
    return this.done;
  }

  /** While at least one transfer runs, parties leaving do not end the conversation. */
  beginTransfer(): void {
    this.transfers++;
  }

  endTransfer(): Promise<void> {
    this.transfers = Math.max(0, this.transfers - 1);
    return this.settle();
  }

  /** Tries to end the conversation when one or no party is left. */
  async settle(): Promise<void> {
    if (this.members.size === 0) this.resolveEmptied();
    if (this.done || this.transfers > 0 || this.members.size > 1) return;
    this.done = true;
    const last = [...this.members];
    this.registry.forget(this);
    for (const channelId of last) {
      this.registry.hooks.hangingUp(channelId, { code: 16, text: 'Normal Clearing' });
      await this.registry.ari.channels.hangup({ channelId, reason: 'normal' }).catch(ignoreGone);
    }
    await this.registry.ari.bridges.destroy({ bridgeId: this.bridgeId }).catch(ignoreGone);
    this.resolveEmptied();
    this.resolveFinished();
  }
}

/** Every conversation of this callflow, by bridge and by channel. */
export class ConversationRegistry {
  private readonly byChannel = new Map<string, Conversation>();

  constructor(
    readonly ari: ConversationAri,
    readonly hooks: ConversationHooks,
  ) {}

  /** A conversation of `channelIds` already bridged in `bridgeId`. */
  open(bridgeId: string, tenantId: number | null, channelIds: string[]): Conversation {
    const conversation = new Conversation(bridgeId, tenantId, this);
    for (const id of channelIds) this.join(conversation, id);
    return conversation;
  }

  of(channelId: string): Conversation | undefined {
    return this.byChannel.get(channelId);
  }

  /** `channelId` now talks in `conversation` (moved there by a transfer, or a new party). */
  join(conversation: Conversation, channelId: string): void {
    const previous = this.byChannel.get(channelId);
    previous?.members.delete(channelId);
    conversation.members.add(channelId);
    this.byChannel.set(channelId, conversation);
  }

  /** `channelId` is no longer in its conversation (hung up, or taken out by a transfer). */
  leave(channelId: string): Promise<void> {
    const conversation = this.byChannel.get(channelId);
    if (!conversation) return Promise.resolve();
    this.byChannel.delete(channelId);
    conversation.members.delete(channelId);
    return conversation.settle();
  }

  forget(conversation: Conversation): void {
    for (const id of conversation.members) {
      if (this.byChannel.get(id) === conversation) this.byChannel.delete(id);
    }
  }

  get size(): number {
    return new Set(this.byChannel.values()).size;
  }

  /** The bridges of the conversations going on. */
  bridgeIds(): Set<string> {
    return new Set([...this.byChannel.values()].map((c) => c.bridgeId));
  }
}
