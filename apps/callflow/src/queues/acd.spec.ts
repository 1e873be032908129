import type { QueueStrategyId } from '#contracts';
import { Acd, type AcdQueue } from './acd.js';

const NOW = 1_000_000;
const free = () => true;

function setup(strategy: QueueStrategyId, members = [1, 2, 3], opts: Partial<AcdQueue> = {}) {
  const acd = new Acd(() => 0.99);
  acd.setQueue({
    id: 10,
    tenantId: 1,
    name: 'Sales',
    strategy,
    ringTimeoutS: 15,
    wrapupS: 5,
    maxWaitS: null,
    maxCallers: null,
    members: members.map((userId) => ({ userId, penalty: 0 })),
    rrLastUserId: null,
    ...opts,
  });
  for (const userId of members) login(acd, userId, 10);
  return acd;
}

function login(acd: Acd, userId: number, queueId: number, counters = { callsTaken: 0, lastCallEndedAt: 0 }) {
  const agent = acd.agent(userId) ?? {
    userId,
    tenantId: 1,
    paused: false,
    wrapupUntil: 0,
    logins: new Map(),
  };
  agent.logins.set(queueId, { ...counters });
  acd.setAgent(agent);
}

let n = 0;
const call = (acd: Acd, queueId = 10, priority = 0, enteredAt = NOW + n) =>
  acd.enqueue({ channelId: `c${++n}`, queueId, priority, enteredAt }).channelId;

/** Offers one caller, lets it ring out at the chosen agent, returns who was chosen each time. */
function ringOut(acd: Acd, times: number): number[] {
  const chosen: number[] = [];
  for (let i = 0; i < times; i++) {
    const [offer] = acd.nextOffers(free, NOW);
    chosen.push(...offer!.userIds);
    acd.offerFailed(offer!, offer!.userIds);
  }
  return chosen;
}

/** Serves callers one by one (answered, talked, wrap-up over): who took each. */
function serve(acd: Acd, callers: number, at = NOW): number[] {
  const took: number[] = [];
  for (let i = 0; i < callers; i++) {
    call(acd);
    const [offer] = acd.nextOffers(free, at + i * 60_000);
    const agent = offer!.userIds[0]!;
    took.push(agent);
    acd.offerAnswered(offer!, agent);
    acd.conversationEnded(agent, 10, at + i * 60_000 + 1);
  }
  return took;
}

describe('Acd strategies', () => {
  it('given ring-all then one caller rings every free agent of the lowest penalty', () => {
    const acd = setup('ring_all', [1, 2, 3]);
    acd.setQueue({
      ...acd.queue(10)!,
      members: [1, 2, 3].map((u) => ({ userId: u, penalty: u === 3 ? 1 : 0 })),
    });
    call(acd);
    expect(acd.nextOffers(free, NOW)).toEqual([
      { channelId: expect.any(String), queueId: 10, userIds: [1, 2] },
    ]);
  });

  it('given linear then the first member in order is always tried first, and a ring-out moves on', () => {
    const acd = setup('linear', [3, 1, 2]);
    call(acd);
    expect(ringOut(acd, 4)).toEqual([3, 1, 2, 3]);
    expect(serve(setup('linear', [3, 1, 2]), 3)).toEqual([3, 3, 3]);
  });

  it('given round-robin with memory then each call goes to the member after the one offered last', () => {
    expect(serve(setup('round_robin', [1, 2, 3]), 5)).toEqual([1, 2, 3, 1, 2]);
    const remembered = setup('round_robin', [1, 2, 3], { rrLastUserId: 2 });
    expect(serve(remembered, 2)).toEqual([3, 1]);
  });

  it('given least-recent then the agent whose last call ended longest ago answers next', () => {
    const acd = setup('least_recent', [1, 2, 3]);
    login(acd, 1, 10, { callsTaken: 5, lastCallEndedAt: 300 });
    login(acd, 2, 10, { callsTaken: 9, lastCallEndedAt: 100 });
    login(acd, 3, 10, { callsTaken: 1, lastCallEndedAt: 200 });
    expect(serve(acd, 4)).toEqual([2, 3, 1, 2]);
  });

  it('given fewest-calls then the agent with the fewest calls in this queue answers next', () => {
    const acd = setup('fewest_calls', [1, 2, 3]);
    login(acd, 1, 10, { callsTaken: 2, lastCallEndedAt: 0 });
    login(acd, 2, 10, { callsTaken: 0, lastCallEndedAt: 0 });
    login(acd, 3, 10, { callsTaken: 1, lastCallEndedAt: 0 });
    expect(serve(acd, 4)).toEqual([2, 2, 3, 1]);
  });

  it('given random then the random source picks among the free agents', () => {
    const acd = setup('random', [1, 2, 3]);
    call(acd);
    expect(acd.nextOffers(free, NOW)[0]!.userIds).toEqual([3]);
  });
});

