import { randomInt, randomUUID } from 'node:crypto';
import type { ApiErrorBody, LoginResponse, TenantRole, TenantUser } from '#contracts';
import { waitForMail } from './mail-sink.js';

/** A JSON API client for one base URL (`…/api`), optionally signed in. */
export class ApiClient {
  constructor(
    readonly base: string,
    readonly token: string | null = null,
    readonly language: 'vi' | 'en' = 'en',
  ) {}

  as(token: string | null): ApiClient {
    return new ApiClient(this.base, token, this.language);
  }

  call(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${this.base}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        'accept-language': this.language,
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** The parsed body of a call that must answer `status` (the body text is in the failure). */
  async expect<T>(status: number, method: string, path: string, body?: unknown): Promise<T> {
    return bodyOf<T>(await this.call(method, path, body), status);
  }

  /** `{field: code}` of a 400 validation answer. */
  async fieldCodes(method: string, path: string, body?: unknown): Promise<Record<string, string>> {
    const answer = await this.expect<ApiErrorBody>(400, method, path, body);
    if (answer.code !== 'validation_failed') throw new Error(`not a validation error: ${answer.code}`);
    return Object.fromEntries((answer.fields ?? []).map((f) => [f.field, f.code]));
  }

  /** Signs in and returns a client carrying the access token. */
  async login(email: string, password: string): Promise<{ client: ApiClient; session: LoginResponse }> {
    const session = await this.expect<LoginResponse>(200, 'POST', '/auth/login', { email, password });
    return { client: this.as(session.accessToken), session };
  }
}

export async function bodyOf<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A Vietnamese mobile number no other test uses (in practice). */
export function uniquePhone(): string {
  return `09${randomInt(10_000_000, 99_999_999)}`;
}

export const TEST_PASSWORD = 'Lúa-chín-vàng-2026';

/** Signs up a fresh company; returns its admin's client and session. */
export async function signupTenant(
  api: ApiClient,
): Promise<{ client: ApiClient; session: LoginResponse; email: string }> {
  const id = randomUUID();
  const email = `admin-${id}@example.com`;
  const session = await api.expect<LoginResponse>(201, 'POST', '/auth/signup', {
    fullName: 'Nguyễn Văn An',
    companyName: `Công ty ${id}`,
    email,
    phone: uniquePhone(),
    password: TEST_PASSWORD,
    acceptTerms: true,
    formElapsedMs: 8000,
  });
  return { client: api.as(session.accessToken), session, email };
}

/** The set-password token of the newest invitation mailed to `email`. */
export function inviteTokenIn(text: string): string {
  const token = /reset-password\?token=([A-Za-z0-9_-]+)&invite=1/.exec(text)?.[1];
  if (!token) throw new Error(`no invitation link in: ${text}`);
  return token;
}

/** A user of the admin's tenant with `role` who accepted the invitation and signed in. */
export async function invitedMember(
  admin: ApiClient,
  mailSinkUrl: string,
  role: TenantRole,
): Promise<{ client: ApiClient; user: TenantUser }> {
  const email = `${role}-${randomUUID()}@example.com`;
  const user = await admin.expect<TenantUser>(201, 'POST', '/users', {
    fullName: `Người ${role}`,
    email,
    role,
  });
  const anonymous = admin.as(null);
  await anonymous.expect(204, 'POST', '/auth/reset-password', {
    token: inviteTokenIn((await waitForMail(mailSinkUrl, email)).text),
    password: TEST_PASSWORD,
  });
  return { client: (await anonymous.login(email, TEST_PASSWORD)).client, user };
}
