import { jest } from '@jest/globals';
import { ConversationRegistry } from '../flows/conversation.js';
import { QueueFlow, type QueueAri } from './queue.flow.js';
import type { AgentInfo, QueueSettings, QueueStore } from './queue-store.js';

const QUEUE: QueueSettings = {
  id: 7,
  tenantId: 1,
  name: 'Sales',
  strategy: 'ring_all',
  ringTimeoutS: 20,
  wrapupS: 0,
  maxWaitS: null,
  maxCallers: null,
  members: [{ userId: 11, penalty: 0 }],
  rrLastUserId: null,
  mohClassId: null,
  announcePosition: false,
  announceEveryS: null,
  exitKey: null,
  record: false,
  recordNotice: false,
  language: 'vi',
};

const AGENT: AgentInfo = {
  userId: 11,
  tenantId: 1,
  paused: false,
  wrapupUntil: 0,
  logins: new Map([[7, { callsTaken: 0, lastCallEndedAt: 0 }]]),
  pauseReasonId: null,
  fullName: 'An',
  extension: '1001',
  endpoint: 't1-1001',
};

/** The ARI port of the queues: records requests; the test emits device-state events. */
class FakeQueueAri implements QueueAri {
  readonly originated: string[] = [];
  /** Channel ids of the originated legs, in order. */
  readonly legIds: string[] = [];
  readonly hungUp: string[] = [];
  readonly subscribed: string[] = [];
  /** The next bridging of a caller with an agent's leg fails this many times (the leg is gone). */
  failBridging = 0;
  private readonly waiting = new Map<string, (() => void)[]>();
  private destroyedHandler: (channelId: string) => void = () => undefined;
  listCalls = 0;
  /** What GET /endpoints/PJSIP answers. */
  endpointList: { resource: string; state?: string; channel_ids: string[] }[] = [];
  private deviceHandler: (device: string, state: string) => void = () => undefined;

  channels = {
    originate: async (p: { endpoint: string; channelId?: string }) => {
      this.originated.push(p.endpoint);
      this.legIds.push(p.channelId ?? '');
    },
    hangup: async (p: { channelId: string }) => void this.hungUp.push(p.channelId),
    play: async () => undefined,
    setChannelVar: async () => undefined,
  };
  bridges = {
    create: async () => undefined,
    addChannel: async (p: { channel: string | readonly string[] }) => {
      if (typeof p.channel !== 'string' && this.failBridging > 0) {
        this.failBridging--;
        throw new Error('ARI POST /bridges/x/addChannel failed: 400 Channel not found');
      }
    },
    removeChannel: async () => undefined,
    destroy: async () => undefined,
    list: async () => [],
    startMoh: async () => undefined,
    stopMoh: async () => undefined,
    play: async () => undefined,
    record: async () => undefined,
  };
  /** Runs while GET /endpoints/PJSIP is in flight (its answer was taken before). */
  duringList: (() => void) | null = null;
  endpoints = {
    listByTech: async () => {
      this.listCalls++;
      const list = this.endpointList;
      await new Promise((r) => setTimeout(r, 1));
      this.duringList?.();
      this.duringList = null;
      return list;
    },
  };
  playbacks = { stop: async () => undefined };

  channelScope(channelId: string) {
    return {
      once: (type: string) =>
        new Promise<never>((resolve) => {
          const key = `${channelId} ${type}`;
          this.waiting.set(key, [...(this.waiting.get(key) ?? []), () => resolve(undefined as never)]);
        }),
      on: () => () => undefined,
    };
  }

  /** A channel event reaches the flow's scopes (StasisStart: the leg answered). */
  emit(channelId: string, type: string): void {
    const key = `${channelId} ${type}`;
    for (const resolve of this.waiting.get(key) ?? []) resolve();
    this.waiting.delete(key);
  }

  /** Asterisk destroyed the channel. */
  destroy(channelId: string): void {
    this.emit(channelId, 'ChannelDestroyed');
    this.destroyedHandler(channelId);
  }
  onPlaybackFinished(): void {}
  async subscribeDevices(devices: readonly string[]): Promise<void> {
    this.subscribed.push(...devices);
  }
  onDeviceState(handler: (device: string, state: string) => void): void {
    this.deviceHandler = handler;
  }
  onChannelDestroyed(handler: (channelId: string) => void): void {
    this.destroyedHandler = handler;
  }

  deviceState(device: string, state: string): void {
    this.deviceHandler(device, state);
  }
}

function fakeStore(): QueueStore {
  return {
    queues: async () => [{ ...QUEUE, members: [...QUEUE.members] }],
    agents: async () => [{ ...AGENT, logins: new Map(AGENT.logins) }],
    saveCall: async () => undefined,
    deleteCall: async () => undefined,
    calls: async () => [],
    conversationEnded: async () => undefined,
    rememberRoundRobin: async () => undefined,
    mohFiles: async () => [],
    pendingCallbacks: async () => [],
    createCallback: async () => 1,
    callbackAttempt: async () => true,
    callbackResult: async () => undefined,
    resetCallingCallbacks: async () => undefined,
  };
}