describe('Acd rules', () => {
  it('given paused, wrapping-up, logged-out, busy-phone and offline agents then none of them is offered', () => {
    const acd = setup('ring_all', [1, 2, 3, 4, 5, 6]);
    acd.agent(1)!.paused = true;
    acd.agent(2)!.wrapupUntil = NOW + 1000;
    acd.agent(3)!.logins.delete(10);
    acd.removeAgent(4);
    call(acd);
    expect(acd.nextOffers((u) => u !== 5, NOW)[0]!.userIds).toEqual([6]);
    // Wrap-up over: agent 2 is offered the next caller.
    call(acd);
    expect(acd.nextOffers((u) => u !== 5, NOW + 1000)[0]!.userIds).toEqual([2]);
  });

  it('given priorities then the higher priority is served first, then first come first served', () => {
    const acd = setup('linear', [1]);
    const early = call(acd, 10, 0, NOW);
    const later = call(acd, 10, 0, NOW + 5);
    const vip = call(acd, 10, 5, NOW + 10);
    const served: string[] = [];
    for (let i = 0; i < 3; i++) {
      const [offer] = acd.nextOffers(free, NOW + i * 60_000);
      served.push(offer!.channelId);
      acd.offerAnswered(offer!, 1);
      acd.conversationEnded(1, 10, NOW + i * 60_000);
    }
    expect(served).toEqual([vip, early, later]);
  });

  it('given one free agent and two waiting callers then only the first is offered, never both', () => {
    const acd = setup('ring_all', [1]);
    const first = call(acd);
    call(acd);
    expect(acd.nextOffers(free, NOW)).toEqual([{ channelId: first, queueId: 10, userIds: [1] }]);
    expect(acd.nextOffers(free, NOW)).toEqual([]);
  });

  it('given two queues sharing agents then an agent is offered one caller at a time, the earliest first', () => {
    const acd = setup('ring_all', [1, 2]);
    acd.setQueue({ ...acd.queue(10)!, id: 20, name: 'Support' });
    login(acd, 1, 20);
    login(acd, 2, 20);
    const a = call(acd, 20, 0, NOW);
    const b = call(acd, 10, 0, NOW + 1);
    const offers = acd.nextOffers(free, NOW);
    expect(offers).toEqual([{ channelId: a, queueId: 20, userIds: [1, 2] }]);
    // Agent 2 does not answer a's offer; agent 1 does: 2 is free for b.
    acd.offerAnswered(offers[0]!, 1);
    expect(acd.nextOffers(free, NOW)).toEqual([{ channelId: b, queueId: 10, userIds: [2] }]);
    const users = acd.nextOffers(free, NOW).flatMap((o) => o.userIds);
    expect(users).toEqual([]);
  });

  it('given agents of another tenant listed by mistake then they are never offered', () => {
    const acd = setup('ring_all', [1, 2]);
    acd.setAgent({ ...acd.agent(2)!, tenantId: 2 });
    call(acd);
    expect(acd.nextOffers(free, NOW)[0]!.userIds).toEqual([1]);
  });

  it('given a conversation ends then the agent wraps up for the queue wrap-up time and counts the call', () => {
    const acd = setup('linear', [1]);
    call(acd);
    const [offer] = acd.nextOffers(free, NOW);
    acd.offerAnswered(offer!, 1);
    expect(acd.engagement(1)).toBe(offer!.channelId);
    expect(acd.conversationEnded(1, 10, NOW + 100)).toBe(NOW + 100 + 5000);
    expect(acd.agent(1)!.logins.get(10)).toEqual({ callsTaken: 1, lastCallEndedAt: NOW + 100 });
    expect(acd.engagement(1)).toBeUndefined();
  });
});
