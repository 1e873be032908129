import type { CallEvent } from '#contracts';
import { CallEventRelay, type RecipientLookup } from './call-event-relay.js';

interface User {
  id: number;
  tenantId: number;
  extension: string;
  active: boolean;
}

/** Same rule as DatabaseRecipients' query: that tenant, that extension, active users only. */
function lookup(users: User[]): RecipientLookup & { asked: [number, string][] } {
  const asked: [number, string][] = [];
  return {
    asked,
    usersAt: async (tenantId, extension) => {
      asked.push([tenantId, extension]);
      return users
        .filter((u) => u.tenantId === tenantId && u.extension === extension && u.active)
        .map((u) => u.id);
    },
  };
}

const users: User[] = [
  { id: 1, tenantId: 7, extension: '1001', active: true },
  { id: 2, tenantId: 7, extension: '1002', active: true },
  { id: 3, tenantId: 8, extension: '1001', active: true },
  { id: 4, tenantId: 9, extension: '1001', active: false },
];

const incoming = (tenantId: number, extension: string): CallEvent => ({
  type: 'call.incoming',
  tenantId,
  extension,
  payload: {
    channelId: 'leg-1',
    callerNumber: '1002',
    hotlineNumber: '',
    extension,
    at: new Date(0).toISOString(),
  },
});

function relay() {
  const sent: { room: string; type: string; payload: unknown }[] = [];
  const recipients = lookup(users);
  return {
    sent,
    recipients,
    relay: new CallEventRelay(recipients, (room, type, payload) => sent.push({ room, type, payload })),
  };
}

describe('CallEventRelay', () => {
  it('given two tenants with the same extension when a call rings it in one then only that tenant’s user gets it', async () => {
    const { sent, recipients, relay: r } = relay();
    const event = incoming(7, '1001');

    expect(await r.relay(event)).toBe(1);

    expect(sent).toEqual([{ room: 'user:1', type: 'call.incoming', payload: event.payload }]);
    expect(recipients.asked).toEqual([[7, '1001']]);
  });

  it('given a colleague at another extension of the same tenant when a call rings 1001 then the colleague gets nothing', async () => {
    const { sent, relay: r } = relay();
    await r.relay(incoming(7, '1001'));
    expect(sent.map((s) => s.room)).not.toContain('user:2');
  });

  it('given call.ended when relayed then it goes to the same user with the channel id', async () => {
    const { sent, relay: r } = relay();
    await r.relay({ type: 'call.ended', tenantId: 8, extension: '1001', payload: { channelId: 'leg-9' } });
    expect(sent).toEqual([{ room: 'user:3', type: 'call.ended', payload: { channelId: 'leg-9' } }]);
  });

  it('given nobody active at the extension when a call rings it then nothing is sent', async () => {
    const { sent, relay: r } = relay();
    expect(await r.relay(incoming(9, '1001'))).toBe(0);
    expect(await r.relay(incoming(7, '1999'))).toBe(0);
    expect(sent).toEqual([]);
  });
});
