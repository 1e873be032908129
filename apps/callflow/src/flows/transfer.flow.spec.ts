import { describe, expect, it } from '@jest/globals';
import type { ChannelTransfer } from '#ari';
import type { DirectoryEntry } from '../directory/extension-directory.js';
import { ConversationRegistry } from './conversation.js';
import { TransferFlow, endpointOfChannel, type TransferAri } from './transfer.flow.js';

type Waiter = { id: string; type: string; resolve: (e: unknown) => void; reject: (e: Error) => void };

/** Records ARI commands; the test delivers channel events with `emit`. */
class FakeAri implements TransferAri {
  readonly commands: string[] = [];
  readonly waiters: Waiter[] = [];
  online = new Map<string, number>();
  readonly originated: { channelId: string; callerId: string; variables?: Record<string, string> }[] = [];

  private rec = async (c: string) => void this.commands.push(c);

  channels = {
    hangup: ({ channelId }: { channelId: string }) => this.rec(`hangup ${channelId}`),
    transfer_progress: ({ channelId, states }: { channelId: string; states: string }) =>
      this.rec(`progress ${channelId} ${states}`),
    stopMoh: ({ channelId }: { channelId: string }) => this.rec(`stopMoh ${channelId}`),
    setChannelVar: ({
      channelId,
      variable,
      value,
    }: {
      channelId: string;
      variable: string;
      value?: string;
    }) => this.rec(`set ${channelId} ${variable}=${value}`),
    originate: async (p: {
      endpoint: string;
      channelId: string;
      callerId: string;
      variables?: Record<string, string>;
    }) => {
      this.originated.push(p);
      await this.rec(`originate ${p.endpoint}`);
    },
  };
  bridges = {
    addChannel: ({ bridgeId, channel }: { bridgeId: string; channel: string | readonly string[] }) =>
      this.rec(`add ${bridgeId} ${String(channel)}`),
    removeChannel: ({ bridgeId, channel }: { bridgeId: string; channel: string | readonly string[] }) =>
      this.rec(`remove ${bridgeId} ${String(channel)}`),
    startMoh: ({ bridgeId }: { bridgeId: string }) => this.rec(`moh ${bridgeId}`),
    stopMoh: ({ bridgeId }: { bridgeId: string }) => this.rec(`stopMoh ${bridgeId}`),
    destroy: ({ bridgeId }: { bridgeId: string }) => this.rec(`destroy ${bridgeId}`),
  };
  endpoints = {
    get: async ({ resource }: { resource: string }) => {
      const channels = this.online.get(resource);
      if (channels === undefined) return { state: 'offline', channel_ids: [] };
      return { state: 'online', channel_ids: Array.from({ length: channels }, (_, i) => `c${i}`) };
    },
  };

  channelScope(id: string) {
    return {
      once: (type: string) =>
        new Promise((resolve, reject) => this.waiters.push({ id, type, resolve, reject })) as never,
    };
  }

  emit(id: string, type: string): void {
    for (const w of this.waiters.filter((x) => x.id === id && x.type === type)) {
      this.waiters.splice(this.waiters.indexOf(w), 1);
      w.resolve({ type });
    }
  }
}

const entries: DirectoryEntry[] = [
  { userId: 1, tenantId: 7, extension: '1001', fullName: 'An', endpoint: 't7-1001', dnd: false },
  { userId: 2, tenantId: 7, extension: '1002', fullName: 'Bình "B"', endpoint: 't7-1002', dnd: false },
  { userId: 3, tenantId: 7, extension: '1003', fullName: 'Cường', endpoint: 't7-1003', dnd: false },
  { userId: 4, tenantId: 7, extension: '1004', fullName: 'Dũng', endpoint: 't7-1004', dnd: true },
];
const directory = {
  find: (tenantId: number, ext: string) =>
    entries.find((e) => e.tenantId === tenantId && e.extension === ext),
  findFresh: async (tenantId: number, ext: string) =>
    entries.find((e) => e.tenantId === tenantId && e.extension === ext),
};

