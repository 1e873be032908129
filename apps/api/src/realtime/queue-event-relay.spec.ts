import type { AgentStateEvent, QueueStateEvent } from '#contracts';
import { chunks } from './callflow-commands.js';
import { QueueEventRelay, QueueLiveCache, staffRoom } from './queue-event-relay.js';

const users = [
  { id: 11, tenantId: 7 },
  { id: 12, tenantId: 8 },
];

function relay() {
  const sent: { room: string; type: string; payload: unknown }[] = [];
  const cache = new QueueLiveCache();
  const r = new QueueEventRelay(
    { belongsTo: async (tenantId, userId) => users.some((u) => u.id === userId && u.tenantId === tenantId) },
    cache,
    (room, type, payload) => sent.push({ room, type, payload }),
  );
  return { sent, cache, relay: r };
}

const queueState = (tenantId: number, queueId: number, waiting = 0): QueueStateEvent => ({
  type: 'queue.state',
  tenantId,
  payload: {
    queueId,
    name: `Q${queueId}`,
    waiting: Array.from({ length: waiting }, (_, i) => ({
      channelId: `c-${i}`,
      callerNumber: '0912345678',
      priority: 0,
      enteredAt: new Date(0).toISOString(),
    })),
    longestWaitS: waiting ? 5 : 0,
    agents: [],
  },
});

const agentState = (tenantId: number, userId: number): AgentStateEvent => ({
  type: 'agent.state',
  tenantId,
  userId,
  payload: { activity: 'available', paused: false, pauseReasonId: null, wrapupUntil: null },
});

describe('QueueEventRelay', () => {
  it('given a queue.state when relayed then only the staff room of that tenant gets it and it is cached', async () => {
    const { sent, cache, relay: r } = relay();
    expect(await r.relay(queueState(7, 3, 2))).toEqual([staffRoom(7)]);
    expect(sent).toEqual([
      { room: 'tenant:7:staff', type: 'queue.state', payload: queueState(7, 3, 2).payload },
    ]);
    expect(cache.get(7, 3)?.waiting).toHaveLength(2);
    expect(cache.get(8, 3)).toBeUndefined();
  });

  it('given a newer queue.state of the same queue when relayed then the cache holds the newer one', async () => {
    const { cache, relay: r } = relay();
    await r.relay(queueState(7, 3, 2));
    await r.relay(queueState(7, 3, 0));
    expect(cache.get(7, 3)?.waiting).toEqual([]);
    cache.clear();
    expect(cache.get(7, 3)).toBeUndefined();
  });

  it("given an agent.state of a tenant's user when relayed then only that user's room gets it", async () => {
    const { sent, relay: r } = relay();
    expect(await r.relay(agentState(7, 11))).toEqual(['user:11']);
    expect(sent).toEqual([{ room: 'user:11', type: 'agent.state', payload: agentState(7, 11).payload }]);
  });

  it('given an agent.state naming a user of another tenant when relayed then nobody gets it', async () => {
    const { sent, relay: r } = relay();
    expect(await r.relay(agentState(7, 12))).toEqual([]);
    expect(await r.relay(agentState(7, 999))).toEqual([]);
    expect(sent).toEqual([]);
  });
});

describe('command id chunks', () => {
  it('given ids with repeats when chunked then each id appears once, in frames of at most 1000, and no ids means no frame', () => {
    expect(chunks([3, 3, 1])).toEqual([[3, 1]]);
    expect(chunks([])).toEqual([]);
    const many = chunks(Array.from({ length: 2500 }, (_, i) => i + 1));
    expect(many.map((c) => c.length)).toEqual([1000, 1000, 500]);
  });
});
