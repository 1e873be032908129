import type { CallEvent } from '#contracts';

/** The active users of a tenant at an extension (normally one; none once it was disabled). */
export interface RecipientLookup {
  usersAt(tenantId: number, extension: string): Promise<number[]>;
}

/** Sends one event to one socket.io room. */
export type RoomEmitter = (room: string, type: CallEvent['type'], payload: CallEvent['payload']) => void;

/** The room of one user's sockets (every console tab of that user). */
export const userRoom = (userId: number) => `user:${userId}`;
/** The room of every socket of one tenant (live queue state will use it). */
export const tenantRoom = (tenantId: number) => `tenant:${tenantId}`;

/**
 * Routes callflow's call events to consoles: an event for (tenant, extension) reaches only the
 * rooms of that tenant's active users at that extension. The lookup is scoped by the event's
 * tenant, so a user of another tenant with the same extension number never receives it.
 */
export class CallEventRelay {
  constructor(
    private readonly recipients: RecipientLookup,
    private readonly emit: RoomEmitter,
  ) {}

  /** How many users the event was sent to. */
  async relay(event: CallEvent): Promise<number> {
    const users = await this.recipients.usersAt(event.tenantId, event.extension);
    for (const userId of users) this.emit(userRoom(userId), event.type, event.payload);
    return users.length;
  }
}