function setup() {
  const ari = new FakeAri();
  const ended: string[] = [];
  const registry = new ConversationRegistry(ari, { hangingUp: (id) => ended.push(id) });
  const legs: string[] = [];
  const flow = new TransferFlow(
    ari,
    registry,
    directory,
    { legCreated: (id) => legs.push(id), hangingUp: (id) => ended.push(id) },
    {
      app: 'webcall',
      dialedArg: 'dialed',
      ringTimeoutS: 30,
      legVariables: { 'PJSIP_TRANSFER_HANDLING()': 'ari-only' },
      releaseGraceMs: 0,
    },
  );
  return { ari, registry, flow, legs, ended };
}

const channel = (id: string, name = `PJSIP/t7-1001-0000000${id.length}`) =>
  ({ id, name, caller: { name: '', number: '' } }) as ChannelTransfer['referred_by']['source_channel'];

function blindEvent(transferer: string, transferee: string, destination: string): ChannelTransfer {
  return {
    type: 'ChannelTransfer',
    refer_to: { requested_destination: { destination } },
    referred_by: {
      source_channel: channel(transferer),
      connected_channel: channel(transferee, 'PJSIP/t7-1002-0000000a'),
    },
  } as ChannelTransfer;
}

const tick = () => new Promise((r) => setImmediate(r));

describe('endpointOfChannel', () => {
  it('reads the endpoint of a PJSIP channel name, nothing else', () => {
    expect(endpointOfChannel('PJSIP/t42-1002-0000000a')).toBe('t42-1002');
    expect(endpointOfChannel('Local/1002@webcall-devices-00000001;1')).toBeNull();
    expect(endpointOfChannel(undefined)).toBeNull();
  });
});

describe('ConversationRegistry', () => {
  it('given two parties when one leaves then the other is hung up and the bridge destroyed', async () => {
    const { ari, registry, ended } = setup();
    const c = registry.open('b1', 7, ['x', 'y']);
    await registry.leave('y');
    await c.finished;
    expect(ari.commands).toEqual(['hangup x', 'destroy b1']);
    expect(ended).toEqual(['x']);
    expect(registry.size).toBe(0);
  });

  it('given a transfer in progress when a party leaves then the conversation waits for the transfer', async () => {
    const { ari, registry } = setup();
    const c = registry.open('b1', 7, ['x', 'y']);
    c.beginTransfer();
    await registry.leave('x');
    expect(ari.commands).toEqual([]);
    registry.join(c, 'z');
    await c.endTransfer();
    expect(ari.commands).toEqual([]);
    expect([...c.members].sort()).toEqual(['y', 'z']);
  });
});

