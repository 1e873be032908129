import { randomUUID } from 'node:crypto';
import type { AmiClient } from '#ami';
import { AriChannelGoneError, AriNotFoundError, type AriClient, type Channel, type StasisStart } from '#ari';
import type { CallRecorder } from './calls/call-recorder.js';
import type { CallStore } from './calls/call-store.js';
import type { TenantGate } from './calls/tenant-gate.js';
import type { ExtensionDirectory } from './directory/extension-directory.js';
import { ConversationRegistry } from './flows/conversation.js';
import { DIALED_ARG, InternalCallFlow, LEG_VARIABLES } from './flows/internal-call.flow.js';
import { TransferFlow } from './flows/transfer.flow.js';
import { parseStasisArgs } from './flows/stasis-args.js';
import { WelcomeFlow } from './flows/welcome.flow.js';
import { HotlineFlow } from './flows/hotline.flow.js';
import { OutboundFlow } from './flows/outbound.flow.js';
import type { StasisEntry } from './flows/stasis-args.js';
import type { RoutingStore } from './routing/routing-store.js';
import {
  QueueFlow,
  type CallbackJob,
  type CallbackOutcome,
  type ClaimedChannel,
} from './queues/queue.flow.js';
import type { QueueStore } from './queues/queue-store.js';
import { checkOutbound, normalizeNumber } from '#flow-engine';
import { CallEvents } from './status/call-events.js';
import type { EventPublisher } from './status/event-stream.js';
import { LatencyHistogram } from './status/latency-histogram.js';

export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  debug(obj: object | string, msg?: string): void;
}

interface HangupCause {
  code?: number;
  text?: string;
}

/** Channels older than this at reconnect time were in Stasis before we came back. */
const ORPHAN_AGE_MS = 2_000;

/**
 * Wires ARI events to flows and to the call recorder. Asterisk stays the source of truth:
 * after every (re)connection the live channels are reconciled with what we track.
 */
export class CallflowApp {
  readonly answerLatency = new LatencyHistogram();
  private readonly causes = new Map<string, HangupCause>();
  private readonly welcome: WelcomeFlow;
  private readonly internal: InternalCallFlow;
  private readonly conversations: ConversationRegistry;
  private readonly transfers: TransferFlow;
  private readonly hotline: HotlineFlow;
  private readonly outbound: OutboundFlow;
  /** The ACD (issue 6); absent in tests of other flows. */
  readonly queues: QueueFlow | undefined;
  private refusedHotline = 0;
  /** Screen pops: which phone rings for which call, published live to the api. */
  private readonly callEvents: CallEvents;
  /** Callee legs our flows originated: theirs, not orphans, though no call record is theirs. */
  private readonly legs = new Set<string>();
  private handled = 0;
  private failed = 0;
  private readonly refused = { tenant_suspended: 0, over_quota: 0 };
  private ariConnections = 0;
  private amiConnections = 0;

