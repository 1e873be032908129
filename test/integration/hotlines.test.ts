import type { ApiErrorBody, AuditPage, HotlineView, TrunkView } from '#contracts';
import { randomInt, randomUUID } from 'node:crypto';
import mysql from 'mysql2/promise';
import { startApi } from '../support/api.js';
import { ApiClient, invitedMember, signupTenant } from '../support/api-client.js';
import type { AppProcess } from '../support/processes.js';
import { stackInfo } from '../support/stack-info.js';

/** A 1800 number no other test uses (in practice), as typed with spaces. */
const tollFree = () => `1800 ${randomInt(100000, 999999)}`;
const national = (typed: string) => typed.replace(/\D/g, '');

describe('hotlines: tenants request numbers, operators take them through the carrier process', () => {
  const info = stackInfo();
  const anonymous = new ApiClient(`${info.apiUrl}/api`);
  let api: AppProcess;
  let operator: ApiClient;
  let db: mysql.Pool;
  let trunk: TrunkView;

  beforeAll(async () => {
    db = mysql.createPool({ uri: info.env.DATABASE_URL, connectionLimit: 2 });
    api = await startApi(info);
    operator = (await anonymous.login(info.logins.operator.email, info.logins.operator.password)).client;
    trunk = await operator.expect<TrunkView>(201, 'POST', '/trunks', {
      name: `Viettel ${randomUUID().slice(0, 8)}`,
      preset: 'viettel',
      authMode: 'ip',
      matchIps: ['127.0.0.4'],
    });
  });

  afterAll(async () => {
    await db.query('DELETE FROM hotlines WHERE trunk_id = ?', [trunk.id]);
    await operator.expect(204, 'DELETE', `/trunks/${trunk.id}`);
    await api?.stop();
    await db?.end();
  });

  async function tenant() {
    const signed = await signupTenant(anonymous);
    return { admin: signed.client, tenantId: signed.session.user.tenantId! };
  }

  async function flowOf(tenantId: number, name = `Luồng ${randomUUID().slice(0, 6)}`): Promise<number> {
    const [result] = await db.query<mysql.ResultSetHeader>(
      'INSERT INTO flows (tenant_id, name, draft) VALUES (?, ?, ?)',
      [tenantId, name, '{"nodes":[],"edges":[]}'],
    );
    return result.insertId;
  }

  it('given a tenant admin when they request numbers then each is stored in national form as requested, up to the quota', async () => {
    const { admin, tenantId } = await tenant();
    const typed = [
      tollFree(),
      `1900 ${randomInt(1000, 9999)}`,
      `028 ${randomInt(1000, 9999)} ${randomInt(1000, 9999)}`,
      `+84 9${randomInt(10000000, 99999999)}`,
    ];
    const created: HotlineView[] = [];
    for (const number of typed) {
      created.push(
        await admin.expect<HotlineView>(201, 'POST', '/hotlines', { number, note: 'Tổng đài CSKH' }),
      );
    }
    expect(created.map((h) => h.number)).toEqual([
      national(typed[0]!),
      national(typed[1]!),
      national(typed[2]!),
      `0${national(typed[3]!).slice(2)}`,
    ]);
    for (const h of created) {
      expect(h).toMatchObject({
        tenantId,
        status: 'requested',
        trunkId: null,
        flowId: null,
        outboundDefault: false,
        note: 'Tổng đài CSKH',
        contractDueAt: null,
        activatedAt: null,
      });
      expect(h.tenantName).toBeUndefined();
    }
    // Quota 5 (the default): one more fits, the next is refused with a clear message.
    await admin.expect(201, 'POST', '/hotlines', { number: tollFree() });
    const over = await admin.expect<ApiErrorBody>(409, 'POST', '/hotlines', { number: tollFree() });
    expect(over.code).toBe('quota_hotlines_reached');
    expect(over.message).toContain('5 hotlines');
    expect(await admin.expect<HotlineView[]>(200, 'GET', '/hotlines')).toHaveLength(5);
    const log = await admin.expect<AuditPage>(200, 'GET', '/audit-log?targetType=hotline');
    expect(log.items.map((e) => e.action)).toEqual(Array(5).fill('hotline.request'));
  });

  it('given concurrent requests at the quota edge then the tenant lock lets exactly the quota through', async () => {
    const { admin, tenantId } = await tenant();
    await db.query('UPDATE tenants SET quota_hotlines = 2 WHERE id = ?', [tenantId]);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => admin.call('POST', '/hotlines', { number: tollFree() })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, 201, 409, 409, 409]);
  });

  it('given bad or taken numbers then 400/409 naming the field, and nothing is stored', async () => {
    const { admin } = await tenant();
    const other = await tenant();
    const taken = await other.admin.expect<HotlineView>(201, 'POST', '/hotlines', { number: tollFree() });
    const cases: [unknown, Record<string, string>][] = [
      [{}, { number: 'required' }],
      [{ number: '' }, { number: 'required' }],
      [{ number: 19001234 }, { number: 'invalid_type' }],
      [{ number: '1'.repeat(33) }, { number: 'too_long' }],
      [{ number: '113' }, { number: 'invalid_hotline_number' }],
      [{ number: '+44 20 7946 0958' }, { number: 'invalid_hotline_number' }],
      [{ number: '0123' }, { number: 'invalid_hotline_number' }],
      [{ number: '1900-abc' }, { number: 'invalid_hotline_number' }],
      [{ number: tollFree(), note: 'x'.repeat(501) }, { note: 'too_long' }],
      [{ number: tollFree(), status: 'active' }, { status: 'unknown_field' }],
      [{ number: tollFree(), tenantId: 1 }, { tenantId: 'unknown_field' }],
    ];
    for (const [body, fields] of cases) {
      expect([body, await admin.fieldCodes('POST', '/hotlines', body)]).toEqual([body, fields]);
    }
    // The same number, typed another way, belongs to another tenant: 409 on `number`, nothing more.
    const conflict = await admin.expect<ApiErrorBody & { fields: string[] }>(409, 'POST', '/hotlines', {
      number: taken.number.replace(/^1800/, '1800 '),
    });
    expect(conflict).toMatchObject({ code: 'already_used', fields: ['number'] });
    // Nothing about who has it.
    expect(Object.keys(conflict).sort()).toEqual(['code', 'details', 'fields', 'message', 'statusCode']);
    expect(await admin.expect<HotlineView[]>(200, 'GET', '/hotlines')).toEqual([]);
  });

  it('given a request then the operator moves it: waiting for the contract (due in 48 working hours) → active on a trunk ⇄ suspended; other moves are 409', async () => {
    const { admin, tenantId } = await tenant();
    const requested = await admin.expect<HotlineView>(201, 'POST', '/hotlines', { number: tollFree() });
    const queue = await operator.expect<HotlineView[]>(
      200,
      'GET',
      `/operator/hotlines?status=requested&tenantId=${tenantId}`,
    );
    expect(queue).toEqual([{ ...requested, tenantName: expect.stringContaining('Công ty') }]);

    const move = (status: string, extra: Record<string, unknown> = {}) =>
      operator.call('POST', `/operator/hotlines/${requested.id}/status`, { status, ...extra });
    for (const status of ['active', 'suspended', 'requested']) {
      const res = await move(status, { trunkId: trunk.id });
      const body = (await res.json()) as ApiErrorBody & { from: string; to: string };
      expect([res.status, body.code, body.from, body.to]).toEqual([
        409,
        'invalid_transition',
        'requested',
        status,
      ]);
      expect(body.message).toContain(`"requested"`);
    }

    const accepted = Date.now();
    const waiting = await operator.expect<HotlineView>(
      200,
      'POST',
      `/operator/hotlines/${requested.id}/status`,
      {
        status: 'waiting_contract',
      },
    );
    expect(waiting.status).toBe('waiting_contract');
    // 48 working hours: at least two days later, at most four (a weekend in between).
    const due = Date.parse(waiting.contractDueAt!) - accepted;
    expect(due).toBeGreaterThanOrEqual(48 * 3600_000 - 1000);
    expect(due).toBeLessThanOrEqual(96 * 3600_000 + 1000);

    // Active needs a trunk, and an existing one.
    expect(
      await operator.fieldCodes('POST', `/operator/hotlines/${requested.id}/status`, { status: 'active' }),
    ).toEqual({
      trunkId: 'required',
    });
    expect(
      await operator.fieldCodes('POST', `/operator/hotlines/${requested.id}/status`, {
        status: 'active',
        trunkId: 999999,
      }),
    ).toEqual({ trunkId: 'unknown_trunk' });
    expect(
      await operator.fieldCodes('POST', `/operator/hotlines/${requested.id}/status`, { status: 'ready' }),
    ).toEqual({ status: 'invalid_value' });
    expect((await admin.expect<HotlineView>(200, 'GET', `/hotlines/${requested.id}`)).status).toBe(
      'waiting_contract',
    );

    const active = await operator.expect<HotlineView>(
      200,
      'POST',
      `/operator/hotlines/${requested.id}/status`,
      {
        status: 'active',
        trunkId: trunk.id,
        note: 'Hợp đồng đã ký',
      },
    );
    expect(active).toMatchObject({
      status: 'active',
      trunkId: trunk.id,
      trunkName: trunk.name,
      note: 'Hợp đồng đã ký',
    });
    expect(active.activatedAt).not.toBeNull();
    const suspended = await operator.expect<HotlineView>(
      200,
      'POST',
      `/operator/hotlines/${requested.id}/status`,
      {
        status: 'suspended',
      },
    );
    expect(suspended.suspendedAt).not.toBeNull();
    const back = await operator.expect<HotlineView>(
      200,
      'POST',
      `/operator/hotlines/${requested.id}/status`,
      {
        status: 'active',
      },
    );
    expect(back).toMatchObject({ status: 'active', trunkId: trunk.id, suspendedAt: null });
    expect((await admin.expect<HotlineView>(200, 'GET', `/hotlines/${requested.id}`)).status).toBe('active');

    const log = await admin.expect<AuditPage>(200, 'GET', '/audit-log?action=hotline.status');
    expect(log.items.map((e) => e.after?.['status'])).toEqual([
      'active',
      'suspended',
      'active',
      'waiting_contract',
    ]);
  });

  it('given direct provisioning then the operator puts a number on a tenant and trunk at once; unknown tenant/trunk and bad fields are refused', async () => {
    const { admin, tenantId } = await tenant();
    const number = tollFree();
    const provisioned = await operator.expect<HotlineView>(201, 'POST', '/operator/hotlines', {
      tenantId,
      number,
      trunkId: trunk.id,
    });
    expect(provisioned).toMatchObject({
      tenantId,
      number: national(number),
      status: 'active',
      trunkId: trunk.id,
    });
    expect(provisioned.tenantName).toContain('Công ty');
    expect((await admin.expect<HotlineView[]>(200, 'GET', '/hotlines')).map((h) => h.id)).toEqual([
      provisioned.id,
    ]);
    const waiting = await operator.expect<HotlineView>(201, 'POST', '/operator/hotlines', {
      tenantId,
      number: tollFree(),
      trunkId: trunk.id,
      status: 'waiting_contract',
    });
    expect(waiting.contractDueAt).not.toBeNull();

    const good = { tenantId, number: tollFree(), trunkId: trunk.id };
    for (const [body, fields] of [
      [{ ...good, tenantId: 99999999 }, { tenantId: 'unknown_tenant' }],
      [{ ...good, trunkId: 99999999 }, { trunkId: 'unknown_trunk' }],
      [{ number: good.number }, { tenantId: 'required', trunkId: 'required' }],
      [{ ...good, status: 'gone' }, { status: 'invalid_value' }],
      [{ ...good, number: 'abc' }, { number: 'invalid_hotline_number' }],
      [{ ...good, flowId: 1 }, { flowId: 'unknown_field' }],
    ] as [Record<string, unknown>, Record<string, string>][]) {
      expect([body, await operator.fieldCodes('POST', '/operator/hotlines', body)]).toEqual([body, fields]);
    }
    expect(
      await operator.expect<ApiErrorBody & { fields: string[] }>(409, 'POST', '/operator/hotlines', {
        ...good,
        number,
      }),
    ).toMatchObject({ code: 'already_used', fields: ['number'] });
    expect(
      await operator.expect<HotlineView[]>(200, 'GET', `/operator/hotlines?tenantId=${tenantId}`),
    ).toHaveLength(2);
    expect(await operator.fieldCodes('GET', '/operator/hotlines?status=open')).toEqual({
      status: 'invalid_value',
    });
  });

  it("given flows then only the tenant's own can answer its hotline; the outbound default is unique per tenant", async () => {
    const { admin, tenantId } = await tenant();
    const other = await tenant();
    const mine = await flowOf(tenantId, 'Giờ hành chính');
    const theirs = await flowOf(other.tenantId);
    const a = await admin.expect<HotlineView>(201, 'POST', '/hotlines', { number: tollFree() });
    const b = await admin.expect<HotlineView>(201, 'POST', '/hotlines', { number: tollFree() });
    const foreign = await other.admin.expect<HotlineView>(201, 'POST', '/hotlines', { number: tollFree() });
    await other.admin.expect(200, 'PATCH', `/hotlines/${foreign.id}`, { outboundDefault: true });

    expect(await admin.fieldCodes('PATCH', `/hotlines/${a.id}`, { flowId: theirs })).toEqual({
      flowId: 'unknown_flow',
    });
    expect(await admin.fieldCodes('PATCH', `/hotlines/${a.id}`, { flowId: 999999999 })).toEqual({
      flowId: 'unknown_flow',
    });
    for (const [body, fields] of [
      [{ flowId: '1' }, { flowId: 'invalid_type' }],
      [{ outboundDefault: 'yes' }, { outboundDefault: 'invalid_type' }],
      [{ note: 'x'.repeat(501) }, { note: 'too_long' }],
      [{ number: '19001234' }, { number: 'unknown_field' }],
      [{ status: 'active' }, { status: 'unknown_field' }],
      [{ trunkId: trunk.id }, { trunkId: 'unknown_field' }],
    ] as [Record<string, unknown>, Record<string, string>][]) {
      expect([body, await admin.fieldCodes('PATCH', `/hotlines/${a.id}`, body)]).toEqual([body, fields]);
    }

    const withFlow = await admin.expect<HotlineView>(200, 'PATCH', `/hotlines/${a.id}`, {
      flowId: mine,
      outboundDefault: true,
    });
    expect(withFlow).toMatchObject({ flowId: mine, flowName: 'Giờ hành chính', outboundDefault: true });
    await admin.expect(200, 'PATCH', `/hotlines/${b.id}`, { outboundDefault: true });
    const list = await admin.expect<HotlineView[]>(200, 'GET', '/hotlines');
    expect(list.filter((h) => h.outboundDefault).map((h) => h.id)).toEqual([b.id]);
    // The other tenant's default is its own business.
    expect(
      (await other.admin.expect<HotlineView>(200, 'GET', `/hotlines/${foreign.id}`)).outboundDefault,
    ).toBe(true);
    const cleared = await admin.expect<HotlineView>(200, 'PATCH', `/hotlines/${a.id}`, {
      flowId: null,
      note: null,
    });
    expect(cleared).toMatchObject({ flowId: null, flowName: null, note: null });
  });

  it('given the status then deleting is allowed for requested and suspended numbers only', async () => {
    const { admin, tenantId } = await tenant();
    const requested = await admin.expect<HotlineView>(201, 'POST', '/hotlines', { number: tollFree() });
    await admin.expect(204, 'DELETE', `/hotlines/${requested.id}`);
    await admin.expect(404, 'GET', `/hotlines/${requested.id}`);

    const h = await admin.expect<HotlineView>(201, 'POST', '/hotlines', { number: tollFree() });
    await operator.expect(200, 'POST', `/operator/hotlines/${h.id}/status`, { status: 'waiting_contract' });
    expect((await admin.expect<ApiErrorBody>(409, 'DELETE', `/hotlines/${h.id}`)).code).toBe(
      'hotline_in_contract',
    );
    await operator.expect(200, 'POST', `/operator/hotlines/${h.id}/status`, {
      status: 'active',
      trunkId: trunk.id,
    });
    const active = await admin.expect<ApiErrorBody>(409, 'DELETE', `/hotlines/${h.id}`);
    expect(active.code).toBe('hotline_active');
    expect(active.message).toContain('suspend it');
    await operator.expect(200, 'POST', `/operator/hotlines/${h.id}/status`, { status: 'suspended' });
    await admin.expect(204, 'DELETE', `/hotlines/${h.id}`);
    expect(
      await operator.expect<HotlineView[]>(200, 'GET', `/operator/hotlines?tenantId=${tenantId}`),
    ).toEqual([]);
    const log = await admin.expect<AuditPage>(200, 'GET', '/audit-log?action=hotline.delete');
    expect(log.items).toHaveLength(2);
  });

  it('given other roles and tenants then agents and supervisors read but cannot write, other tenants get 404, operators cannot use tenant routes', async () => {
    const { admin } = await tenant();
    const other = await tenant();
    const h = await admin.expect<HotlineView>(201, 'POST', '/hotlines', { number: tollFree() });
    const agent = (await invitedMember(admin, info.mailSinkUrl!, 'agent')).client;
    expect(await agent.expect<HotlineView[]>(200, 'GET', '/hotlines')).toEqual([h]);
    expect(await agent.expect<HotlineView>(200, 'GET', `/hotlines/${h.id}`)).toEqual(h);
    for (const [method, path, body] of [
      ['POST', '/hotlines', { number: tollFree() }],
      ['PATCH', `/hotlines/${h.id}`, { note: 'x' }],
      ['DELETE', `/hotlines/${h.id}`, undefined],
      ['GET', '/operator/hotlines', undefined],
      ['POST', `/operator/hotlines/${h.id}/status`, { status: 'waiting_contract' }],
    ] as const) {
      expect(`${method} ${path} → ${(await agent.call(method, path, body)).status}`).toBe(
        `${method} ${path} → 403`,
      );
    }
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { note: 'Hacked' }],
      ['DELETE', undefined],
    ] as const) {
      expect((await other.admin.call(method, `/hotlines/${h.id}`, body)).status).toBe(404);
    }
    expect(await other.admin.expect<HotlineView[]>(200, 'GET', '/hotlines')).toEqual([]);
    expect((await operator.call('GET', '/hotlines')).status).toBe(403);
    expect(await admin.expect<HotlineView>(200, 'GET', `/hotlines/${h.id}`)).toEqual(h);
  });
});
