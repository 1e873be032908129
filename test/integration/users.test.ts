import { randomUUID } from 'node:crypto';
import type { ApiErrorBody, LoginResponse, TenantUser, UserGroup, UserPage } from '#contracts';
import { createDataSource } from '#database';
import { startApi } from '../support/api.js';
import { expectEventually } from '../support/eventually.js';
import type { AppProcess } from '../support/processes.js';
import { stackInfo } from '../support/stack-info.js';

interface SinkMessage {
  to: string[];
  subject: string;
  text: string;
}

const PASSWORD = 'Lúa-chín-vàng-2026';

function uniquePhone(): string {
  const digits = String(parseInt(randomUUID().replace(/-/g, '').slice(0, 12), 16))
    .slice(-8)
    .padStart(8, '0');
  return `09${digits}`;
}

describe('users and user groups on the real servers', () => {
  const info = stackInfo();
  const api = `${info.apiUrl}/api`;
  const db = createDataSource(info.env.DATABASE_URL);
  let proc: AppProcess;

  beforeAll(async () => {
    [proc] = await Promise.all([startApi(info), db.initialize()]);
  });

  afterAll(async () => {
    await proc?.stop();
    await db.destroy();
  });

  function call(token: string | null, method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${api}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        'accept-language': 'en',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async function json<T>(res: Response, status: number): Promise<T> {
    const text = await res.text();
    if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async function fieldCodes(res: Response): Promise<Record<string, string>> {
    const body = await json<ApiErrorBody>(res, 400);
    expect(body.code).toBe('validation_failed');
    return Object.fromEntries((body.fields ?? []).map((f) => [f.field, f.code]));
  }

  /** A fresh tenant and its signed-in admin. */
  async function tenant(): Promise<{ token: string; session: LoginResponse }> {
    const id = randomUUID();
    const res = await call(null, 'POST', '/auth/signup', {
      fullName: 'Nguyễn Văn An',
      companyName: `Công ty ${id}`,
      email: `an-${id}@example.com`,
      phone: uniquePhone(),
      password: PASSWORD,
      acceptTerms: true,
      formElapsedMs: 8000,
    });
    const session = await json<LoginResponse>(res, 201);
    return { token: session.accessToken, session };
  }

  function newUser(overrides: Record<string, unknown> = {}) {
    return {
      fullName: 'Trần Thị Bình',
      email: `binh-${randomUUID()}@example.com`,
      role: 'agent',
      ...overrides,
    };
  }

  async function mailsTo(email: string): Promise<SinkMessage[]> {
    const all = (await (await fetch(`${info.mailSinkUrl}/api/messages`)).json()) as SinkMessage[];
    return all.filter((m) => m.to.includes(email));
  }

  /** Invites a user, accepts the invitation and signs them in; returns their token. */
  async function member(admin: string, role: string): Promise<{ token: string; user: TenantUser }> {
    const user = await json<TenantUser>(await call(admin, 'POST', '/users', newUser({ role })), 201);
    let mail: SinkMessage | undefined;
    await expectEventually(async () => {
      [mail] = await mailsTo(user.email);
      return mail !== undefined;
    });
    const token = /reset-password\?token=([A-Za-z0-9_-]+)&invite=1/.exec(mail!.text)?.[1];
    expect(token).toBeTruthy();
    await json(await call(null, 'POST', '/auth/reset-password', { token, password: PASSWORD }), 204);
    const login = await json<LoginResponse>(
      await call(null, 'POST', '/auth/login', { email: user.email, password: PASSWORD }),
      200,
    );
    return { token: login.accessToken, user };
  }

  describe('users', () => {
    it('given an admin (extension 1001 from sign-up) when inviting users then they get 1002, 1003 and are listed', async () => {
      const { token, session } = await tenant();
      expect(session.user.extension).toBe('1001');
      const a = await json<TenantUser>(
        await call(token, 'POST', '/users', newUser({ phone: uniquePhone() })),
        201,
      );
      const b = await json<TenantUser>(
        await call(token, 'POST', '/users', newUser({ role: 'supervisor' })),
        201,
      );
      expect(a).toMatchObject({ status: 'invited', extension: '1002', role: 'agent', groupIds: [] });
      expect(a.phone).toMatch(/^\+84\d{9}$/);
      expect(b).toMatchObject({ status: 'invited', extension: '1003', role: 'supervisor' });

      const page = await json<UserPage>(await call(token, 'GET', '/users?page=1&pageSize=2'), 200);
      expect(page).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect(page.items).toHaveLength(2);
      const found = await json<UserPage>(
        await call(token, 'GET', `/users?search=${encodeURIComponent(b.email)}`),
        200,
      );
      expect(found.items.map((u) => u.id)).toEqual([b.id]);
      expect(await json<TenantUser>(await call(token, 'GET', `/users/${a.id}`), 200)).toEqual(a);
    });

    it('given an invitation mail when its token sets a password then the user is active and can sign in', async () => {
      const { token } = await tenant();
      const { user, token: agentToken } = await member(token, 'agent');
      const [row] = await db.query('SELECT status FROM users WHERE id = ?', [user.id]);
      expect(row.status).toBe('active');
      expect(agentToken.split('.')).toHaveLength(3);
      const [mail] = await mailsTo(user.email);
      expect(mail.subject).toMatch(/Lời mời|invitation/);
    });

    it('given invalid bodies when creating a user then 400 names each field', async () => {
      const { token } = await tenant();
      expect(await fieldCodes(await call(token, 'POST', '/users', {}))).toEqual({
        fullName: 'required',
        email: 'required',
        role: 'required',
      });
      expect(
        await fieldCodes(
          await call(token, 'POST', '/users', {
            fullName: 'x'.repeat(101),
            email: 'nope',
            role: 'operator',
            phone: 12,
            groupIds: 'a',
            tenantId: 1,
          }),
        ),
      ).toEqual({
        fullName: 'too_long',
        email: 'invalid_email',
        role: 'invalid_value',
        phone: 'invalid_type',
        groupIds: 'invalid_type',
        tenantId: 'unknown_field',
      });
      expect(await fieldCodes(await call(token, 'GET', '/users?pageSize=abc'))).toEqual({
        pageSize: 'invalid_type',
      });
    });

    it('given a used email or phone when creating a user then 400 taken', async () => {
      const { token, session } = await tenant();
      expect(
        await fieldCodes(await call(token, 'POST', '/users', newUser({ email: session.user.email }))),
      ).toEqual({
        email: 'taken',
      });
      const phone = uniquePhone();
      await json(await call(token, 'POST', '/users', newUser({ phone })), 201);
      expect(await fieldCodes(await call(token, 'POST', '/users', newUser({ phone })))).toEqual({
        phone: 'taken',
      });
    });

    it('given the user quota reached when creating a user then 409 quota_users_reached', async () => {
      const { token, session } = await tenant();
      await db.query('UPDATE tenants SET quota_users = 2 WHERE id = ?', [session.user.tenantId]);
      await json(await call(token, 'POST', '/users', newUser()), 201);
      const body = await json<ApiErrorBody>(await call(token, 'POST', '/users', newUser()), 409);
      expect(body.code).toBe('quota_users_reached');
      expect(body.message).toMatch(/limit of 2 users/);
    });

    it('given a user when updated and soft-deleted then changes apply, it is hidden and cannot sign in', async () => {
      const { token } = await tenant();
      const group = await json<UserGroup>(await call(token, 'POST', '/user-groups', { name: 'Sales' }), 201);
      const { user } = await member(token, 'agent');
      const updated = await json<TenantUser>(
        await call(token, 'PATCH', `/users/${user.id}`, {
          fullName: 'Lê Văn C',
          role: 'supervisor',
          groupIds: [group.id],
        }),
        200,
      );
      expect(updated).toMatchObject({ fullName: 'Lê Văn C', role: 'supervisor', groupIds: [group.id] });
      expect(
        (await json<UserGroup>(await call(token, 'GET', `/user-groups/${group.id}`), 200)).memberCount,
      ).toBe(1);

      await json(await call(token, 'DELETE', `/users/${user.id}`), 204);
      await json(await call(token, 'GET', `/users/${user.id}`), 404);
      const page = await json<UserPage>(await call(token, 'GET', '/users'), 200);
      expect(page.items.map((u) => u.id)).not.toContain(user.id);
      const [row] = await db.query('SELECT status, deleted_at, email FROM users WHERE id = ?', [user.id]);
      expect(row.status).toBe('deleted');
      expect(row.deleted_at).not.toBeNull();
      expect(row.email).toBe(user.email);
      await json(await call(null, 'POST', '/auth/login', { email: user.email, password: PASSWORD }), 401);
    });

    it('given an admin when demoting, disabling or deleting themself then 400', async () => {
      const { token, session } = await tenant();
      const me = session.user.id;
      expect(await fieldCodes(await call(token, 'PATCH', `/users/${me}`, { role: 'agent' }))).toEqual({
        role: 'cannot_change_self',
      });
      expect(await fieldCodes(await call(token, 'PATCH', `/users/${me}`, { status: 'disabled' }))).toEqual({
        status: 'cannot_change_self',
      });
      await json(await call(token, 'DELETE', `/users/${me}`), 400);
    });

    it('given an English-speaking admin when inviting a user then the invitation is in English', async () => {
      const { token } = await tenant();
      await json(await call(token, 'PATCH', '/auth/me', { language: 'en' }), 200);
      const invited = await json<TenantUser>(await call(token, 'POST', '/users', newUser()), 201);
      const mail = await expectEventually(async () => {
        const [m] = await mailsTo(invited.email);
        expect(m).toBeDefined();
        return m;
      });
      expect(mail.subject).toMatch(/^Your invitation/);
    });

    it('given an invited user when an admin tries to enable or disable them then 400 not_activated and nothing changes', async () => {
      const { token } = await tenant();
      const invited = await json<TenantUser>(await call(token, 'POST', '/users', newUser()), 201);
      for (const status of ['active', 'disabled']) {
        expect(await fieldCodes(await call(token, 'PATCH', `/users/${invited.id}`, { status }))).toEqual({
          status: 'not_activated',
        });
      }
      expect((await json<TenantUser>(await call(token, 'GET', `/users/${invited.id}`), 200)).status).toBe(
        'invited',
      );
    });

    it('given a disabled user when signing in then refused', async () => {
      const { token } = await tenant();
      const { user } = await member(token, 'agent');
      await json(await call(token, 'PATCH', `/users/${user.id}`, { status: 'disabled' }), 200);
      await json(await call(null, 'POST', '/auth/login', { email: user.email, password: PASSWORD }), 403);
    });
  });

  describe('user groups', () => {
    it('given an admin when creating, renaming, listing and deleting groups then each works', async () => {
      const { token } = await tenant();
      const g = await json<UserGroup>(
        await call(token, 'POST', '/user-groups', { name: '  CSKH  miền Bắc ' }),
        201,
      );
      expect(g).toMatchObject({ name: 'CSKH miền Bắc', memberCount: 0 });
      await json(await call(token, 'POST', '/user-groups', { name: 'Kinh doanh' }), 201);
      expect(await fieldCodes(await call(token, 'POST', '/user-groups', { name: 'kinh DOANH' }))).toEqual({
        name: 'taken',
      });
      expect(
        await fieldCodes(await call(token, 'PATCH', `/user-groups/${g.id}`, { name: 'Kinh doanh' })),
      ).toEqual({
        name: 'taken',
      });
      const renamed = await json<UserGroup>(
        await call(token, 'PATCH', `/user-groups/${g.id}`, { name: 'Hỗ trợ' }),
        200,
      );
      expect(renamed.name).toBe('Hỗ trợ');
      const list = await json<UserGroup[]>(await call(token, 'GET', '/user-groups'), 200);
      expect(list.map((x) => x.name)).toEqual(['Hỗ trợ', 'Kinh doanh']);
      await json(await call(token, 'DELETE', `/user-groups/${g.id}`), 204);
      await json(await call(token, 'GET', `/user-groups/${g.id}`), 404);
      expect(await fieldCodes(await call(token, 'POST', '/user-groups', {}))).toEqual({ name: 'required' });
      expect(
        await fieldCodes(await call(token, 'POST', '/user-groups', { name: 'x'.repeat(101), id: 3 })),
      ).toEqual({
        name: 'too_long',
        id: 'unknown_field',
      });
      expect(await fieldCodes(await call(token, 'POST', '/user-groups', { name: 5 }))).toEqual({
        name: 'invalid_type',
      });
    });

    it('given the same name in two tenants when creating groups then both succeed', async () => {
      const [a, b] = await Promise.all([tenant(), tenant()]);
      await json(await call(a.token, 'POST', '/user-groups', { name: 'Sales' }), 201);
      await json(await call(b.token, 'POST', '/user-groups', { name: 'Sales' }), 201);
    });
  });

  // Other tenants and every endpoint: test/integration/isolation.test.ts.
  describe('roles', () => {
    it('given a supervisor and an agent when writing then 403; reads as allowed', async () => {
      const { token } = await tenant();
      const group = await json<UserGroup>(await call(token, 'POST', '/user-groups', { name: 'G' }), 201);
      const sup = await member(token, 'supervisor');
      const agent = await member(token, 'agent');
      for (const t of [sup.token, agent.token]) {
        await json(await call(t, 'POST', '/users', newUser()), 403);
        await json(await call(t, 'PATCH', `/users/${agent.user.id}`, { fullName: 'X' }), 403);
        await json(await call(t, 'DELETE', `/users/${agent.user.id}`), 403);
        await json(await call(t, 'POST', '/user-groups', { name: 'H' }), 403);
        await json(await call(t, 'PATCH', `/user-groups/${group.id}`, { name: 'H' }), 403);
        await json(await call(t, 'DELETE', `/user-groups/${group.id}`), 403);
        await json(await call(t, 'GET', '/user-groups'), 200);
        await json(await call(t, 'GET', `/user-groups/${group.id}`), 200);
      }
      await json(await call(sup.token, 'GET', '/users'), 200);
      await json(await call(sup.token, 'GET', `/users/${agent.user.id}`), 200);
      await json(await call(agent.token, 'GET', '/users'), 403);
      await json(await call(agent.token, 'GET', `/users/${agent.user.id}`), 200);
      await json(await call(agent.token, 'GET', `/users/${sup.user.id}`), 403);
      await json(await call(null, 'GET', '/users'), 401);
    });
  });
});