  constructor(
    private readonly ari: AriClient,
    private readonly ami: AmiClient,
    private readonly recorder: CallRecorder,
    private readonly store: CallStore,
    private readonly logger: Logger,
    private readonly appName: string,
    prompt: string,
    private readonly gate: TenantGate,
    private readonly directory: ExtensionDirectory,
    ringTimeoutS: number,
    private readonly routing: RoutingStore,
    routingOptions: { promptsDir: string; now?: () => Date },
    events: EventPublisher = { publish: () => undefined },
    queueStore?: QueueStore,
  ) {
    this.callEvents = new CallEvents(events);
    this.welcome = new WelcomeFlow(
      ari,
      {
        answered: (channelId, latencyMs) => this.onAnswered(channelId, latencyMs),
        hangingUp: (channelId) => this.setCause(channelId, { code: 16, text: 'Normal Clearing' }),
      },
      prompt,
    );
    this.conversations = new ConversationRegistry(
      { channels: ari.channels, bridges: ari.bridges },
      { hangingUp: (channelId, cause) => this.setCause(channelId, cause) },
    );
    this.transfers = new TransferFlow(
      {
        channels: ari.channels,
        bridges: ari.bridges,
        endpoints: ari.endpoints,
        channelScope: (id) => ari.channelScope(id),
      },
      this.conversations,
      directory,
      {
        legCreated: (channelId) => this.legs.add(channelId),
        hangingUp: (channelId, cause) => this.setCause(channelId, cause),
      },
      { app: appName, dialedArg: DIALED_ARG, ringTimeoutS, legVariables: LEG_VARIABLES },
    );
    this.internal = new InternalCallFlow(
      {
        channels: ari.channels,
        bridges: ari.bridges,
        endpoints: ari.endpoints,
        playbacks: ari.playbacks,
        channelScope: (id) => ari.channelScope(id),
      },
      directory,
      {
        answered: (channelId, latencyMs) => this.onAnswered(channelId, latencyMs),
        hangingUp: (channelId, cause) => this.setCause(channelId, cause),
        outcome: (channelId, outcome) => {
          if (outcome === 'connected') return;
          this.setCause(channelId, { code: 16, text: outcome });
        },
        legCreated: (channelId) => this.legs.add(channelId),
        ringing: (target, leg) => this.callEvents.legRinging(target, leg),
      },
      { app: appName, ringTimeoutS },
      this.conversations,
    );
    this.queues = queueStore
      ? new QueueFlow(
          {
            channels: ari.channels,
            bridges: ari.bridges,
            endpoints: ari.endpoints,
            playbacks: ari.playbacks,
            channelScope: (id) => ari.channelScope(id),
            onPlaybackFinished: (handler) => ari.on('PlaybackFinished', (e) => handler(e.playback.id)),
            subscribeDevices: (devices) =>
              ari.applications.subscribe({
                applicationName: appName,
                eventSource: devices.map((d) => `deviceState:${d}`),
              }),
            onDeviceState: (handler) =>
              ari.on('DeviceStateChanged', (e) => handler(e.device_state.name, e.device_state.state)),
            onChannelDestroyed: (handler) => ari.on('ChannelDestroyed', (e) => handler(e.channel.id)),
          },
          queueStore,
          {
            leg: (channelId, leg) => this.recorder.leg(channelId, leg),
            mark: (channelId, details) => this.recorder.mark(channelId, details),
            legCreated: (legId) => this.legs.add(legId),
            ringing: (target, leg) => this.callEvents.legRinging(target, leg),
            publish: (event) => events.publish(event),
            callbackNumber: (tenantId, callerNumber) => this.callbackNumber(tenantId, callerNumber),
            callBack: (job) => this.callBack(job),
          },
          { app: appName, promptsDir: routingOptions.promptsDir },
          this.conversations,
          logger,
        )
      : undefined;
    const media = {
      channels: ari.channels,
      playbacks: ari.playbacks,
      channelScope: (id: string) => ari.channelScope(id),
    };
    this.hotline = new HotlineFlow(
      media,
      routing,
      directory,
      this.internal,
      {
        answered: (channelId, latencyMs) => this.onAnswered(channelId, latencyMs),
        hangingUp: (channelId, cause) => this.setCause(channelId, cause),
        step: (channelId, step) => this.recorder.step(channelId, step),
        leg: (channelId, leg) => this.recorder.leg(channelId, leg),
        voicemail: ({ tenantId, mailbox, payload }) =>
          events.publish({ type: 'voicemail.new', tenantId, extension: mailbox, payload }),
      },
      { promptsDir: routingOptions.promptsDir, now: routingOptions.now, queues: this.queues },
    );
    this.outbound = new OutboundFlow(media, routing, this.internal, {
      hangingUp: (channelId, cause) => this.setCause(channelId, cause),
      leg: (channelId, leg) => this.recorder.leg(channelId, leg),
    });
  }

