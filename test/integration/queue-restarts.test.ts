import { asteriskCli } from '../support/asterisk.js';
import { startApi } from '../support/api.js';
import { expectEventually } from '../support/eventually.js';
import type { AppProcess } from '../support/processes.js';
import { QueueKit, legsOf } from '../support/queue-kit.js';
import { hotlineCall } from '../support/sipp-call.js';
import { stackInfo } from '../support/stack-info.js';

interface Bridge {
  id: string;
  name: string;
  bridge_type: string;
  channels: string[];
}

/**
 * Queue calls survive restarts: callflow killed while callers wait or agents talk picks them up
 * from the persisted queue view; after an Asterisk restart it reconnects, reconciles and serves
 * new callers, with no bridge of a gone call left behind.
 */
describe('queue calls across restarts', () => {
  const info = stackInfo();
  const ari = `${info.env.ARI_URL}/ari`;
  const ariAuth = `Basic ${Buffer.from(`${info.env.ARI_USERNAME}:${info.env.ARI_PASSWORD}`).toString('base64')}`;
  const kit = new QueueKit(info);
  let api: AppProcess;

  const bridges = async (): Promise<Bridge[]> =>
    (await fetch(`${ari}/bridges`, { headers: { authorization: ariAuth } })).json() as Promise<Bridge[]>;

  beforeAll(async () => {
    api = await startApi(info);
    await kit.init();
    await kit.startCallflow();
  });

  afterEach(() => kit.stopPhones());

  afterAll(async () => {
    await kit.close();
    await api?.stop();
  });

  it('given two callers waiting when callflow is killed and restarted then they keep their place and music and are served in order', async () => {
    const center = await kit.callCenter(['later']);
    const [agent] = center.agents;
    const line = await kit.queueLine(center.tenantId, center.client, [agent!.userId], { strategy: 'linear' });
    await kit.startCallflow();
    // The agent is logged in but the phone is off: callers wait.
    const first = hotlineCall({
      sipPort: info.ports.sip,
      number: line.number,
      caller: '0911111111',
      end: 'hangup',
      holdMs: 16_000,
      localPort: 5073,
    });
    await expectEventually(async () => expect(await kit.queueCalls(line.queueId)).toHaveLength(1));
    const second = hotlineCall({
      sipPort: info.ports.sip,
      number: line.number,
      caller: '0922222222',
      end: 'hangup',
      holdMs: 22_000,
      localPort: 5074,
    });
    await expectEventually(async () => expect(await kit.queueCalls(line.queueId)).toHaveLength(2));

    await kit.startCallflow({ kill: true });
    // Asterisk kept both in the queue's holding bridge, with its music.
    const holding = (await bridges()).find((b) => b.id === `queue-${line.queueId}`);
    expect(holding?.channels).toHaveLength(2);

    const phone = await kit.startPhone(agent!, true);
    expect((await first).ok).toBe(true);
    expect((await second).ok).toBe(true);
    expect(phone.events.filter((e) => e.type === 'CALL_ESTABLISHED')).toHaveLength(2);
    const rows = await kit.closedCalls(line.hotlineId, 2);
    const connectedAt = rows.map((r) => {
      const leg = legsOf(r).find((l) => l.outcome === 'connected');
      return { caller: r.caller_number as string, at: Date.parse(leg!.at) };
    });
    connectedAt.sort((a, b) => a.at - b.at);
    expect(connectedAt.map((c) => c.caller)).toEqual(['0911111111', '0922222222']);
    expect(rows.map((r) => r.disposition)).toEqual(['answered', 'answered']);
    await kit.noQueueCallsLeft(line.queueId);
  });

  it('given callflow killed right after the agent answered, before the talking state was saved, then on restart the conversation goes on and ends cleanly', async () => {
    const center = await kit.callCenter(['later']);
    const [agent] = center.agents;
    const line = await kit.queueLine(center.tenantId, center.client, [agent!.userId], {
      strategy: 'linear',
      wrapupS: 2,
    });
    // A write-behind window far longer than an answer takes: the `talking` row cannot land before
    // the kill, while the caller's `waiting` row has (the test waits for it).
    await kit.startCallflow({ env: { DB_WRITE_WINDOW_MS: '3000' } });
    const call = hotlineCall({ sipPort: info.ports.sip, number: line.number, end: 'hangup', holdMs: 12_000 });
    await expectEventually(async () =>
      expect((await kit.queueCalls(line.queueId)).map((r) => r.state)).toEqual(['waiting']),
    );
    const [waiting] = await kit.queueCalls(line.queueId);
    const phone = await kit.startPhone(agent!, true);
    // The caller and the agent's leg are bridged (Asterisk says so), and the database still says waiting.
    const conversation = `queue-${line.queueId}-${waiting!.channel_id as string}`;
    await expectEventually(
      async () => expect((await bridges()).find((b) => b.name === conversation)?.channels).toHaveLength(2),
      { intervalMs: 20 },
    );
    await kit.startCallflow({ kill: true });
    expect((await kit.queueCalls(line.queueId)).map((r) => r.state)).toEqual(['waiting']);

    // The restarted callflow sees the conversation in Asterisk, saves it as talking and follows it.
    await expectEventually(async () =>
      expect((await kit.queueCalls(line.queueId)).map((r) => r.state)).toEqual(['talking']),
    );
    const result = await call;
    expect(result.output).toBe(result.ok ? result.output : 'SIPp call ok');
    expect(phone.events.filter((e) => e.type === 'CALL_ESTABLISHED')).toHaveLength(1);
    const [row] = await kit.closedCalls(line.hotlineId, 1);
    expect(row).toMatchObject({ disposition: 'answered', queue_id: line.queueId });
    // The agent's leg, lost with the kill, is in the record: added when the conversation was found.
    expect(legsOf(row!).filter((l) => l.outcome === 'connected')).toHaveLength(1);
    await kit.noQueueCallsLeft(line.queueId);
    await expectEventually(async () =>
      expect((await bridges()).filter((b) => b.name === conversation)).toEqual([]),
    );
    await expectEventually(async () => {
      const [[login]] = await kit.db.query<import('mysql2/promise').RowDataPacket[]>(
        'SELECT calls_taken FROM queue_logins WHERE queue_id = ? AND user_id = ?',
        [line.queueId, agent!.userId],
      );
      expect(login!.calls_taken).toBe(1);
    });
  });

  it('given an agent talking when callflow is killed and restarted then the conversation goes on and ends cleanly, leaving no bridge', async () => {
    const center = await kit.callCenter([true]);
    const [agent] = center.agents;
    const line = await kit.queueLine(center.tenantId, center.client, [agent!.userId], {
      strategy: 'linear',
      wrapupS: 2,
    });
    await kit.startCallflow();
    const call = hotlineCall({ sipPort: info.ports.sip, number: line.number, end: 'hangup', holdMs: 12_000 });
    await agent!.phone!.waitForType('CALL_ESTABLISHED');
    await expectEventually(async () =>
      expect((await kit.queueCalls(line.queueId)).map((r) => r.state)).toEqual(['talking']),
    );
    const [talking] = await kit.queueCalls(line.queueId);

    await kit.startCallflow({ kill: true });
    // Still talking: the caller's SIPp scenario ends with its own BYE answered (not a BYE from us).
    const result = await call;
    expect(result.output).toBe(result.ok ? result.output : 'SIPp call ok');
    const [row] = await kit.closedCalls(line.hotlineId, 1);
    expect(row).toMatchObject({ disposition: 'answered', queue_id: line.queueId });
    await kit.noQueueCallsLeft(line.queueId);
    await expectEventually(async () =>
      expect((await bridges()).filter((b) => b.id === talking!.bridge_id)).toEqual([]),
    );
    // The agent wrapped up and counted the call.
    await expectEventually(async () => {
      const [[login]] = await kit.db.query<import('mysql2/promise').RowDataPacket[]>(
        'SELECT calls_taken FROM queue_logins WHERE queue_id = ? AND user_id = ?',
        [line.queueId, agent!.userId],
      );
      expect(login!.calls_taken).toBe(1);
    });
  });

  it('given a caller waiting when Asterisk restarts then callflow reconnects, forgets the gone call, leaves no queue bridge behind and serves the next caller', async () => {
    const center = await kit.callCenter(['later']);
    const [agent] = center.agents;
    const line = await kit.queueLine(center.tenantId, center.client, [agent!.userId], { strategy: 'linear' });
    await kit.startCallflow();
    const lost = hotlineCall({ sipPort: info.ports.sip, number: line.number, end: 'wait', timeoutS: 20 });
    await expectEventually(async () => expect(await kit.queueCalls(line.queueId)).toHaveLength(1));

    await asteriskCli(info, 'core restart now');
    await lost;
    await expectEventually(
      async () => {
        const s = (await (await fetch(info.callflowStatusUrl)).json()) as {
          ari: { connected: boolean; connections: number };
        };
        expect(s.ari.connected).toBe(true);
        expect(s.ari.connections).toBeGreaterThan(1);
        await kit.noQueueCallsLeft(line.queueId);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    expect((await bridges()).filter((b) => b.name?.startsWith('queue-'))).toEqual([]);

    // The api pushes the phones' endpoints to the restarted Asterisk; then the phone registers.
    await expectEventually(
      async () => {
        const endpoint = await fetch(`${ari}/endpoints/PJSIP/${agent!.sip.username}`, {
          headers: { authorization: ariAuth },
        });
        expect(endpoint.status).toBe(200);
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    await kit.startPhone(agent!, true);
    const next = await hotlineCall({
      sipPort: info.ports.sip,
      number: line.number,
      end: 'hangup',
      holdMs: 3000,
    });
    expect(next.output).toBe(next.ok ? next.output : 'SIPp call ok');
    await agent!.phone!.waitForType('CALL_ESTABLISHED');
  });
});
