import type { QueueCallbackView } from '#contracts';
import type mysql from 'mysql2/promise';
import { ApiClient, signupTenant } from '../support/api-client.js';
import { startApi } from '../support/api.js';
import { expectEventually } from '../support/eventually.js';
import type { AppProcess } from '../support/processes.js';
import { QueueKit, legsOf, stepsOf } from '../support/queue-kit.js';
import { carrierAnswers, hotlineCall } from '../support/sipp-call.js';
import { stackInfo } from '../support/stack-info.js';

/**
 * Callbacks with real parts: a SIPp caller from 127.0.0.2 waits in a queue nobody can take, presses
 * the exit key and asks to be called back; when a baresip agent comes online the ACD rings them,
 * and on answer callflow dials the caller's number through the loopback carrier trunk, where a
 * SIPp UAS on 127.0.0.2:5080 answers (or refuses).
 */
describe('queue callbacks: a caller keeps their place without holding the line', () => {
  const info = stackInfo();
  const kit = new QueueKit(info);
  const ari = `${info.env.ARI_URL}/ari`;
  const ariAuth = `Basic ${Buffer.from(`${info.env.ARI_USERNAME}:${info.env.ARI_PASSWORD}`).toString('base64')}`;
  let api: AppProcess;

  beforeAll(async () => {
    api = await startApi(info);
    await kit.init();
  });

  afterEach(() => kit.stopPhones());

  afterAll(async () => {
    await kit.close();
    await api?.stop();
  });

  /** A company whose one agent's phone is off, a queue whose exit key asks for a callback, and an outbound hotline. */
  async function callbackLine() {
    const center = await kit.callCenter(['later']);
    const line = await kit.queueLine(center.tenantId, center.client, [center.agents[0]!.userId], {
      strategy: 'ring_all',
      ringTimeoutS: 15,
      exitKey: '1',
      exitTo: 'callback',
      record: true,
    });
    // Callbacks leave through the trunk of the tenant's outbound hotline, with it as caller id.
    await kit.db.query('UPDATE hotlines SET outbound_default = 1 WHERE id = ?', [line.hotlineId]);
    return { center, line, agent: center.agents[0]! };
  }

  /** A SIPp caller waits in the queue, presses the exit key after `keyDelayMs`; the PBX ends the call. */
  async function askForCallback(number: string, caller: string, keyDelayMs: number): Promise<void> {
    const call = await hotlineCall({
      sipPort: info.ports.sip,
      number,
      caller,
      keys: ['1'],
      keyDelayMs,
      end: 'wait',
    });
    expect(call.output).toBe(call.ok ? call.output : 'SIPp call ok');
  }

  /** Callbacks callflow holds (waiting, being called, or waiting for a retry). */
  async function callbacksInCallflow(tenantId: number): Promise<number> {
    const status = (await (await fetch(info.callflowStatusUrl)).json()) as {
      queues: { callbacks: { byTenant: Record<string, number> } };
    };
    return status.queues.callbacks.byTenant[tenantId] ?? 0;
  }

  /** The channels in one of Asterisk's bridges (sorted), or null when there is no such bridge. */
  async function bridgeChannels(bridgeId: string): Promise<string[] | null> {
    const res = await fetch(`${ari}/bridges/${encodeURIComponent(bridgeId)}`, {
      headers: { authorization: ariAuth },
    });
    if (res.status === 404) return null;
    return ((await res.json()) as { channels: string[] }).channels.sort();
  }

  async function callbacksOf(tenantId: number): Promise<mysql.RowDataPacket[]> {
    const [rows] = await kit.db.query<mysql.RowDataPacket[]>(
      'SELECT * FROM queue_callbacks WHERE tenant_id = ? ORDER BY id',
      [tenantId],
    );
    return rows;
  }

  it('given a caller who presses the exit key when an agent comes online then the agent is rung, the caller is dialled through the trunk from the hotline, and both talk', async () => {
    const { center, line, agent } = await callbackLine();
    await kit.startCallflow();
    const before = Date.now();
    await askForCallback(line.number, '0912345678', 5000);
    // The call that asked: its path ends at the callback node, taken.
    const [asked] = await kit.closedCalls(line.hotlineId, 1);
    expect(stepsOf(asked!)).toEqual(['queue:exit', 'left:requested']);
    const [pending] = await callbacksOf(center.tenantId);
    expect(pending).toMatchObject({
      queue_id: line.queueId,
      number: '0912345678',
      hotline_number: line.number,
      status: 'pending',
      attempts: 0,
      call_channel_id: asked!.channel_id,
    });
    // Its place in line is when the caller came into the queue, not when they pressed the key.
    const requestedAt = new Date(pending!.requested_at as Date).getTime();
    expect(requestedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(requestedAt).toBeLessThan(new Date(asked!.ended_at as Date).getTime() - 3000);
    const listed = await center.client.expect<QueueCallbackView[]>(200, 'GET', '/queue-callbacks');
    expect(listed).toEqual([
      expect.objectContaining({
        id: pending!.id,
        status: 'pending',
        queueId: line.queueId,
        number: '0912345678',
      }),
    ]);

    // The agent comes online: rung with the customer's number, answers, the customer is dialled.
    const far = carrierAnswers(60);
    await new Promise((r) => setTimeout(r, 300));
    const phone = await kit.startPhone(agent, true);
    // The agent's phone shows the customer's number.
    const answered = await phone.waitForType('CALL_ESTABLISHED', 20_000);
    expect(JSON.stringify(answered)).toContain('0912345678');
    await expectEventually(
      async () => {
        const [row] = await callbacksOf(center.tenantId);
        expect(row).toMatchObject({ status: 'calling', agent_user_id: agent.userId, attempts: 0 });
      },
      { timeoutMs: 20_000 },
    );
    // The customer's phone answered (the UAS): agent and customer share a bridge; then the agent hangs up.
    await expectEventually(
      async () => {
        const bridges = (await (
          await fetch(`${ari}/bridges`, { headers: { authorization: ariAuth } })
        ).json()) as {
          name: string;
          channels: string[];
        }[];
        expect(bridges.filter((b) => b.name.startsWith('internal-') && b.channels.length === 2)).toHaveLength(
          1,
        );
      },
      { timeoutMs: 30_000 },
    );
    await phone.command('hangup');
    const received = await far.done;
    expect(received.ok).toBe(true);
    const invite = received.messages
      .slice(received.messages.indexOf('INVITE sip:'))
      .split(/\r?\n\s*\r?\n/)[0]!;
    expect(invite).toMatch(/INVITE sip:0912345678@127\.0\.0\.2/);
    expect(invite).toMatch(new RegExp(`From: .*<sip:${line.number}@`));

    await expectEventually(async () => {
      const [row] = await callbacksOf(center.tenantId);
      expect(row).toMatchObject({ status: 'done', attempts: 1, last_result: 'connected' });
      expect(row!.done_at).not.toBeNull();
    });
    // The callback's call record closes off the call path, a moment after the conversation.
    let record!: mysql.RowDataPacket;
    await expectEventually(async () => {
      [[record]] = (await kit.db.query<mysql.RowDataPacket[]>(
        "SELECT * FROM calls WHERE tenant_id = ? AND entry_kind = 'callback' AND ended_at IS NOT NULL",
        [center.tenantId],
      )) as unknown as [[mysql.RowDataPacket]];
      expect(record).toBeDefined();
    });
    expect(record).toMatchObject({
      entry_id: String(pending!.id),
      queue_id: line.queueId,
      called_number: '0912345678',
      caller_number: line.number,
      disposition: 'answered',
    });
    expect(legsOf(record).map((l) => `${l.kind}:${l.target}:${l.outcome}`)).toEqual([
      `queue_agent:${agent.extension}:connected`,
      'external:0912345678:connected',
    ]);
    // The queue records its calls: the callback conversation too (the bridge, from the customer's answer).
    expect(record.recording).toMatch(
      new RegExp(`^queue-t${center.tenantId}-q${line.queueId}-cb${pending!.id}-`),
    );
    const file = await fetch(
      `${ari}/recordings/stored/${encodeURIComponent(record.recording as string)}/file`,
      {
        headers: { authorization: ariAuth },
      },
    );
    expect(file.status).toBe(200);
    expect(
      Buffer.from(await file.arrayBuffer())
        .subarray(0, 4)
        .toString(),
    ).toBe('RIFF');
  });

  it('given a customer whose line is busy when the agent calls back then the attempt counts, a retry is scheduled, and a supervisor can cancel it (once, and only in their tenant)', async () => {
    const { center, line, agent } = await callbackLine();
    await kit.startCallflow();
    await askForCallback(line.number, '0987654321', 3000);
    const far = carrierAnswers(60, { refuse: 486 });
    await new Promise((r) => setTimeout(r, 300));
    const phone = await kit.startPhone(agent, true);
    await phone.waitForType('CALL_ESTABLISHED', 20_000);
    // Busy: the agent hears so and the leg ends; the callback waits for its retry.
    await phone.waitForType('CALL_CLOSED', 30_000);
    expect((await far.done).ok).toBe(true);
    let row!: mysql.RowDataPacket;
    await expectEventually(async () => {
      [row] = (await callbacksOf(center.tenantId)) as [mysql.RowDataPacket];
      expect(row).toMatchObject({ status: 'pending', attempts: 1, last_result: 'busy' });
    });
    const retryInS = (new Date(row.next_attempt_at as Date).getTime() - Date.now()) / 1000;
    expect(retryInS).toBeGreaterThan(60);
    expect(retryInS).toBeLessThanOrEqual(120);
    // The attempt's call record closes off the call path, a moment after the leg ended.
    let attempt!: mysql.RowDataPacket;
    await expectEventually(async () => {
      [[attempt]] = (await kit.db.query<mysql.RowDataPacket[]>(
        "SELECT legs, disposition, recording FROM calls WHERE tenant_id = ? AND entry_kind = 'callback' AND ended_at IS NOT NULL",
        [center.tenantId],
      )) as unknown as [[mysql.RowDataPacket]];
      expect(legsOf(attempt).map((l) => `${l.kind}:${l.outcome}`)).toEqual([
        'queue_agent:connected',
        'external:busy',
      ]);
    });
    // Nobody talked: no recording is named.
    expect(attempt.recording).toBeNull();
    // A restarted callflow still has it (waiting for its retry).
    await kit.startCallflow();
    expect(await callbacksInCallflow(center.tenantId)).toBe(1);

    // Another tenant cannot see or cancel it; an unknown status filter is a field error.
    const other = (await signupTenant(new ApiClient(`${info.apiUrl}/api`))).client;
    await other.expect(404, 'DELETE', `/queue-callbacks/${row.id}`);
    expect(await other.expect<unknown[]>(200, 'GET', '/queue-callbacks')).toEqual([]);
    expect(await center.client.fieldCodes('GET', '/queue-callbacks?status=lost')).toEqual({
      status: 'invalid_value',
    });
    // Cancelled: the row stays with its history; cancelling again is refused with a reason.
    await center.client.expect(204, 'DELETE', `/queue-callbacks/${row.id}`);
    const [cancelled] = await center.client.expect<QueueCallbackView[]>(
      200,
      'GET',
      '/queue-callbacks?status=cancelled',
    );
    expect(cancelled).toMatchObject({ id: row.id, status: 'cancelled', attempts: 1, lastResult: 'busy' });
    const again = await center.client.expect<{ code: string; message: string }>(
      409,
      'DELETE',
      `/queue-callbacks/${row.id}`,
    );
    expect(again.code).toBe('callback_not_pending');
    expect(again.message).toMatch(/no longer waiting/);
    // callflow forgot it: the queue's live state lists no callback any more.
    await expectEventually(async () => expect(await callbacksInCallflow(center.tenantId)).toBe(0));
    await expectEventually(async () => {
      const live = await center.client.expect<{ queueId: number; waiting: unknown[] }[]>(
        200,
        'GET',
        '/queues/live',
      );
      expect(live.find((q) => q.queueId === line.queueId)?.waiting).toEqual([]);
    });
  });

  it('given an agent talking to a called-back customer when callflow is killed and restarted then they go on talking, the customer is not called again, and the call closes cleanly', async () => {
    const { center, line, agent } = await callbackLine();
    await kit.startCallflow();
    await askForCallback(line.number, '0977000111', 3000);
    const far = carrierAnswers(90);
    await new Promise((r) => setTimeout(r, 300));
    const phone = await kit.startPhone(agent, true);
    await phone.waitForType('CALL_ESTABLISHED', 20_000);
    // Agent and customer talk: the conversation is saved, and the callback is done already.
    let talking!: mysql.RowDataPacket;
    await expectEventually(
      async () => {
        [talking] = (await kit.queueCalls(line.queueId)) as [mysql.RowDataPacket];
        expect(talking).toMatchObject({ state: 'talking', agent_user_id: agent.userId });
        expect(talking.callback_id).not.toBeNull();
      },
      { timeoutMs: 30_000 },
    );
    const [done] = await callbacksOf(center.tenantId);
    expect(done).toMatchObject({
      id: talking.callback_id,
      status: 'done',
      attempts: 1,
      last_result: 'connected',
    });

    await kit.startCallflow({ kill: true });
    // The new process reconciled with Asterisk (orphans of the old one hung up by then) …
    await expectEventually(async () => expect(kit.callflow!.output()).toContain('reconciled with Asterisk'));
    // … and the conversation is still there: both in their bridge, nobody hung up, nothing queued again.
    expect(phone.events.filter((e) => e.type === 'CALL_CLOSED')).toEqual([]);
    expect(await bridgeChannels(talking.bridge_id as string)).toEqual(
      [talking.channel_id, talking.agent_channel_id].sort(),
    );
    expect(await callbacksInCallflow(center.tenantId)).toBe(0);

    // The agent hangs up: the customer gets the BYE, and nothing is left behind.
    await phone.command('hangup');
    const received = await far.done;
    expect(received.ok).toBe(true);
    expect(received.messages.match(/^INVITE sip:/gm)).toHaveLength(1);
    await kit.noQueueCallsLeft(line.queueId);
    await expectEventually(async () => expect(await bridgeChannels(talking.bridge_id as string)).toBeNull());
    const [after] = await callbacksOf(center.tenantId);
    expect(after).toMatchObject({ status: 'done', attempts: 1 });
    // The callback's call record (kept by the new process) closes as answered.
    await expectEventually(async () => {
      const [[record]] = await kit.db.query<mysql.RowDataPacket[]>(
        "SELECT disposition, ended_at FROM calls WHERE tenant_id = ? AND entry_kind = 'callback'",
        [center.tenantId],
      );
      expect(record).toMatchObject({ disposition: 'answered' });
      expect(record!.ended_at).not.toBeNull();
    });
    // The agent's conversation counted once.
    await expectEventually(async () => {
      const [[login]] = await kit.db.query<mysql.RowDataPacket[]>(
        'SELECT calls_taken FROM queue_logins WHERE queue_id = ? AND user_id = ?',
        [line.queueId, agent.userId],
      );
      expect(login!.calls_taken).toBe(1);
    });
  });

  it('given a caller whose number cannot be called back when they ask then they are told so and nothing is queued', async () => {
    const { center, line } = await callbackLine();
    await kit.startCallflow();
    // International numbers are not allowed by the tenant's outbound rules (the default).
    await askForCallback(line.number, '+442079460958', 3000);
    const [asked] = await kit.closedCalls(line.hotlineId, 1);
    expect(stepsOf(asked!)).toEqual(['queue:exit', 'left:refused']);
    expect(await callbacksOf(center.tenantId)).toEqual([]);
  });
});