  start(): void {
    this.ari.on('StasisStart', (e) => this.onStasisStart(e, performance.now()));
    this.ari.on('ChannelDestroyed', (e) => {
      this.legs.delete(e.channel.id);
      this.callEvents.channelGone(e.channel.id);
    });
    this.ari.on('StasisEnd', (e) => {
      this.legs.delete(e.channel.id);
      const cause = this.causes.get(e.channel.id);
      this.causes.delete(e.channel.id);
      this.recorder.ended(e.channel.id, new Date(e.timestamp ?? Date.now()), cause);
    });
    this.ari.on('ChannelTransfer', (e) => {
      this.logger.info(
        { channelId: e.referred_by.source_channel.id, state: e.state, referTo: e.refer_to },
        'transfer requested',
      );
      this.transfers
        .handle(e)
        .then((outcome) =>
          this.logger.info({ channelId: e.referred_by.source_channel.id, outcome }, 'transfer'),
        )
        .catch((err: unknown) => this.logger.warn({ err }, 'transfer failed'));
    });
    this.ari.on('ChannelHangupRequest', (e) => {
      if (e.cause !== undefined) this.setCause(e.channel.id, { code: e.cause });
    });
    this.ari.on('reconciled', ({ channels }) => void this.reconcile(channels));
    this.ari.on('connected', () => {
      this.ariConnections++;
      this.logger.info('ARI connected');
    });
    this.ari.on('disconnected', (reason) => this.logger.warn({ reason: String(reason) }, 'ARI disconnected'));
    // Asterisk restarted or reloaded: re-check what exists even if the ARI socket survived.
    this.ami.on('FullyBooted', () => {
      if (this.ari.isConnected)
        this.ari.reconcile().catch((err: unknown) => this.logger.warn({ err }, 'reconcile failed'));
    });
    this.ami.on('connected', () => {
      this.amiConnections++;
      this.logger.info('AMI connected');
    });
    this.ami.on('disconnected', (reason) => this.logger.warn({ reason: String(reason) }, 'AMI disconnected'));
    this.ari.start();
    this.ami.start();
    this.queues?.start().catch((err: unknown) => this.logger.error({ err }, 'queues could not start'));
  }

  /** The caller's number as a callback dials it, if the tenant's outbound rules allow it. */
  private async callbackNumber(tenantId: number, callerNumber: string): Promise<string | null> {
    const route = await this.routing.outbound(tenantId);
    if (!route || !callerNumber) return null;
    const checked = checkOutbound(callerNumber, route.policy);
    return checked.allowed ? checked.number.dial : null;
  }

  /**
   * A callback: the agent's answered leg (already a leg of ours) becomes a call record of its
   * own (kind `callback`, tenant, queue), and the customer is dialled through the trunk of the
   * tenant's outbound hotline with that hotline as caller id.
   */
  private async callBack(job: CallbackJob): Promise<CallbackOutcome> {
    const route = await this.routing.outbound(job.tenantId);
    // A suspended tenant, or one at its concurrent-call quota, does not call out either.
    const admission = this.gate.decide(job.tenantId, this.recorder.activeCallsOf(job.tenantId));
    if (!route || admission !== 'admit') return 'no_route';
    const legId = job.agentLegId;
    this.recorder.started({
      channelId: legId,
      tenantId: job.tenantId,
      entryKind: 'callback',
      entryId: String(job.callbackId),
      callerNumber: route.callerNumber,
      callerName: job.agent.fullName.slice(0, 128),
      calledNumber: job.number,
      startedAt: new Date(),
    });
    this.recorder.leg(legId, {
      kind: 'queue_agent',
      target: job.agent.extension ?? '',
      outcome: 'connected',
    });
    const recording = job.record
      ? `queue-t${job.tenantId}-q${job.queueId}-cb${job.callbackId}-${Date.now()}-${randomUUID().slice(0, 8)}`
      : null;
    this.recorder.mark(legId, { queueId: job.queueId, recording: null });
    const outcome = await this.internal.ringThroughTrunk(
      { id: legId, state: 'Up' },
      {
        tenantId: job.tenantId,
        number: job.number,
        trunkEndpoint: route.trunkEndpoint,
        callerNumber: route.callerNumber,
      },
      performance.now(),
      (result) => {
        this.recorder.leg(legId, { kind: 'external', target: job.number, outcome: result });
        if (result !== 'connected') return;
        this.recorder.answered(legId, new Date());
        // Named now: the bridge is recorded as soon as both are in it.
        if (recording) this.recorder.mark(legId, { queueId: job.queueId, recording });
      },
      { record: recording ?? undefined, bridged: job.bridged },
    );
    return outcome === 'caller_left' ? 'agent_left' : outcome;
  }

  status() {
    return {
      ari: {
        connected: this.ari.isConnected,
        connections: this.ariConnections,
        requests: Object.fromEntries(this.ari.requestCounts),
        events: Object.fromEntries(this.ari.eventCounts),
      },
      ami: { connected: this.ami.isConnected, connections: this.amiConnections },
      activeCalls: this.recorder.activeCalls,
      handledCalls: this.handled,
      failedCalls: this.failed,
      refusedCalls: { ...this.refused, hotline: this.refusedHotline },
      tenantLimits: this.gate.status(),
      answerLatencyMs: this.answerLatency.summary(),
      queues: this.queues?.status() ?? null,
    };
  }

  /** The first cause wins: who hung up first is who ended the call. */
  private setCause(channelId: string, cause: HangupCause): void {
    if (!this.causes.has(channelId)) this.causes.set(channelId, cause);
  }

