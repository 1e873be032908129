import { randomUUID } from 'node:crypto';
import { AriChannelGoneError, type AriClient, type StasisStart } from '#ari';
import {
  checkOutbound,
  runFlow,
  type ActionResult,
  type DialOutcome,
  type FlowAction,
  type PathStep,
  type PromptRef,
  type QueueOutcome,
} from '#flow-engine';
import type { VoicemailEvent } from '#contracts';
import type { CallLeg } from '../calls/call-recorder.js';
import type { ExtensionDirectory } from '../directory/extension-directory.js';
import type { HotlineRoute, RoutingStore } from '../routing/routing-store.js';
import { observe } from './ari-helpers.js';
import { CallerInput } from './caller-input.js';
import type { QueueFlow } from '../queues/queue.flow.js';
import type { InternalCallFlow } from './internal-call.flow.js';

export interface HotlineFlowHooks {
  answered(channelId: string, latencyMs: number): void;
  hangingUp(channelId: string, cause: { code: number; text: string }): void;
  step(channelId: string, step: PathStep): void;
  leg(channelId: string, leg: Omit<CallLeg, 'at'>): void;
  /** A message was stored (the mailbox's user is notified). */
  voicemail(message: { tenantId: number; mailbox: string; payload: VoicemailEvent }): void;
}

export interface HotlineFlowOptions {
  /** The prompts directory as Asterisk sees it. */
  promptsDir: string;
  /** Longest voicemail message (seconds). */
  voicemailMaxS?: number;
  /** The time shifts and holidays are checked against (the real clock unless injected). */
  now?: () => Date;
  /** The ACD that queue nodes hand callers to. */
  queues?: Pick<QueueFlow, 'wait' | 'requestCallback'>;
}

/** Built-in Asterisk sounds used when a step has no prompt of its own. */
const FALLBACK = {
  noService: 'sound:ss-noservice',
  voicemailGreeting: 'sound:vm-intro',
  invalid: 'sound:option-is-invalid',
  timeout: 'sound:vm-sorry',
};

/**
 * A hotline call through its tenant's published flow (issue 5): the flow-engine interpreter
 * decides, this class carries its actions out through ARI — prompts, menus with barge-in,
 * extensions (rung by the internal-call flow's dialer), voicemail, external numbers through the
 * hotline's trunk. The call runs on the version that was current when it came in.
 */
export class HotlineFlow {
  private readonly input: CallerInput;

  constructor(
    private readonly ari: Pick<AriClient, 'channels' | 'playbacks' | 'channelScope'>,
    private readonly store: RoutingStore,
    private readonly directory: Pick<ExtensionDirectory, 'findFresh'>,
    private readonly dialer: Pick<InternalCallFlow, 'ringAndConnect' | 'ringThroughTrunk'>,
    private readonly hooks: HotlineFlowHooks,
    private readonly options: HotlineFlowOptions,
  ) {
    this.input = new CallerInput(ari);
  }

