// `npm run bench -- --suite webphone`: how long the browser webphone takes to register and to set
// up a call, in headless Chromium (fake media) against the real api, callflow and Asterisk on
// loopback; the same calls also with the webphone's early ICE completion switched off (SIP.js'
// default: wait for candidate gathering), as the baseline of the same run. Reports; never passes
// or fails on timings.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { StackInfo } from '../scripts/stack-info.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WEBPHONE_MARKER = '<!-- webphone bench -->';
const CALLS = Number(process.env.BENCH_WEBPHONE_CALLS ?? 20);
/** Page reloads per agent after the first login: each starts the webphone and registers again. */
const RELOADS = 5;
const PASSWORD = 'Bench-webphone-2026';

const log = (msg: string) => console.log(`[webphone] ${msg}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

function start(script: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [path.join(ROOT, script)], {
    cwd: ROOT,
    env: { ...env, LOG_LEVEL: 'warn', LOG_PRETTY: 'false' },
    stdio: 'ignore',
  });
}

function stats(values: number[]): { p50: number; p95: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return { p50: Math.round(at(50)), p95: Math.round(at(95)), max: Math.round(sorted[sorted.length - 1]) };
}

interface CallTimes {
  /** Dial click → the callee's incoming call shows. */
  ring: number;
  /** Answer click → the caller shows the call established (the goal's "click→established"). */
  established: number;
  /** Answer click → the callee shows it established. */
  calleeEstablished: number;
}

export async function runWebphoneBench(info: StackInfo, writeDocs: boolean): Promise<number> {
  const env = { ...process.env, ...info.env, AUTH_RATE_LIMIT_PER_MINUTE: '1000' };
  const api = start('dist/apps/api/src/main.js', env);
  const callflow = start('dist/apps/callflow/src/main.js', { ...env, ...info.callflowEnv });
  let browser: Browser | undefined;
  try {
    const base = info.apiUrl;
    await until('the api', async () => ((await fetch(`${base}/api/health`)).ok ? true : undefined));
    await until('callflow', async () => {
      const status = (await (await fetch(info.callflowStatusUrl)).json()) as { ari: { connected: boolean } };
      return status.ari.connected ? true : undefined;
    });
    const agents = await team(base, info.mailSinkUrl!);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
      ],
    });
    const registration: number[] = [];
    const pages: Page[] = [];
    for (const agent of agents) {
      const { page, registeredMs } = await signIn(browser, base, agent);
      pages.push(page);
      registration.push(registeredMs);
      for (let i = 0; i < RELOADS; i++) registration.push(await reRegister(page));
    }
    const [a, b] = pages as [Page, Page];
    const results: Record<'tuned' | 'baseline', CallTimes[]> = { tuned: [], baseline: [] };
    // Alternate the two configurations so drift on the machine hits both alike.
    for (let i = 0; i < CALLS * 2; i++) {
      const variant = i % 2 === 0 ? 'tuned' : 'baseline';
      await setEarlyIce([a, b], variant === 'tuned');
      results[variant].push(await call(a, b, agents[1]!.extension));
    }
    const report = {
      calls: CALLS,
      registrationMs: stats(registration),
      tuned: {
        ring: stats(results.tuned.map((r) => r.ring)),
        established: stats(results.tuned.map((r) => r.established)),
        calleeEstablished: stats(results.tuned.map((r) => r.calleeEstablished)),
      },
      baseline: {
        ring: stats(results.baseline.map((r) => r.ring)),
        established: stats(results.baseline.map((r) => r.established)),
        calleeEstablished: stats(results.baseline.map((r) => r.calleeEstablished)),
      },
    };
    log(JSON.stringify(report));
    if (writeDocs) updateDocs(report);
    return 0;
  } finally {
    await browser?.close();
    api.kill('SIGTERM');
    callflow.kill('SIGTERM');
  }
}

interface Agent {
  email: string;
  extension: string;
}

/** A new company (through sign-up) with two agents who accepted their invitations. */
async function team(base: string, sinkUrl: string): Promise<Agent[]> {
  const id = randomUUID().slice(0, 8);
  const adminEmail = `bench-${id}@example.vn`;
  const json = { 'content-type': 'application/json' };
  const signup = await fetch(`${base}/api/auth/signup`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({
      fullName: 'Bench Admin',
      companyName: `Bench ${id}`,
      email: adminEmail,
      phone: `09${randomInt(10_000_000, 99_999_999)}`,
      password: PASSWORD,
      acceptTerms: true,
      formElapsedMs: 10_000,
    }),
  });
  if (signup.status !== 201) throw new Error(`sign-up: ${signup.status} ${await signup.text()}`);
  const login = (await (
    await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: adminEmail, password: PASSWORD }),
    })
  ).json()) as { accessToken: string };
  const agents: Agent[] = [];
  for (const name of ['Bench An', 'Bench Bình']) {
    const email = `bench-${randomUUID().slice(0, 8)}@example.vn`;
    const created = await fetch(`${base}/api/users`, {
      method: 'POST',
      headers: { ...json, authorization: `Bearer ${login.accessToken}` },
      body: JSON.stringify({ fullName: name, email, role: 'agent' }),
    });
    if (created.status !== 201) throw new Error(`invite: ${created.status} ${await created.text()}`);
    const user = (await created.json()) as { extension: string };
    const token = await until('the invitation mail', async () => {
      const mails = (await (await fetch(`${sinkUrl}/api/messages`)).json()) as {
        to: string[];
        text: string;
      }[];
      const mail = mails.find((m) => m.to.some((to) => to.includes(email)));
      return mail ? /reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1] : undefined;
    });
    const reset = await fetch(`${base}/api/auth/reset-password`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ token, password: PASSWORD }),
    });
    if (reset.status !== 204) throw new Error(`set password: ${reset.status}`);
    agents.push({ email, extension: user.extension });
  }
  return agents;
}

/** Logs in; returns the page and webphone start → registered (the phone's own part). */
async function signIn(
  browser: Browser,
  base: string,
  agent: Agent,
): Promise<{ page: Page; registeredMs: number }> {
  const page = await (await browser.newContext()).newPage();
  const checked = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/refresh');
  await page.goto(`${base}/login`);
  await checked;
  await page.getByTestId('login-email').fill(agent.email);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  return { page, registeredMs: await registered(page) };
}

/** Waits until the webphone registered; webphone start → REGISTER answered (the page's own marks). */
async function registered(page: Page): Promise<number> {
  await page.locator('[data-testid=phone-toggle][data-registration=registered]').waitFor({ timeout: 30_000 });
  const marks = await page.evaluate(() =>
    Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
  );
  return marks['webphone:registered']! - marks['webphone:reload']!;
}

/** Reloads the console (session kept): webphone start → registered again. */
async function reRegister(page: Page): Promise<number> {
  await page.reload();
  return registered(page);
}

/** The webphone's diagnostics switch for early ICE completion (read when a call starts). */
async function setEarlyIce(pages: Page[], on: boolean): Promise<void> {
  for (const page of pages)
    await page.evaluate(
      (value) => localStorage.setItem('webcall.webphone.earlyIce', value),
      on ? 'on' : 'off',
    );
}

async function call(a: Page, b: Page, extension: string): Promise<CallTimes> {
  const install = `(() => {
    const now = () => performance.timeOrigin + performance.now();
    window.__marks = {};
    new MutationObserver(() => {
      const m = window.__marks;
      const has = (s) => document.querySelector(s) !== null;
      if (!m.incoming && has('[data-testid=phone-incoming]')) m.incoming = now();
      if (!m.established && has('[data-testid=phone-call-view][data-state=established]')) m.established = now();
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  })()`;
  await Promise.all([a.evaluate(install), b.evaluate(install)]);
  if (!(await a.getByTestId('phone-panel').isVisible())) await a.getByTestId('phone-toggle').click();
  await a.getByTestId('phone-number').fill(extension);
  const dialAt = await a.evaluate(() => performance.timeOrigin + performance.now());
  await a.getByTestId('phone-call').click();
  await b.getByTestId('phone-answer').waitFor({ timeout: 20_000 });
  const answerAt = await b.evaluate(() => performance.timeOrigin + performance.now());
  await b.getByTestId('phone-answer').click();
  await a.locator('[data-testid=phone-call-view][data-state=established]').waitFor({ timeout: 20_000 });
  await b.locator('[data-testid=phone-call-view][data-state=established]').waitFor({ timeout: 20_000 });
  const [am, bm] = (await Promise.all([a.evaluate('window.__marks'), b.evaluate('window.__marks')])) as {
    incoming?: number;
    established?: number;
  }[];
  await a.getByTestId('phone-hangup').click();
  for (const page of [a, b]) await page.locator('[data-testid=phone-toggle][data-call=idle]').waitFor();
  await sleep(500);
  return {
    ring: bm!.incoming! - dialAt,
    established: am!.established! - answerAt,
    calleeEstablished: bm!.established! - answerAt,
  };
}

function updateDocs(r: {
  calls: number;
  registrationMs: { p50: number; p95: number; max: number };
  tuned: Record<keyof CallTimes, { p50: number; p95: number; max: number }>;
  baseline: Record<keyof CallTimes, { p50: number; p95: number; max: number }>;
}): void {
  const doc = path.join(ROOT, 'docs/BENCHMARKS.md');
  const text = readFileSync(doc, 'utf8');
  const start = text.indexOf(WEBPHONE_MARKER);
  const end = start < 0 ? -1 : text.indexOf('<!-- end webphone bench -->', start);
  const f = (s: { p50: number; p95: number; max: number }) => `${s.p50} / ${s.p95} / ${s.max}`;
  const ratio = (x: number, y: number) => (y ? `${(x / y).toFixed(2)}×` : '–');
  const section = `${WEBPHONE_MARKER}
## Webphone: registration and call set-up in Chromium

\`npm run bench -- --suite webphone\` (${new Date().toISOString().slice(0, 16)}Z, same machine as above).
Two agents in two headless Chromium contexts (fake microphone), registered over WebSocket to
Asterisk on loopback; A dials B from the dial pad, B clicks answer; ${r.calls} calls per variant,
alternating. *Tuned* is the product (offer/answer sent 20 ms after the first UDP host candidate);
*baseline* is the same call with that switched off (SIP.js' default: wait for ICE gathering,
capped at 500 ms), in the same run. Times in ms, p50 / p95 / max.

| measure | tuned | baseline | tuned ÷ baseline (p50) |
|---|---:|---:|---:|
| answer click → caller established (goal ≤ 300) | ${f(r.tuned.established)} | ${f(r.baseline.established)} | ${ratio(r.tuned.established.p50, r.baseline.established.p50)} |
| answer click → callee established | ${f(r.tuned.calleeEstablished)} | ${f(r.baseline.calleeEstablished)} | ${ratio(r.tuned.calleeEstablished.p50, r.baseline.calleeEstablished.p50)} |
| dial click → callee rings | ${f(r.tuned.ring)} | ${f(r.baseline.ring)} | ${ratio(r.tuned.ring.p50, r.baseline.ring.p50)} |

Registration (webphone start → REGISTER answered; both agents, after login and after ${RELOADS} page
reloads each): ${f(r.registrationMs)} ms.
DESIGN.md's first probe (default ICE gathering, no tuning) took ~1.4 s from click to established.
<!-- end webphone bench -->
`;
  const next =
    start < 0
      ? text.replace(/(<!-- phones bench -->)/, `${section}\n$1`)
      : `${text.slice(0, start)}${section}${text.slice(end + '<!-- end webphone bench -->\n'.length)}`;
  writeFileSync(doc, next.includes(WEBPHONE_MARKER) ? next : `${text.trimEnd()}\n\n${section}`);
  log('report: docs/BENCHMARKS.md');
}