  private onAnswered(channelId: string, latencyMs: number): void {
    this.answerLatency.record(latencyMs);
    this.recorder.answered(channelId, new Date());
  }

  private onStasisStart(event: StasisStart, receivedAt: number): void {
    const channel = event.channel;
    // A leg a running flow originated: that flow follows it through its channel scope.
    if (event.args?.[0] === DIALED_ARG && this.legs.has(channel.id)) return;
    const entry = parseStasisArgs(event.args ?? []);
    if (!entry) {
      this.logger.warn({ channelId: channel.id, args: event.args }, 'unknown Stasis entry: hanging up');
      void this.ari.channels.hangup({ channelId: channel.id, reason: 'normal' }).catch(() => undefined);
      return;
    }
    this.handled++;
    this.route(event, entry, receivedAt).catch((err: unknown) => this.onFlowError(channel.id, err));
  }

  /** A caller who waited in a queue before callflow restarted: its flow goes on from that node. */
  private resumeQueued(channel: Channel, nodeId: string | null, enteredAt: Date): void {
    void (async () => {
      const route = await this.routing.routeOfCall(channel.id);
      if (!route || !nodeId) throw new Error('no route to resume the queued call on');
      this.logger.info({ channelId: channel.id, nodeId }, 'queued call resumed');
      await this.hotline.run({ channel }, route, performance.now(), { nodeId, enteredAt });
    })().catch((err: unknown) => this.onFlowError(channel.id, err));
  }

  /** Picks the flow of a call; hotline calls first find their hotline (and so their tenant). */
  private async route(event: StasisStart, entry: StasisEntry, receivedAt: number): Promise<void> {
    const channel = event.channel;
    const hotlineEntry =
      entry.kind === 'inbound' && entry.tenantId === null ? splitHotlineEntry(entry.entryId) : null;
    if (hotlineEntry) {
      const route = await this.routing.hotline(hotlineEntry.trunk, hotlineEntry.digits);
      if (!route || route.status !== 'active') {
        // Unknown on this trunk, or not active: refused before answering (SIP 404).
        this.refusedHotline++;
        this.logger.info(
          { channelId: channel.id, ...hotlineEntry, status: route?.status },
          'hotline call refused',
        );
        this.record(event, { ...entry, tenantId: route?.tenantId ?? null }, { hotlineId: route?.hotlineId });
        this.recorder.ended(
          channel.id,
          new Date(),
          { text: route ? `hotline_${route.status}` : 'no_hotline' },
          true,
        );
        await this.ari.channels
          .hangup({ channelId: channel.id, reason: 'unallocated' })
          .catch(() => undefined);
        return;
      }
      const tenantEntry = { ...entry, tenantId: route.tenantId };
      this.record(event, tenantEntry, {
        hotlineId: route.hotlineId,
        flowId: route.flowId,
        flowVersion: route.flowVersion,
        calledNumber: route.number,
      });
      if (!this.admit(channel.id, route.tenantId)) return;
      await this.hotline.run(event, route, receivedAt);
      return;
    }
    this.record(event, entry, {});
    if (!this.admit(channel.id, entry.tenantId)) return;
    if (entry.kind === 'internal' && entry.tenantId !== null) {
      const tenantId = entry.tenantId;
      // An extension of the tenant wins; otherwise a valid number is an outside call.
      const target = await this.directory.findFresh(tenantId, entry.entryId);
      if (!target && normalizeNumber(entry.entryId) && entry.entryId.length >= 3) {
        await this.outbound.run(event, { ...entry, tenantId }, receivedAt);
        return;
      }
      await this.internal.run(event, entry, receivedAt, { target });
      return;
    }
    await this.welcome.run(event, entry, receivedAt);
  }

  private record(
    event: StasisStart,
    entry: StasisEntry,
    extra: { hotlineId?: number; flowId?: number | null; flowVersion?: number | null; calledNumber?: string },
  ): void {
    const channel = event.channel;
    this.recorder.started({
      channelId: channel.id,
      tenantId: entry.tenantId,
      entryKind: entry.kind,
      entryId: entry.entryId,
      callerNumber: (channel.caller?.number ?? '').slice(0, 64),
      callerName: (channel.caller?.name ?? '').slice(0, 128),
      calledNumber: (extra.calledNumber ?? channel.dialplan?.exten ?? '').slice(0, 64),
      startedAt: new Date(event.timestamp ?? Date.now()),
      hotlineId: extra.hotlineId ?? null,
      flowId: extra.flowId ?? null,
      flowVersion: extra.flowVersion ?? null,
    });
  }

