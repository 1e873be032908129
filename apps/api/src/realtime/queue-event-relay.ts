import { Injectable } from '@nestjs/common';
import type { AgentStateEvent, QueueLiveView, QueueStateEvent } from '#contracts';
import { userRoom } from './call-event-relay.js';

/** The room of a tenant's admins' and supervisors' sockets (who may watch queues live). */
export const staffRoom = (tenantId: number) => `tenant:${tenantId}:staff`;

/** Whether a user (not deleted) belongs to a tenant. */
export interface TenantMembership {
  belongsTo(tenantId: number, userId: number): Promise<boolean>;
}

/** Sends one queue or agent event to one socket.io room. */
export type QueueRoomEmitter = (
  room: string,
  type: 'queue.state' | 'agent.state',
  payload: QueueLiveView | AgentStateEvent['payload'],
) => void;

/**
 * The last `queue.state` of each queue, per tenant, as callflow reported it. It answers
 * GET /api/queues/live; it is emptied when callflow's stream is lost (a stale "3 waiting" is worse
 * than the database's view of who is logged in).
 */
@Injectable()
export class QueueLiveCache {
  private readonly byTenant = new Map<number, Map<number, QueueLiveView>>();

  put(tenantId: number, view: QueueLiveView): void {
    let queues = this.byTenant.get(tenantId);
    if (!queues) this.byTenant.set(tenantId, (queues = new Map()));
    queues.set(view.queueId, view);
  }

  /** The cached view of the tenant's queue, if callflow reported one. */
  get(tenantId: number, queueId: number): QueueLiveView | undefined {
    return this.byTenant.get(tenantId)?.get(queueId);
  }

  forget(tenantId: number, queueId: number): void {
    this.byTenant.get(tenantId)?.delete(queueId);
  }

  clear(): void {
    this.byTenant.clear();
  }
}

/**
 * Routes callflow's queue events to consoles: `queue.state` to the tenant's admins and
 * supervisors only (and into the cache), `agent.state` to that one user, after checking that the
 * user belongs to the event's tenant (an event naming a user of another tenant goes nowhere).
 */
export class QueueEventRelay {
  constructor(
    private readonly members: TenantMembership,
    private readonly cache: QueueLiveCache,
    private readonly emit: QueueRoomEmitter,
  ) {}

  /** The rooms the event went to. */
  async relay(event: QueueStateEvent | AgentStateEvent): Promise<string[]> {
    if (event.type === 'queue.state') {
      this.cache.put(event.tenantId, event.payload);
      const room = staffRoom(event.tenantId);
      this.emit(room, event.type, event.payload);
      return [room];
    }
    if (!(await this.members.belongsTo(event.tenantId, event.userId))) return [];
    const room = userRoom(event.userId);
    this.emit(room, event.type, event.payload);
    return [room];
  }
}
