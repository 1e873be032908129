import type { QueueStrategyId } from '#contracts';

/** A queue as the ACD needs it (groups already expanded into users). */
export interface AcdQueue {
  id: number;
  tenantId: number;
  name: string;
  strategy: QueueStrategyId;
  ringTimeoutS: number;
  wrapupS: number;
  maxWaitS: number | null;
  maxCallers: number | null;
  /** Members in order (the linear strategy's order), each user once, with the lowest penalty. */
  members: { userId: number; penalty: number }[];
  /** Round-robin memory: the user offered last. */
  rrLastUserId: number | null;
}

export interface AcdAgent {
  userId: number;
  tenantId: number;
  paused: boolean;
  /** Not offered a queue call before this time (ms since epoch). */
  wrapupUntil: number;
  /** Queue id → counters of this agent in that queue; present = logged in to it. */
  logins: Map<number, { callsTaken: number; lastCallEndedAt: number }>;
}

export interface AcdCaller {
  channelId: string;
  queueId: number;
  priority: number;
  /** ms since epoch; with `seq` the first-come-first-served order. */
  enteredAt: number;
  seq: number;
}

/** One caller to ring at one or more agents (several only with ring-all). */
export interface AcdOffer {
  channelId: string;
  queueId: number;
  userIds: number[];
}

/**
 * The automatic call distributor's decisions, without any telephony: which waiting caller rings
 * which agents, by priority then arrival, under each queue's strategy and penalties. A caller is
 * offered to one set of agents at a time; an agent is offered one caller at a time, across all
 * the queues it is logged in to. Agents that are paused, wrapping up, already offered or talking,
 * or whose phone is not free (`deviceFree`) are never chosen. An agent who let a caller's offer
 * ring out is not offered that caller again until every other eligible agent was tried.
 */
export class Acd {
  private readonly queues = new Map<number, AcdQueue>();
  private readonly agents = new Map<number, AcdAgent>();
  private readonly callers = new Map<string, AcdCaller & { offered: boolean; tried: Set<number> }>();
  /** userId → the caller it is offered or talking to. */
  private readonly engaged = new Map<number, string>();
  private seq = 0;

  constructor(private readonly random: () => number = Math.random) {}

  setQueue(queue: AcdQueue): void {
    const old = this.queues.get(queue.id);
    this.queues.set(queue.id, { ...queue, rrLastUserId: old?.rrLastUserId ?? queue.rrLastUserId });
  }

  removeQueue(queueId: number): void {
    this.queues.delete(queueId);
  }

  queue(queueId: number): AcdQueue | undefined {
    return this.queues.get(queueId);
  }

  queuesOf(tenantId: number): AcdQueue[] {
    return [...this.queues.values()].filter((q) => q.tenantId === tenantId);
  }

  setAgent(agent: AcdAgent): void {
    this.agents.set(agent.userId, agent);
  }

  removeAgent(userId: number): void {
    this.agents.delete(userId);
  }

  agent(userId: number): AcdAgent | undefined {
    return this.agents.get(userId);
  }

  /** The caller an agent is offered or talking to. */
  engagement(userId: number): string | undefined {
    return this.engaged.get(userId);
  }

  /** Marks an agent as talking to `channelId` (a call resumed after a restart). */
  engage(userId: number, channelId: string): void {
    this.engaged.set(userId, channelId);
  }

  waitingIn(queueId: number): AcdCaller[] {
    return this.ordered().filter((c) => c.queueId === queueId);
  }

  isOffered(channelId: string): boolean {
    return this.callers.get(channelId)?.offered ?? false;
  }

  enqueue(caller: Omit<AcdCaller, 'seq'>): AcdCaller {
    const entry = { ...caller, seq: this.seq++, offered: false, tried: new Set<number>() };
    this.callers.set(caller.channelId, entry);
    return entry;
  }

  /** The caller left the queue (answered elsewhere, hung up, overflowed, exited). */
  dequeue(channelId: string): void {
    this.callers.delete(channelId);
  }