  /**
   * Runs the call through its flow. `resume`: a caller who was waiting in a queue when callflow
   * restarted — already answered, it goes on from that queue node, keeping its place.
   */
  async run(
    event: Pick<StasisStart, 'channel'>,
    route: HotlineRoute,
    receivedAt: number,
    resume?: { nodeId: string; enteredAt: Date },
  ): Promise<void> {
    const channelId = event.channel.id;
    if (!resume) {
      await this.ari.channels.answer({ channelId });
      this.hooks.answered(channelId, performance.now() - receivedAt);
    }
    let resumedFrom = resume?.enteredAt;
    if (route.flowId === null || route.flowVersion === null) {
      // A number with no published flow: say so instead of dead air.
      await this.input.play(channelId, FALLBACK.noService);
      return this.hangup(channelId, 'no_flow');
    }
    const graph = await this.store.graph(route.flowId, route.flowVersion);
    const known = new Set<string>();
    const run = runFlow(graph, {
      now: this.options.now ?? (() => new Date()),
      extensionExists: (ext) => known.has(ext),
      onStep: (step) => this.hooks.step(channelId, step),
      startAt: resume?.nodeId,
    });
    let next = run.next();
    while (!next.done) {
      const action: FlowAction = next.value;
      let result: ActionResult = {};
      switch (action.kind) {
        case 'play':
          await this.input.play(channelId, await this.media(route, action.prompt, FALLBACK.noService));
          break;
        case 'collect': {
          const digits = await this.input.collect(
            channelId,
            await this.media(route, action.prompt, FALLBACK.noService),
            action.keys,
            action.maxDigits,
            action.timeoutS,
          );
          // Direct dial: the interpreter asks whether the digits are an extension of the tenant.
          if (digits && digits.length > 1 && (await this.directory.findFresh(route.tenantId, digits)))
            known.add(digits);
          result = { digits };
          break;
        }
        case 'dial':
          result = {
            outcome: await this.dial(
              event,
              route,
              action.nodeId,
              action.extension,
              action.ringTimeoutS,
              receivedAt,
            ),
          };
          break;
        case 'queue':
          result = { queue: await this.queue(event, route, action, resumedFrom) };
          resumedFrom = undefined;
          break;
        case 'callback':
          result = { callback: await this.callback(event, route, action.queueId) };
          break;
        case 'voicemail':
          await this.voicemail(event, route, action.mailbox, action.greeting);
          break;
        case 'external':
          await this.external(event, route, action.number, receivedAt);
          break;
        case 'hangup':
          break;
      }
      next = run.next(result);
    }
    const end = next.value;
    if (end.reason !== 'connected') await this.hangup(channelId, end.reason);
  }

  private async dial(
    event: Pick<StasisStart, 'channel'>,
    route: HotlineRoute,
    nodeId: string,
    extension: string,
    ringTimeoutS: number,
    receivedAt: number,
  ): Promise<DialOutcome> {
    const channelId = event.channel.id;
    const target = await this.directory.findFresh(route.tenantId, extension);
    if (!target || target.dnd) {
      this.hooks.leg(channelId, { kind: 'extension', target: extension, outcome: 'unavailable' });
      return 'unavailable';
    }
    const callerNumber = event.channel.caller?.number ?? '';
    const outcome = await this.dialer.ringAndConnect({ id: channelId, state: 'Up' }, target, receivedAt, {
      callerId: `"${route.number}" <${callerNumber.replace(/[^0-9+*#]/g, '')}>`,
      ringTimeoutS,
      pop: { callerNumber, hotlineNumber: route.number },
      // Written now: once the conversation is over the call record is already closed.
      onConnected: () => {
        this.hooks.step(channelId, { nodeId, type: 'extension', branch: 'answered' });
        this.hooks.leg(channelId, { kind: 'extension', target: extension, outcome: 'connected' });
      },
    });
    if (outcome !== 'connected') this.hooks.leg(channelId, { kind: 'extension', target: extension, outcome });
    if (outcome === 'caller_left') throw new AriChannelGoneError(channelId);
    return outcome === 'connected' ? 'answered' : outcome;
  }

  private async queue(
    event: Pick<StasisStart, 'channel'>,
    route: HotlineRoute,
    action: Extract<FlowAction, { kind: 'queue' }>,
    resumedFrom: Date | undefined,
  ): Promise<QueueOutcome> {
    const channelId = event.channel.id;
    if (!this.options.queues) return 'overflow';
    const outcome = await this.options.queues.wait({
      caller: {
        id: channelId,
        tenantId: route.tenantId,
        callerNumber: event.channel.caller?.number ?? '',
        hotlineNumber: route.number,
      },
      queueId: Number(action.queueId),
      nodeId: action.nodeId,
      priority: action.priority,
      exitEnabled: action.exitEnabled,
      // Written now: once the conversation is over the call record is already closed.
      onConnected: () =>
        this.hooks.step(channelId, { nodeId: action.nodeId, type: 'queue', branch: 'answered' }),
      resumedFrom,
    });
    if (outcome === 'caller_left') throw new AriChannelGoneError(channelId);
    return outcome;
  }

  /** The caller asks to be called back by the queue's agents (told whether it was taken). */
  private async callback(
    event: Pick<StasisStart, 'channel'>,
    route: HotlineRoute,
    queueId: string,
  ): Promise<'requested' | 'refused'> {
    if (!this.options.queues) return 'refused';
    return this.options.queues.requestCallback({
      caller: {
        id: event.channel.id,
        tenantId: route.tenantId,
        callerNumber: event.channel.caller?.number ?? '',
        hotlineNumber: route.number,
      },
      queueId: Number(queueId),
    });
  }

