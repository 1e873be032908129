import type {
  AuditPage,
  FlowView,
  HotlineView,
  IpPhone,
  MohClassView,
  PauseReasonView,
  PromptView,
  QueueLiveView,
  QueueStatusView,
  QueueView,
  Tenant,
  TenantUser,
  UserGroup,
  UserRole,
} from '#contracts';
import { startApi } from '../support/api.js';
import { ApiClient, invitedMember, signupTenant } from '../support/api-client.js';
import { makeAudio, uploadPrompt } from '../support/audio.js';
import type { AppProcess } from '../support/processes.js';
import { stackInfo } from '../support/stack-info.js';

/**
 * Who may call what. Every operation of the OpenAPI document must be listed here (the test
 * fails on a new endpoint until it is), so the matrix below always covers the whole API.
 * - `public`: no token needed;
 * - `self`: any signed-in user, about themself;
 * - `tenant`: data of the caller's tenant, for `roles`; another tenant's ids are 404;
 * - `platform`: operators only;
 * - `log`: the audit log, scoped by the caller (tenant admins: their tenant; operators: platform).
 */
type Access =
  | { kind: 'public' }
  | { kind: 'self' }
  | { kind: 'tenant'; roles: UserRole[]; agentOnlySelf?: boolean }
  | { kind: 'platform' }
  | { kind: 'log'; roles: UserRole[] };

const PUBLIC: Access = { kind: 'public' };
const SELF: Access = { kind: 'self' };
const PLATFORM: Access = { kind: 'platform' };
const ADMIN: Access = { kind: 'tenant', roles: ['admin'] };
const READERS: Access = { kind: 'tenant', roles: ['admin', 'supervisor', 'agent'] };

