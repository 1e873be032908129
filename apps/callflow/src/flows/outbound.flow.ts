import type { AriClient, StasisStart } from '#ari';
import { checkOutbound } from '#flow-engine';
import type { CallLeg } from '../calls/call-recorder.js';
import type { RoutingStore } from '../routing/routing-store.js';
import { CallerInput } from './caller-input.js';
import type { InternalCallFlow } from './internal-call.flow.js';
import type { StasisEntry } from './stasis-args.js';

export interface OutboundFlowHooks {
  hangingUp(channelId: string, cause: { code: number; text: string }): void;
  leg(channelId: string, leg: Omit<CallLeg, 'at'>): void;
}

const PROMPTS = {
  refused: 'sound:cannot-complete-as-dialed',
  noTrunk: 'sound:ss-noservice',
  busy: 'sound:vm-isonphone',
  unanswered: 'sound:number-not-answering',
};

/**
 * An agent's call to an outside number (issue 5 §7): through the trunk of the tenant's outbound
 * hotline, with that hotline as caller id, after the toll-fraud guard (allowed prefixes,
 * international and premium off unless the tenant allows them). The concurrent-call quota is
 * the tenant gate's, as for every call.
 */
export class OutboundFlow {
  private readonly input: CallerInput;

  constructor(
    private readonly ari: Pick<AriClient, 'channels' | 'playbacks' | 'channelScope'>,
    private readonly store: RoutingStore,
    private readonly dialer: Pick<InternalCallFlow, 'ringThroughTrunk'>,
    private readonly hooks: OutboundFlowHooks,
  ) {
    this.input = new CallerInput(ari);
  }

  async run(
    event: StasisStart,
    entry: StasisEntry & { tenantId: number },
    receivedAt: number,
  ): Promise<void> {
    const channelId = event.channel.id;
    const route = await this.store.outbound(entry.tenantId);
    if (!route) return this.refuse(channelId, entry.entryId, 'no_outbound_hotline', PROMPTS.noTrunk);
    const checked = checkOutbound(entry.entryId, route.policy);
    if (!checked.allowed) return this.refuse(channelId, entry.entryId, checked.reason, PROMPTS.refused);
    const dial = checked.number.dial;
    const outcome = await this.dialer.ringThroughTrunk(
      event.channel,
      {
        tenantId: entry.tenantId,
        number: dial,
        trunkEndpoint: route.trunkEndpoint,
        callerNumber: route.callerNumber,
      },
      receivedAt,
      (result) => this.hooks.leg(channelId, { kind: 'external', target: dial, outcome: result }),
    );
    if (outcome === 'connected' || outcome === 'caller_left') return;
    await this.ari.channels.answer({ channelId });
    await this.input.play(channelId, outcome === 'busy' ? PROMPTS.busy : PROMPTS.unanswered);
    this.hooks.hangingUp(channelId, { code: 16, text: outcome });
    await this.ari.channels.hangup({ channelId, reason: 'normal' }).catch(() => undefined);
  }

  private async refuse(channelId: string, number: string, reason: string, prompt: string): Promise<void> {
    this.hooks.leg(channelId, { kind: 'external', target: number, outcome: reason });
    this.hooks.hangingUp(channelId, { code: 21, text: reason });
    await this.ari.channels.answer({ channelId });
    await this.input.play(channelId, prompt);
    await this.ari.channels.hangup({ channelId, reason: 'normal' }).catch(() => undefined);
  }
}