  private async external(
    event: Pick<StasisStart, 'channel'>,
    route: HotlineRoute,
    number: string,
    receivedAt: number,
  ): Promise<void> {
    const channelId = event.channel.id;
    const checked = checkOutbound(number, {
      allowInternational: true,
      allowPremium: false,
      allowedPrefixes: [],
    });
    if (!checked.allowed) {
      this.hooks.leg(channelId, { kind: 'external', target: number, outcome: checked.reason });
      return;
    }
    const dial = checked.number.dial;
    await this.dialer.ringThroughTrunk(
      { id: channelId, state: 'Up' },
      {
        tenantId: route.tenantId,
        number: dial,
        trunkEndpoint: route.trunkEndpoint,
        callerNumber: route.number,
      },
      receivedAt,
      (outcome) => this.hooks.leg(channelId, { kind: 'external', target: dial, outcome }),
    );
  }

  private async voicemail(
    event: Pick<StasisStart, 'channel'>,
    route: HotlineRoute,
    mailbox: string,
    greeting?: PromptRef,
  ): Promise<void> {
    const channelId = event.channel.id;
    await this.input.play(channelId, await this.media(route, greeting, FALLBACK.voicemailGreeting));
    // Flat names: Asterisk does not create sub-directories of its recording directory.
    const name = `vm-t${route.tenantId}-${mailbox}-${Date.now()}-${randomUUID().slice(0, 8)}`;
    const scope = this.ari.channelScope(channelId);
    const done = observe(scope.once('RecordingFinished', (e) => e.recording.name === name));
    const failed = observe(scope.once('RecordingFailed', (e) => e.recording.name === name));
    const left = observe(scope.once('StasisEnd'));
    const startedAt = Date.now();
    await this.ari.channels.record({
      channelId,
      name,
      format: 'wav',
      maxDurationSeconds: this.options.voicemailMaxS ?? 180,
      maxSilenceSeconds: 10,
      beep: true,
      terminateOn: '#',
      ifExists: 'fail',
    });
    // Recorded now: a caller who hangs up mid-message closes the call record before the end.
    this.hooks.leg(channelId, { kind: 'voicemail', target: mailbox, outcome: 'recorded' });
    const end = await Promise.race([
      done.then((e) => ({ ok: true, seconds: e.recording.duration })),
      failed.then(() => ({ ok: false, seconds: 0 })),
      left.then(() => ({ ok: true, seconds: undefined })),
    ]).catch(() => ({ ok: true, seconds: undefined }));
    if (!end.ok) {
      this.hooks.leg(channelId, { kind: 'voicemail', target: mailbox, outcome: 'failed' });
      return;
    }
    const message = {
      tenantId: route.tenantId,
      mailbox,
      channelId,
      callerNumber: (event.channel.caller?.number ?? '').slice(0, 64),
      file: name,
      durationMs: Math.round((end.seconds ?? (Date.now() - startedAt) / 1000) * 1000),
      createdAt: new Date(startedAt),
    };
    const voicemailId = await this.store.saveVoicemail(message);
    this.hooks.voicemail({
      tenantId: route.tenantId,
      mailbox,
      payload: {
        channelId,
        voicemailId,
        callerNumber: message.callerNumber,
        hotlineNumber: route.number,
        durationMs: message.durationMs,
        at: message.createdAt.toISOString(),
      },
    });
  }

  private async media(route: HotlineRoute, prompt: PromptRef | undefined, fallback: string): Promise<string> {
    if (!prompt) return fallback;
    const file = await this.store.promptFile(route.tenantId, prompt.promptId);
    return file ? `sound:${this.options.promptsDir}/${file}` : fallback;
  }

  private async hangup(channelId: string, reason: string): Promise<void> {
    this.hooks.hangingUp(channelId, { code: 16, text: reason });
    await this.ari.channels.hangup({ channelId, reason: 'normal' }).catch(() => undefined);
  }
}
