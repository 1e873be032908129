import { randomInt } from 'node:crypto';
import type { DeviceInfo } from '#contracts';
import type { FlowGraph } from '#flow-engine';
import mysql from 'mysql2/promise';
import { startApi } from '../support/api.js';
import { ApiClient, invitedMember, signupTenant } from '../support/api-client.js';
import { Baresip } from '../support/baresip.js';
import { expectEventually } from '../support/eventually.js';
import { startApp, type AppProcess } from '../support/processes.js';
import { hotlineCall } from '../support/sipp-call.js';
import { stackInfo } from '../support/stack-info.js';

/**
 * Queue calls through callflow's ACD with real parts: SIPp is the carrier on 127.0.0.2, agents
 * are baresip SIP phones, Asterisk holds waiting callers in a holding bridge and records the
 * conversation.
 */
describe('queue calls: the ACD offers waiting callers to agents', () => {
  const info = stackInfo();
  const anonymous = new ApiClient(`${info.apiUrl}/api`);
  const ari = `${info.env.ARI_URL}/ari`;
  const ariAuth = `Basic ${Buffer.from(`${info.env.ARI_USERNAME}:${info.env.ARI_PASSWORD}`).toString('base64')}`;
  const server = `127.0.0.1:${info.ports.sip}`;
  let api: AppProcess;
  let callflow: AppProcess | undefined;
  let db: mysql.Pool;
  let trunkId: number;
  const phones: Baresip[] = [];

  beforeAll(async () => {
    db = mysql.createPool({ uri: info.env.DATABASE_URL, connectionLimit: 2 });
    api = await startApi(info);
    const [[loopback]] = await db.query<mysql.RowDataPacket[]>(
      "SELECT id FROM trunks WHERE endpoint_name = 'loopback-carrier'",
    );
    trunkId = Number(loopback!.id);
  });

  afterEach(async () => {
    await Promise.all(phones.splice(0).map((p) => p.stop()));
  });

  afterAll(async () => {
    await callflow?.stop();
    await api?.stop();
    await db?.end();
  });

  /** (Re)starts callflow: it loads queues and agents as they are now. */
  async function startCallflow(): Promise<void> {
    await callflow?.stop();
    callflow = startApp('dist/apps/callflow/src/main.js', { ...info.env, ...info.callflowEnv });
    await expectEventually(async () => {
      const status = (await (await fetch(info.callflowStatusUrl)).json()) as { ari: { connected: boolean } };
      expect(status.ari.connected).toBe(true);
    });
  }

  /** A company with `answering.length` agents, each with a SIP phone that answers or not. */
  async function callCenter(answering: boolean[]) {
    const { client, session } = await signupTenant(anonymous);
    const tenantId = session.user.tenantId!;
    const agents: { userId: number; extension: string; phone: Baresip }[] = [];
    for (const [i, autoAnswer] of answering.entries()) {
      const member = i === 0 ? { client, userId: session.user.id } : await invited(client);
      const device = await member.client.expect<DeviceInfo>(200, 'PUT', '/me/device', { mode: 'sip' });
      const phone = await Baresip.start({
        username: device.sip.username,
        password: device.sip.password!,
        server,
        autoAnswer,
      });
      phones.push(phone);
      await phone.waitFor((e) => e.type === 'REGISTER_OK');
      agents.push({ userId: member.userId, extension: device.extension!, phone });
    }
    return { client, tenantId, agents };
  }

  async function invited(admin: ApiClient) {
    const m = await invitedMember(admin, info.mailSinkUrl!, 'agent');
    return { client: m.client, userId: m.user.id };
  }

  /** A queue with the agents as members in order, all logged in; a hotline whose flow is the queue. */
  async function queueLine(
    tenantId: number,
    client: ApiClient,
    agentIds: number[],
    settings: {
      strategy: string;
      ringTimeoutS?: number;
      record?: boolean;
      maxWaitS?: number;
      maxCallers?: number;
    },
  ) {
    const [q] = await db.query<mysql.ResultSetHeader>(
      'INSERT INTO queues (tenant_id, name, strategy, ring_timeout_s, wrapup_s, record, max_wait_s, max_callers) VALUES (?, ?, ?, ?, 0, ?, ?, ?)',
      [
        tenantId,
        `Q${randomInt(1e9)}`,
        settings.strategy,
        settings.ringTimeoutS ?? 20,
        settings.record ?? false,
        settings.maxWaitS ?? null,
        settings.maxCallers ?? null,
      ],
    );
    for (const [i, userId] of agentIds.entries()) {
      await db.query('INSERT INTO queue_members (queue_id, user_id, penalty, position) VALUES (?, ?, 0, ?)', [
        q.insertId,
        userId,
        i,
      ]);
      await db.query('INSERT INTO queue_logins (queue_id, user_id) VALUES (?, ?)', [q.insertId, userId]);
    }
    const number = `1900${randomInt(1000, 9999)}${randomInt(10, 99)}`;
    const [h] = await db.query<mysql.ResultSetHeader>(
      `INSERT INTO hotlines (tenant_id, number, status, trunk_id, requested_at) VALUES (?, ?, 'active', ?, NOW(3))`,
      [tenantId, number, trunkId],
    );
    const graph: FlowGraph = {
      version: 1,
      entry: 'queue',
      nodes: [
        { id: 'queue', type: 'queue', queueId: String(q.insertId), priority: 0, onOverflow: 'bye' },
        { id: 'bye', type: 'hangup' },
      ],
    };
    const flow = await client.expect<{ id: number }>(201, 'POST', '/flows', {
      name: `Flow ${randomInt(1e9)}`,
      draft: graph,
    });
    await client.expect(200, 'POST', `/flows/${flow.id}/publish`);
    await db.query('UPDATE hotlines SET flow_id = ? WHERE id = ?', [flow.id, h.insertId]);
    return { queueId: q.insertId, hotlineId: h.insertId, number };
  }

  async function lastCall(hotlineId: number) {
    let row: mysql.RowDataPacket | undefined;
    await expectEventually(async () => {
      const [rows] = await db.query<mysql.RowDataPacket[]>(
        'SELECT * FROM calls WHERE hotline_id = ? AND ended_at IS NOT NULL ORDER BY id DESC LIMIT 1',
        [hotlineId],
      );
      row = rows[0];
      expect(row).toBeDefined();
    });
    return row!;
  }

  it('given a linear queue whose first agent does not answer when a carrier caller waits then the ring timeout moves on to the second agent, who answers, and the conversation is recorded with audio', async () => {
    const center = await callCenter([false, true]);
    const [first, second] = center.agents;
    const line = await queueLine(center.tenantId, center.client, [first!.userId, second!.userId], {
      strategy: 'linear',
      ringTimeoutS: 5,
      record: true,
    });
    await startCallflow();
    const call = await hotlineCall({
      sipPort: info.ports.sip,
      number: line.number,
      speak: true,
      speakDelayMs: 8000,
      end: 'hangup',
      holdMs: 8000,
    });
    expect(call.output).toBe(call.ok ? call.output : 'SIPp call ok');
    // The first agent's phone rang (and rang out); the second answered.
    expect(first!.phone.events.some((e) => e.type === 'CALL_INCOMING')).toBe(true);
    expect(first!.phone.events.some((e) => e.type === 'CALL_ESTABLISHED')).toBe(false);
    await second!.phone.waitForType('CALL_ESTABLISHED');

    const row = await lastCall(line.hotlineId);
    expect(row).toMatchObject({
      tenant_id: center.tenantId,
      queue_id: line.queueId,
      disposition: 'answered',
    });
    const legs = JSON.parse(row.legs as string) as { kind: string; target: string; outcome: string }[];
    expect(legs.map((l) => `${l.target}:${l.outcome}`)).toEqual([
      `${first!.extension}:no_answer`,
      `${second!.extension}:connected`,
    ]);
    expect((JSON.parse(row.path as string) as { nodeId: string; branch?: string }[])[0]).toMatchObject({
      nodeId: 'queue',
      branch: 'answered',
    });
    // The bridge recording: a WAV of the conversation with the caller's voice in it.
    expect(row.recording).toMatch(/^queue-t\d+-q\d+-/);
    const file = await fetch(`${ari}/recordings/stored/${encodeURIComponent(row.recording as string)}/file`, {
      headers: { authorization: ariAuth },
    });
    expect(file.status).toBe(200);
    const audio = Buffer.from(await file.arrayBuffer());
    expect(audio.subarray(0, 4).toString()).toBe('RIFF');
    const samples = new Int16Array(audio.buffer, audio.byteOffset + 44, Math.floor((audio.length - 44) / 2));
    expect(samples.length).toBeGreaterThan(8000);
    expect(Math.max(...samples.map(Math.abs))).toBeGreaterThan(500);
    // Nothing left behind: the queue call is gone from the persisted view.
    const [left] = await db.query<mysql.RowDataPacket[]>('SELECT * FROM queue_calls WHERE queue_id = ?', [
      line.queueId,
    ]);
    expect(left).toEqual([]);
  });

  it('given a queue with at most one caller and a 6-second maximum wait and no agent logged in then a second caller overflows at once and the first after its maximum wait', async () => {
    const center = await callCenter([true]);
    const line = await queueLine(center.tenantId, center.client, [], {
      strategy: 'ring_all',
      maxWaitS: 6,
      maxCallers: 1,
    });
    await startCallflow();
    const firstCall = hotlineCall({
      sipPort: info.ports.sip,
      number: line.number,
      end: 'wait',
      localPort: 5071,
    });
    await expectEventually(async () => {
      const [rows] = await db.query<mysql.RowDataPacket[]>('SELECT * FROM queue_calls WHERE queue_id = ?', [
        line.queueId,
      ]);
      expect(rows).toHaveLength(1);
    });
    const secondCall = await hotlineCall({
      sipPort: info.ports.sip,
      number: line.number,
      end: 'wait',
      localPort: 5072,
    });
    expect(secondCall.ok).toBe(true);
    expect((await firstCall).ok).toBe(true);
    let rows: mysql.RowDataPacket[] = [];
    await expectEventually(async () => {
      [rows] = await db.query<mysql.RowDataPacket[]>(
        'SELECT path, TIMESTAMPDIFF(SECOND, started_at, ended_at) AS seconds FROM calls WHERE hotline_id = ? AND path IS NOT NULL ORDER BY id',
        [line.hotlineId],
      );
      expect(rows).toHaveLength(2);
    });
    const steps = rows.map((r) =>
      (JSON.parse(r.path as string) as { nodeId: string; branch?: string }[]).map(
        (x) => `${x.nodeId}:${x.branch ?? ''}`,
      ),
    );
    expect(steps).toEqual([
      ['queue:overflow', 'bye:'],
      ['queue:overflow', 'bye:'],
    ]);
    expect(Number(rows[0]!.seconds)).toBeGreaterThanOrEqual(5);
    expect(Number(rows[1]!.seconds)).toBeLessThan(5);
    expect(center.agents[0]!.phone.events.some((e) => e.type === 'CALL_INCOMING')).toBe(false);
  });

  it('given a ring-all queue with a paused agent, a logged-out agent and a free agent then only the free agent is rung', async () => {
    const center = await callCenter([true, true, true]);
    const [paused, loggedOut, free] = center.agents;
    const line = await queueLine(
      center.tenantId,
      center.client,
      center.agents.map((a) => a.userId),
      { strategy: 'ring_all' },
    );
    await db.query(
      'INSERT INTO agent_states (user_id, tenant_id, paused, changed_at) VALUES (?, ?, 1, NOW(3))',
      [paused!.userId, center.tenantId],
    );
    await db.query('DELETE FROM queue_logins WHERE queue_id = ? AND user_id = ?', [
      line.queueId,
      loggedOut!.userId,
    ]);
    await startCallflow();
    const call = await hotlineCall({
      sipPort: info.ports.sip,
      number: line.number,
      end: 'hangup',
      holdMs: 3000,
    });
    expect(call.output).toBe(call.ok ? call.output : 'SIPp call ok');
    await free!.phone.waitForType('CALL_ESTABLISHED');
    expect(paused!.phone.events.some((e) => e.type === 'CALL_INCOMING')).toBe(false);
    expect(loggedOut!.phone.events.some((e) => e.type === 'CALL_INCOMING')).toBe(false);
    const row = await lastCall(line.hotlineId);
    expect(JSON.parse(row.legs as string)).toEqual([
      expect.objectContaining({ kind: 'queue_agent', target: free!.extension, outcome: 'connected' }),
    ]);
  });
});
