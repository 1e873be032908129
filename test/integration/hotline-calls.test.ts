import { randomInt } from 'node:crypto';
import type { CallRecordView, DeviceInfo, FlowView } from '#contracts';
import type { FlowGraph } from '#flow-engine';
import mysql from 'mysql2/promise';
import { startApi } from '../support/api.js';
import { ApiClient, signupTenant } from '../support/api-client.js';
import { Baresip } from '../support/baresip.js';
import { expectEventually } from '../support/eventually.js';
import { startApp, type AppProcess } from '../support/processes.js';
import { waitForMail } from '../support/mail-sink.js';
import { connectLive, waitForEventSubscribers } from '../support/realtime.js';
import { carrierAnswers, hotlineCall } from '../support/sipp-call.js';
import { stackInfo } from '../support/stack-info.js';

interface CallRow {
  id: number;
  tenant_id: number | null;
  hotline_id: number | null;
  flow_version: number | null;
  disposition: string | null;
  hangup_cause_text: string | null;
  path: string | null;
  legs: string | null;
}

/**
 * Hotline calls through callflow with real parts: SIPp is the carrier on 127.0.0.2 (keys as
 * RFC 2833 events from the sip-tester pcaps), baresip phones answer as extensions, Asterisk
 * records voicemail, a SIPp UAS stands for the carrier's far end of outbound calls.
 */
const IN_HOURS = '2026-09-01T09:00:00+07:00'; // a Tuesday morning

