import { randomUUID } from 'node:crypto';
import type {
  ApiErrorBody,
  AuditPage,
  Tenant,
  TenantPage,
  TenantUser,
  UserGroup,
  UserPage,
} from '#contracts';
import { createDataSource } from '#database';
import { startApi } from '../support/api.js';
import { ApiClient, inviteTokenIn, signupTenant, TEST_PASSWORD, uniquePhone } from '../support/api-client.js';
import { waitForMail } from '../support/mail-sink.js';
import type { AppProcess } from '../support/processes.js';
import { stackInfo } from '../support/stack-info.js';

describe('operators, tenants, audit log and live session checks on the real servers', () => {
  const info = stackInfo();
  const anonymous = new ApiClient(`${info.apiUrl}/api`);
  const db = createDataSource(info.env.DATABASE_URL);
  let proc: AppProcess;
  let operator: ApiClient;

  beforeAll(async () => {
    [proc] = await Promise.all([startApi(info), db.initialize()]);
    operator = (await anonymous.login(info.logins.operator.email, info.logins.operator.password)).client;
  });

  afterAll(async () => {
    await proc?.stop();
    await db.destroy();
  });

  async function tenantCount(): Promise<number> {
    const [row] = await db.query<{ n: string }[]>('SELECT COUNT(*) AS n FROM tenants');
    return Number(row.n);
  }

  /** An operator-created tenant whose invited admin has set a password and signed in. */
  async function createdTenant(quotas?: Record<string, number>) {
    const id = randomUUID();
    const adminEmail = `op-admin-${id}@example.com`;
    const tenant = await operator.expect<Tenant>(201, 'POST', '/tenants', {
      companyName: `Công ty Vận hành ${id}`,
      adminFullName: 'Lê Văn Cường',
      adminEmail,
      adminPhone: uniquePhone(),
      ...(quotas ? { quotas } : {}),
    });
    const mail = await waitForMail(info.mailSinkUrl!, adminEmail);
    await anonymous.expect(204, 'POST', '/auth/reset-password', {
      token: inviteTokenIn(mail.text),
      password: TEST_PASSWORD,
    });
    const { client, session } = await anonymous.login(adminEmail, TEST_PASSWORD);
    return { tenant, admin: client, session, adminEmail };
  }

  describe('tenants', () => {
    it('given an operator when creating a tenant then its admin is invited, sets a password and signs in as admin 1001', async () => {
      const { tenant, session, adminEmail } = await createdTenant();
      expect(tenant).toMatchObject({
        status: 'active',
        quotas: { users: 20, concurrentCalls: 10, hotlines: 5 },
        usage: { users: 1, activeCalls: 0, hotlines: 0, callsLast30Days: 0 },
        adminEmail,
        suspendedAt: null,
      });
      expect(tenant.slug).toMatch(/^cong-ty-van-hanh-/);
      expect(session.user).toMatchObject({ role: 'admin', tenantId: tenant.id, extension: '1001' });

      const page = await operator.expect<TenantPage>(
        200,
        'GET',
        `/tenants?search=${encodeURIComponent(tenant.slug)}`,
      );
      expect(page.items.map((t) => t.id)).toEqual([tenant.id]);
      expect(await operator.expect<Tenant>(200, 'GET', `/tenants/${tenant.id}`)).toEqual(page.items[0]);
    });

    it('given bad or taken details when creating a tenant then 400 names each field and nothing is created', async () => {
      const { tenant, adminEmail } = await createdTenant();
      const before = await tenantCount();
      expect(await operator.fieldCodes('POST', '/tenants', {})).toMatchObject({
        companyName: 'required',
        adminFullName: 'required',
        adminEmail: 'required',
      });
      expect(
        await operator.fieldCodes('POST', '/tenants', {
          companyName: 'x'.repeat(201),
          adminFullName: 42,
          adminEmail: 'not-an-email',
          adminPhone: '123',
          quotas: { users: 0, concurrentCalls: -1, hotlines: 'five', extra: 1 },
          plan: 'gold',
        }),
      ).toEqual({
        companyName: 'too_long',
        adminFullName: 'invalid_type',
        adminEmail: 'invalid_email',
        adminPhone: 'invalid_phone',
        'quotas.users': 'too_small',
        'quotas.concurrentCalls': 'too_small',
        'quotas.hotlines': 'invalid_type',
        'quotas.extra': 'unknown_field',
        plan: 'unknown_field',
      });
      expect(
        await operator.fieldCodes('POST', '/tenants', {
          companyName: tenant.name,
          adminFullName: 'Người Khác',
          adminEmail,
        }),
      ).toEqual({ companyName: 'taken', adminEmail: 'taken' });
      expect(await tenantCount()).toBe(before);
    });

    it('given a tenant when renamed and its quotas changed then it shows them, and a users quota below usage is refused', async () => {
      const { tenant, admin } = await createdTenant();
      await admin.expect(201, 'POST', '/users', {
        fullName: 'Người Hai',
        email: `u-${randomUUID()}@example.com`,
        role: 'agent',
      });
      const renamed = `${tenant.name} (mới)`;
      const updated = await operator.expect<Tenant>(200, 'PATCH', `/tenants/${tenant.id}`, {
        companyName: renamed,
        quotas: { users: 2, concurrentCalls: 3 },
      });
      expect(updated).toMatchObject({ name: renamed, quotas: { users: 2, concurrentCalls: 3, hotlines: 5 } });
      expect(updated.usage.users).toBe(2);

      expect(
        await operator.fieldCodes('PATCH', `/tenants/${tenant.id}`, {
          companyName: 'Khác',
          quotas: { users: 1 },
        }),
      ).toEqual({ 'quotas.users': 'below_usage' });
      expect(await operator.expect<Tenant>(200, 'GET', `/tenants/${tenant.id}`)).toMatchObject({
        name: renamed,
        quotas: { users: 2 },
      });
      // The quota now stops the admin from inviting a third user.
      const full = await admin.expect<ApiErrorBody>(409, 'POST', '/users', {
        fullName: 'Người Ba',
        email: `u-${randomUUID()}@example.com`,
        role: 'agent',
      });
      expect(full.code).toBe('quota_users_reached');
    });

    it('given a suspended tenant then its live token, refresh and login are refused with tenant_suspended, and reactivation restores sign-in', async () => {
      const { tenant, admin, adminEmail } = await createdTenant();
      const suspended = await operator.expect<Tenant>(200, 'POST', `/tenants/${tenant.id}/suspend`, {
        reason: 'Chưa thanh toán',
      });
      expect(suspended).toMatchObject({ status: 'suspended', suspendReason: 'Chưa thanh toán' });
      expect(suspended.suspendedAt).not.toBeNull();

      expect((await admin.expect<ApiErrorBody>(403, 'GET', '/users')).code).toBe('tenant_suspended');
      const login = await anonymous.expect<ApiErrorBody>(403, 'POST', '/auth/login', {
        email: adminEmail,
        password: TEST_PASSWORD,
      });
      expect(login.code).toBe('tenant_suspended');
      const [{ n: liveSessions }] = await db.query<{ n: string }[]>(
        'SELECT COUNT(*) AS n FROM refresh_tokens r JOIN users u ON u.id = r.user_id WHERE u.tenant_id = ? AND r.revoked_at IS NULL',
        [tenant.id],
      );
      expect(Number(liveSessions)).toBe(0);
      expect(
        (await operator.expect<ApiErrorBody>(409, 'POST', `/tenants/${tenant.id}/suspend`, {})).code,
      ).toBe('tenant_already_suspended');
      const filtered = await operator.expect<TenantPage>(
        200,
        'GET',
        `/tenants?status=suspended&search=${tenant.slug}`,
      );
      expect(filtered.items.map((t) => t.id)).toEqual([tenant.id]);

      expect(await operator.expect<Tenant>(200, 'POST', `/tenants/${tenant.id}/reactivate`)).toMatchObject({
        status: 'active',
        suspendedAt: null,
        suspendReason: null,
      });
      const again = await anonymous.login(adminEmail, TEST_PASSWORD);
      await again.client.expect<UserPage>(200, 'GET', '/users');
      expect(
        (await operator.expect<ApiErrorBody>(409, 'POST', `/tenants/${tenant.id}/reactivate`)).code,
      ).toBe('tenant_not_suspended');
    });

    it('given tenant users when they call the operator endpoints then 403, and an operator gets 403 on tenant data', async () => {
      const { client: admin } = await signupTenant(anonymous);
      expect((await admin.call('GET', '/tenants')).status).toBe(403);
      expect((await admin.call('POST', '/tenants', {})).status).toBe(403);
      expect((await operator.call('GET', '/users')).status).toBe(403);
      expect((await operator.call('GET', '/user-groups')).status).toBe(403);
      expect((await operator.call('GET', '/tenants/999999999')).status).toBe(404);
      expect((await operator.call('GET', '/tenants/abc')).status).toBe(404);
      expect(await operator.fieldCodes('GET', '/tenants?status=closed&pageSize=1000')).toEqual({
        status: 'invalid_value',
        pageSize: 'too_large',
      });
    });
  });

  describe('live session checks', () => {
    it('given a disabled user or a changed role then the very next request with the old token sees it', async () => {
      const { client: admin } = await signupTenant(anonymous);
      const email = `agent-${randomUUID()}@example.com`;
      const user = await admin.expect<TenantUser>(201, 'POST', '/users', {
        fullName: 'Nhân Viên',
        email,
        role: 'admin',
      });
      await anonymous.expect(204, 'POST', '/auth/reset-password', {
        token: inviteTokenIn((await waitForMail(info.mailSinkUrl!, email)).text),
        password: TEST_PASSWORD,
      });
      const { client: second } = await anonymous.login(email, TEST_PASSWORD);
      await second.expect<UserPage>(200, 'GET', '/users');

      await admin.expect(200, 'PATCH', `/users/${user.id}`, { role: 'agent' });
      expect((await second.call('GET', '/users')).status).toBe(403);
      await admin.expect(200, 'PATCH', `/users/${user.id}`, { status: 'disabled' });
      expect((await second.call('GET', '/auth/me')).status).toBe(401);
    });
  });

  describe('invitations', () => {
    it('given an invited user when the invitation is resent then only the new link works; an active user gets 409 not_invited', async () => {
      const { client: admin, session } = await signupTenant(anonymous);
      const email = `inv-${randomUUID()}@example.com`;
      const user = await admin.expect<TenantUser>(201, 'POST', '/users', {
        fullName: 'Mời Lại',
        email,
        role: 'agent',
      });
      const first = inviteTokenIn((await waitForMail(info.mailSinkUrl!, email)).text);
      await admin.expect(204, 'POST', `/users/${user.id}/invitation`);
      const second = await (async () => {
        for (let i = 0; i < 50; i++) {
          const token = inviteTokenIn((await waitForMail(info.mailSinkUrl!, email)).text);
          if (token !== first) return token;
          await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error('no second invitation mail');
      })();
      expect(
        await anonymous.fieldCodes('POST', '/auth/reset-password', { token: first, password: TEST_PASSWORD }),
      ).toEqual({
        token: 'invalid_token',
      });
      await anonymous.expect(204, 'POST', '/auth/reset-password', { token: second, password: TEST_PASSWORD });
      expect((await admin.expect<ApiErrorBody>(409, 'POST', `/users/${user.id}/invitation`)).code).toBe(
        'not_invited',
      );
      expect((await admin.call('POST', `/users/${session.user.id}/invitation`)).status).toBe(409);
    });

    it('given groups when users are filtered by group or searched by extension then only matches are listed', async () => {
      const { client: admin } = await signupTenant(anonymous);
      const group = await admin.expect<UserGroup>(201, 'POST', '/user-groups', { name: 'Kinh doanh' });
      const a = await admin.expect<TenantUser>(201, 'POST', '/users', {
        fullName: 'Thành Viên',
        email: `m-${randomUUID()}@example.com`,
        role: 'agent',
        groupIds: [group.id],
      });
      await admin.expect<TenantUser>(201, 'POST', '/users', {
        fullName: 'Ngoài Nhóm',
        email: `o-${randomUUID()}@example.com`,
        role: 'agent',
      });
      const members = await admin.expect<UserPage>(200, 'GET', `/users?groupId=${group.id}`);
      expect(members.items.map((u) => u.id)).toEqual([a.id]);
      const byExtension = await admin.expect<UserPage>(200, 'GET', `/users?search=${a.extension}`);
      expect(byExtension.items.map((u) => u.id)).toEqual([a.id]);
      // Another tenant's group id filters to nothing rather than leaking its members.
      const { client: other } = await signupTenant(anonymous);
      expect((await other.expect<UserPage>(200, 'GET', `/users?groupId=${group.id}`)).items).toEqual([]);
    });
  });

  describe('audit log', () => {
    it("given admin actions then the tenant's log holds who, what, when and before/after; other tenants and operators see none of it", async () => {
      const { client: admin, session, email: adminEmail } = await signupTenant(anonymous);
      const group = await admin.expect<UserGroup>(201, 'POST', '/user-groups', { name: 'Hỗ trợ' });
      await admin.expect(200, 'PATCH', `/user-groups/${group.id}`, { name: 'Chăm sóc' });
      const email = `audit-${randomUUID()}@example.com`;
      const user = await admin.expect<TenantUser>(201, 'POST', '/users', {
        fullName: 'Người Được Ghi',
        email,
        role: 'agent',
        groupIds: [group.id],
      });
      await admin.expect(200, 'PATCH', `/users/${user.id}`, { role: 'supervisor', fullName: 'Người Đã Sửa' });
      await admin.expect(200, 'PATCH', `/users/${user.id}`, { role: 'supervisor' }); // no change, no entry
      await admin.expect(204, 'POST', `/users/${user.id}/invitation`);
      await admin.expect(204, 'DELETE', `/user-groups/${group.id}`);
      await admin.expect(204, 'DELETE', `/users/${user.id}`);
      // A refused change leaves no entry.
      await admin.fieldCodes('PATCH', `/users/${session.user.id}`, { role: 'agent' });

      const log = await admin.expect<AuditPage>(200, 'GET', '/audit-log');
      expect(log.items.map((e) => e.action)).toEqual([
        'user.delete',
        'group.delete',
        'user.invitation_resent',
        'user.update',
        'user.invite',
        'group.update',
        'group.create',
      ]);
      for (const e of log.items) {
        expect(e.actor).toEqual({ id: session.user.id, email: adminEmail, fullName: 'Nguyễn Văn An' });
        expect(e.tenantId).toBe(session.user.tenantId);
        expect(Date.now() - Date.parse(e.at)).toBeLessThan(120_000);
        expect(e.ip).toMatch(/127\.0\.0\.1/);
      }
      const update = log.items.find((e) => e.action === 'user.update')!;
      expect(update).toMatchObject({
        targetType: 'user',
        targetId: user.id,
        targetLabel: email,
        before: { role: 'agent', fullName: 'Người Được Ghi' },
        after: { role: 'supervisor', fullName: 'Người Đã Sửa' },
      });
      expect(log.items.find((e) => e.action === 'group.update')).toMatchObject({
        before: { name: 'Hỗ trợ' },
        after: { name: 'Chăm sóc' },
      });
      expect(log.items.find((e) => e.action === 'user.delete')).toMatchObject({
        before: { email, role: 'supervisor', groupIds: [] },
        after: null,
      });
      expect(JSON.stringify(log)).not.toMatch(/password|hash/i);

      const filtered = await admin.expect<AuditPage>(200, 'GET', '/audit-log?action=user.update&pageSize=1');
      expect(filtered).toMatchObject({ total: 1, pageSize: 1 });
      const future = new Date(Date.now() + 3_600_000).toISOString();
      expect((await admin.expect<AuditPage>(200, 'GET', `/audit-log?from=${future}`)).total).toBe(0);
      expect(await admin.fieldCodes('GET', '/audit-log?action=user.fly&from=yesterday')).toEqual({
        action: 'invalid_value',
        from: 'invalid_value',
      });

      const { client: other } = await signupTenant(anonymous);
      expect((await other.expect<AuditPage>(200, 'GET', '/audit-log')).total).toBe(0);
      const platform = await operator.expect<AuditPage>(200, 'GET', '/audit-log?pageSize=100');
      expect(platform.items.every((e) => e.tenantId === null)).toBe(true);
      expect(JSON.stringify(platform)).not.toContain(email);
    });

    it('given operator actions on a tenant then the platform log holds them with before/after and the tenant admin does not see them', async () => {
      const { tenant, admin } = await createdTenant();
      await operator.expect(200, 'PATCH', `/tenants/${tenant.id}`, { quotas: { hotlines: 9 } });
      await operator.expect(200, 'POST', `/tenants/${tenant.id}/suspend`, { reason: 'Kiểm tra' });
      await operator.expect(200, 'POST', `/tenants/${tenant.id}/reactivate`);
      const log = await operator.expect<AuditPage>(200, 'GET', '/audit-log?targetType=tenant&pageSize=100');
      const mine = log.items.filter((e) => e.targetId === tenant.id);
      expect(mine.map((e) => e.action)).toEqual([
        'tenant.reactivate',
        'tenant.suspend',
        'tenant.update',
        'tenant.create',
      ]);
      expect(mine[1]).toMatchObject({
        before: { status: 'active', suspendReason: null },
        after: { status: 'suspended', suspendReason: 'Kiểm tra' },
        actor: { email: info.logins.operator.email },
        tenantId: null,
      });
      expect(mine[2]).toMatchObject({ before: { quotaHotlines: 5 }, after: { quotaHotlines: 9 } });
      const again = (
        await anonymous.login(
          (await operator.expect<Tenant>(200, 'GET', `/tenants/${tenant.id}`)).adminEmail!,
          TEST_PASSWORD,
        )
      ).client;
      const theirs = await again.expect<AuditPage>(200, 'GET', '/audit-log');
      expect(theirs.items.some((e) => e.action.startsWith('tenant.'))).toBe(false);
      expect((await admin.call('GET', '/audit-log')).status).toBe(200);
    });

    it('given supervisors and agents when they read the audit log then 403', async () => {
      const { client: admin } = await signupTenant(anonymous);
      for (const role of ['supervisor', 'agent'] as const) {
        const email = `${role}-${randomUUID()}@example.com`;
        await admin.expect(201, 'POST', '/users', { fullName: 'Người Thử', email, role });
        await anonymous.expect(204, 'POST', '/auth/reset-password', {
          token: inviteTokenIn((await waitForMail(info.mailSinkUrl!, email)).text),
          password: TEST_PASSWORD,
        });
        const { client } = await anonymous.login(email, TEST_PASSWORD);
        expect((await client.call('GET', '/audit-log')).status).toBe(403);
      }
    });
  });
});
