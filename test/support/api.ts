import { randomInt, randomUUID } from 'node:crypto';
import { expectEventually } from './eventually.js';
import { startApp, type AppProcess } from './processes.js';
import type { StackInfo } from './stack-info.js';

/** Starts the real api process against the run's servers and waits until it is healthy. */
export async function startApi(info: StackInfo, env: Record<string, string> = {}): Promise<AppProcess> {
  // Browser tests log in many times from one IP; the per-IP limit itself is proven in auth.test.ts.
  const api = startApp('dist/apps/api/src/main.js', {
    AUTH_RATE_LIMIT_PER_MINUTE: '1000',
    ...info.env,
    ...env,
  });
  await expectEventually(
    async () => {
      if (api.child.exitCode !== null) throw new Error(`api exited:\n${api.output()}`);
      const res = await fetch(`${info.apiUrl}/api/health`);
      return res.status === 200;
    },
    { timeoutMs: 30_000, intervalMs: 200 },
  );
  return api;
}

/** Creates a fresh company and admin through the sign-up API; returns its login. */
export async function signupViaApi(apiUrl: string): Promise<{ email: string; password: string }> {
  const id = randomUUID().slice(0, 8);
  const email = `e2e-${id}@example.vn`;
  const password = `Mat-khau-${randomUUID()}`;
  const res = await fetch(`${apiUrl}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      fullName: 'Người Thử',
      companyName: `Công ty E2E ${id}`,
      email,
      phone: `09${randomInt(10_000_000, 99_999_999)}`,
      password,
      acceptTerms: true,
      formElapsedMs: 10_000,
    }),
  });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  return { email, password };
}
