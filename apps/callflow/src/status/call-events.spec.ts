import type { CallEvent } from '#contracts';
import { CallEvents } from './call-events.js';

function recorder() {
  const events: CallEvent[] = [];
  return { events, calls: new CallEvents({ publish: (e) => events.push(e as CallEvent) }) };
}

const target = { tenantId: 7, extension: '1001' };

describe('CallEvents', () => {
  it('given a flow ringing an extension when the hook fires then call.incoming names the tenant, extension and caller', () => {
    const { events, calls } = recorder();
    calls.legRinging(target, { channelId: 'leg-1', callerNumber: '1002', hotlineNumber: '' });

    expect(events).toEqual([
      {
        type: 'call.incoming',
        tenantId: 7,
        extension: '1001',
        payload: {
          channelId: 'leg-1',
          callerNumber: '1002',
          hotlineNumber: '',
          extension: '1001',
          at: expect.any(String),
        },
      },
    ]);
  });

  it('given a ringing leg when its channel is destroyed then call.ended follows once, for the same tenant and extension', () => {
    const { events, calls } = recorder();
    calls.legRinging(target, { channelId: 'leg-1', callerNumber: '0901234567', hotlineNumber: '19001234' });
    calls.channelGone('leg-1');
    calls.channelGone('leg-1');

    expect(events.map((e) => e.type)).toEqual(['call.incoming', 'call.ended']);
    expect(events[1]).toEqual({
      type: 'call.ended',
      tenantId: 7,
      extension: '1001',
      payload: { channelId: 'leg-1' },
    });
    expect(calls.size).toBe(0);
  });

  it('given other channels when they are destroyed then nothing is published', () => {
    const { events, calls } = recorder();
    calls.legRinging(target, { channelId: 'leg-1', callerNumber: '1002', hotlineNumber: '' });
    calls.channelGone('caller-channel');

    expect(events.map((e) => e.type)).toEqual(['call.incoming']);
  });

  it('given the destroy event overtook the ringing hook when the hook fires then no screen pop is published', () => {
    const { events, calls } = recorder();
    calls.channelGone('leg-1');
    calls.legRinging(target, { channelId: 'leg-1', callerNumber: '1002', hotlineNumber: '' });

    expect(events).toEqual([]);
    expect(calls.size).toBe(0);
  });

  it('given a reconnect when Asterisk no longer has a ringing leg then call.ended is published for it only', () => {
    const { events, calls } = recorder();
    calls.legRinging(target, { channelId: 'leg-1', callerNumber: '1002', hotlineNumber: '' });
    calls.legRinging(
      { tenantId: 8, extension: '1001' },
      { channelId: 'leg-2', callerNumber: '1003', hotlineNumber: '' },
    );
    calls.reconcile(new Set(['leg-2']));

    expect(events.filter((e) => e.type === 'call.ended')).toEqual([
      { type: 'call.ended', tenantId: 7, extension: '1001', payload: { channelId: 'leg-1' } },
    ]);
    expect(calls.size).toBe(1);
  });
});
