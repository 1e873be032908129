import { randomUUID } from 'node:crypto';
import type { AriEventMap, AriEventType } from '#ari';
import {
  QUEUE_CALLBACK_RULES,
  type AgentActivity,
  type AgentStateEvent,
  type QueueLiveView,
  type QueueStateEvent,
} from '#contracts';
import type { QueueOutcome } from '#flow-engine';
import type { DirectoryEntry } from '../directory/extension-directory.js';
import { observe } from '../flows/ari-helpers.js';
import type { ConversationRegistry } from '../flows/conversation.js';
import { type ConversationIds, DIALED_ARG, LEG_VARIABLES } from '../flows/internal-call.flow.js';
import type { RingingLeg } from '../status/call-events.js';
import { LatencyHistogram } from '../status/latency-histogram.js';
import { Acd, type AcdOffer } from './acd.js';
import type {
  AgentInfo,
  CallbackAttemptResult,
  CallbackRow,
  QueueCallRow,
  QueueSettings,
  QueueStore,
} from './queue-store.js';

interface Scope {
  once<K extends AriEventType>(
    type: K,
    predicate?: (e: AriEventMap[K]) => boolean,
    timeoutMs?: number,
  ): Promise<AriEventMap[K]>;
  on<K extends AriEventType>(type: K, handler: (e: AriEventMap[K]) => void): () => void;
}

/** The subset of the ARI client queues use. */
export interface QueueAri {
  channels: {
    originate(p: {
      endpoint: string;
      app: string;
      appArgs: string;
      channelId: string;
      callerId: string;
      timeout: number;
      originator?: string;
      variables?: Record<string, string>;
    }): Promise<unknown>;
    hangup(p: { channelId: string; reason?: string }): Promise<unknown>;
    play(p: { channelId: string; media: string | readonly string[]; playbackId?: string }): Promise<unknown>;
    setChannelVar(p: { channelId: string; variable: string; value?: string }): Promise<unknown>;
  };
  bridges: {
    create(p: { type: string; bridgeId: string; name?: string }): Promise<unknown>;
    addChannel(p: { bridgeId: string; channel: string | readonly string[]; role?: string }): Promise<unknown>;
    removeChannel(p: { bridgeId: string; channel: string | readonly string[] }): Promise<unknown>;
    destroy(p: { bridgeId: string }): Promise<unknown>;
    list(): Promise<{ id: string; name?: string; bridge_type: string; channels: string[] }[]>;
    startMoh(p: { bridgeId: string; mohClass?: string }): Promise<unknown>;
    stopMoh(p: { bridgeId: string }): Promise<unknown>;
    play(p: { bridgeId: string; media: string | readonly string[]; playbackId?: string }): Promise<unknown>;
    record(p: { bridgeId: string; name: string; format: string; ifExists?: string }): Promise<unknown>;
  };
  endpoints: {
    listByTech(p: { tech: string }): Promise<{ resource: string; state?: string; channel_ids: string[] }[]>;
  };
  playbacks: { stop(p: { playbackId: string }): Promise<unknown> };
  channelScope(channelId: string): Scope;
  /** Subscribes to every PlaybackFinished of the app (bridge playbacks have no channel scope). */
  onPlaybackFinished(handler: (playbackId: string) => void): void;
  /** The app receives DeviceStateChanged of these devices (`PJSIP/<endpoint>`) from now on. */
  subscribeDevices(devices: readonly string[]): Promise<unknown>;
  /** Every DeviceStateChanged and ChannelDestroyed the app receives. */
  onDeviceState(handler: (device: string, state: string) => void): void;
  onChannelDestroyed(handler: (channelId: string) => void): void;
}

export interface QueueFlowHooks {
  /** An agent leg rang or answered for this caller (the call record's legs). */
  leg(callerId: string, leg: { kind: 'queue_agent'; target: string; outcome: string }): void;
  /** The call record learns its queue and recording (and keeps its path and legs so far). */
  mark(callerId: string, details: { queueId: number; recording: string | null }): void;
  /** An agent leg is about to be originated for this caller (the app then lets its StasisStart through). */
  legCreated(legId: string): void;
  /** A phone rings for this caller (screen pop). */
  ringing(target: DirectoryEntry, leg: RingingLeg): void;
  /** Live state for consoles. */
  publish(event: QueueStateEvent | AgentStateEvent): void;
  /**
   * The number a caller can be called back on (national form), or null when it cannot be: no
   * number, not allowed by the tenant's outbound rules, no outbound hotline.
   */
  callbackNumber(tenantId: number, callerNumber: string): Promise<string | null>;
  /** Dials a callback's number from the agent's answered leg and bridges both; resolves when over. */
  callBack(job: CallbackJob): Promise<CallbackOutcome>;
}

export interface CallbackJob {
  callbackId: number;
  tenantId: number;
  queueId: number;
  number: string;
  agentLegId: string;
  agent: { userId: number; extension: string | null; fullName: string };
  /** Record the conversation (the queue's or the tenant's switch). */
  record: boolean;
  /** The customer answered and shares a bridge with the agent. */
  bridged(ids: ConversationIds): void;
}

/** A channel the queues took over after a reconnection. */
export interface ClaimedChannel {
  tenantId: number;
  /** The call record is keyed by this channel (a queue caller; the agent's leg of a callback). */
  holdsRecord: boolean;
  /** Found talking to this agent although saved as waiting: the record still lacks that leg. */
  connectedTo?: { extension: string };
}

/** How a callback attempt ended (`agent_left`: the agent hung up before the customer answered). */
export type CallbackOutcome =
  | 'connected'
  | 'busy'
  | 'no_answer'
  | 'unavailable'
  | 'agent_left'
  /** No outbound hotline any more, or the tenant is suspended or at its concurrent-call quota. */
  | 'no_route';

/** A callback waiting its turn (in the ACD as `cb-<id>`), being offered, or being called. */
interface CallbackEntry {
  key: string;
  row: CallbackRow;
  state: 'waiting' | 'offered' | 'calling' | 'later';
  retryTimer?: NodeJS.Timeout;
  cancelOffer?: () => void;
}

/** An agent leg of an offer, with what the offer waits for on it. */
interface OfferLeg {
  userId: number;
  agent: AgentInfo;
  legId: string;
  scope: Scope;
  answered: Promise<OfferLeg>;
  destroyed: Promise<OfferLeg>;
}