const POLICY: Record<string, Access> = {
  'GET /api/health': PUBLIC,
  'POST /api/auth/signup': PUBLIC,
  'POST /api/auth/login': PUBLIC,
  'POST /api/auth/refresh': PUBLIC,
  'POST /api/auth/logout': PUBLIC,
  'POST /api/auth/forgot-password': PUBLIC,
  'POST /api/auth/reset-password': PUBLIC,
  'GET /api/auth/me': SELF,
  'PATCH /api/auth/me': SELF,
  'POST /api/auth/change-password': SELF,
  'GET /api/users': { kind: 'tenant', roles: ['admin', 'supervisor'] },
  'POST /api/users': ADMIN,
  'GET /api/users/{id}': { kind: 'tenant', roles: ['admin', 'supervisor', 'agent'], agentOnlySelf: true },
  'PATCH /api/users/{id}': ADMIN,
  'DELETE /api/users/{id}': ADMIN,
  'POST /api/users/{id}/invitation': ADMIN,
  'GET /api/user-groups': READERS,
  'POST /api/user-groups': ADMIN,
  'GET /api/user-groups/{id}': READERS,
  'PATCH /api/user-groups/{id}': ADMIN,
  'DELETE /api/user-groups/{id}': ADMIN,
  'GET /api/tenants': PLATFORM,
  'POST /api/tenants': PLATFORM,
  'GET /api/tenants/{id}': PLATFORM,
  'PATCH /api/tenants/{id}': PLATFORM,
  'POST /api/tenants/{id}/suspend': PLATFORM,
  'POST /api/tenants/{id}/reactivate': PLATFORM,
  'GET /api/audit-log': { kind: 'log', roles: ['admin', 'operator'] },
  'GET /api/me/device': READERS,
  'PUT /api/me/device': READERS,
  'POST /api/me/device/password': READERS,
  'GET /api/users/{id}/device': ADMIN,
  'PUT /api/users/{id}/device': ADMIN,
  'POST /api/users/{id}/device/password': ADMIN,
  'GET /api/presence': READERS,
  'PUT /api/me/presence': READERS,
  'GET /api/operator/sip-blocks': PLATFORM,
  'DELETE /api/operator/sip-blocks/{address}': PLATFORM,
  'POST /api/me/device/provisioning-link': READERS,
  'POST /api/users/{id}/device/provisioning-link': ADMIN,
  'GET /api/provision/{token}': PUBLIC,
  'GET /api/provision/phones/{tenantKey}/{file}': PUBLIC,
  'GET /api/ip-phones': { kind: 'tenant', roles: ['admin', 'supervisor'] },
  'POST /api/ip-phones': ADMIN,
  'GET /api/ip-phones/{id}': { kind: 'tenant', roles: ['admin', 'supervisor'] },
  'PATCH /api/ip-phones/{id}': ADMIN,
  'DELETE /api/ip-phones/{id}': ADMIN,
  'GET /api/ip-phones/provisioning': ADMIN,
  'POST /api/ip-phones/provisioning/regenerate': ADMIN,
  'GET /api/prompts': READERS,
  'POST /api/prompts': ADMIN,
  'GET /api/prompts/{id}': READERS,
  'PATCH /api/prompts/{id}': ADMIN,
  'DELETE /api/prompts/{id}': ADMIN,
  'GET /api/prompts/{id}/audio': READERS,
  'GET /api/trunk-presets': PLATFORM,
  'GET /api/trunks': PLATFORM,
  'POST /api/trunks': PLATFORM,
  'GET /api/trunks/{id}': PLATFORM,
  'PATCH /api/trunks/{id}': PLATFORM,
  'DELETE /api/trunks/{id}': PLATFORM,
  'GET /api/hotlines': READERS,
  'POST /api/hotlines': ADMIN,
  'GET /api/hotlines/{id}': READERS,
  'PATCH /api/hotlines/{id}': ADMIN,
  'DELETE /api/hotlines/{id}': ADMIN,
  'GET /api/operator/hotlines': PLATFORM,
  'POST /api/operator/hotlines': PLATFORM,
  'POST /api/operator/hotlines/{id}/status': PLATFORM,
  'GET /api/flows': { kind: 'tenant', roles: ['admin', 'supervisor'] },
  'POST /api/flows': ADMIN,
  'GET /api/flows/{id}': { kind: 'tenant', roles: ['admin', 'supervisor'] },
  'PATCH /api/flows/{id}': ADMIN,
  'DELETE /api/flows/{id}': ADMIN,
  'POST /api/flows/{id}/publish': ADMIN,
  'GET /api/flows/{id}/versions': { kind: 'tenant', roles: ['admin', 'supervisor'] },
  'POST /api/flows/{id}/simulate': { kind: 'tenant', roles: ['admin', 'supervisor'] },
  'GET /api/shifts': { kind: 'tenant', roles: ['admin', 'supervisor'] },
  'POST /api/shifts': ADMIN,
  'GET /api/shifts/{id}': { kind: 'tenant', roles: ['admin', 'supervisor'] },
  'PUT /api/shifts/{id}': ADMIN,
  'DELETE /api/shifts/{id}': ADMIN,
  'GET /api/ivrs': { kind: 'tenant', roles: ['admin', 'supervisor'] },
  'POST /api/ivrs': ADMIN,
  'GET /api/ivrs/{id}': { kind: 'tenant', roles: ['admin', 'supervisor'] },
  'PUT /api/ivrs/{id}': ADMIN,
  'DELETE /api/ivrs/{id}': ADMIN,
  'GET /api/calls': { kind: 'tenant', roles: ['admin', 'supervisor'] },
  'GET /api/calls/{id}': { kind: 'tenant', roles: ['admin', 'supervisor'] },
  'GET /api/calls/{id}/recording': { kind: 'tenant', roles: ['admin', 'supervisor'] },
  'GET /api/voicemails': { kind: 'tenant', roles: ['admin', 'supervisor'] },
  'GET /api/voicemails/{id}/audio': { kind: 'tenant', roles: ['admin', 'supervisor'] },
  'GET /api/queues': { kind: 'tenant', roles: ['admin', 'supervisor'] },
  'POST /api/queues': ADMIN,
  'GET /api/queues/live': { kind: 'tenant', roles: ['admin', 'supervisor'] },
  'GET /api/queues/{id}': { kind: 'tenant', roles: ['admin', 'supervisor'] },
  'PATCH /api/queues/{id}': ADMIN,
  'DELETE /api/queues/{id}': ADMIN,
  'GET /api/pause-reasons': READERS,
  'POST /api/pause-reasons': ADMIN,
  'GET /api/pause-reasons/{id}': READERS,
  'PATCH /api/pause-reasons/{id}': ADMIN,
  'DELETE /api/pause-reasons/{id}': ADMIN,
  'GET /api/moh-classes': READERS,
  'POST /api/moh-classes': ADMIN,
  'GET /api/moh-classes/{id}': READERS,
  'PATCH /api/moh-classes/{id}': ADMIN,
  'DELETE /api/moh-classes/{id}': ADMIN,
  'GET /api/me/queue-status': READERS,
  'PUT /api/me/queue-status': READERS,
  'GET /api/queue-callbacks': { kind: 'tenant', roles: ['admin', 'supervisor'] },
  'DELETE /api/queue-callbacks/{id}': { kind: 'tenant', roles: ['admin', 'supervisor'] },
  'GET /api/queue-settings': { kind: 'tenant', roles: ['admin', 'supervisor'] },
  'PUT /api/queue-settings': ADMIN,
};

