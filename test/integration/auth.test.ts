import { createHash, randomUUID } from 'node:crypto';
import type { ApiErrorBody, LoginResponse, SessionUser, SignupConflictBody } from '#contracts';
import { createDataSource } from '#database';
import { startApi } from '../support/api.js';
import { expectEventually } from '../support/eventually.js';
import type { AppProcess } from '../support/processes.js';
import { stackInfo } from '../support/stack-info.js';

interface SinkMessage {
  id: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
}

const PASSWORD = 'Lúa-chín-vàng-2026';

/** A unique, valid sign-up body: tests never collide and need no cleanup. */
function signupBody(overrides: Record<string, unknown> = {}) {
  const id = randomUUID();
  const digits = String(parseInt(id.replace(/-/g, '').slice(0, 12), 16))
    .slice(-8)
    .padStart(8, '0');
  return {
    fullName: 'Nguyễn Văn An',
    companyName: `Công ty ${id}`,
    email: `an-${id}@example.com`,
    phone: `09${digits}`,
    password: PASSWORD,
    acceptTerms: true,
    formElapsedMs: 8000,
    ...overrides,
  };
}

function refreshCookieOf(res: Response): string | null {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('webcall_refresh='));
  const value = cookie?.split(';')[0].slice('webcall_refresh='.length);
  return value ? value : null;
}