interface Logger {
  warn(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
}

export interface WaitRequest {
  caller: QueueCaller;
  queueId: number;
  /** The flow node (persisted: where a restarted callflow resumes the caller's flow). */
  nodeId: string;
  priority: number;
  exitEnabled: boolean;
  /** The caller is bridged with an agent (the call record's step is written then). */
  onConnected?: () => void;
  /** When the caller entered the queue, for a caller resumed after a restart. */
  resumedFrom?: Date;
}

export interface QueueCaller {
  id: string;
  tenantId: number;
  callerNumber: string;
  hotlineNumber: string;
}

interface Waiter {
  caller: QueueCaller;
  queue: QueueSettings;
  state: 'waiting' | 'offered' | 'connected';
  /** Ends the ringing offer (caller left, waited too long, pressed the exit key). */
  cancelOffer?: () => void;
  settle(outcome: QueueOutcome | 'caller_left'): void;
  onConnected?: () => void;
  enteredAt: Date;
  nodeId: string;
  priority: number;
  /** The position announcement playing to the caller, stopped when an agent answers. */
  announcement?: string;
  /** The caller's channel left Stasis (hung up). */
  gone?: boolean;
}

/**
 * The expected-wait sound for a caller with `ahead` callers before it, from the queue's average
 * hold time: nothing under a minute (or when unknown), else the nearest of 1, 2, 3, 5, 10
 * minutes, or "more than ten minutes".
 */
export function expectedWaitSound(holdTimeS: number | undefined, ahead: number): string | null {
  if (holdTimeS === undefined) return null;
  const minutes = (holdTimeS * (ahead + 1)) / 60;
  if (minutes < 1) return null;
  if (minutes > 10) return 'queue-wait-long';
  const steps = [1, 2, 3, 5, 10];
  const nearest = steps.reduce((best, m) => (Math.abs(m - minutes) < Math.abs(best - minutes) ? m : best));
  return `queue-wait-${nearest}`;
}

/** The first position announcement, if the caller still waits by then. */
const FIRST_ANNOUNCEMENT_MS = 2_000;

/** The phones' states read from Asterisk are reused for this long (when not kept by events). */
const DEVICES_MAX_AGE_MS = 100;
/** Phones' states come from events; the list is read again at most this often while callers wait. */
const DEVICES_RESYNC_MS = 30_000;

/** Device states of a phone in a call (ringing, talking, on hold). */
const BUSY_DEVICE_STATES = new Set(['INUSE', 'BUSY', 'RINGING', 'RINGINUSE', 'ONHOLD']);

/** How often waiting callers are matched again anyway (phones that came online or hung up). */
const DISPATCH_EVERY_MS = 1_000;

/**
 * Queues as our own ACD (issue 6): waiting callers sit in the queue's holding bridge with music;
 * the Acd decides who is offered to whom; an offer originates a leg to each chosen agent's
 * phone and bridges the first to answer with the caller (recorded if the queue says so); an
 * agent's conversation ending starts their wrap-up. Queue and agent state is loaded from the
 * database and reloaded on the api's commands; calls in queues are persisted for restarts.
 */
export class QueueFlow {
  readonly acd = new Acd();
  private readonly waiters = new Map<string, Waiter>();
  private readonly agents = new Map<number, AgentInfo>();
  private readonly activities = new Map<number, AgentActivity>();
  private readonly holdingBridges = new Map<number, Promise<string>>();
  /** Online phones (PJSIP endpoint) → their channels, as last read from Asterisk. */
  private onlineEndpoints = new Map<string, string[]>();
  private dispatching: Promise<void> | null = null;
  private dispatchAgain = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly publishTimers = new Map<number, NodeJS.Timeout>();
  /** Per call: its several-step write not landed yet (see persist); later writes wait for it. */
  private readonly writes = new Map<string, Promise<void>>();
  /** Per queue: the music class playing on its holding bridge (playbackId null: built-in or stopped). */
  private readonly music = new Map<
    number,
    { classId: number | null; playbackId: string | null; media: string[] }
  >();
  /** When each agent last became free while callers waited (for `agentFreeToRing`). */
  private readonly freeSince = new Map<number, number>();
  /** Agent legs of finished conversations not destroyed yet. */
  private readonly releasedLegs = new Set<string>();
  private devicesReadAt = -Infinity;
  /**
   * Online phones are kept by events once read (DeviceStateChanged of the agents' devices, our
   * legs' originate and ChannelDestroyed): no request on the dispatch path. False until the first
   * read after each (re)connection, and when a subscription failed.
   */
  private devicesByEvents = false;
  /** Per endpoint-list read in flight, the device-state events that came meanwhile: the list may
   *  have been taken before them, so they are applied again on top of it. */
  private readonly deviceEventsDuringReads = new Set<[device: string, state: string][]>();
  private readonly devicesSubscribed = new Set<string>();
  /** Agent legs of ours not destroyed yet → their phone's endpoint. */
  private readonly legEndpoints = new Map<string, string>();
  /** Per queue: the moving average of how long callers waited until answered (seconds). */
  private readonly holdTimeS = new Map<number, number>();
  /** Callbacks by ACD key (`cb-<id>`). */
  private readonly callbacks = new Map<string, CallbackEntry>();
  /** Callers who just left a queue by its exit key: their place, for a callback asked right after. */
  private readonly exited = new Map<string, { queueId: number; enteredAt: Date }>();
  /** From an agent becoming free (call over, wrap-up over, resumed, logged in) to the next caller ringing them. */
  readonly agentFreeToRing = new LatencyHistogram();

  constructor(
    private readonly ari: QueueAri,
    private readonly store: QueueStore,
    private readonly hooks: QueueFlowHooks,
    private readonly options: { app: string; promptsDir: string; language?: 'vi' | 'en' },
    private readonly conversations: ConversationRegistry,
    private readonly logger: Logger,
  ) {}

  /** Resolves once queues and agents were first loaded. */
  private markLoaded!: () => void;
  private readonly loaded: Promise<void> = new Promise((resolve) => (this.markLoaded = resolve));