describe('TransferFlow', () => {
  it('given an attended transfer then the target moves into the transferee’s bridge and both transferer legs are released', async () => {
    const { ari, registry, flow } = setup();
    const first = registry.open('b1', 7, ['x', 'y']);
    const consultation = registry.open('b2', 7, ['x2', 'z']);
    const outcome = await flow.handle({
      type: 'ChannelTransfer',
      refer_to: {
        requested_destination: { protocol_id: 'call-id' },
        destination_channel: channel('x2'),
        connected_channel: channel('z', 'PJSIP/t7-1003-0000000c'),
      },
      referred_by: {
        source_channel: channel('x'),
        connected_channel: channel('y', 'PJSIP/t7-1002-0000000b'),
      },
    } as ChannelTransfer);
    expect(outcome).toBe('attended');
    await consultation.finished;
    expect(ari.commands).toEqual([
      'remove b2 z',
      'add b1 z',
      'remove b1 x',
      'progress x channel_answered',
      'hangup x',
      'remove b2 x2',
      'progress x2 channel_answered',
      'hangup x2',
      'stopMoh y',
      'stopMoh z',
      'set y CONNECTEDLINE(all)="Cường" <1003>',
      'set z CONNECTEDLINE(all)="Bình B" <1002>',
      'destroy b2',
    ]);
    expect([...first.members].sort()).toEqual(['y', 'z']);
    expect(registry.of('z')).toBe(first);
    // Later the transferee hangs up: the target is hung up too.
    await registry.leave('y');
    await first.finished;
    expect(ari.commands.slice(-2)).toEqual(['hangup z', 'destroy b1']);
  });

  it('given an attended transfer joining calls of two tenants then it is declined and nothing moves', async () => {
    const { ari, registry, flow } = setup();
    registry.open('b1', 7, ['x', 'y']);
    registry.open('b2', 8, ['x2', 'z']);
    const outcome = await flow.handle({
      type: 'ChannelTransfer',
      refer_to: { requested_destination: {}, destination_channel: channel('x2') },
      referred_by: { source_channel: channel('x') },
    } as ChannelTransfer);
    expect(outcome).toBe('declined_other_tenant');
    expect(ari.commands).toEqual(['progress x channel_declined']);
  });

  it('given the event Asterisk sends back for our own progress report then nothing is done', async () => {
    const { ari, registry, flow } = setup();
    ari.online.set('t7-1003', 0);
    const c = registry.open('b1', 7, ['x', 'y']);
    expect(await flow.handle({ ...blindEvent('x', 'y', '1003'), state: 'channel_answered' })).toBe(
      'progress_report',
    );
    expect(ari.commands).toEqual([]);
    expect([...c.members].sort()).toEqual(['x', 'y']);
  });

  it('given a REFER on a channel in no conversation then it is declined', async () => {
    const { ari, flow } = setup();
    expect(await flow.handle(blindEvent('ghost', 'y', '1003'))).toBe('declined_unknown_call');
    expect(ari.commands).toEqual(['progress ghost channel_declined']);
  });

  it.each([
    ['an unknown extension', '9999', false],
    ['a do-not-disturb user', '1004', true],
    ['an offline phone', '1003', false],
    ['the transferer itself', '1001', true],
  ])(
    'given a blind transfer to %s then the transferer hears it failed and keeps the call',
    async (_, ext, online) => {
      const { ari, registry, flow } = setup();
      if (online) ari.online.set(`t7-${ext}`, 0);
      const c = registry.open('b1', 7, ['x', 'y']);
      expect(await flow.handle(blindEvent('x', 'y', ext))).toBe('unavailable');
      expect(ari.commands).toEqual(['progress x channel_unavailable']);
      expect([...c.members].sort()).toEqual(['x', 'y']);
    },
  );

  it('given a blind transfer to a free colleague then the transferer is released, the transferee hears music, and the answer bridges them', async () => {
    const { ari, registry, flow, legs } = setup();
    ari.online.set('t7-1003', 0);
    const c = registry.open('b1', 7, ['x', 'y']);
    expect(await flow.handle(blindEvent('x', 'y', 'sip:1003'))).toBe('blind_ringing');
    expect(ari.commands).toEqual([
      'remove b1 x',
      'progress x channel_answered',
      'hangup x',
      'moh b1',
      'originate PJSIP/t7-1003',
    ]);
    const leg = ari.originated[0]!;
    expect(legs).toEqual([leg.channelId]);
    expect(leg.callerId).toBe('"Bình B" <1002>');
    expect(leg.variables).toEqual({ 'PJSIP_TRANSFER_HANDLING()': 'ari-only' });

    ari.emit(leg.channelId, 'StasisStart');
    await tick();
    await tick();
    expect(ari.commands.slice(-4)).toEqual([
      'stopMoh b1',
      `add b1 ${leg.channelId}`,
      `set ${leg.channelId} CALLERID(all)="Cường" <1003>`,
      'set y CONNECTEDLINE(all)="Cường" <1003>',
    ]);
    expect([...c.members].sort()).toEqual([leg.channelId, 'y'].sort());
    // The target hangs up later: the transferee is hung up.
    ari.emit(leg.channelId, 'StasisEnd');
    await c.finished;
    expect(ari.commands.slice(-2)).toEqual(['hangup y', 'destroy b1']);
  });

  it('given a blind transfer nobody answers then the transferee is hung up and the bridge destroyed', async () => {
    const { ari, registry, flow } = setup();
    ari.online.set('t7-1003', 0);
    const c = registry.open('b1', 7, ['x', 'y']);
    await flow.handle(blindEvent('x', 'y', '1003'));
    const leg = ari.originated[0]!;
    ari.emit(leg.channelId, 'ChannelDestroyed');
    await c.finished;
    expect(ari.commands.slice(-3)).toEqual([`hangup ${leg.channelId}`, 'hangup y', 'destroy b1']);
  });
});