describe('auth on the real servers', () => {
  const info = stackInfo();
  const base = `${info.apiUrl}/api/auth`;
  const db = createDataSource(info.env.DATABASE_URL);
  let api: AppProcess;

  beforeAll(async () => {
    // These tests sign up far more than a person would in a minute; the limit has its own test.
    [api] = await Promise.all([startApi(info, { AUTH_RATE_LIMIT_PER_MINUTE: '1000' }), db.initialize()]);
  });

  afterAll(async () => {
    await api?.stop();
    await db.destroy();
  });

  function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${base}/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  async function signup(overrides: Record<string, unknown> = {}) {
    const body = signupBody(overrides);
    const res = await post('signup', body);
    expect(res.status).toBe(201);
    return { body, session: (await res.json()) as LoginResponse, refresh: refreshCookieOf(res) };
  }

  function login(email: string, password: string): Promise<Response> {
    return post('login', { email, password });
  }

  function refresh(token: string): Promise<Response> {
    return fetch(`${base}/refresh`, { method: 'POST', headers: { cookie: `webcall_refresh=${token}` } });
  }

  async function fieldCodes(res: Response): Promise<Record<string, string>> {
    const body = (await res.json()) as ApiErrorBody;
    expect(body.code).toBe('validation_failed');
    return Object.fromEntries((body.fields ?? []).map((f) => [f.field, f.code]));
  }

  async function mailsTo(email: string): Promise<SinkMessage[]> {
    const all = (await (await fetch(`${info.mailSinkUrl}/api/messages`)).json()) as SinkMessage[];
    return all.filter((m) => m.to.includes(email));
  }

  function tokenOf(mail: SinkMessage): string {
    const match = /reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail.text);
    if (!match) throw new Error(`no reset link in ${mail.text}`);
    return match[1];
  }

  describe('sign-up', () => {
    it('given valid details when signing up then a tenant and its admin exist and the admin is signed in', async () => {
      const { body, session, refresh: cookie } = await signup();

      expect(session.user).toMatchObject({
        email: body.email,
        fullName: body.fullName,
        role: 'admin',
        tenantName: body.companyName,
        language: 'vi',
      });
      expect(session.user.phone).toMatch(/^\+84\d{9}$/);
      expect(session.accessToken.split('.')).toHaveLength(3);
      expect(session.expiresIn).toBe(900);
      expect(cookie).toBeTruthy();

      const [tenant] = await db.query('SELECT id, name FROM tenants WHERE id = ?', [session.user.tenantId]);
      expect(tenant.name).toBe(body.companyName);
      const [user] = await db.query('SELECT role, status, password_hash FROM users WHERE email = ?', [
        body.email,
      ]);
      expect(user).toMatchObject({ role: 'admin', status: 'active' });
      expect(user.password_hash).toMatch(/^\$argon2id\$/);
    });

    it('given a local phone number when signing up then it is stored as +84…', async () => {
      const { body, session } = await signup();
      expect(session.user.phone).toBe(`+84${body.phone.slice(1)}`);
    });

    it.each([
      [['email']],
      [['phone']],
      [['companyName']],
      [['email', 'phone']],
      [['phone', 'companyName']],
      [['email', 'phone', 'companyName']],
    ] as const)('given %j already used when signing up then 409 lists exactly those fields', async (dup) => {
      const { body: first } = await signup();
      const second = signupBody();
      const attempt = { ...second } as Record<string, unknown>;
      for (const field of dup) {
        // Case and spacing do not make a different email or company.
        if (field === 'email') attempt.email = first.email.toUpperCase();
        if (field === 'companyName') attempt.companyName = `  ${first.companyName.toLowerCase()} `;
        if (field === 'phone') attempt.phone = `+84${first.phone.slice(1)}`;
      }
      const res = await post('signup', attempt, { 'accept-language': 'en' });
      expect(res.status).toBe(409);
      const conflict = (await res.json()) as SignupConflictBody;
      expect(conflict.code).toBe('already_used');
      expect([...conflict.fields].sort()).toEqual([...dup].sort());
      expect(conflict.details?.map((d) => d.field).sort()).toEqual([...dup].sort());
      expect(conflict.details?.[0].message).toMatch(/already in use/);
    });

    it('given missing fields when signing up then 400 names each as required, in Vietnamese by default', async () => {
      const res = await post('signup', {});
      expect(res.status).toBe(400);
      const body = (await res.json()) as ApiErrorBody;
      const codes = Object.fromEntries((body.fields ?? []).map((f) => [f.field, f.code]));
      expect(codes).toEqual({
        fullName: 'required',
        companyName: 'required',
        email: 'required',
        phone: 'required',
        password: 'required',
        acceptTerms: 'required',
      });
      expect(body.message).toBe('Dữ liệu không hợp lệ.');
      expect(body.fields?.[0].message).toBe('Trường này là bắt buộc.');
    });

    it('given wrong types, overlong values, an unknown field and a bad phone when signing up then 400 names each, in English on request', async () => {
      const res = await post(
        'signup',
        signupBody({
          fullName: 42,
          companyName: 'x'.repeat(201),
          email: `${'e'.repeat(250)}@x.vn`,
          phone: '12345',
          acceptTerms: 'true',
          isAdmin: true,
        }),
        { 'accept-language': 'en-US,en;q=0.9' },
      );
      expect(res.status).toBe(400);
      const body = (await res.json()) as ApiErrorBody;
      const byField = Object.fromEntries((body.fields ?? []).map((f) => [f.field, f]));
      expect(byField.fullName.code).toBe('invalid_type');
      expect(byField.companyName).toMatchObject({ code: 'too_long', message: 'At most 200 characters.' });
      expect(byField.email.code).toBe('too_long');
      expect(byField.phone.code).toBe('invalid_phone');
      expect(byField.acceptTerms.code).toBe('invalid_type');
      expect(byField.isAdmin).toMatchObject({ code: 'unknown_field', message: 'This field is not allowed.' });
      expect(body.message).toBe('Some fields are invalid.');
    });

    it('given an overlong full name and a malformed email when signing up then both are reported', async () => {
      const res = await post('signup', signupBody({ fullName: 'a'.repeat(101), email: 'not-an-email' }));
      expect(res.status).toBe(400);
      expect(await fieldCodes(res)).toEqual({ fullName: 'too_long', email: 'invalid_email' });
    });

    it('given a short, a too long or a common password when signing up then 400 on password', async () => {
      const short = await post('signup', signupBody({ password: 'abc123' }));
      expect(await fieldCodes(short)).toEqual({ password: 'too_short' });
      const long = await post('signup', signupBody({ password: 'a'.repeat(129) }));
      expect(await fieldCodes(long)).toEqual({ password: 'too_long' });
      const common = await post('signup', signupBody({ password: '1234567890' }), {
        'accept-language': 'en',
      });
      expect(common.status).toBe(400);
      const body = (await common.json()) as ApiErrorBody;
      expect(body.fields).toEqual([
        {
          field: 'password',
          code: 'weak_password',
          message: 'This password is too common; choose another one.',
        },
      ]);
    });

    it('given the terms not accepted when signing up then 400 on acceptTerms', async () => {
      const res = await post('signup', signupBody({ acceptTerms: false }));
      expect(await fieldCodes(res)).toEqual({ acceptTerms: 'must_accept' });
    });

    it('given malformed JSON when signing up then 400 invalid_json', async () => {
      const res = await post('signup', '{"email":');
      expect(res.status).toBe(400);
      expect(((await res.json()) as ApiErrorBody).code).toBe('invalid_json');
    });

    it('given the honeypot filled or a form sent too fast when signing up then the same generic 400 and nothing is created', async () => {
      const honeypot = signupBody({ website: 'http://spam.example' });
      const fast = signupBody({ formElapsedMs: 400 });
      const a = await post('signup', honeypot);
      const b = await post('signup', fast);
      expect(a.status).toBe(400);
      expect(b.status).toBe(400);
      const bodyA = (await a.json()) as ApiErrorBody;
      expect(bodyA).toEqual(await b.json());
      expect(bodyA.code).toBe('bot_suspected');
      expect(bodyA.fields).toBeUndefined();
      const rows = await db.query('SELECT id FROM users WHERE email IN (?, ?)', [honeypot.email, fast.email]);
      expect(rows).toHaveLength(0);
    });
  });

  describe('login, refresh, logout', () => {
    it('given a signed-up admin when logging in then 200 with a token that opens /me', async () => {
      const { body } = await signup();
      const res = await login(body.email.toUpperCase(), body.password);
      expect(res.status).toBe(200);
      const session = (await res.json()) as LoginResponse;
      expect(refreshCookieOf(res)).toBeTruthy();
      const cookie = res.headers.getSetCookie().join('\n');
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);
      expect(cookie).toMatch(/Path=\/api\/auth/);

      const me = await fetch(`${base}/me`, { headers: { authorization: `Bearer ${session.accessToken}` } });
      expect(me.status).toBe(200);
      expect(((await me.json()) as SessionUser).email).toBe(body.email);
    });

    it('given no or a forged token when /me is asked then 401', async () => {
      expect((await fetch(`${base}/me`)).status).toBe(401);
      const forged = await fetch(`${base}/me`, { headers: { authorization: 'Bearer a.b.c' } });
      expect(forged.status).toBe(401);
      expect(((await forged.json()) as ApiErrorBody).code).toBe('unauthorized');
    });

    it('given a wrong password or an unknown email when logging in then the same 401 body', async () => {
      const { body } = await signup();
      const wrong = await login(body.email, 'Not-the-password-1');
      const unknown = await login(`nobody-${randomUUID()}@example.com`, 'Not-the-password-1');
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      const wrongBody = await wrong.json();
      expect(wrongBody).toEqual(await unknown.json());
      expect(wrongBody).toMatchObject({ code: 'invalid_credentials' });
    });

    it('given five wrong passwords when logging in then the account is locked, even for the right password', async () => {
      const { body } = await signup();
      for (let i = 0; i < 5; i += 1)
        expect((await login(body.email, `Wrong-password-${i}`)).status).toBe(401);
      const locked = await login(body.email, body.password);
      expect(locked.status).toBe(423);
      const answer = (await locked.json()) as ApiErrorBody;
      expect(answer.code).toBe('account_locked');
      expect(answer.message).toMatch(/15 phút/);
    });

    it('given a disabled user or a suspended tenant when logging in with the right password then 403 with the reason (a wrong password still says only 401)', async () => {
      const a = await signup();
      await db.query("UPDATE users SET status = 'disabled' WHERE id = ?", [a.session.user.id]);
      const disabled = await login(a.body.email, a.body.password);
      expect(disabled.status).toBe(403);

      const b = await signup();
      await db.query("UPDATE tenants SET status = 'suspended', suspended_at = NOW(3) WHERE id = ?", [
        b.session.user.tenantId,
      ]);
      const suspended = await login(b.body.email, b.body.password);
      expect(suspended.status).toBe(403);
      expect(((await suspended.json()) as ApiErrorBody).code).toBe('tenant_suspended');
      expect(((await disabled.json()) as ApiErrorBody).code).toBe('account_disabled');
      expect((await login(b.body.email, 'Not-the-password-1')).status).toBe(401);
    });

    it('given a refresh token when refreshed then it is rotated, and reusing the old one revokes the family', async () => {
      const { refresh: first } = await signup();
      const rotated = await refresh(first!);
      expect(rotated.status).toBe(200);
      expect(((await rotated.json()) as LoginResponse).accessToken).toBeTruthy();
      const second = refreshCookieOf(rotated)!;
      expect(second).not.toBe(first);

      // Past the grace window for concurrent tabs, a replaced token is a stolen one.
      await db.query(
        'UPDATE refresh_tokens SET revoked_at = NOW(3) - INTERVAL 11 SECOND WHERE token_hash = ?',
        [createHash('sha256').update(first!).digest('hex')],
      );
      const reuse = await refresh(first!);
      expect(reuse.status).toBe(401);
      expect(((await reuse.json()) as ApiErrorBody).code).toBe('invalid_refresh_token');
      // The thief's reuse also ended the legitimate session.
      expect((await refresh(second)).status).toBe(401);
    });

    it('given two tabs refreshing with the same cookie at once then both get a session and both sessions keep working', async () => {
      const { refresh: shared } = await signup();
      const [a, b] = await Promise.all([refresh(shared!), refresh(shared!)]);
      expect([a.status, b.status]).toEqual([200, 200]);
      const [nextA, nextB] = [refreshCookieOf(a)!, refreshCookieOf(b)!];
      expect(nextA).not.toBe(nextB);
      expect((await refresh(nextA)).status).toBe(200);
      expect((await refresh(nextB)).status).toBe(200);
    });

    it('given no refresh cookie when refreshing then 401', async () => {
      expect((await fetch(`${base}/refresh`, { method: 'POST' })).status).toBe(401);
    });

    it('given a session when logging out then 204, the cookie is cleared and the token no longer refreshes', async () => {
      const { refresh: token } = await signup();
      const res = await fetch(`${base}/logout`, {
        method: 'POST',
        headers: { cookie: `webcall_refresh=${token}` },
      });
      expect(res.status).toBe(204);
      expect(res.headers.getSetCookie().join('\n')).toMatch(/webcall_refresh=;/);
      expect((await refresh(token!)).status).toBe(401);
    });
  });

  describe('forgot and reset password', () => {
    it('given an unknown and a known email when asking for a reset then both get the same 202', async () => {
      const { body } = await signup();
      const known = await post('forgot-password', { email: body.email });
      const unknown = await post('forgot-password', { email: `nobody-${randomUUID()}@example.com` });
      expect(known.status).toBe(202);
      expect(unknown.status).toBe(202);
      expect(await known.json()).toEqual(await unknown.json());
    });

    it('given a reset mail when its token is used then the password changes once and sessions are revoked', async () => {
      const { body, refresh: session } = await signup();
      expect((await post('forgot-password', { email: body.email })).status).toBe(202);

      const [mail] = await expectEventually(async () => {
        const mails = await mailsTo(body.email);
        expect(mails).toHaveLength(1);
        return mails;
      });
      expect(mail.subject).toBe('Đặt lại mật khẩu WebCall');
      expect(mail.text).toContain(`${info.env.PUBLIC_URL}/reset-password?token=`);
      expect(mail.html).toContain(`${info.env.PUBLIC_URL}/reset-password?token`);
      expect(mail.html).toContain(body.fullName);
      const token = tokenOf(mail);
      // Only the hash is stored.
      const rows = await db.query('SELECT token_hash FROM user_tokens WHERE token_hash = ?', [
        createHash('sha256').update(token).digest('hex'),
      ]);
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(await db.query('SELECT * FROM user_tokens'))).not.toContain(token);

      const newPassword = 'Mưa-rào-tháng-sáu-7';
      const reset = await post('reset-password', { token, password: newPassword });
      expect(reset.status).toBe(204);

      expect((await refresh(session!)).status).toBe(401);
      expect((await login(body.email, body.password)).status).toBe(401);
      expect((await login(body.email, newPassword)).status).toBe(200);

      const again = await post('reset-password', { token, password: 'Another-good-one-8' });
      expect(again.status).toBe(400);
      expect(await fieldCodes(again)).toEqual({ token: 'invalid_token' });
    });

    it('given an expired or unknown token when resetting then 400 on token', async () => {
      const { body } = await signup({ email: `exp-${randomUUID()}@example.com` });
      await post('forgot-password', { email: body.email });
      const [mail] = await expectEventually(async () => {
        const mails = await mailsTo(body.email);
        expect(mails).toHaveLength(1);
        return mails;
      });
      const token = tokenOf(mail);
      await db.query('UPDATE user_tokens SET expires_at = NOW(3) - INTERVAL 1 MINUTE WHERE token_hash = ?', [
        createHash('sha256').update(token).digest('hex'),
      ]);
      const expired = await post(
        'reset-password',
        { token, password: 'Mưa-rào-tháng-sáu-7' },
        { 'accept-language': 'en' },
      );
      expect(expired.status).toBe(400);
      const answer = (await expired.json()) as ApiErrorBody;
      expect(answer.fields).toEqual([
        { field: 'token', code: 'invalid_token', message: 'This link is invalid or has expired.' },
      ]);

      const unknown = await post('reset-password', {
        token: 'no-such-token',
        password: 'Mưa-rào-tháng-sáu-7',
      });
      expect(await fieldCodes(unknown)).toEqual({ token: 'invalid_token' });
    });

    it('given an English-speaking user when asking for a reset then the mail is in English', async () => {
      const { body } = await signup();
      await db.query("UPDATE users SET language = 'en' WHERE email = ?", [body.email]);
      await post('forgot-password', { email: body.email });
      const [mail] = await expectEventually(async () => {
        const mails = await mailsTo(body.email);
        expect(mails).toHaveLength(1);
        return mails;
      });
      expect(mail.subject).toBe('Reset your WebCall password');
    });
  });

  describe('rate limit', () => {
    it('given a limit of 5 per minute when one client signs up six times in a minute then the sixth is refused with 429', async () => {
      const port = info.ports.http + 9;
      const limited = await startApi(
        { ...info, apiUrl: `http://127.0.0.1:${port}` },
        { HTTP_PORT: String(port), AUTH_RATE_LIMIT_PER_MINUTE: '5' },
      );
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 6; i += 1) {
          const res = await fetch(`http://127.0.0.1:${port}/api/auth/signup`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{}',
          });
          statuses.push(res.status);
          if (res.status === 429) expect(((await res.json()) as ApiErrorBody).code).toBe('too_many_requests');
        }
        expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
      } finally {
        await limited.stop();
      }
    });
  });

  describe('account details', () => {
    function send(
      method: string,
      path: string,
      token: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) {
      return fetch(`${base}/${path}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    }

    it('given a signed-in user when name, phone and language are changed then /me returns them', async () => {
      const { session } = await signup();
      const phone = signupBody().phone;

      const res = await send('PATCH', 'me', session.accessToken, {
        fullName: '  Trần   Thị Bình ',
        phone,
        language: 'en',
      });

      expect(res.status).toBe(200);
      const user = (await res.json()) as SessionUser;
      expect(user).toMatchObject({ fullName: 'Trần Thị Bình', language: 'en' });
      expect(user.phone).toBe(`+84${phone.slice(1)}`);
      const me = (await (await send('GET', 'me', session.accessToken)).json()) as SessionUser;
      expect(me).toMatchObject({ fullName: 'Trần Thị Bình', language: 'en', phone: user.phone });
    });

    it('given bad profile input when saved then each field is named and nothing changes', async () => {
      const { session, body } = await signup();
      const other = await signup();

      const res = await send('PATCH', 'me', session.accessToken, {
        fullName: '',
        language: 'fr',
        role: 'operator',
      });
      expect(res.status).toBe(400);
      expect(await fieldCodes(res)).toMatchObject({
        fullName: 'required',
        language: 'invalid_value',
        role: 'unknown_field',
      });

      const taken = await send(
        'PATCH',
        'me',
        session.accessToken,
        { phone: other.body.phone },
        { 'accept-language': 'en' },
      );
      expect(taken.status).toBe(400);
      const error = (await taken.json()) as ApiErrorBody;
      expect(error.fields).toEqual([
        { field: 'phone', code: 'taken', message: 'This phone number is already in use.' },
      ]);

      const me = (await (await send('GET', 'me', session.accessToken)).json()) as SessionUser;
      expect(me.fullName).toBe(body.fullName);
      expect(me.role).toBe('admin');
    });

    it('given a wrong current or a common new password when changing it then the field is named and the old password still works', async () => {
      const { session, body } = await signup();

      const wrong = await send('POST', 'change-password', session.accessToken, {
        currentPassword: 'not-my-password-1',
        newPassword: 'Một-mật-khẩu-mới-1',
      });
      expect(wrong.status).toBe(400);
      expect(await fieldCodes(wrong)).toEqual({ currentPassword: 'wrong_password' });

      const common = await send('POST', 'change-password', session.accessToken, {
        currentPassword: PASSWORD,
        newPassword: '1234567890',
      });
      expect(common.status).toBe(400);
      expect(await fieldCodes(common)).toEqual({ newPassword: 'weak_password' });

      expect((await login(body.email, PASSWORD)).status).toBe(200);
    });

    it('given a password change then the new password works, the old does not, other sessions end and this one stays', async () => {
      const { session, body, refresh: thisSession } = await signup();
      const otherLogin = await login(body.email, PASSWORD);
      const otherSession = refreshCookieOf(otherLogin)!;
      const newPassword = `Mới-${randomUUID()}`;

      const res = await fetch(`${base}/change-password`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${session.accessToken}`,
          cookie: `webcall_refresh=${thisSession}`,
        },
        body: JSON.stringify({ currentPassword: PASSWORD, newPassword }),
      });

      expect(res.status).toBe(204);
      expect((await login(body.email, PASSWORD)).status).toBe(401);
      expect((await login(body.email, newPassword)).status).toBe(200);
      expect((await refresh(otherSession)).status).toBe(401);
      expect((await refresh(thisSession!)).status).toBe(200);
    });

    it('given no access token when the profile or password is changed then 401', async () => {
      const res = await fetch(`${base}/me`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ fullName: 'X' }),
      });
      expect(res.status).toBe(401);
      expect((await post('change-password', { currentPassword: 'a', newPassword: 'b' })).status).toBe(401);
    });
  });
});