  async start(): Promise<void> {
    this.ari.onPlaybackFinished((id) => this.musicFinished(id));
    this.ari.onDeviceState((device, state) => this.deviceChanged(device, state));
    this.ari.onChannelDestroyed((id) => this.legDestroyed(id));
    // Callbacks being called when the last process stopped are due again.
    await this.store.resetCallingCallbacks();
    await this.reload();
    this.markLoaded();
    this.timer = setInterval(() => this.dispatch(), DISPATCH_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    for (const t of this.publishTimers.values()) clearTimeout(t);
    for (const c of this.callbacks.values()) clearTimeout(c.retryTimer);
  }

  /** Reloads queues and agents (all, or one tenant's) from the database, then matches again. */
  async reload(tenantId?: number): Promise<void> {
    const [queues, agents] = await Promise.all([this.store.queues(tenantId), this.store.agents(tenantId)]);
    const seenQueues = new Set(queues.map((q) => q.id));
    for (const q of tenantId === undefined ? [] : this.acd.queuesOf(tenantId))
      if (!seenQueues.has(q.id)) this.acd.removeQueue(q.id);
    for (const q of queues) this.acd.setQueue(q);
    const seenAgents = new Set(agents.map((a) => a.userId));
    for (const [userId, agent] of this.agents) {
      if ((tenantId === undefined || agent.tenantId === tenantId) && !seenAgents.has(userId)) {
        this.agents.delete(userId);
        this.acd.removeAgent(userId);
      }
    }
    for (const agent of agents) {
      this.agents.set(agent.userId, agent);
      this.acd.setAgent(agent);
    }
    for (const q of queues) this.schedulePublish(q.id);
    for (const agent of agents) {
      const activity = this.activityOf(agent.userId);
      if (activity === 'available' && this.activities.get(agent.userId) !== 'available')
        this.markFree(agent.userId);
      this.activities.set(agent.userId, activity);
      this.publishAgent(agent.userId);
    }
    await this.loadCallbacks(tenantId);
    this.dispatch();
  }

  /**
   * Waits in queue `queueId` until an agent answered and the conversation ended, or overflow or
   * exit. `resumedFrom`: the caller was already waiting before callflow restarted (keeps its
   * place).
   */
  async wait(request: WaitRequest): Promise<QueueOutcome | 'caller_left'> {
    const { caller, queueId, nodeId, priority, exitEnabled, onConnected, resumedFrom } = request;
    const queue = this.acd.queue(queueId) as QueueSettings | undefined;
    if (!queue || queue.tenantId !== caller.tenantId) return 'overflow';
    if (!resumedFrom && queue.maxCallers !== null && this.onTheLine(queue.id) >= queue.maxCallers)
      return 'overflow';
    const scope = this.ari.channelScope(caller.id);
    const left = observe(scope.once('StasisEnd'));
    if (queue.record && queue.recordNotice && !resumedFrom)
      await this.say(caller.id, 'recorded', queue.language);
    const bridgeId = await this.holdingBridge(queue);
    await this.ari.bridges
      .addChannel({ bridgeId, channel: caller.id, role: 'participant' })
      .catch((err: unknown) => {
        // A resumed caller is still in the holding bridge (Asterisk kept it there).
        if (!resumedFrom) throw err;
      });
    await this.ensureMusic(queue, bridgeId).catch((err: unknown) =>
      this.logger.warn({ err, queueId: queue.id }, 'queue music not started'),
    );
    const enteredAt = resumedFrom ?? new Date();
    this.acd.enqueue({ channelId: caller.id, queueId: queue.id, priority, enteredAt: enteredAt.getTime() });
    this.hooks.mark(caller.id, { queueId: queue.id, recording: null });

    let settle!: (o: QueueOutcome | 'caller_left') => void;
    const outcome = new Promise<QueueOutcome | 'caller_left'>((resolve) => (settle = resolve));
    const waiter: Waiter = {
      caller,
      queue,
      state: 'waiting',
      settle,
      onConnected,
      enteredAt,
      nodeId,
      priority,
    };
    this.waiters.set(caller.id, waiter);
    this.saveRow(waiter, bridgeId);
    const leave = (why: QueueOutcome | 'caller_left') => {
      if (waiter.state === 'connected') return;
      waiter.cancelOffer?.();
      settle(why);
    };
    // A resumed caller's maximum wait counts from when it first came in.
    const maxWait =
      queue.maxWaitS === null
        ? undefined
        : setTimeout(
            () => leave('overflow'),
            Math.max(0, enteredAt.getTime() + queue.maxWaitS * 1000 - Date.now()),
          );
    // Where the caller stands: shortly after coming in (if still waiting), then periodically.
    const announceFirst = queue.announcePosition
      ? setTimeout(() => void this.announcePosition(waiter), FIRST_ANNOUNCEMENT_MS)
      : undefined;
    const announceAgain =
      queue.announcePosition && queue.announceEveryS
        ? setInterval(() => void this.announcePosition(waiter), queue.announceEveryS * 1000)
        : undefined;
    const offDtmf =
      exitEnabled && queue.exitKey
        ? scope.on('ChannelDtmfReceived', (e) => {
            if (e.digit === queue.exitKey) leave('exit');
          })
        : () => undefined;
    void left
      .then(() => {
        waiter.gone = true;
        leave('caller_left');
      })
      .catch(() => undefined);
    this.schedulePublish(queue.id);
    this.dispatch();
    try {
      const result = await outcome;
      if (result === 'exit') this.rememberExit(caller.id, queue.id, enteredAt);
      return result;
    } finally {
      clearTimeout(maxWait);
      clearTimeout(announceFirst);
      clearInterval(announceAgain);
      offDtmf();
      this.waiters.delete(caller.id);
      this.acd.dequeue(caller.id);
      this.schedulePublish(queue.id);
      if (waiter.state !== 'connected') {
        this.persist(caller.id, () => this.store.deleteCall(caller.id));
        await this.ari.bridges.removeChannel({ bridgeId, channel: caller.id }).catch(() => undefined);
      }
    }
  }

  /** The persisted view of a caller: waiting in the holding bridge, or talking to an agent. */
  private saveRow(
    waiter: Waiter,
    bridgeId: string,
    talking?: { userId: number; legId: string; recording: string | null },
  ): void {
    const { caller, queue } = waiter;
    this.persist(caller.id, () =>
      this.store.saveCall({
        channelId: caller.id,
        tenantId: caller.tenantId,
        queueId: queue.id,
        nodeId: waiter.nodeId,
        priority: waiter.priority,
        enteredAt: waiter.enteredAt,
        state: talking ? 'talking' : 'waiting',
        agentUserId: talking?.userId ?? null,
        agentChannelId: talking?.legId ?? null,
        bridgeId,
        recording: talking?.recording ?? null,
        callerNumber: caller.callerNumber.slice(0, 32),
        callbackId: null,
      }),
    );
  }

  /**
   * Writes of one queue call land in order (waiting, talking, gone), off the call path. A write
   * that queues its one statement at once (`steps: 'one'`) goes to the write-behind straight away:
   * it keeps the order of statements, so a call's writes share round trips instead of each waiting
   * for the previous one's commit. A write of several steps (a callback's result, then its row)
   * runs once the call's earlier writes landed, and the call's later writes wait for it.
   */
  private persist(channelId: string, write: () => Promise<void>, steps: 'one' | 'several' = 'one'): void {
    const run = () =>
      write().catch((err: unknown) => this.logger.warn({ err, channelId }, 'queue call not persisted'));
    const pending = this.writes.get(channelId);
    if (steps === 'one' && !pending) {
      void run();
      return;
    }
    const next = (pending ?? Promise.resolve()).then(run);
    this.writes.set(channelId, next);
    void next.then(() => {
      if (this.writes.get(channelId) === next) this.writes.delete(channelId);
    });
  }

  /**
   * After a (re)connection to Asterisk: picks up the persisted queue calls whose channels still
   * exist. Waiting callers (and callers whose offer was ringing: that leg is hung up) are handed
   * to `resumeWaiting`, which runs their flow on from the queue node; talking calls are followed
   * to their end (wrap-up and counters as usual). Rows of channels that are gone are deleted,
   * and callers of this process whose channel vanished (Asterisk restarted) stop waiting.
   * A callback's conversation (agent and customer) is followed the same way.
   * Returns the channels it took over, which the app must not treat as orphans: their tenant, and
   * whether the channel holds the call record (the caller; the agent's leg of a callback).
   */
  async recover(
    channels: { id: string; name?: string }[],
    resumeWaiting: (row: QueueCallRow) => void,
  ): Promise<Map<string, ClaimedChannel>> {
    await this.loaded;
    const live = new Set(channels.map((c) => c.id));
    for (const waiter of this.waiters.values())
      if (!live.has(waiter.caller.id) && waiter.state !== 'connected') {
        waiter.cancelOffer?.();
        waiter.settle('caller_left');
      }
    this.holdingBridges.clear();
    this.music.clear();
    this.devicesByEvents = false;
    this.devicesSubscribed.clear();
    const bridges = await this.ari.bridges.list();
    for (const b of bridges) {
      const m = /^queue-(\d+)$/.exec(b.id);
      if (m && b.bridge_type === 'holding') this.holdingBridges.set(Number(m[1]), Promise.resolve(b.id));
    }
    /** The calls taken over (agent legs included). */
    const claimed = new Map<string, ClaimedChannel>();
    const channelNames = new Map(channels.map((c) => [c.id, c.name ?? '']));
    for (const stored of await this.store.calls()) {
      const found = this.bridgedSinceSaved(stored, bridges, channelNames);
      const row = found?.row ?? stored;
      const callback = row.callbackId !== null;
      if (this.waiters.has(row.channelId) || this.conversations.of(row.channelId)) {
        claimed.set(row.channelId, { tenantId: row.tenantId, holdsRecord: !callback });
        continue;
      }
      if (!live.has(row.channelId)) {
        await this.store.deleteCall(row.channelId).catch(() => undefined);
        continue;
      }
      if (row.state === 'talking' && row.agentChannelId && row.bridgeId && live.has(row.agentChannelId)) {
        claimed.set(row.channelId, {
          tenantId: row.tenantId,
          holdsRecord: !callback,
          ...(found ? { connectedTo: { extension: found.extension } } : {}),
        });
        claimed.set(row.agentChannelId, { tenantId: row.tenantId, holdsRecord: callback });
        void this.resumeConversation(row).catch((err: unknown) =>
          this.logger.warn({ err, channelId: row.channelId }, 'queue conversation not resumed'),
        );
        continue;
      }
      if (row.agentChannelId && live.has(row.agentChannelId))
        await this.ari.channels.hangup({ channelId: row.agentChannelId }).catch(() => undefined);
      if (callback) {
        // A customer whose agent is gone: the callback was done, the call is over.
        await this.ari.channels.hangup({ channelId: row.channelId }).catch(() => undefined);
        await this.store.deleteCall(row.channelId).catch(() => undefined);
        continue;
      }
      claimed.set(row.channelId, { tenantId: row.tenantId, holdsRecord: true });
      resumeWaiting(row);
    }
    // Bridges of ours that nobody will use again: empty holding bridges of queues that no
    // longer exist, and conversation bridges no resumed call owns.
    const owned = new Set(
      [...this.conversations.bridgeIds()].concat(
        [...claimed.keys()].map((id) => this.conversations.of(id)?.bridgeId ?? ''),
      ),
    );
    for (const b of bridges) {
      const queueBridge = /^queue-(\d+)$/.exec(b.id);
      if (queueBridge) {
        if (!b.channels.length && !this.acd.queue(Number(queueBridge[1]))) {
          this.holdingBridges.delete(Number(queueBridge[1]));
          await this.ari.bridges.destroy({ bridgeId: b.id }).catch(() => undefined);
        }
      } else if (
        b.name?.startsWith('queue-') &&
        !owned.has(b.id) &&
        !b.channels.some((c) => claimed.has(c))
      ) {
        await this.ari.bridges.destroy({ bridgeId: b.id }).catch(() => undefined);
      }
    }
    this.dispatch();
    return claimed;
  }

  /**
   * A caller saved as waiting who is in fact talking: the agent answered and the caller was bridged,
   * but the process stopped before the `talking` row landed (the write-behind's window). Asterisk
   * shows it: the caller is in this queue's conversation bridge for them with one other channel,
   * an agent's leg (its PJSIP endpoint names the agent). Returns the row as it should have been
   * (saved again now) and the agent's extension, or undefined when the row is right as it is.
   */
  private bridgedSinceSaved(
    row: QueueCallRow,
    bridges: readonly { id: string; name?: string; channels: string[] }[],
    channelNames: ReadonlyMap<string, string>,
  ): { row: QueueCallRow; extension: string } | undefined {
    if (row.state !== 'waiting' || row.callbackId !== null) return undefined;
    const bridge = bridges.find(
      (b) => b.name === `queue-${row.queueId}-${row.channelId}` && b.channels.includes(row.channelId),
    );
    const legId = bridge?.channels.find((c) => c !== row.channelId);
    if (!bridge || bridge.channels.length !== 2 || !legId) return undefined;
    const endpoint = /^PJSIP\/(.+)-[0-9a-f]+$/.exec(channelNames.get(legId) ?? '')?.[1];
    const agent = [...this.agents.values()].find((a) => a.endpoint !== null && a.endpoint === endpoint);
    if (!agent || agent.tenantId !== row.tenantId) return undefined;
    const talking: QueueCallRow = {
      ...row,
      state: 'talking',
      agentUserId: agent.userId,
      agentChannelId: legId,
      bridgeId: bridge.id,
    };
    this.persist(row.channelId, () => this.store.saveCall(talking));
    this.logger.info(
      { channelId: row.channelId, userId: agent.userId },
      'queue call found talking after restart',
    );
    return { row: talking, extension: agent.extension ?? '' };
  }

  /** A conversation that was going on when callflow restarted: followed to its end. */
  private async resumeConversation(row: QueueCallRow): Promise<void> {
    const userId = row.agentUserId!;
    this.acd.engage(userId, row.channelId);
    this.setActivity(userId, 'busy');
    const conversation = this.conversations.open(row.bridgeId!, row.tenantId, [
      row.channelId,
      row.agentChannelId!,
    ]);
    const callerEnd = observe(this.ari.channelScope(row.channelId).once('StasisEnd'));
    const agentEnd = observe(this.ari.channelScope(row.agentChannelId!).once('StasisEnd'));
    void callerEnd.then(() => this.conversations.leave(row.channelId)).catch(() => undefined);
    void agentEnd.then(() => this.conversations.leave(row.agentChannelId!)).catch(() => undefined);
    await conversation.finished;
    this.persist(row.channelId, () => this.store.deleteCall(row.channelId));
    this.endConversation(userId, row.queueId);
  }

  /** The agent's leg of a finished conversation: ignored for busy checks until destroyed. */
  private releaseLeg(legId: string): void {
    this.releasedLegs.add(legId);
    void this.ari
      .channelScope(legId)
      .once('ChannelDestroyed', undefined, 10_000)
      .catch(() => undefined)
      .finally(() => this.releasedLegs.delete(legId));
  }

  /** Wrap-up and counters after a queue conversation; the agent is offered again after it. */
  private endConversation(userId: number, queueId: number): void {
    const now = Date.now();
    const wrapupUntil = this.acd.conversationEnded(userId, queueId, now);
    void this.store
      .conversationEnded(userId, queueId, new Date(now), new Date(wrapupUntil))
      .catch(() => undefined);
    this.setActivity(userId);
    if (wrapupUntil > now) {
      setTimeout(
        () => {
          this.setActivity(userId);
          this.markFree(userId);
          this.dispatch();
        },
        wrapupUntil - now + 5,
      ).unref();
    } else this.markFree(userId);
    this.dispatch();
  }

  /** The agent can take a call now: while callers wait, how soon one rings them is measured. */
  private markFree(userId: number): void {
    if (this.acd.hasUnoffered()) this.freeSince.set(userId, performance.now());
  }

  /** A new measurement window (`POST /status/reset-latency`). */
  resetMetrics(): void {
    this.agentFreeToRing.reset();
    this.freeSince.clear();
  }

  /** Matches waiting callers with free agents; one pass at a time, repeated if asked meanwhile. */
  dispatch(): void {
    if (this.dispatching) {
      this.dispatchAgain = true;
      return;
    }
    if (!this.waiters.size && !this.callbacks.size) return;
    this.dispatching = this.dispatchOnce()
      .catch((err: unknown) => this.logger.warn({ err }, 'queue dispatch failed'))
      .finally(() => {
        this.dispatching = null;
        if (this.dispatchAgain) {
          this.dispatchAgain = false;
          this.dispatch();
        }
      });
  }

  private async dispatchOnce(): Promise<void> {
    await this.refreshDevices();
    const offers = this.acd.nextOffers((userId) => this.deviceFree(userId), Date.now());
    for (const offer of offers) void this.offer(offer);
    // Everyone waiting has an offer: agents still free were not needed, so no wait to measure.
    if (!this.acd.hasUnoffered()) this.freeSince.clear();
  }

  private async refreshDevices(): Promise<void> {
    // Kept by events; still read again now and then, so a missed event cannot leave a phone
    // wrongly busy or free for longer than that.
    if (
      this.devicesByEvents &&
      this.allDevicesSubscribed() &&
      performance.now() - this.devicesReadAt < DEVICES_RESYNC_MS
    )
      return;
    // At most every 100 ms: under load passes follow each other closely, and the list is long.
    if (performance.now() - this.devicesReadAt < DEVICES_MAX_AGE_MS) return;
    this.devicesReadAt = performance.now();
    // Subscribed first, so no change after the read is missed; then kept by events.
    const subscribed = await this.subscribeDevices().catch((err: unknown) => {
      this.logger.warn({ err }, 'agent device states not subscribed: phones read on each dispatch');
      return false;
    });
    const late: [string, string][] = [];
    this.deviceEventsDuringReads.add(late);
    const endpoints = await this.ari.endpoints
      .listByTech({ tech: 'PJSIP' })
      .finally(() => this.deviceEventsDuringReads.delete(late));
    // Channels per online phone; checked at decision time (see deviceFree).
    this.onlineEndpoints = new Map(
      endpoints.filter((e) => e.state === 'online').map((e) => [e.resource, e.channel_ids]),
    );
    // A phone that registered while the list was read: its event is newer than the list.
    for (const [device, state] of late) this.deviceChanged(device, state);
    this.devicesByEvents = subscribed;
  }

  /** False when agents with phones not subscribed yet came (a reload): those are read and subscribed. */
  private allDevicesSubscribed(): boolean {
    for (const agent of this.agents.values())
      if (agent.endpoint && !this.devicesSubscribed.has(agent.endpoint)) return false;
    return true;
  }

  /** Subscribes the app to the device states of agents' phones not subscribed yet. */
  private async subscribeDevices(): Promise<boolean> {
    const endpoints = [...this.agents.values()]
      .map((a) => a.endpoint)
      .filter((e): e is string => !!e && !this.devicesSubscribed.has(e));
    // A few per request: the list goes in the URL.
    for (let i = 0; i < endpoints.length; i += 50) {
      const batch = [...new Set(endpoints.slice(i, i + 50))];
      await this.ari.subscribeDevices(batch.map((e) => `PJSIP/${e}`));
      for (const e of batch) this.devicesSubscribed.add(e);
    }
    return true;
  }

  /**
   * A phone's device state changed: offline, idle (no call: only our legs not destroyed yet stay
   * listed), or in a call — listed as a call of its own when none of our legs explains it.
   */
  private deviceChanged(device: string, state: string): void {
    if (!device.startsWith('PJSIP/')) return;
    const endpoint = device.slice('PJSIP/'.length);
    if (!this.devicesSubscribed.has(endpoint)) return;
    for (const events of this.deviceEventsDuringReads) events.push([device, state]);
    const ours = [...this.legEndpoints].filter(([, e]) => e === endpoint).map(([id]) => id);
    if (state === 'UNAVAILABLE' || state === 'INVALID') this.onlineEndpoints.delete(endpoint);
    else if (state === 'NOT_INUSE') {
      this.onlineEndpoints.set(endpoint, ours);
      this.dispatch();
    } else if (BUSY_DEVICE_STATES.has(state))
      this.onlineEndpoints.set(endpoint, ours.length ? ours : [`device:${state}`]);
  }

  /** One of our agent legs is gone: no longer a channel of its phone. */
  private legDestroyed(channelId: string): void {
    const endpoint = this.legEndpoints.get(channelId);
    if (endpoint === undefined) return;
    this.legEndpoints.delete(channelId);
    const channels = this.onlineEndpoints.get(endpoint);
    if (channels)
      this.onlineEndpoints.set(
        endpoint,
        channels.filter((id) => id !== channelId),
      );
  }

  /**
   * Registered and in no call. A leg whose queue conversation is over but which Asterisk has not
   * destroyed yet does not count: the agent is offered at once, not at the next pass.
   */
  private deviceFree(userId: number): boolean {
    const endpoint = this.agents.get(userId)?.endpoint;
    const channels = endpoint ? this.onlineEndpoints.get(endpoint) : undefined;
    return !!channels && channels.every((id) => this.releasedLegs.has(id));
  }

  private async offer(offer: AcdOffer): Promise<void> {
    const callback = this.callbacks.get(offer.channelId);
    if (callback) return this.offerCallback(callback, offer);
    const waiter = this.waiters.get(offer.channelId);
    if (!waiter || waiter.state !== 'waiting') {
      this.acd.offerFailed(offer, []);
      return;
    }
    waiter.state = 'offered';
    const { caller, queue } = waiter;
    this.logger.info({ channelId: caller.id, queueId: queue.id, agents: offer.userIds }, 'queue offer');
    const rung = await this.ringAgents(offer, queue, caller, (cancel) => (waiter.cancelOffer = cancel));
    if (!rung.winner) {
      if (!rung.cancelled)
        for (const a of rung.legs)
          this.hooks.leg(caller.id, {
            kind: 'queue_agent',
            target: a.agent.extension ?? '',
            outcome: 'no_answer',
          });
      this.offerEnded(offer, rung.legs, rung.cancelled);
      if (waiter.state === 'offered') waiter.state = 'waiting';
      waiter.cancelOffer = undefined;
      this.dispatch();
      return;
    }
    await this.connect(waiter, offer, rung.winner.userId, rung.winner.legId, rung.winner.scope);
    for (const leg of rung.legs) if (leg !== rung.winner) this.setActivity(leg.userId);
  }

  /** No agent took the offer: they are free again (those who let it ring out are tried last). */
  private offerEnded(offer: AcdOffer, legs: readonly OfferLeg[], cancelled: boolean): void {
    this.acd.offerFailed(offer, cancelled ? [] : offer.userIds);
    for (const leg of legs) this.setActivity(leg.userId);
  }

  /**
   * Rings the offer's agents (their phones show `who`) until one answers, all are gone, or the
   * offer is cancelled (`setCancel` receives the canceller). The others' legs are hung up; a
   * winner of a cancelled offer too.
   */
  private async ringAgents(
    offer: AcdOffer,
    queue: QueueSettings,
    who: { callerNumber: string; hotlineNumber: string },
    setCancel: (cancel: () => void) => void,
  ): Promise<{ winner: OfferLeg | null; cancelled: boolean; legs: OfferLeg[] }> {
    if (queue.strategy === 'round_robin')
      void this.store.rememberRoundRobin(queue.id, offer.userIds[0]!).catch(() => undefined);
    let cancelled = false;
    let cancel!: () => void;
    const cancelledP = new Promise<'cancelled'>((resolve) => (cancel = () => resolve('cancelled')));
    setCancel(() => {
      cancelled = true;
      cancel();
    });
    const legs: OfferLeg[] = offer.userIds.map((userId) => {
      const legId = randomUUID();
      const scope = this.ari.channelScope(legId);
      const leg = { userId, agent: this.agents.get(userId)!, legId, scope } as OfferLeg;
      leg.answered = observe(scope.once('StasisStart').then(() => leg));
      leg.destroyed = observe(scope.once('ChannelDestroyed').then(() => leg));
      return leg;
    });
    for (const leg of legs) this.setActivity(leg.userId, 'ringing');
    await Promise.all(
      legs.map(async (leg) => {
        try {
          // Known as ours before Asterisk can answer it: a fast answer must not look like a stranger.
          this.hooks.legCreated(leg.legId);
          const endpoint = leg.agent.endpoint!;
          this.legEndpoints.set(leg.legId, endpoint);
          this.onlineEndpoints.get(endpoint)?.push(leg.legId);
          await this.ari.channels.originate({
            endpoint: `PJSIP/${leg.agent.endpoint}`,
            app: this.options.app,
            appArgs: DIALED_ARG,
            channelId: leg.legId,
            callerId: `"${who.callerNumber}" <${who.callerNumber}>`,
            timeout: queue.ringTimeoutS,
            variables: LEG_VARIABLES,
          });
          const freeSince = this.freeSince.get(leg.userId);
          if (freeSince !== undefined) {
            this.agentFreeToRing.record(performance.now() - freeSince);
            this.freeSince.delete(leg.userId);
          }
          if (leg.agent.extension)
            this.hooks.ringing(
              {
                userId: leg.userId,
                tenantId: leg.agent.tenantId,
                extension: leg.agent.extension,
                fullName: leg.agent.fullName,
                endpoint: leg.agent.endpoint!,
                dnd: false,
              },
              { channelId: leg.legId, callerNumber: who.callerNumber, hotlineNumber: who.hotlineNumber },
            );
        } catch (err) {
          this.legDestroyed(leg.legId);
          this.logger.warn({ err, userId: leg.userId }, 'queue offer could not ring the agent');
          leg.destroyed = Promise.resolve(leg);
        }
      }),
    );
    // The first to answer takes the caller; all legs gone without an answer: nobody did.
    const pending = new Set(legs);
    let winner: OfferLeg | null = null;
    while (pending.size && !winner && !cancelled) {
      const first = await Promise.race([
        cancelledP,
        ...[...pending].map((a) => a.answered.then(() => ({ kind: 'answered' as const, leg: a }))),
        ...[...pending].map((a) => a.destroyed.then(() => ({ kind: 'destroyed' as const, leg: a }))),
      ]);
      if (first === 'cancelled') break;
      if (first.kind === 'answered') winner = first.leg;
      else pending.delete(first.leg);
    }
    await Promise.all(
      legs
        .filter((a) => a !== winner)
        .map((a) =>
          this.ari.channels.hangup({ channelId: a.legId, reason: 'normal' }).catch(() => undefined),
        ),
    );
    if (winner && cancelled) {
      await this.ari.channels.hangup({ channelId: winner.legId }).catch(() => undefined);
      winner = null;
    }
    return { winner, cancelled, legs };
  }

  private async connect(
    waiter: Waiter,
    offer: AcdOffer,
    userId: number,
    legId: string,
    legScope: Scope,
  ): Promise<void> {
    const { caller, queue } = waiter;
    waiter.state = 'connected';
    // How long callers of this queue wait before an agent answers (moving average, for announcements).
    const heldS = (Date.now() - waiter.enteredAt.getTime()) / 1000;
    const previous = this.holdTimeS.get(queue.id);
    this.holdTimeS.set(queue.id, previous === undefined ? heldS : previous * 0.75 + heldS * 0.25);
    if (waiter.announcement)
      void this.ari.playbacks.stop({ playbackId: waiter.announcement }).catch(() => undefined);
    this.acd.offerAnswered(offer, userId);
    this.setActivity(userId, 'busy');
    this.schedulePublish(queue.id);
    const agent = this.agents.get(userId)!;
    const callerEnd = observe(this.ari.channelScope(caller.id).once('StasisEnd'));
    const agentEnd = observe(legScope.once('StasisEnd'));
    const holding = await this.holdingBridge(queue);
    // addChannel moves the caller out of the holding bridge (one request fewer than remove + add).
    const bridgeId = randomUUID();
    let recording: string | null = null;
    try {
      await this.ari.bridges.create({ type: 'mixing', bridgeId, name: `queue-${queue.id}-${caller.id}` });
      await this.ari.bridges.addChannel({ bridgeId, channel: [caller.id, legId] });
      if (queue.record) {
        recording = `queue-t${caller.tenantId}-q${queue.id}-${Date.now()}-${randomUUID().slice(0, 8)}`;
        await this.ari.bridges.record({ bridgeId, name: recording, format: 'wav', ifExists: 'overwrite' });
      }
    } catch (err) {
      // The agent's leg (or the caller) went in between: the caller, if still there, waits on.
      this.logger.warn({ err, channelId: caller.id }, 'queue call could not be bridged: back to waiting');
      await this.ari.channels.hangup({ channelId: legId }).catch(() => undefined);
      await this.ari.bridges.destroy({ bridgeId }).catch(() => undefined);
      this.acd.release(userId, caller.id);
      this.setActivity(userId);
      waiter.state = 'waiting';
      waiter.cancelOffer = undefined;
      if (waiter.gone) {
        waiter.settle('caller_left');
        this.dispatch();
        return;
      }
      this.acd.enqueue({
        channelId: caller.id,
        queueId: queue.id,
        priority: waiter.priority,
        enteredAt: waiter.enteredAt.getTime(),
      });
      await this.ari.bridges
        .addChannel({ bridgeId: holding, channel: caller.id, role: 'participant' })
        .catch(() => undefined);
      this.schedulePublish(queue.id);
      this.dispatch();
      return;
    }
    waiter.onConnected?.();
    this.hooks.leg(caller.id, { kind: 'queue_agent', target: agent.extension ?? '', outcome: 'connected' });
    // Written now with the path so far: a callflow restart mid-conversation loses nothing.
    this.hooks.mark(caller.id, { queueId: queue.id, recording });
    this.saveRow(waiter, bridgeId, { userId, legId, recording });
    const conversation = this.conversations.open(bridgeId, caller.tenantId, [caller.id, legId]);
    void callerEnd.then(() => this.conversations.leave(caller.id)).catch(() => undefined);
    void agentEnd.then(() => this.conversations.leave(legId)).catch(() => undefined);
    this.logger.info({ channelId: caller.id, queueId: queue.id, userId, bridgeId }, 'queue call connected');
    await conversation.finished;
    this.logger.info({ channelId: caller.id, queueId: queue.id, userId }, 'queue conversation ended');
    this.releaseLeg(legId);
    this.persist(caller.id, () => this.store.deleteCall(caller.id));
    this.endConversation(userId, queue.id);
    waiter.settle('answered');
  }

  /** Callers of the queue on the line (callbacks keep a place but hold no line). */
  private onTheLine(queueId: number): number {
    return this.acd.waitingIn(queueId).filter((c) => !this.callbacks.has(c.channelId)).length;
  }

  private rememberExit(channelId: string, queueId: number, enteredAt: Date): void {
    this.exited.set(channelId, { queueId, enteredAt });
    setTimeout(() => this.exited.delete(channelId), 60_000).unref();
  }

  /**
   * A caller asks to be called back by queue `queueId`'s agents (the flow's callback node). Coming
   * straight from that queue's exit key, the callback keeps the caller's place in line. The caller
   * hears whether it was taken; the flow then hangs up.
   */
  async requestCallback(request: { caller: QueueCaller; queueId: number }): Promise<'requested' | 'refused'> {
    await this.loaded;
    const { caller, queueId } = request;
    const queue = this.acd.queue(queueId) as QueueSettings | undefined;
    const from = this.exited.get(caller.id);
    this.exited.delete(caller.id);
    const language = queue?.language ?? this.options.language;
    const number =
      queue && queue.tenantId === caller.tenantId
        ? await this.hooks.callbackNumber(caller.tenantId, caller.callerNumber)
        : null;
    if (!queue || !number) {
      this.logger.info({ channelId: caller.id, queueId }, 'queue callback refused');
      await this.say(caller.id, 'queue-callback-refused', language);
      return 'refused';
    }
    const row: Omit<CallbackRow, 'id'> = {
      tenantId: caller.tenantId,
      queueId,
      number,
      callerNumber: caller.callerNumber.slice(0, 32),
      hotlineNumber: caller.hotlineNumber.slice(0, 32) || null,
      callChannelId: caller.id,
      requestedAt: from?.queueId === queueId ? from.enteredAt : new Date(),
      attempts: 0,
      nextAttemptAt: null,
    };
    const id = await this.store.createCallback(row);
    this.logger.info({ channelId: caller.id, queueId, callbackId: id }, 'queue callback requested');
    this.addCallback({ ...row, id });
    this.dispatch();
    await this.say(caller.id, 'queue-callback-ok', language);
    return 'requested';
  }

  /** The pending callbacks (all, or one tenant's) as the database has them: new ones added, cancelled ones dropped. */
  private async loadCallbacks(tenantId?: number): Promise<void> {
    const rows = await this.store.pendingCallbacks(tenantId);
    const pending = new Set(rows.map((r) => `cb-${r.id}`));
    for (const entry of [...this.callbacks.values()])
      if (
        (tenantId === undefined || entry.row.tenantId === tenantId) &&
        entry.state !== 'calling' &&
        !pending.has(entry.key)
      )
        this.dropCallback(entry);
    for (const row of rows) if (!this.callbacks.has(`cb-${row.id}`)) this.addCallback(row);
  }

  /** A callback takes its place in line now, or when its retry is due. */
  private addCallback(row: CallbackRow): void {
    if (!this.acd.queue(row.queueId)) return;
    const entry: CallbackEntry = { key: `cb-${row.id}`, row, state: 'later' };
    this.callbacks.set(entry.key, entry);
    const enqueue = () => {
      entry.retryTimer = undefined;
      if (this.callbacks.get(entry.key) !== entry || !this.acd.queue(row.queueId)) return;
      entry.state = 'waiting';
      this.acd.enqueue({
        channelId: entry.key,
        queueId: row.queueId,
        priority: 0,
        enteredAt: row.requestedAt.getTime(),
      });
      this.schedulePublish(row.queueId);
      this.dispatch();
    };
    const dueIn = row.nextAttemptAt ? row.nextAttemptAt.getTime() - Date.now() : 0;
    if (dueIn > 0) {
      entry.retryTimer = setTimeout(enqueue, dueIn);
      entry.retryTimer.unref();
    } else enqueue();
  }

  private dropCallback(entry: CallbackEntry): void {
    clearTimeout(entry.retryTimer);
    entry.cancelOffer?.();
    this.acd.dequeue(entry.key);
    if (this.callbacks.get(entry.key) === entry) this.callbacks.delete(entry.key);
    this.schedulePublish(entry.row.queueId);
  }

  /**
   * A callback's turn: its agents are rung (their phones show the customer's number); the one who
   * answers hears that it is a callback, then the customer is dialled through the tenant's trunk
   * and both are bridged. Not reached: tried again after a while, up to the attempts allowed.
   */
  private async offerCallback(entry: CallbackEntry, offer: AcdOffer): Promise<void> {
    const queue = this.acd.queue(entry.row.queueId) as QueueSettings | undefined;
    if (entry.state !== 'waiting' || !queue) {
      this.acd.offerFailed(offer, []);
      return;
    }
    entry.state = 'offered';
    const { row } = entry;
    this.logger.info(
      { callbackId: row.id, queueId: queue.id, agents: offer.userIds },
      'queue callback offer',
    );
    const rung = await this.ringAgents(
      offer,
      queue,
      { callerNumber: row.number, hotlineNumber: row.hotlineNumber ?? '' },
      (cancel) => (entry.cancelOffer = cancel),
    );
    entry.cancelOffer = undefined;
    const winner = rung.winner;
    // Cancelled while it rang (dropped by a reload)?
    const dropped = this.callbacks.get(entry.key) !== entry;
    // Claimed in the database: a cancellation that came first wins.
    const claimed =
      winner && !dropped
        ? await this.store.callbackAttempt(row.id, winner.userId).catch((err: unknown) => {
            this.logger.warn({ err, callbackId: row.id }, 'queue callback not claimed');
            return false;
          })
        : false;
    if (!winner || !claimed) {
      if (winner) await this.ari.channels.hangup({ channelId: winner.legId }).catch(() => undefined);
      this.offerEnded(offer, rung.legs, rung.cancelled || !!winner || dropped);
      if (winner || dropped) this.dropCallback(entry);
      else if (entry.state === 'offered') entry.state = 'waiting';
      this.dispatch();
      return;
    }
    entry.state = 'calling';
    const userId = winner.userId;
    this.acd.offerAnswered(offer, userId);
    this.setActivity(userId, 'busy');
    for (const leg of rung.legs) if (leg !== winner) this.setActivity(leg.userId);
    this.schedulePublish(queue.id);
    const agent = this.agents.get(userId)!;
    let outcome: CallbackOutcome;
    /** The customer's leg once both talk (the conversation a restarted callflow follows). */
    const talk: { customerLeg?: string } = {};
    const done: CallbackAttemptResult = {
      status: 'done',
      lastResult: 'connected',
      attempts: row.attempts + 1,
      nextAttemptAt: null,
    };
    try {
      await this.say(winner.legId, 'queue-callback-agent', queue.language, true);
      outcome = await this.hooks.callBack({
        callbackId: row.id,
        tenantId: row.tenantId,
        queueId: queue.id,
        number: row.number,
        agentLegId: winner.legId,
        agent: { userId, extension: agent.extension, fullName: agent.fullName },
        record: queue.record,
        bridged: ({ bridgeId, calleeId }) => {
          // Done from now on, and the conversation saved: a restarted callflow follows it to its
          // end instead of hanging it up and calling the customer again.
          talk.customerLeg = calleeId;
          this.persist(
            calleeId,
            async () => {
              await this.store.callbackResult(row.id, done);
              await this.store.saveCall({
                channelId: calleeId,
                tenantId: row.tenantId,
                queueId: queue.id,
                nodeId: null,
                priority: 0,
                enteredAt: row.requestedAt,
                state: 'talking',
                agentUserId: userId,
                agentChannelId: winner.legId,
                bridgeId,
                recording: null,
                callerNumber: row.number.slice(0, 32),
                callbackId: row.id,
              });
            },
            'several',
          );
        },
      });
    } catch (err) {
      this.logger.info({ err, callbackId: row.id }, 'queue callback: the agent left');
      outcome = 'agent_left';
    }
    // The customer answered: done, however the conversation ended.
    if (talk.customerLeg) outcome = 'connected';
    if (outcome !== 'connected' && outcome !== 'agent_left')
      await this.say(winner.legId, 'queue-callback-no-answer', queue.language, true).catch(() => undefined);
    await this.ari.channels.hangup({ channelId: winner.legId, reason: 'normal' }).catch(() => undefined);
    this.releaseLeg(winner.legId);
    // The agent leaving early is not the customer's fault: that attempt does not count.
    const attempts = outcome === 'agent_left' ? row.attempts : row.attempts + 1;
    const status =
      outcome === 'connected' ? 'done' : attempts >= QUEUE_CALLBACK_RULES.maxAttempts ? 'failed' : 'pending';
    const nextAttemptAt =
      status === 'pending' && outcome !== 'agent_left'
        ? new Date(Date.now() + QUEUE_CALLBACK_RULES.retryAfterS * 1000)
        : null;
    this.logger.info({ callbackId: row.id, outcome, status, attempts }, 'queue callback attempt over');
    const customerLeg = talk.customerLeg;
    if (customerLeg) this.persist(customerLeg, () => this.store.deleteCall(customerLeg));
    else
      await this.store
        .callbackResult(row.id, { status, lastResult: outcome, attempts, nextAttemptAt })
        .catch((err: unknown) => this.logger.warn({ err, callbackId: row.id }, 'queue callback not saved'));
    this.callbacks.delete(entry.key);
    if (status === 'pending') this.addCallback({ ...row, attempts, nextAttemptAt });
    this.endConversation(userId, queue.id);
  }

  private holdingBridge(queue: QueueSettings): Promise<string> {
    let bridge = this.holdingBridges.get(queue.id);
    if (!bridge) {
      const bridgeId = `queue-${queue.id}`;
      bridge = (async () => {
        // Already there when Asterisk kept it across a callflow restart.
        await this.ari.bridges
          .create({ type: 'holding', bridgeId, name: `queue-${queue.id}` })
          .catch(() => undefined);
        return bridgeId;
      })();
      bridge.catch(() => this.holdingBridges.delete(queue.id));
      this.holdingBridges.set(queue.id, bridge);
    }
    return bridge;
  }

  /**
   * What waiting callers of the queue hear: Asterisk's built-in music, or the tenant's music
   * class (its prompts played in turn on the holding bridge, again and again while callers wait).
   * Changed classes take effect with the next caller.
   */
  private async ensureMusic(queue: QueueSettings, bridgeId: string): Promise<void> {
    const current = this.music.get(queue.id);
    if (current && current.classId === queue.mohClassId && (current.classId === null || current.playbackId))
      return;
    if (current?.playbackId)
      await this.ari.playbacks.stop({ playbackId: current.playbackId }).catch(() => undefined);
    const files =
      queue.mohClassId === null ? [] : await this.store.mohFiles(queue.tenantId, queue.mohClassId);
    if (!files.length) {
      this.music.set(queue.id, { classId: queue.mohClassId, playbackId: null, media: [] });
      await this.ari.bridges.startMoh({ bridgeId, mohClass: 'default' });
      return;
    }
    await this.ari.bridges.stopMoh({ bridgeId }).catch(() => undefined);
    const media = files.map((f) => `sound:${this.options.promptsDir}/${f}`);
    const playbackId = randomUUID();
    this.music.set(queue.id, { classId: queue.mohClassId, playbackId, media });
    await this.ari.bridges.play({ bridgeId, media, playbackId });
  }

  /** One of callflow's own sounds (builtin/<lang>/system/<name>) to the caller, waiting for its end. */
  private async say(
    channelId: string,
    name: string,
    language: 'vi' | 'en' | undefined,
    /** Fail when the channel leaves before the end (e.g. an agent hanging up). */
    strict = false,
  ): Promise<void> {
    const playbackId = randomUUID();
    const scope = this.ari.channelScope(channelId);
    const finished = observe(scope.once('PlaybackFinished', (e) => e.playback.id === playbackId, 20_000));
    const left = observe(scope.once('StasisEnd'));
    await this.ari.channels.play({ channelId, media: this.sound(name, language), playbackId });
    const end = await Promise.race([
      finished.then(() => 'finished' as const),
      left.then(() => 'left' as const),
    ]).catch(() => 'finished' as const);
    if (strict && end === 'left') throw new Error(`channel ${channelId} left during ${name}`);
  }

  private sound(name: string, language: 'vi' | 'en' | undefined): string {
    return `sound:${this.options.promptsDir}/builtin/${language ?? this.options.language ?? 'vi'}/system/${name}`;
  }

  /** Tells a waiting caller its place (over the music, to that caller only). */
  private async announcePosition(waiter: Waiter): Promise<void> {
    if (waiter.state !== 'waiting') return;
    const position = this.acd.waitingIn(waiter.queue.id).findIndex((c) => c.channelId === waiter.caller.id);
    if (position < 0) return;
    const name =
      position === 0 ? 'queue-next' : position <= 9 ? `queue-ahead-${position}` : 'queue-ahead-many';
    const language = waiter.queue.language;
    const media = [this.sound(name, language)];
    const wait = expectedWaitSound(this.holdTimeS.get(waiter.queue.id), position);
    if (wait) media.push(this.sound(wait, language));
    const playbackId = randomUUID();
    waiter.announcement = playbackId;
    await this.ari.channels.play({ channelId: waiter.caller.id, media, playbackId }).catch(() => undefined);
  }

  /** A music class came to its end: again, while callers wait. */
  private musicFinished(playbackId: string): void {
    for (const [queueId, music] of this.music) {
      if (music.playbackId !== playbackId) continue;
      const queue = this.acd.queue(queueId);
      const bridge = this.holdingBridges.get(queueId);
      if (!queue || !bridge || !this.acd.waitingIn(queueId).length) {
        music.playbackId = null;
        return;
      }
      const next = randomUUID();
      music.playbackId = next;
      void bridge
        .then((bridgeId) => this.ari.bridges.play({ bridgeId, media: music.media, playbackId: next }))
        .catch((err: unknown) => this.logger.warn({ err, queueId }, 'queue music not replayed'));
      return;
    }
  }

  /** Sets (or recomputes) an agent's activity and tells its console when it changed. */
  private setActivity(userId: number, activity?: AgentActivity): void {
    const next = activity ?? this.activityOf(userId);
    if (this.activities.get(userId) === next) return;
    this.activities.set(userId, next);
    this.publishAgent(userId);
    for (const q of this.acd.queuesOf(this.agents.get(userId)?.tenantId ?? 0))
      if (q.members.some((m) => m.userId === userId)) this.schedulePublish(q.id);
  }

  private activityOf(userId: number): AgentActivity {
    const agent = this.agents.get(userId);
    if (!agent || agent.logins.size === 0) return 'offline';
    if (this.acd.engagement(userId)) return this.activities.get(userId) === 'ringing' ? 'ringing' : 'busy';
    if (agent.paused) return 'paused';
    if (agent.wrapupUntil > Date.now()) return 'wrapup';
    return 'available';
  }

  private publishAgent(userId: number): void {
    const agent = this.agents.get(userId);
    if (!agent) return;
    const activity = this.activities.get(userId) ?? this.activityOf(userId);
    this.activities.set(userId, activity);
    this.hooks.publish({
      type: 'agent.state',
      tenantId: agent.tenantId,
      userId,
      payload: {
        activity,
        paused: agent.paused,
        pauseReasonId: agent.pauseReasonId,
        wrapupUntil: agent.wrapupUntil > Date.now() ? new Date(agent.wrapupUntil).toISOString() : null,
      },
    });
  }

  /** The queue's live state, sent at most every 250 ms per queue. */
  private schedulePublish(queueId: number): void {
    if (this.publishTimers.has(queueId)) return;
    this.publishTimers.set(
      queueId,
      setTimeout(() => {
        this.publishTimers.delete(queueId);
        const live = this.live(queueId);
        const queue = this.acd.queue(queueId);
        if (live && queue)
          this.hooks.publish({ type: 'queue.state', tenantId: queue.tenantId, payload: live });
      }, 250),
    );
  }

  status() {
    return {
      waiting: this.waiters.size,
      callbacks: this.callbackCounts(),
      agents: this.agents.size,
      agentFreeToRingMs: this.agentFreeToRing.summary(),
      music: [...this.music].map(([queueId, m]) => ({
        queueId,
        classId: m.classId,
        playbackId: m.playbackId,
      })),
    };
  }

  /** Callbacks held (waiting, being called, or waiting for a retry), in all and per tenant. */
  private callbackCounts(): { total: number; byTenant: Record<string, number> } {
    const byTenant: Record<string, number> = {};
    for (const c of this.callbacks.values()) byTenant[c.row.tenantId] = (byTenant[c.row.tenantId] ?? 0) + 1;
    return { total: this.callbacks.size, byTenant };
  }

  /** A queue's waiting callers and agents by activity. */
  live(queueId: number): QueueLiveView | null {
    const queue = this.acd.queue(queueId);
    if (!queue) return null;
    const waiting = this.acd.waitingIn(queueId).map((c) => {
      const callback = this.callbacks.get(c.channelId);
      return {
        channelId: c.channelId,
        callerNumber: callback?.row.number ?? this.waiters.get(c.channelId)?.caller.callerNumber ?? '',
        priority: c.priority,
        enteredAt: new Date(c.enteredAt).toISOString(),
        ...(callback ? { callback: true } : {}),
      };
    });
    const oldest = waiting.length ? Math.min(...waiting.map((w) => Date.parse(w.enteredAt))) : null;
    return {
      queueId,
      name: queue.name,
      waiting,
      longestWaitS: oldest === null ? 0 : Math.round((Date.now() - oldest) / 1000),
      agents: queue.members.map((m) => {
        const agent = this.agents.get(m.userId);
        const activity =
          agent && !agent.logins.has(queueId)
            ? 'offline'
            : (this.activities.get(m.userId) ?? this.activityOf(m.userId));
        return {
          userId: m.userId,
          name: agent?.fullName ?? '',
          extension: agent?.extension ?? null,
          activity,
        };
      }),
    };
  }
}