  /** The tenant gate: false (and the call refused) when suspended or over its quota. */
  private admit(channelId: string, tenantId: number | null): boolean {
    const admission = this.gate.decide(tenantId, this.recorder.activeCallsOf(tenantId) - 1);
    if (admission === 'admit') return true;
    this.refuse(channelId, tenantId, admission);
    return false;
  }

  /**
   * A suspended tenant's call is rejected (SIP 403), a call over the tenant's concurrent-call
   * quota gets congestion (SIP 503); both are recorded as failed with the reason.
   */
  private refuse(
    channelId: string,
    tenantId: number | null,
    reason: 'tenant_suspended' | 'over_quota',
  ): void {
    this.refused[reason]++;
    this.logger.info({ channelId, tenantId, reason }, 'call refused');
    this.recorder.ended(channelId, new Date(), { text: reason }, true);
    const hangupReason = reason === 'tenant_suspended' ? 'rejected' : 'congestion';
    void this.ari.channels.hangup({ channelId, reason: hangupReason }).catch(() => undefined);
  }

  private onFlowError(channelId: string, err: unknown): void {
    // The caller hanging up mid-flow is normal, not a failure.
    if (err instanceof AriChannelGoneError || err instanceof AriNotFoundError) return;
    this.failed++;
    this.logger.error({ err, channelId }, 'flow failed: hanging up');
    this.recorder.ended(channelId, new Date(), { text: 'flow-error' }, true);
    void this.ari.channels.hangup({ channelId, reason: 'normal' }).catch(() => undefined);
  }

  private async reconcile(channels: Channel[]): Promise<void> {
    const now = new Date();
    const live = new Set(channels.map((c) => c.id));
    // Calls in queues survive a callflow restart: the ACD takes them over before orphans go.
    const byId = new Map(channels.map((c) => [c.id, c]));
    const queued = this.queues
      ? await this.queues
          .recover(channels, (row) => this.resumeQueued(byId.get(row.channelId)!, row.nodeId, row.enteredAt))
          .catch((err: unknown) => {
            this.logger.warn({ err }, 'queue calls not recovered');
            return new Map<string, ClaimedChannel>();
          })
      : new Map<string, ClaimedChannel>();
    for (const [id, { tenantId, holdsRecord, connectedTo }] of queued) {
      if (!this.recorder.isTracked(id) && !this.legs.has(id)) {
        // Its tenant too: the concurrent-call quota keeps counting it.
        if (holdsRecord) this.recorder.adopt(id, tenantId, now);
        else this.legs.add(id);
      }
      if (connectedTo)
        this.recorder.leg(id, { kind: 'queue_agent', target: connectedTo.extension, outcome: 'connected' });
    }
    this.callEvents.reconcile(live);
    const lost = this.recorder.endMissing(live, now);
    const orphans = channels.filter(
      (c) =>
        !this.recorder.isTracked(c.id) &&
        !this.legs.has(c.id) &&
        c.dialplan?.app_name === 'Stasis' &&
        (c.dialplan.app_data ?? '').split(',')[0] === this.appName &&
        now.getTime() - Date.parse(c.creationtime) > ORPHAN_AGE_MS,
    );
    // A call that was in a flow before we restarted cannot resume mid-prompt: end it cleanly.
    await Promise.all(
      orphans.map((c) =>
        this.ari.channels.hangup({ channelId: c.id, reason: 'normal' }).catch(() => undefined),
      ),
    );
    for (const c of orphans) live.delete(c.id);
    try {
      const closed = await this.store.closeLost(live, new Date(now.getTime() - ORPHAN_AGE_MS), now);
      this.logger.info(
        { live: live.size, lost, orphans: orphans.length, closedRows: closed },
        'reconciled with Asterisk',
      );
    } catch (err) {
      this.logger.warn({ err }, 'could not close lost call rows');
    }
  }
}

/** `<trunk endpoint>.<dialled digits>` of a carrier call (see the webcall-carrier dialplan). */
function splitHotlineEntry(entryId: string): { trunk: string; digits: string } | null {
  const dot = entryId.indexOf('.');
  if (dot <= 0 || dot === entryId.length - 1) return null;
  return { trunk: entryId.slice(0, dot), digits: entryId.slice(dot + 1) };
}