  /**
   * Offers to make now: for each waiting caller not being offered, in order of priority then
   * arrival, the agents its queue's strategy picks among the free ones. Reserves them.
   */
  nextOffers(deviceFree: (userId: number) => boolean, now: number): AcdOffer[] {
    const offers: AcdOffer[] = [];
    const blockedQueues = new Set<number>();
    for (const caller of this.ordered()) {
      if (caller.offered || blockedQueues.has(caller.queueId)) continue;
      const queue = this.queues.get(caller.queueId);
      if (!queue) continue;
      const eligible = (userId: number) => {
        const agent = this.agents.get(userId);
        return (
          !!agent &&
          agent.tenantId === queue.tenantId &&
          agent.logins.has(queue.id) &&
          !agent.paused &&
          agent.wrapupUntil <= now &&
          !this.engaged.has(userId) &&
          deviceFree(userId)
        );
      };
      let candidates = queue.members.filter((m) => eligible(m.userId));
      if (!candidates.length) {
        // First come, first served: a later caller of this queue cannot take an agent this one
        // could not get (nobody is free for this queue now).
        blockedQueues.add(queue.id);
        continue;
      }
      const untried = candidates.filter((m) => !caller.tried.has(m.userId));
      if (!untried.length) caller.tried.clear();
      else candidates = untried;
      // Lower penalty first: higher penalties ring only when no lower one is free.
      const best = Math.min(...candidates.map((m) => m.penalty));
      const pool = candidates.filter((m) => m.penalty === best).map((m) => m.userId);
      const chosen = this.pick(
        queue,
        pool,
        queue.members.map((m) => m.userId),
      );
      caller.offered = true;
      for (const userId of chosen) this.engaged.set(userId, caller.channelId);
      if (queue.strategy === 'round_robin') queue.rrLastUserId = chosen[0]!;
      offers.push({ channelId: caller.channelId, queueId: queue.id, userIds: chosen });
    }
    return offers;
  }

  /** An offer ended without an answer: the agents are free again; the caller waits on. */
  offerFailed(offer: AcdOffer, unanswered: readonly number[]): void {
    for (const userId of offer.userIds) {
      if (this.engaged.get(userId) === offer.channelId) this.engaged.delete(userId);
    }
    const caller = this.callers.get(offer.channelId);
    if (!caller) return;
    caller.offered = false;
    for (const userId of unanswered) caller.tried.add(userId);
  }

  /** `userId` answered the offer: the others are released, the caller leaves the waiting list. */
  offerAnswered(offer: AcdOffer, userId: number): void {
    for (const other of offer.userIds) {
      if (other !== userId && this.engaged.get(other) === offer.channelId) this.engaged.delete(other);
    }
    this.engaged.set(userId, offer.channelId);
    this.callers.delete(offer.channelId);
  }

  /** Whether some caller waits without being offered (agents becoming free matter then). */
  hasUnoffered(): boolean {
    for (const caller of this.callers.values()) if (!caller.offered) return true;
    return false;
  }

  /** The agent is no longer engaged with that caller (a connection that failed). */
  release(userId: number, channelId: string): void {
    if (this.engaged.get(userId) === channelId) this.engaged.delete(userId);
  }

  /** The conversation ended: the agent wraps up, and counts one more call in that queue. */
  conversationEnded(userId: number, queueId: number, now: number): number {
    this.engaged.delete(userId);
    const agent = this.agents.get(userId);
    const queue = this.queues.get(queueId);
    if (!agent) return now;
    agent.wrapupUntil = now + (queue?.wrapupS ?? 0) * 1000;
    const login = agent.logins.get(queueId);
    if (login) {
      login.callsTaken += 1;
      login.lastCallEndedAt = now;
    }
    return agent.wrapupUntil;
  }

  private ordered() {
    return [...this.callers.values()].sort(
      (a, b) => b.priority - a.priority || a.enteredAt - b.enteredAt || a.seq - b.seq,
    );
  }

  private pick(queue: AcdQueue, pool: number[], order: number[]): number[] {
    const counters = (userId: number) => this.agents.get(userId)!.logins.get(queue.id)!;
    switch (queue.strategy) {
      case 'ring_all':
        return pool;
      case 'linear':
        return [order.find((u) => pool.includes(u))!];
      case 'round_robin': {
        const last = queue.rrLastUserId === null ? -1 : order.indexOf(queue.rrLastUserId);
        for (let i = 1; i <= order.length; i++) {
          const userId = order[(last + i + order.length) % order.length]!;
          if (pool.includes(userId)) return [userId];
        }
        return [pool[0]!];
      }
      case 'least_recent':
        return [minBy(pool, order, (u) => counters(u).lastCallEndedAt)];
      case 'fewest_calls':
        return [minBy(pool, order, (u) => counters(u).callsTaken)];
      case 'random':
        return [pool[Math.floor(this.random() * pool.length)]!];
    }
  }
}

/** The pool member with the lowest key; ties go to the earlier member in `order`. */
function minBy(pool: number[], order: number[], key: (userId: number) => number): number {
  return [...pool].sort((a, b) => key(a) - key(b) || order.indexOf(a) - order.indexOf(b))[0]!;
}