/** Valid bodies, so that a 404 comes from the tenant scope and not from validation. */
const BODIES: Record<string, unknown> = {
  'PATCH /api/users/{id}': { fullName: 'Hacked' },
  'PUT /api/users/{id}/device': { mode: 'sip' },
  'PUT /api/me/device': { mode: 'webphone' },
  'PUT /api/me/presence': { state: 'available' },
  'PATCH /api/user-groups/{id}': { name: 'Hacked' },
  'PATCH /api/ip-phones/{id}': { label: 'Hacked' },
  'PATCH /api/prompts/{id}': { name: 'Hacked' },
  'PATCH /api/tenants/{id}': { companyName: 'Hacked' },
  'POST /api/tenants/{id}/suspend': { reason: 'Hacked' },
  'PATCH /api/hotlines/{id}': { note: 'Hacked' },
  'PATCH /api/trunks/{id}': { name: 'Hacked' },
  'POST /api/operator/hotlines/{id}/status': { status: 'waiting_contract' },
  'PATCH /api/flows/{id}': { name: 'Hacked' },
  'POST /api/flows': { name: 'Hacked' },
  'POST /api/flows/{id}/simulate': {},
  'PUT /api/shifts/{id}': { node: { type: 'shift' } },
  'PUT /api/ivrs/{id}': { node: { type: 'ivr' } },
  'POST /api/queues': { name: 'Hacked' },
  'PATCH /api/queues/{id}': { name: 'Hacked' },
  'POST /api/pause-reasons': { name: 'Hacked' },
  'PATCH /api/pause-reasons/{id}': { name: 'Hacked' },
  'POST /api/moh-classes': { name: 'Hacked', promptIds: [1] },
  'PATCH /api/moh-classes/{id}': { name: 'Hacked' },
  'PUT /api/me/queue-status': { paused: false },
  'PUT /api/queue-settings': { recordAll: false },
};

const TENANT_ROLES = ['admin', 'supervisor', 'agent'] as const;