describe('hotline calls: shifts, IVR keys, extensions, voicemail, outbound through the trunk', () => {
  const info = stackInfo();
  const anonymous = new ApiClient(`${info.apiUrl}/api`);
  const ari = `${info.env.ARI_URL}/ari`;
  const ariAuth = `Basic ${Buffer.from(`${info.env.ARI_USERNAME}:${info.env.ARI_PASSWORD}`).toString('base64')}`;
  const server = `127.0.0.1:${info.ports.sip}`;
  let api: AppProcess;
  let callflow: AppProcess;
  let db: mysql.Pool;
  let trunkId: number;
  const phones: Baresip[] = [];

  beforeAll(async () => {
    db = mysql.createPool({ uri: info.env.DATABASE_URL, connectionLimit: 2 });
    api = await startApi(info);
    callflow = await startCallflow(IN_HOURS);
    // The static simulated carrier of pjsip.conf, seeded as a trunk row.
    const [[loopback]] = await db.query<mysql.RowDataPacket[]>(
      "SELECT id FROM trunks WHERE endpoint_name = 'loopback-carrier'",
    );
    trunkId = Number(loopback!.id);
  });

  /** Callflow with its flows' clock starting at `clock` (FLOW_CLOCK_START). */
  async function startCallflow(clock: string): Promise<AppProcess> {
    const app = startApp('dist/apps/callflow/src/main.js', {
      ...info.env,
      ...info.callflowEnv,
      FLOW_CLOCK_START: clock,
    });
    await expectEventually(async () => {
      const status = (await (await fetch(info.callflowStatusUrl)).json()) as { ari: { connected: boolean } };
      expect(status.ari.connected).toBe(true);
    });
    return app;
  }

  async function restartCallflow(clock: string): Promise<void> {
    await callflow.stop();
    callflow = await startCallflow(clock);
  }

  afterEach(async () => {
    await Promise.all(phones.splice(0).map((p) => p.stop()));
  });

  afterAll(async () => {
    await callflow?.stop();
    await api?.stop();
    await db?.end();
  });

  /** A company whose admin (1001) has a SIP phone that answers by itself, and a menu prompt. */
  async function company() {
    const { client, session, email } = await signupTenant(anonymous);
    const tenantId = session.user.tenantId!;
    const device = await client.expect<DeviceInfo>(200, 'PUT', '/me/device', { mode: 'sip' });
    const phone = await Baresip.start({
      username: device.sip.username,
      password: device.sip.password!,
      server,
      autoAnswer: true,
    });
    phones.push(phone);
    await phone.waitFor((e) => e.type === 'REGISTER_OK');
    const [prompt] = await db.query<mysql.ResultSetHeader>(
      `INSERT INTO prompts (tenant_id, name, language, kind, file, duration_ms) VALUES (?, 'menu', 'vi', 'upload', 'missing/menu', 2000)`,
      [tenantId],
    );
    return { client, tenantId, phone, email, promptId: String(prompt.insertId) };
  }

  async function hotline(
    tenantId: number,
    status = 'active',
    outboundDefault = false,
  ): Promise<{ id: number; number: string }> {
    const number = `1900${randomInt(1000, 9999)}${randomInt(10, 99)}`;
    const [res] = await db.query<mysql.ResultSetHeader>(
      `INSERT INTO hotlines (tenant_id, number, status, trunk_id, outbound_default, requested_at) VALUES (?, ?, ?, ?, ?, NOW(3))`,
      [tenantId, number, status, trunkId, outboundDefault],
    );
    return { id: res.insertId, number };
  }

  async function publish(client: ApiClient, hotlineId: number, graph: FlowGraph): Promise<FlowView> {
    const flow = await client.expect<FlowView>(201, 'POST', '/flows', {
      name: `Flow ${randomInt(1e9)}`,
      draft: graph,
    });
    const published = await client.expect<FlowView>(200, 'POST', `/flows/${flow.id}/publish`);
    await db.query('UPDATE hotlines SET flow_id = ? WHERE id = ?', [flow.id, hotlineId]);
    return published;
  }

  /**
   * Office hours Mon–Fri 08:00–17:30 and Sat 08:00–12:00 (Asia/Ho_Chi_Minh), National Day
   * 2026-09-02 a holiday. Callflow runs on an injected clock (FLOW_CLOCK_START), normally
   * Tuesday 2026-09-01 09:00 — in hours.
   */
  function menuFlow(
    promptId: string,
    opts: { outOfHours?: string; timeoutS?: number; directDial?: boolean } = {},
  ): FlowGraph {
    return {
      version: 1,
      entry: 'hours',
      nodes: [
        {
          id: 'hours',
          type: 'shift',
          schedule: {
            timeZone: 'Asia/Ho_Chi_Minh',
            weekly: [
              ...[1, 2, 3, 4, 5].map((day) => ({ day, start: '08:00', end: '17:30' })),
              { day: 6, start: '08:00', end: '12:00' },
            ],
            holidays: ['2026-09-02'],
            exceptions: [],
          },
          inHours: 'menu',
          outOfHours: opts.outOfHours ?? 'closed',
        },
        {
          id: 'menu',
          type: 'ivr',
          prompt: { promptId },
          keys: { '1': 'sales', '2': 'mailbox' },
          timeoutS: opts.timeoutS ?? 2,
          retries: 1,
          directDial: opts.directDial ?? false,
          onFailure: 'bye',
        },
        { id: 'sales', type: 'extension', extension: '1001', ringTimeoutS: 20, onNoAnswer: 'bye' },
        { id: 'mailbox', type: 'voicemail', mailbox: '1001' },
        { id: 'closed', type: 'play', prompt: { promptId }, next: 'bye' },
        { id: 'bye', type: 'hangup' },
      ],
    };
  }

  /** The hotline's latest closed call (newer than call `afterId`). */
  /** The hotline's calls once `count` of them are recorded as ended, oldest first. */
  async function endedCalls(hotlineId: number, count: number): Promise<CallRow[]> {
    return expectEventually(async () => {
      const [rows] = await db.query<mysql.RowDataPacket[]>(
        'SELECT * FROM calls WHERE hotline_id = ? AND ended_at IS NOT NULL ORDER BY id',
        [hotlineId],
      );
      expect(rows).toHaveLength(count);
      return rows as CallRow[];
    });
  }

  async function lastCall(hotlineId: number, afterId = 0): Promise<CallRow> {
    let row: CallRow | undefined;
    await expectEventually(async () => {
      const [rows] = await db.query<mysql.RowDataPacket[]>(
        'SELECT * FROM calls WHERE hotline_id = ? AND id > ? AND ended_at IS NOT NULL ORDER BY id DESC LIMIT 1',
        [hotlineId, afterId],
      );
      row = rows[0] as CallRow | undefined;
      expect(row).toBeDefined();
    });
    return row!;
  }

  const branches = (row: CallRow) =>
    (JSON.parse(row.path ?? '[]') as { nodeId: string; branch?: string }[]).map(
      (s) => `${s.nodeId}:${s.branch ?? ''}`,
    );

  it('given office hours when the carrier calls and presses 1 then the extension of this tenant rings and answers, and not the same extension of another tenant', async () => {
    const a = await company();
    const b = await company(); // also has an extension 1001, with a phone that would answer
    const line = await hotline(a.tenantId);
    await publish(a.client, line.id, menuFlow(a.promptId));
    await waitForEventSubscribers(info.callflowStatusUrl);
    const [liveA, liveB] = await Promise.all([
      connectLive(info.apiUrl, a.client.token),
      connectLive(info.apiUrl, b.client.token),
    ]);

    const call = await hotlineCall({
      sipPort: info.ports.sip,
      number: line.number,
      keys: ['1'],
      end: 'hangup',
      holdMs: 4000,
    });
    expect(call.output).toBe(call.ok ? call.output : 'SIPp call ok');
    await a.phone.waitForType('CALL_ESTABLISHED');
    expect(b.phone.events.some((e) => e.type === 'CALL_INCOMING')).toBe(false);

    const row = await lastCall(line.id);
    expect(row).toMatchObject({ tenant_id: a.tenantId, flow_version: 1, disposition: 'answered' });
    expect(branches(row)).toEqual(['hours:in_hours', 'menu:key:1', 'sales:answered']);
    expect(JSON.parse(row.legs!)).toEqual([
      expect.objectContaining({ kind: 'extension', target: '1001', outcome: 'connected' }),
    ]);
    // The call history shows it with its path; another tenant cannot read it.
    const record = await a.client.expect<CallRecordView>(200, 'GET', `/calls/${row.id}`);
    expect(record).toMatchObject({ hotlineNumber: line.number, disposition: 'answered', flowVersion: 1 });
    expect(record.path.map((s) => s.nodeId)).toEqual(['hours', 'menu', 'sales']);
    await b.client.expect(404, 'GET', `/calls/${row.id}`);
    // The screen pop: the rung user's console heard of the call, with the caller and the hotline.
    await expectEventually(async () =>
      expect(liveA.received.map((e) => e.type)).toEqual(['call.incoming', 'call.ended']),
    );
    expect(liveA.received[0]!.payload).toMatchObject({
      callerNumber: '0901234567',
      hotlineNumber: line.number,
      extension: '1001',
    });
    expect(liveB.received).toEqual([]);
    liveA.close();
    liveB.close();
  });

  it('given a call in the menu when a new version is published then that call finishes on its version and the next call uses the new one', async () => {
    const a = await company();
    const line = await hotline(a.tenantId);
    // A long menu timeout: the caller takes 3 s to choose.
    const flow = await publish(a.client, line.id, menuFlow(a.promptId, { timeoutS: 10 }));
    const changed = menuFlow(a.promptId, { timeoutS: 10 });
    (changed.nodes[1] as { keys: Record<string, string> }).keys = {
      '1': 'closed',
      '2': 'mailbox',
      '3': 'sales',
    };

    // The caller waits 3 s in the menu before pressing 1; version 2 is published meanwhile.
    const during = hotlineCall({
      sipPort: info.ports.sip,
      number: line.number,
      keys: ['1'],
      keyDelayMs: 3000,
      end: 'hangup',
      holdMs: 3000,
    });
    await new Promise((r) => setTimeout(r, 1200));
    await a.client.expect(200, 'PATCH', `/flows/${flow.id}`, { draft: changed });
    expect((await a.client.expect<FlowView>(200, 'POST', `/flows/${flow.id}/publish`)).publishedVersion).toBe(
      2,
    );
    expect((await during).ok).toBe(true);
    const first = await lastCall(line.id);
    expect(first.flow_version).toBe(1);
    expect(branches(first)).toEqual(['hours:in_hours', 'menu:key:1', 'sales:answered']);

    const after = await hotlineCall({
      sipPort: info.ports.sip,
      number: line.number,
      keys: ['1'],
      end: 'wait',
    });
    expect(after.ok).toBe(true);
    await expectEventually(async () => {
      const next = await lastCall(line.id);
      expect(next.id).not.toBe(first.id);
      expect(next.flow_version).toBe(2);
      expect(branches(next)).toEqual(['hours:in_hours', 'menu:key:1', 'closed:', 'bye:']);
    });
  });

  it('given a hotline whose route callflow keeps in memory when a new version is published through the api then the very next call runs on it', async () => {
    const a = await company();
    const line = await hotline(a.tenantId);
    const quick = (): FlowGraph => ({
      version: 1,
      entry: 'closed',
      nodes: [
        { id: 'closed', type: 'play', prompt: { promptId: a.promptId }, next: 'bye' },
        { id: 'bye', type: 'hangup' },
      ],
    });
    const flow = await publish(a.client, line.id, quick());
    const status = async () =>
      (await (await fetch(info.callflowStatusUrl)).json()) as {
        routes: { hits: number };
        events: { clients: number };
      };
    // The api hears nothing from callflow until connected, and commands need that connection.
    await expectEventually(async () => expect((await status()).events.clients).toBeGreaterThan(0));
    const dial = () => hotlineCall({ sipPort: info.ports.sip, number: line.number, end: 'wait' });

    expect((await dial()).ok).toBe(true);
    const hits = (await status()).routes.hits;
    expect((await dial()).ok).toBe(true);
    // The second call found its route in memory, without a database lookup.
    expect((await status()).routes.hits).toBe(hits + 1);
    const second = (await endedCalls(line.id, 2))[1]!;
    expect(second.flow_version).toBe(1);

    const changed = quick();
    changed.nodes = [
      { id: 'closed', type: 'play', prompt: { promptId: a.promptId }, next: 'again' },
      { id: 'again', type: 'play', prompt: { promptId: a.promptId }, next: 'bye' },
      { id: 'bye', type: 'hangup' },
    ];
    await a.client.expect(200, 'PATCH', `/flows/${flow.id}`, { draft: changed });
    expect((await a.client.expect<FlowView>(200, 'POST', `/flows/${flow.id}/publish`)).publishedVersion).toBe(
      2,
    );
    await dial();
    const third = (await endedCalls(line.id, 3))[2]!;
    expect(third.flow_version).toBe(2);
  });

  it('given the injected clock on a Saturday afternoon, on a public holiday and on a Saturday morning then the calls take the out-of-hours, out-of-hours and in-hours branches', async () => {
    const a = await company();
    const line = await hotline(a.tenantId);
    await publish(a.client, line.id, menuFlow(a.promptId));
    const branchesAt = async (clock: string): Promise<string[]> => {
      await restartCallflow(clock);
      const [[before]] = await db.query<mysql.RowDataPacket[]>(
        'SELECT COALESCE(MAX(id), 0) AS id FROM calls WHERE hotline_id = ?',
        [line.id],
      );
      const call = await hotlineCall({ sipPort: info.ports.sip, number: line.number, end: 'wait' });
      expect(call.output).toBe(call.ok ? call.output : 'SIPp call ok');
      return branches(await lastCall(line.id, Number(before!.id)));
    };
    try {
      expect(await branchesAt('2026-09-05T14:00:00+07:00')).toEqual([
        'hours:out_of_hours',
        'closed:',
        'bye:',
      ]);
      expect(await branchesAt('2026-09-02T10:00:00+07:00')).toEqual([
        'hours:out_of_hours',
        'closed:',
        'bye:',
      ]);
      // In hours the menu answers; nothing pressed: timeout, retry, failure branch.
      expect(await branchesAt('2026-09-05T10:00:00+07:00')).toEqual([
        'hours:in_hours',
        'menu:timeout',
        'menu:timeout',
        'bye:',
      ]);
    } finally {
      await restartCallflow(IN_HOURS);
    }
    expect(a.phone.events.some((e) => e.type === 'CALL_INCOMING')).toBe(false);
  });

  it('given a menu with direct dial when the caller keys in an extension as RFC 2833 events then that extension rings and answers', async () => {
    const a = await company();
    const line = await hotline(a.tenantId);
    await publish(a.client, line.id, menuFlow(a.promptId, { directDial: true, timeoutS: 5 }));
    const call = await hotlineCall({
      sipPort: info.ports.sip,
      number: line.number,
      dial: '1001',
      end: 'hangup',
      // The menu waits 3 s after the last digit for more (no # pressed), then rings 1001.
      holdMs: 9000,
    });
    expect(call.output).toBe(call.ok ? call.output : 'SIPp call ok');
    await a.phone.waitForType('CALL_ESTABLISHED');
    const row = await lastCall(line.id);
    expect(row).toMatchObject({ tenant_id: a.tenantId, disposition: 'answered' });
    expect(branches(row)[0]).toBe('hours:in_hours');
    expect(branches(row)[1]).toBe('menu:direct:1001');
    expect(JSON.parse(row.legs!)).toEqual([
      expect.objectContaining({ kind: 'extension', target: '1001', outcome: 'connected' }),
    ]);
  });

  it('given the menu when the caller presses a key that is not offered and then nothing then the menu retries and gives up to the failure branch', async () => {
    const a = await company();
    const line = await hotline(a.tenantId);
    await publish(a.client, line.id, menuFlow(a.promptId));
    const call = await hotlineCall({
      sipPort: info.ports.sip,
      number: line.number,
      keys: ['5'],
      end: 'wait',
    });
    expect(call.output).toBe(call.ok ? call.output : 'SIPp call ok');
    const row = await lastCall(line.id);
    expect(branches(row)).toEqual(['hours:in_hours', 'menu:invalid', 'menu:timeout', 'bye:']);
  });

  it('given the voicemail key when the caller speaks and hangs up then a message with audio is stored with the call', async () => {
    const a = await company();
    const line = await hotline(a.tenantId);
    await publish(a.client, line.id, menuFlow(a.promptId));
    const call = await hotlineCall({
      sipPort: info.ports.sip,
      number: line.number,
      keys: ['2'],
      speak: true,
      end: 'hangup',
      holdMs: 6000,
    });
    expect(call.output).toBe(call.ok ? call.output : 'SIPp call ok');
    const row = await lastCall(line.id);
    expect(branches(row)).toEqual(['hours:in_hours', 'menu:key:2', 'mailbox:']);
    let message: mysql.RowDataPacket | undefined;
    await expectEventually(async () => {
      const [rows] = await db.query<mysql.RowDataPacket[]>('SELECT * FROM voicemails WHERE tenant_id = ?', [
        a.tenantId,
      ]);
      message = rows[0];
      expect(message).toBeDefined();
    });
    expect(message).toMatchObject({ mailbox: '1001', caller_number: '0901234567' });
    const file = await fetch(`${ari}/recordings/stored/${encodeURIComponent(message!.file as string)}/file`, {
      headers: { authorization: ariAuth },
    });
    expect(file.status).toBe(200);
    const audio = Buffer.from(await file.arrayBuffer());
    // A WAV header and at least half a second of 8 kHz 16-bit audio that is not silence.
    expect(audio.subarray(0, 4).toString()).toBe('RIFF');
    const samples = new Int16Array(audio.buffer, audio.byteOffset + 44, Math.floor((audio.length - 44) / 2));
    expect(samples.length).toBeGreaterThan(4000);
    expect(Math.max(...samples.map(Math.abs))).toBeGreaterThan(500);
    // Playable in the console: the API serves the message, to this tenant only.
    const [listed] = await a.client.expect<{ id: number; callId: number }[]>(200, 'GET', '/voicemails');
    expect(listed).toMatchObject({ id: message!.id, callId: row.id });
    const served = await a.client.call('GET', `/voicemails/${listed!.id}/audio`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toContain('audio/wav');
    expect(Buffer.from(await served.arrayBuffer()).equals(audio)).toBe(true);
    // The mailbox's user is told by mail, with the caller and the hotline.
    const mail = await waitForMail(info.mailSinkUrl!, a.email);
    expect(mail.subject).toContain('0901234567');
    expect(mail.text).toContain(line.number);
    const other = (await signupTenant(anonymous)).client;
    await other.expect(404, 'GET', `/voicemails/${listed!.id}/audio`);
    expect(await other.expect<unknown[]>(200, 'GET', '/voicemails')).toEqual([]);
  });

  it('given a hotline that is not active yet when the carrier calls then the call is refused without answering', async () => {
    const a = await company();
    const line = await hotline(a.tenantId, 'waiting_contract');
    await publish(a.client, line.id, menuFlow(a.promptId));
    const call = await hotlineCall({
      sipPort: info.ports.sip,
      number: line.number,
      end: 'refused',
      refusal: 404,
    });
    expect(call.output).toBe(call.ok ? call.output : 'SIPp call refused with 404');
    const row = await lastCall(line.id);
    expect(row).toMatchObject({ disposition: 'failed', hangup_cause_text: 'hotline_waiting_contract' });
    // A number unknown on this trunk: refused the same way.
    const unknown = await hotlineCall({
      sipPort: info.ports.sip,
      number: '19009999999',
      end: 'refused',
      refusal: 404,
    });
    expect(unknown.ok).toBe(true);
  });

  it('given an agent calling an outside number then it leaves through the trunk with the hotline as caller id, and an international number is refused', async () => {
    const a = await company();
    const line = await hotline(a.tenantId, 'active', true);
    const far = carrierAnswers();
    await new Promise((r) => setTimeout(r, 300));
    await a.phone.dial('0912345678');
    await a.phone.waitForType('CALL_ESTABLISHED');
    await new Promise((r) => setTimeout(r, 1000));
    await a.phone.command('hangup');
    const received = await far.done;
    expect(received.ok).toBe(true);
    const start = received.messages.indexOf('INVITE sip:');
    expect(start).toBeGreaterThanOrEqual(0);
    const invite = received.messages.slice(start).split(/\r?\n\s*\r?\n/)[0]!;
    expect(invite).toMatch(/INVITE sip:0912345678@127\.0\.0\.2/);
    expect(invite).toMatch(new RegExp(`From: .*<sip:${line.number}@`));

    a.phone.clearEvents();
    await a.phone.dial('+442079460958');
    await a.phone.waitForType('CALL_CLOSED', 20_000);
    await expectEventually(async () => {
      const [rows] = await db.query<mysql.RowDataPacket[]>(
        "SELECT legs FROM calls WHERE tenant_id = ? AND entry_kind = 'internal' AND ended_at IS NOT NULL ORDER BY id",
        [a.tenantId],
      );
      expect(rows.map((r) => JSON.parse(r.legs as string)[0])).toEqual([
        expect.objectContaining({ kind: 'external', target: '0912345678', outcome: 'connected' }),
        expect.objectContaining({ kind: 'external', outcome: 'international_not_allowed' }),
      ]);
    });

    // The operator limits the company to mobile prefixes: a landline is refused, nothing leaves.
    const operator = (await anonymous.login(info.logins.operator.email, info.logins.operator.password))
      .client;
    await operator.expect(200, 'PATCH', `/tenants/${a.tenantId}`, { outbound: { prefixes: ['09', '03'] } });
    const bad = await operator.fieldCodes('PATCH', `/tenants/${a.tenantId}`, {
      outbound: { prefixes: ['09x'] },
    });
    expect(Object.keys(bad)).toEqual(['outbound.prefixes']);
    a.phone.clearEvents();
    await a.phone.dial('02873001234');
    await a.phone.waitForType('CALL_CLOSED', 20_000);
    await expectEventually(async () => {
      const [rows] = await db.query<mysql.RowDataPacket[]>(
        "SELECT legs FROM calls WHERE tenant_id = ? AND entry_kind = 'internal' AND ended_at IS NOT NULL ORDER BY id DESC LIMIT 1",
        [a.tenantId],
      );
      expect(JSON.parse(rows[0]!.legs as string)[0]).toMatchObject({
        kind: 'external',
        target: '02873001234',
        outcome: 'prefix_not_allowed',
      });
    });
  });
});