const settle = async (ari: FakeQueueAri, until: () => boolean) => {
  // Up to 5 s: the dispatch pass runs every second, and a loaded machine delays timers.
  const deadline = Date.now() + 5_000;
  while (!until() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  return ari;
};

describe('QueueFlow on a fake ARI: phones kept by device-state events, offers that fail', () => {
  let flow: QueueFlow;

  afterEach(() => {
    flow.stop();
    jest.restoreAllMocks();
  });

  function startFlow(ari: FakeQueueAri): Promise<void> {
    const quiet = { warn: () => undefined, info: () => undefined };
    flow = new QueueFlow(
      ari,
      fakeStore(),
      {
        leg: () => undefined,
        mark: () => undefined,
        legCreated: () => undefined,
        ringing: () => undefined,
        publish: () => undefined,
        callbackNumber: async () => null,
        callBack: async () => 'no_route',
      },
      { app: 'webcall', promptsDir: '/prompts' },
      new ConversationRegistry(
        { channels: ari.channels, bridges: ari.bridges },
        { hangingUp: () => undefined },
      ),
      quiet,
    );
    return flow.start();
  }

  /** One caller waits in the queue (resolves with how it left). */
  const callerWaits = () =>
    flow.wait({
      caller: { id: 'caller-1', tenantId: 1, callerNumber: '0912345678', hotlineNumber: '19001234' },
      queueId: 7,
      nodeId: 'q',
      priority: 0,
      exitEnabled: false,
    });

  it('given a phone that went idle without an event when half a minute passes while a caller waits then the list is read again and the phone rung', async () => {
    const ari = new FakeQueueAri();
    ari.endpointList = [{ resource: 't1-1001', state: 'online', channel_ids: ['someone-else'] }];
    await startFlow(ari);
    void callerWaits();
    await settle(ari, () => ari.listCalls > 0);
    // The other call ended, but its event was lost: the next passes (every second) trust the events.
    ari.endpointList = [{ resource: 't1-1001', state: 'online', channel_ids: [] }];
    await new Promise((r) => setTimeout(r, 1_200));
    expect(ari.listCalls).toBe(1);
    expect(ari.originated).toEqual([]);
    // 31 s later by the clock the flow reads: the list again, and the idle phone rings.
    const now = performance.now();
    jest.spyOn(performance, 'now').mockImplementation(() => now + 31_000);
    await settle(ari, () => ari.originated.length > 0);
    expect(ari.listCalls).toBe(2);
    expect(ari.originated).toEqual(['PJSIP/t1-1001']);
  });

  it('given an agent whose phone is in another call when it becomes idle then the waiting caller rings it at once, without reading the endpoint list again', async () => {
    const ari = new FakeQueueAri();
    ari.endpointList = [{ resource: 't1-1001', state: 'online', channel_ids: ['someone-else'] }];
    await startFlow(ari);
    void callerWaits();
    // Read once and subscribed; the phone is busy: nobody rung.
    await settle(ari, () => ari.listCalls > 0);
    await new Promise((r) => setTimeout(r, 50));
    expect(ari.subscribed).toEqual(['PJSIP/t1-1001']);
    expect(ari.originated).toEqual([]);
    // An event for a phone nobody subscribed changes nothing; the agent's phone going idle rings it.
    ari.deviceState('PJSIP/t9-9999', 'NOT_INUSE');
    ari.deviceState('PJSIP/t1-1001', 'INUSE');
    await new Promise((r) => setTimeout(r, 50));
    expect(ari.originated).toEqual([]);
    ari.deviceState('PJSIP/t1-1001', 'NOT_INUSE');
    await settle(ari, () => ari.originated.length > 0);
    expect(ari.originated).toEqual(['PJSIP/t1-1001']);
    expect(ari.listCalls).toBe(1);
  });

  it('given a phone that registers while the endpoint list is read when the list still says offline then its event wins and the caller rings it', async () => {
    const ari = new FakeQueueAri();
    ari.endpointList = [{ resource: 't1-1001', state: 'offline', channel_ids: [] }];
    // Subscribed first, then the list is read; the phone comes up after Asterisk built the list.
    ari.duringList = () => ari.deviceState('PJSIP/t1-1001', 'NOT_INUSE');
    await startFlow(ari);
    void callerWaits();
    await settle(ari, () => ari.originated.length > 0);
    expect(ari.originated).toEqual(['PJSIP/t1-1001']);
    expect(ari.listCalls).toBe(1);
  });

  it('given an agent who answers and hangs up before the caller is bridged then the caller goes back to the queue and is offered again, not lost', async () => {
    const ari = new FakeQueueAri();
    ari.endpointList = [{ resource: 't1-1001', state: 'online', channel_ids: [] }];
    await startFlow(ari);
    let outcome: unknown = 'still waiting';
    void callerWaits().then((o) => (outcome = o));
    await settle(ari, () => ari.legIds.length > 0);
    const [first] = ari.legIds;
    // The agent answers; by the time callflow bridges, the leg is gone.
    ari.failBridging = 1;
    ari.emit(first!, 'StasisStart');
    await settle(ari, () => ari.hungUp.includes(first!));
    ari.destroy(first!);
    // Offered again (the dispatch pass runs every second) on a new leg; the caller still waits.
    await settle(ari, () => ari.legIds.length > 1);
    expect(ari.legIds).toHaveLength(2);
    expect(ari.legIds[1]).not.toBe(first);
    expect(outcome).toBe('still waiting');
  });
});