describe('the isolation matrix: every endpoint, as another tenant and as each lower role', () => {
  const info = stackInfo();
  const anonymous = new ApiClient(`${info.apiUrl}/api`);
  let proc: AppProcess;
  let operations: string[];
  /** Tenant "home" owns the data; "other" is the intruding tenant. */
  const home = {} as Record<(typeof TENANT_ROLES)[number], ApiClient>;
  const other = {} as Record<(typeof TENANT_ROLES)[number], ApiClient>;
  let operator: ApiClient;
  let victim: TenantUser;
  let group: UserGroup;
  let phone: IpPhone;
  let prompt: PromptView;
  let hotline: HotlineView;
  let flow: FlowView;
  let queue: QueueView;
  let reason: PauseReasonView;
  let mohClass: MohClassView;
  let homeTenantId: number;
  let homeAgentId: number;

  beforeAll(async () => {
    proc = await startApi(info);
    const doc = (await (await fetch(`${info.apiUrl}/api/docs-json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    operator = (await anonymous.login(info.logins.operator.email, info.logins.operator.password)).client;
    for (const [side, clients] of [
      ['home', home],
      ['other', other],
    ] as const) {
      const signed = await signupTenant(anonymous);
      clients.admin = signed.client;
      if (side === 'home') homeTenantId = signed.session.user.tenantId!;
      clients.supervisor = (await invitedMember(signed.client, info.mailSinkUrl!, 'supervisor')).client;
      const agent = await invitedMember(signed.client, info.mailSinkUrl!, 'agent');
      clients.agent = agent.client;
      if (side === 'home') homeAgentId = agent.user.id;
    }
    group = await home.admin.expect<UserGroup>(201, 'POST', '/user-groups', { name: 'Nhóm Bí Mật' });
    victim = await home.admin.expect<TenantUser>(201, 'POST', '/users', {
      fullName: 'Nạn Nhân Bí Mật',
      email: `victim-${Date.now()}@example.com`,
      role: 'agent',
      groupIds: [group.id],
    });
    phone = await home.admin.expect<IpPhone>(201, 'POST', '/ip-phones', {
      mac: Array.from({ length: 6 }, () =>
        Math.floor(Math.random() * 256)
          .toString(16)
          .padStart(2, '0'),
      ).join(''),
      vendor: 'yealink',
      label: 'Máy Bí Mật',
    });
    const uploaded = await uploadPrompt(home.admin, { name: 'Lời chào Bí Mật' }, await makeAudio('wav', 1));
    if (uploaded.status !== 201) throw new Error(`prompt upload failed: ${await uploaded.text()}`);
    prompt = (await uploaded.json()) as PromptView;
    hotline = await home.admin.expect<HotlineView>(201, 'POST', '/hotlines', {
      number: `1800${Math.floor(100000 + Math.random() * 900000)}`,
      note: 'Số Bí Mật',
    });
    flow = await home.admin.expect<FlowView>(201, 'POST', '/flows', {
      name: 'Luồng Bí Mật',
      draft: {
        version: 1,
        entry: 'hours',
        nodes: [
          {
            id: 'hours',
            type: 'shift',
            label: 'Ca Bí Mật',
            schedule: { timeZone: 'Asia/Ho_Chi_Minh', weekly: [], holidays: [], exceptions: [] },
            inHours: 'end',
            outOfHours: 'end',
          },
          { id: 'end', type: 'hangup' },
        ],
      },
    });
    mohClass = await home.admin.expect<MohClassView>(201, 'POST', '/moh-classes', {
      name: 'Nhạc Bí Mật',
      promptIds: [prompt.id],
    });
    reason = await home.admin.expect<PauseReasonView>(201, 'POST', '/pause-reasons', { name: 'Nghỉ Bí Mật' });
    queue = await home.admin.expect<QueueView>(201, 'POST', '/queues', {
      name: 'Hàng đợi Bí Mật',
      mohClassId: mohClass.id,
      members: [
        { kind: 'user', id: victim.id },
        { kind: 'group', id: group.id },
      ],
    });
  });

  afterAll(async () => {
    await proc?.stop();
  });

  /** The operation's path with the home tenant's ids, relative to /api. */
  function pathOf(op: string): string {
    const path = op.split(' ')[1].replace(/^\/api/, '');
    if (path.startsWith('/users/')) return path.replace('{id}', String(victim.id));
    if (path.startsWith('/user-groups/')) return path.replace('{id}', String(group.id));
    if (path.startsWith('/tenants/')) return path.replace('{id}', String(homeTenantId));
    if (path.startsWith('/operator/sip-blocks/')) return path.replace('{address}', '192.0.2.1');
    if (path.startsWith('/ip-phones/')) return path.replace('{id}', String(phone.id));
    if (path.startsWith('/prompts/')) return path.replace('{id}', String(prompt.id));
    if (path.startsWith('/hotlines/') || path.startsWith('/operator/hotlines/'))
      return path.replace('{id}', String(hotline.id));
    // Trunks are platform data: only operators reach them (and the matrix never lets one write).
    if (path.startsWith('/trunks/')) return path.replace('{id}', '999999');
    if (path.startsWith('/flows/')) return path.replace('{id}', String(flow.id));
    // Real calls and messages of a tenant are covered by hotline-calls.test.ts (another
    // tenant's ids answer 404 there); here any id must be 404 for the intruder.
    if (path.startsWith('/calls/') || path.startsWith('/voicemails/')) return path.replace('{id}', '1');
    // Callbacks come from real calls: the other tenant's 404 is in queue-callbacks.test.ts.
    if (path.startsWith('/queue-callbacks/')) return path.replace('{id}', '1');
    if (path.startsWith('/queues/')) return path.replace('{id}', String(queue.id));
    if (path.startsWith('/pause-reasons/')) return path.replace('{id}', String(reason.id));
    if (path.startsWith('/moh-classes/')) return path.replace('{id}', String(mohClass.id));
    if (path.startsWith('/shifts/') || path.startsWith('/ivrs/'))
      return path.replace('{id}', `${flow.id}.hours`);
    return path;
  }

  function send(client: ApiClient, op: string): Promise<Response> {
    return client.call(op.split(' ')[0], pathOf(op), BODIES[op]);
  }

  function leaks(body: string): boolean {
    return body.includes('Bí Mật') || body.includes(victim.email);
  }

  it('given the OpenAPI document then every operation has an access rule, and every rule an operation', () => {
    expect([...operations].sort()).toEqual(Object.keys(POLICY).sort());
  });

  it('given no token then every non-public operation answers 401', async () => {
    for (const op of operations.filter((o) => POLICY[o].kind !== 'public')) {
      const res = await send(anonymous, op);
      expect(`${op} → ${res.status}`).toBe(`${op} → 401`);
    }
  });

  it('given each role of the owning tenant and an operator then operations outside their role answer 403', async () => {
    const principals: [UserRole, ApiClient][] = [
      ['admin', home.admin],
      ['supervisor', home.supervisor],
      ['agent', home.agent],
      ['operator', operator],
    ];
    for (const op of operations) {
      const access = POLICY[op];
      if (access.kind === 'public' || access.kind === 'self') continue;
      const allowed = access.kind === 'platform' ? ['operator'] : access.roles;
      for (const [role, client] of principals) {
        if (allowed.includes(role)) continue;
        const res = await send(client, op);
        expect(`${role} ${op} → ${res.status}`).toBe(`${role} ${op} → 403`);
      }
    }
    // Agents may read one user: themself.
    expect((await home.agent.call('GET', `/users/${victim.id}`)).status).toBe(403);
    expect((await home.agent.call('GET', `/users/${homeAgentId}`)).status).toBe(200);
  });

  it("given each role of another tenant then the home tenant's ids answer 404 and lists hold none of its data", async () => {
    for (const op of operations) {
      const access = POLICY[op];
      if (access.kind !== 'tenant') continue;
      for (const role of access.roles) {
        const client = other[role as (typeof TENANT_ROLES)[number]];
        const [method, path] = op.split(' ');
        const res = await send(client, op);
        const text = await res.text();
        expect(leaks(text)).toBe(false);
        if (path.includes('{id}')) {
          expect(`${role} ${op} → ${res.status}`).toBe(`${role} ${op} → 404`);
        } else if (method === 'GET') {
          expect(`${role} ${op} → ${res.status}`).toBe(`${role} ${op} → 200`);
        }
      }
    }
    // Searching for the victim or listing a foreign group's members finds nothing.
    for (const query of [`search=${encodeURIComponent(victim.email)}`, `groupId=${group.id}`]) {
      expect((await other.admin.expect<{ total: number }>(200, 'GET', `/users?${query}`)).total).toBe(0);
    }
    // A foreign group cannot be attached to a user of one's own tenant.
    expect(
      await other.admin.fieldCodes('POST', '/users', {
        fullName: 'Kẻ Lạ',
        email: `stranger-${Date.now()}@example.com`,
        role: 'agent',
        groupIds: [group.id],
      }),
    ).toEqual({ groupIds: 'unknown_group' });
  });

  it('given self and log operations then each caller sees only their own data', async () => {
    for (const role of TENANT_ROLES) {
      const me = await other[role].expect<{ email: string }>(200, 'GET', '/auth/me');
      expect(leaks(JSON.stringify(me))).toBe(false);
    }
    const otherLog = await other.admin.expect<AuditPage>(200, 'GET', '/audit-log?pageSize=100');
    expect(leaks(JSON.stringify(otherLog))).toBe(false);
    const platformLog = await operator.expect<AuditPage>(200, 'GET', '/audit-log?pageSize=100');
    expect(platformLog.items.every((e) => e.tenantId === null)).toBe(true);
    expect(leaks(JSON.stringify(platformLog))).toBe(false);
  });

  it('given all the attempts above then nothing of the home tenant changed', async () => {
    expect(await home.admin.expect<TenantUser>(200, 'GET', `/users/${victim.id}`)).toEqual(victim);
    expect((await home.admin.expect<UserGroup>(200, 'GET', `/user-groups/${group.id}`)).name).toBe(
      'Nhóm Bí Mật',
    );
    const tenant = await operator.expect<Tenant>(200, 'GET', `/tenants/${homeTenantId}`);
    expect(tenant.status).toBe('active');
    expect(tenant.name).not.toBe('Hacked');
    expect(await home.admin.expect<PromptView>(200, 'GET', `/prompts/${prompt.id}`)).toEqual(prompt);
    expect(await home.admin.expect<IpPhone>(200, 'GET', `/ip-phones/${phone.id}`)).toMatchObject({
      label: 'Máy Bí Mật',
      updatedAt: phone.updatedAt,
    });
    expect(await home.admin.expect<HotlineView>(200, 'GET', `/hotlines/${hotline.id}`)).toEqual(hotline);
    const homeFlow = await home.admin.expect<FlowView>(200, 'GET', `/flows/${flow.id}`);
    expect(homeFlow).toMatchObject({ name: 'Luồng Bí Mật', publishedVersion: null, draft: flow.draft });
    expect(await home.admin.expect<QueueView>(200, 'GET', `/queues/${queue.id}`)).toEqual(queue);
    expect(await home.admin.expect<MohClassView>(200, 'GET', `/moh-classes/${mohClass.id}`)).toEqual(
      mohClass,
    );
    expect(await home.admin.expect<PauseReasonView>(200, 'GET', `/pause-reasons/${reason.id}`)).toEqual(
      reason,
    );
    // Another tenant's agent sees none of the home queues as theirs, nor their live state.
    const status = await other.agent.expect<QueueStatusView>(200, 'GET', '/me/queue-status');
    expect(status.queues).toEqual([]);
    const otherLive = await other.admin.expect<QueueLiveView[]>(200, 'GET', '/queues/live');
    expect(otherLive.map((l) => l.queueId)).not.toContain(queue.id);
    expect(leaks(JSON.stringify(otherLive))).toBe(false);
    const log = await home.admin.expect<AuditPage>(200, 'GET', '/audit-log?pageSize=100');
    // Only the home admin's own setup actions: two invitations, a group, the victim, a phone, a
    // prompt, a hotline request, a flow, a music class, a pause reason, a queue.
    expect(log.items.map((e) => e.action).sort()).toEqual([
      'flow.create',
      'group.create',
      'hotline.request',
      'ip_phone.create',
      'moh_class.create',
      'pause_reason.create',
      'prompt.create',
      'queue.create',
      'user.invite',
      'user.invite',
      'user.invite',
    ]);
  });
});
