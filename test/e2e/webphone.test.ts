import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Browser, Locator, Page, WebSocketRoute } from 'playwright-core';
import type { DeviceInfo, TenantUser } from '#contracts';
import { startApi } from '../support/api.js';
import { ApiClient, TEST_PASSWORD, inviteTokenIn, signupTenant } from '../support/api-client.js';
import { launchChromium, openConsole } from '../support/browser.js';
import { expectEventually } from '../support/eventually.js';
import { waitForMail } from '../support/mail-sink.js';
import { startApp, type AppProcess } from '../support/processes.js';
import { stackInfo } from '../support/stack-info.js';

const SHOTS = 'test-results/screenshots';

interface Agent {
  user: TenantUser;
  client: ApiClient;
}

/** A signed-in webphone: the agent's own browser context. */
interface Phone {
  agent: Agent;
  page: Page;
  /** Login click → the top bar says "registered" (ms). */
  registrationMs: number;
}

/** In-page timestamps (epoch ms, from `performance.timeOrigin + performance.now()`). */
interface Marks {
  click?: number;
  ringing?: number;
  incoming?: number;
  established?: number;
}

/**
 * The page's SIP WebSocket through Playwright, so a test can cut it like a network drop would
 * (the server side sees the connection close; new connections are refused while down).
 */
class SignallingNetwork {
  private routes: WebSocketRoute[] = [];
  private down = false;

  async attach(page: Page): Promise<void> {
    await page.routeWebSocket(/\/ws$/, (ws) => {
      if (this.down) return void ws.close({ code: 4001, reason: 'network down' });
      ws.connectToServer();
      this.routes.push(ws);
    });
  }

  async drop(): Promise<void> {
    this.down = true;
    await Promise.all(this.routes.splice(0).map((ws) => ws.close({ code: 4001, reason: 'network down' })));
  }

  restore(): void {
    this.down = false;
  }
}

describe('browser webphone (F1) in Chromium against real Asterisk and callflow', () => {
  const info = stackInfo();
  const anonymous = new ApiClient(`${info.apiUrl}/api`);
  let api: AppProcess;
  let callflow: AppProcess;
  let browser: Browser;
  const pages: Page[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    api = await startApi(info);
    // Internal calls are routed by the callflow ARI application.
    callflow = startApp('dist/apps/callflow/src/main.js', { ...info.env, ...info.callflowEnv });
    await expectEventually(async () => {
      const status = (await (await fetch(info.callflowStatusUrl)).json()) as { ari: { connected: boolean } };
      expect(status.ari.connected).toBe(true);
    });
    browser = await launchChromium();
  });

  afterEach(async () => {
    await Promise.all(pages.splice(0).map((p) => p.context().close()));
  });

  afterAll(async () => {
    await browser?.close();
    await callflow?.stop();
    await api?.stop();
    // What callflow did, for reading after a failure (CI keeps test-results/).
    if (callflow) writeFileSync('test-results/webphone-callflow.log', callflow.output());
  });

  /** A user of the admin's tenant with a name of our choosing, who accepted the invitation. */
  async function member(admin: ApiClient, fullName: string): Promise<Agent> {
    const email = `agent-${randomUUID()}@example.vn`;
    const user = await admin.expect<TenantUser>(201, 'POST', '/users', { fullName, email, role: 'agent' });
    await anonymous.expect(204, 'POST', '/auth/reset-password', {
      token: inviteTokenIn((await waitForMail(info.mailSinkUrl!, email)).text),
      password: TEST_PASSWORD,
    });
    return { user, client: (await anonymous.login(email, TEST_PASSWORD)).client };
  }

  /** Logs the agent in in a browser of their own and waits until the webphone is registered. */
  async function signIn(agent: Agent, network?: SignallingNetwork): Promise<Phone> {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    pages.push(page);
    if (network) await network.attach(page);
    await openConsole(page, `${info.apiUrl}/login`);
    await page.getByTestId('login-email').fill(agent.user.email);
    await page.getByTestId('login-password').fill(TEST_PASSWORD);
    const loggedIn = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/login');
    const started = Date.now();
    await page.getByTestId('login-submit').click();
    await loggedIn;
    const answeredMs = Date.now() - started;
    await page.locator('[data-testid=phone-toggle][data-registration=registered]').waitFor();
    const registrationMs = Date.now() - started;
    // The phone's own part: device read (and SIP.js fetched) → WebSocket → REGISTER answered.
    const at = await phoneMarks(page);
    console.log(
      `${agent.user.fullName}: login click → registered ${registrationMs} ms ` +
        `(login answered after ${answeredMs} ms; webphone start → device read ${at.device - at.reload} ms, ` +
        `→ WebSocket up ${at.connected - at.device} ms, → registered ${at.registered - at.connected} ms)`,
    );
    await installMarks(page);
    return { agent, page, registrationMs };
  }

  /**
   * Records, inside the page, when the call / answer button was clicked and when the call views
   * appeared (epoch ms from the page's own clock: `performance.timeOrigin + performance.now()`).
   */
  async function installMarks(page: Page): Promise<void> {
    await page.evaluate(`(() => {
      const now = () => performance.timeOrigin + performance.now();
      window.__marks = {};
      document.addEventListener('click', (event) => {
        if (event.target.closest('[data-testid=phone-call],[data-testid=phone-answer]')) window.__marks = { click: now() };
      }, true);
      new MutationObserver(() => {
        const marks = window.__marks;
        const has = (selector) => document.querySelector(selector) !== null;
        if (!marks.incoming && has('[data-testid=phone-incoming]')) marks.incoming = now();
        if (!marks.ringing && has('[data-testid=phone-call-view][data-state=ringing]')) marks.ringing = now();
        if (!marks.established && has('[data-testid=phone-call-view][data-state=established]')) marks.established = now();
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    })()`);
  }

  /** The service's own performance marks (epoch ms), for a breakdown of the set-up time. */
  async function phoneMarks(page: Page): Promise<Record<string, number>> {
    return page.evaluate(() =>
      Object.fromEntries(
        performance
          .getEntriesByType('mark')
          .filter((m) => m.name.startsWith('webphone:'))
          .map((m) => [m.name.slice('webphone:'.length), Math.round(performance.timeOrigin + m.startTime)]),
      ),
    );
  }

  async function marks(page: Page): Promise<Marks> {
    return (await page.evaluate('window.__marks')) as Marks;
  }

  async function resetMarks(...phones: Phone[]): Promise<void> {
    await Promise.all(phones.map((p) => p.page.evaluate('window.__marks = {}')));
  }

  function panel(page: Page): Locator {
    return page.getByTestId('phone-panel');
  }

  async function openPanel(page: Page): Promise<void> {
    if (!(await panel(page).isVisible())) await page.getByTestId('phone-toggle').click();
    await panel(page).waitFor();
  }

  async function dial(page: Page, extension: string): Promise<void> {
    await openPanel(page);
    for (const digit of extension) await page.getByTestId(`dialpad-${digit}`).click();
    await expectEventually(async () =>
      expect(await page.getByTestId('phone-number').inputValue()).toBe(extension),
    );
    await page.getByTestId('phone-call').click();
  }

  async function waitForState(page: Page, state: string): Promise<void> {
    await page.locator(`[data-testid=phone-call-view][data-state=${state}]`).waitFor();
  }

  async function packets(page: Page): Promise<{ sent: number; received: number }> {
    const stats = page.getByTestId('call-stats');
    return {
      sent: Number(await stats.getAttribute('data-sent')),
      received: Number(await stats.getAttribute('data-received')),
    };
  }

  /** RTP flows both ways on this phone's call: both counters pass `min` and keep growing. */
  async function expectAudioBothWays(page: Page, min = 20): Promise<void> {
    const first = await expectEventually(async () => {
      const p = await packets(page);
      expect(p.sent).toBeGreaterThan(min);
      expect(p.received).toBeGreaterThan(min);
      return p;
    });
    await expectEventually(async () => {
      const p = await packets(page);
      expect(p.sent).toBeGreaterThan(first.sent);
      expect(p.received).toBeGreaterThan(first.received);
    });
  }

  /** No call left on this phone (its panel may have closed by itself after the call). */
  async function expectIdle(page: Page): Promise<void> {
    await page.locator('[data-testid=phone-toggle][data-call=idle]').waitFor();
    expect(await page.getByTestId('phone-call-view').count()).toBe(0);
  }

  /** The panel a call opened closes by itself a moment after the call; one the user opened stays. */
  async function expectPanelClosed(page: Page): Promise<void> {
    await expectEventually(async () => expect(await panel(page).isVisible()).toBe(false), {
      timeoutMs: 5_000,
    });
  }

  /** A tenant with agents named as given, each signed in to the console with a registered webphone. */
  async function team(...people: (string | [string, SignallingNetwork])[]): Promise<Phone[]> {
    const admin = await signupTenant(anonymous);
    const agents: Agent[] = [];
    const networks: (SignallingNetwork | undefined)[] = [];
    for (const person of people) {
      const [name, network] = typeof person === 'string' ? [person, undefined] : person;
      agents.push(await member(admin.client, name));
      networks.push(network);
    }
    for (const agent of agents) {
      const device = await agent.client.expect<DeviceInfo>(200, 'GET', '/me/device');
      expect(device.mode).toBe('webphone');
      expect(device.extension).toBe(agent.user.extension);
    }
    return Promise.all(agents.map((agent, i) => signIn(agent, networks[i])));
  }

  /** A calls B from the dial pad and B answers: both show the call established. */
  async function connect(a: Phone, b: Phone): Promise<void> {
    await dial(a.page, b.agent.user.extension!);
    await b.page.getByTestId('phone-incoming').waitFor();
    await b.page.getByTestId('phone-answer').click();
    await Promise.all([waitForState(a.page, 'established'), waitForState(b.page, 'established')]);
  }

  it('given two agents in WebPhone mode when A dials B then B sees A’s name, answers, audio flows both ways, hold / mute / DTMF work and a hang-up ends both', async () => {
    const id = randomUUID().slice(0, 4);
    const [a, b] = await team(`Nguyễn Văn An ${id}`, `Trần Thị Bình ${id}`);
    // The caller's console in Vietnamese, the callee's in English.
    await a.page.getByTestId('lang-switch').selectOption('vi');
    await b.page.getByTestId('lang-switch').selectOption('en');
    await openPanel(a.page);
    await openPanel(b.page);
    await expect(a.page.getByTestId('phone-state').textContent()).resolves.toContain('Sẵn sàng');
    await expect(a.page.getByTestId('phone-own-extension').textContent()).resolves.toContain(
      a.agent.user.extension!,
    );
    // The English dictionary is a lazy chunk: the switch shows once it has arrived.
    await expectEventually(async () =>
      expect(await b.page.getByTestId('phone-state').textContent()).toContain('Ready'),
    );
    await a.page.screenshot({ path: `${SHOTS}/webphone-idle-vi.png` });
    await b.page.screenshot({ path: `${SHOTS}/webphone-idle-en.png` });

    // A dials B's extension on the dial pad: ringback at A, the incoming call with A's name at B.
    await resetMarks(a, b);
    await dial(a.page, b.agent.user.extension!);
    await b.page.getByTestId('phone-incoming').waitFor();
    await expect(b.page.getByTestId('phone-caller-name').textContent()).resolves.toBe(a.agent.user.fullName);
    await expect(b.page.getByTestId('phone-caller-ext').textContent()).resolves.toContain(
      a.agent.user.extension!,
    );
    await waitForState(a.page, 'ringing');
    await expect(a.page.getByTestId('phone-remote-name').textContent()).resolves.toBe(b.agent.user.fullName);
    await b.page.locator('[data-testid=phone-toggle][aria-expanded=true]').waitFor();
    await b.page.screenshot({ path: `${SHOTS}/webphone-incoming-en.png` });
    await a.page.screenshot({ path: `${SHOTS}/webphone-ringing-vi.png` });
    const incomingAt = (await marks(b.page)).incoming!;

    await b.page.getByTestId('phone-answer').click();
    await Promise.all([waitForState(a.page, 'established'), waitForState(b.page, 'established')]);
    const am = await marks(a.page);
    const bm = await marks(b.page);
    // Timings are reported, not asserted: shared machines vary too much.
    const ap = await phoneMarks(a.page);
    const bp = await phoneMarks(b.page);
    console.log(
      `call set-up: A's dial click → B rings ${Math.round(incomingAt - am.click!)} ms; ` +
        `B's answer click → B established ${Math.round(bm.established! - bm.click!)} ms, ` +
        `→ A established ${Math.round(am.established! - bm.click!)} ms\n` +
        `  A: dial → microphone ${ap.microphone - ap.dial} ms → first UDP candidate ${ap.candidate - ap.microphone} ms → INVITE sent ${ap['invite-sent'] - ap.candidate} ms; ` +
        `INVITE sent → B's INVITE received ${bp.incoming - ap['invite-sent']} ms (Asterisk + callflow)\n` +
        `  B: answer → 200 OK sent ${bp['answer-sent'] - bp.answer} ms; 200 OK sent → A established ${ap.established - bp['answer-sent']} ms (Asterisk + callflow)`,
    );

    // Audio both ways on both sides (fake microphones), and the call timer runs.
    await Promise.all([expectAudioBothWays(a.page), expectAudioBothWays(b.page)]);
    await expectEventually(async () =>
      expect(await a.page.getByTestId('phone-timer').textContent()).toMatch(/0:0[1-9]/),
    );
    await a.page.screenshot({ path: `${SHOTS}/webphone-in-call-vi.png` });
    await b.page.screenshot({ path: `${SHOTS}/webphone-in-call-en.png` });

    // Hold: A's state says so and A stops receiving the far end; resume brings it back.
    await a.page.getByTestId('phone-hold').click();
    await waitForState(a.page, 'held');
    await a.page.locator('[data-testid=phone-hold][aria-pressed=true]').waitFor();
    // (What was in flight when the re-INVITE was answered may still arrive: measure a second later.)
    await a.page.waitForTimeout(1000);
    const held = await packets(a.page);
    await a.page.waitForTimeout(1500);
    const stillHeld = await packets(a.page);
    expect(stillHeld.received - held.received).toBeLessThan(10);
    await a.page.screenshot({ path: `${SHOTS}/webphone-held-vi.png` });
    await a.page.getByTestId('phone-hold').click();
    await waitForState(a.page, 'established');
    await expectAudioBothWays(a.page, stillHeld.received);

    // Mute: the microphone is off (the state is shown), then on again.
    await a.page.getByTestId('phone-mute').click();
    await a.page.locator('[data-testid=phone-mute][aria-pressed=true]').waitFor();
    await expect(a.page.getByTestId('phone-call-state').textContent()).resolves.toContain('Micrô đang tắt');
    await a.page.getByTestId('phone-mute').click();
    await a.page.locator('[data-testid=phone-mute][aria-pressed=false]').waitFor();

    // DTMF from the in-call keypad.
    await a.page.getByTestId('phone-keypad').click();
    for (const key of ['1', '2', 'hash']) await a.page.getByTestId(`dtmf-${key}`).click();
    await expectEventually(async () =>
      expect(await a.page.getByTestId('phone-dtmf-digits').textContent()).toContain('12#'),
    );
    await a.page.screenshot({ path: `${SHOTS}/webphone-keypad-vi.png` });

    // Audio devices: the fake microphones and speakers are listed; switching both mid-call keeps audio flowing.
    await a.page.getByTestId('phone-devices-toggle').click();
    await expectEventually(async () =>
      expect(await a.page.locator('[data-testid=phone-input-device] option').count()).toBeGreaterThan(1),
    );
    const microphone = await a.page
      .locator('[data-testid=phone-input-device] option')
      .nth(1)
      .getAttribute('value');
    await a.page.getByTestId('phone-input-device').selectOption(microphone!);
    const speakers = a.page.locator('[data-testid=phone-output-device] option');
    if ((await speakers.count()) > 1)
      await a.page
        .getByTestId('phone-output-device')
        .selectOption((await speakers.nth(1).getAttribute('value'))!);
    await a.page.screenshot({ path: `${SHOTS}/webphone-devices-vi.png` });
    await a.page.getByTestId('phone-devices-back').click();
    const switched = await packets(a.page);
    await expectAudioBothWays(a.page, Math.min(switched.sent, switched.received));

    // B hangs up: both phones are idle again and say the call ended.
    await b.page.getByTestId('phone-hangup').click();
    await Promise.all([expectIdle(a.page), expectIdle(b.page)]);
    // A opened the panel to dial: it stays, saying why the call ended.
    expect(await a.page.getByTestId('phone-ended').getAttribute('data-reason')).toBe('hangup');
    expect(await panel(a.page).isVisible()).toBe(true);
  });

  /** A calls B with the Staff page's call button (click-to-call through the webphone); B answers. */
  async function connectFromStaff(a: Phone, b: Phone): Promise<void> {
    await a.page.getByTestId('nav-staff').click();
    await a.page.waitForURL(/\/staff/);
    const call = a.page.getByTestId(`staff-call-${b.agent.user.id}`);
    await expectEventually(async () => expect(await call.getAttribute('aria-disabled')).toBeNull());
    await call.click();
    await b.page.getByTestId('phone-incoming').waitFor();
    await b.page.getByTestId('phone-answer').click();
    await Promise.all([waitForState(a.page, 'established'), waitForState(b.page, 'established')]);
  }

  it('given A calls B from the Staff page when A consults C first then B waits on hold while A and C talk, and cancelling takes A back to B', async () => {
    const id = randomUUID().slice(0, 4);
    const [a, b, c] = await team(`Lê Văn An ${id}`, `Phạm Thị Bình ${id}`, `Hoàng Văn Cường ${id}`);
    await a.page.getByTestId('lang-switch').selectOption('vi');
    await c.page.getByTestId('lang-switch').selectOption('vi');
    await connectFromStaff(a, b);
    await panel(a.page).waitFor();
    await a.page.screenshot({ path: `${SHOTS}/webphone-staff-call-vi.png` });

    await a.page.getByTestId('phone-transfer').click();
    await a.page.getByTestId('phone-transfer-target').fill(c.agent.user.extension!);
    await a.page.screenshot({ path: `${SHOTS}/webphone-transfer-vi.png` });
    await a.page.getByTestId('phone-transfer-attended').click();
    await a.page.getByTestId('phone-consult').waitFor();
    await expect(a.page.getByTestId('phone-held-call').textContent()).resolves.toContain(
      b.agent.user.fullName,
    );

    // C is rung by A (A's name shown) and answers; A and C talk while B is held.
    await c.page.getByTestId('phone-incoming').waitFor();
    await expect(c.page.getByTestId('phone-caller-name').textContent()).resolves.toBe(a.agent.user.fullName);
    await c.page.screenshot({ path: `${SHOTS}/webphone-incoming-vi.png` });
    await c.page.getByTestId('phone-answer').click();
    await a.page.locator('[data-testid=phone-consult][data-state=established]').waitFor();
    await expect(a.page.getByTestId('phone-consult-name').textContent()).resolves.toBe(c.agent.user.fullName);
    await Promise.all([expectAudioBothWays(a.page), expectAudioBothWays(c.page)]);
    expect(await b.page.getByTestId('phone-call-view').getAttribute('data-state')).toBe('established');
    await a.page.screenshot({ path: `${SHOTS}/webphone-consult-vi.png` });

    // Cancel: C's call ends, A resumes B and they talk again.
    await a.page.getByTestId('phone-transfer-cancel').click();
    await expectIdle(c.page);
    await waitForState(a.page, 'established');
    await expect(a.page.getByTestId('phone-remote-name').textContent()).resolves.toBe(b.agent.user.fullName);
    await Promise.all([expectAudioBothWays(a.page), expectAudioBothWays(b.page)]);

    await a.page.getByTestId('phone-hangup').click();
    await Promise.all([expectIdle(a.page), expectIdle(b.page)]);
  });

  // Transfers are standard REFERs from the webphone (blind: Refer-To the extension; attended:
  // Refer-To with Replaces of the consultation) that callflow carries out in Stasis.
  it('given A talks to B when A blind-transfers B to C then A is free at once, C rings with B’s name, answers, and B and C talk', async () => {
    const id = randomUUID().slice(0, 4);
    const [a, b, c, d] = await team(
      `Trần Văn An ${id}`,
      `Vũ Thị Bình ${id}`,
      `Đỗ Văn Cường ${id}`,
      `Lý Văn Dũng ${id}`,
    );
    await connect(a, b);
    await a.page.getByTestId('phone-transfer').click();
    await a.page.getByTestId('phone-transfer-target').fill(c.agent.user.extension!);
    await a.page.getByTestId('phone-transfer-blind').click();

    // The transferer leaves as soon as the transfer is accepted.
    await expectIdle(a.page);
    expect(await a.page.getByTestId('phone-ended').getAttribute('data-reason')).toBe('transferred');
    // C sees who is handed over, not who handed them.
    await c.page.getByTestId('phone-incoming').waitFor();
    await expect(c.page.getByTestId('phone-caller-name').textContent()).resolves.toBe(b.agent.user.fullName);
    await c.page.getByTestId('phone-answer').click();
    await waitForState(c.page, 'established');
    await Promise.all([expectAudioBothWays(b.page), expectAudioBothWays(c.page)]);
    // B's phone learns it now talks to C.
    await expectEventually(async () =>
      expect(await b.page.getByTestId('phone-remote-name').textContent()).toBe(c.agent.user.fullName),
    );
    await c.page.screenshot({ path: `${SHOTS}/webphone-after-blind-transfer-en.png` });

    // A is free for a new call while B and C talk.
    await connect(a, d!);
    await c.page.getByTestId('phone-hangup').click();
    await Promise.all([expectIdle(b.page), expectIdle(c.page)]);
    // C's panel opened with the call and closes by itself after it.
    await expectPanelClosed(c.page);
  });

  it('given A consults C while B waits when A completes the transfer then B and C talk, A is free, and an unknown target is refused without losing B', async () => {
    const id = randomUUID().slice(0, 4);
    const [a, b, c] = await team(`Bùi Văn An ${id}`, `Ngô Thị Bình ${id}`, `Phan Văn Cường ${id}`);
    await a.page.getByTestId('lang-switch').selectOption('vi');
    await connect(a, b);

    // A blind transfer to an extension nobody has fails: A keeps talking to B.
    await a.page.getByTestId('phone-transfer').click();
    await a.page.getByTestId('phone-transfer-target').fill('9999');
    await a.page.getByTestId('phone-transfer-blind').click();
    await a.page.getByTestId('phone-error').waitFor();
    await waitForState(a.page, 'established');
    await Promise.all([expectAudioBothWays(a.page), expectAudioBothWays(b.page)]);
    await a.page.screenshot({ path: `${SHOTS}/webphone-transfer-failed-vi.png` });

    // The form stays open to correct the number: now consult C.
    await a.page.getByTestId('phone-transfer-target').fill(c.agent.user.extension!);
    await a.page.getByTestId('phone-transfer-attended').click();
    await c.page.getByTestId('phone-incoming').waitFor();
    await c.page.getByTestId('phone-answer').click();
    await a.page.locator('[data-testid=phone-consult][data-state=established]').waitFor();
    await a.page.getByTestId('phone-transfer-complete').click();

    // A's two calls end; B (taken off hold) and C talk to each other.
    await expectIdle(a.page);
    await Promise.all([expectAudioBothWays(b.page), expectAudioBothWays(c.page)]);
    expect(await b.page.getByTestId('phone-call-view').getAttribute('data-state')).toBe('established');
    // Each phone now names the party it talks to.
    await expectEventually(async () => {
      expect(await b.page.getByTestId('phone-remote-name').textContent()).toBe(c.agent.user.fullName);
      expect(await c.page.getByTestId('phone-remote-name').textContent()).toBe(b.agent.user.fullName);
    });
    await b.page.screenshot({ path: `${SHOTS}/webphone-after-attended-transfer-vi.png` });
    await b.page.getByTestId('phone-hangup').click();
    await Promise.all([expectIdle(b.page), expectIdle(c.page)]);
  });

  it('given A talking to B when A’s network drops and comes back then the webphone reconnects, registers again and restarts ICE, and the call goes on', async () => {
    const id = randomUUID().slice(0, 4);
    const network = new SignallingNetwork();
    const [a, b] = await team([`Ngô Văn An ${id}`, network], `Đặng Thị Bình ${id}`);
    await a.page.getByTestId('lang-switch').selectOption('vi');
    await connect(a, b);
    await Promise.all([expectAudioBothWays(a.page), expectAudioBothWays(b.page)]);

    await network.drop();
    await a.page.locator('[data-testid=phone-toggle][data-registration=registering]').waitFor();
    await a.page.getByTestId('phone-reconnecting').waitFor();
    await a.page.screenshot({ path: `${SHOTS}/webphone-reconnecting-vi.png` });
    // Let a reconnection attempt or two fail, then bring the network back.
    await a.page.waitForTimeout(1500);
    network.restore();
    await a.page.locator('[data-testid=phone-toggle][data-registration=registered]').waitFor();
    // The call's re-INVITE with new ICE credentials was answered over the new connection.
    await expectEventually(async () =>
      expect(await a.page.evaluate(() => performance.getEntriesByName('webphone:ice-restarted').length)).toBe(
        1,
      ),
    );
    expect(await a.page.getByTestId('phone-reconnecting').count()).toBe(0);
    await Promise.all([waitForState(a.page, 'established'), waitForState(b.page, 'established')]);
    await Promise.all([expectAudioBothWays(a.page), expectAudioBothWays(b.page)]);

    // The far end's hang-up reaches A over the new connection too.
    await b.page.getByTestId('phone-hangup').click();
    await Promise.all([expectIdle(a.page), expectIdle(b.page)]);
  });

  it('given an agent in SIP mode when they log in then the browser does not register and the phone panel says calls ring their SIP phone', async () => {
    const admin = await signupTenant(anonymous);
    const agent = await member(admin.client, `Trịnh Văn Sip ${randomUUID().slice(0, 4)}`);
    await agent.client.expect<DeviceInfo>(200, 'PUT', '/me/device', { mode: 'sip' });
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    pages.push(page);
    await openConsole(page, `${info.apiUrl}/login`);
    await page.getByTestId('login-email').fill(agent.user.email);
    await page.getByTestId('login-password').fill(TEST_PASSWORD);
    await page.getByTestId('login-submit').click();
    const toggle = page.locator('[data-testid=phone-toggle][data-mode=sip]');
    await toggle.waitFor();
    expect(await toggle.getAttribute('data-registration')).toBe('off');
    await page.getByTestId('lang-switch').selectOption('vi');
    await toggle.click();
    await expect(page.getByTestId('phone-sip-note').textContent()).resolves.toContain(
      'đổ chuông trên điện thoại SIP',
    );
    expect(await page.getByTestId('phone-dial').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/webphone-sip-mode-vi.png` });
    await page.getByTestId('lang-switch').selectOption('en');
    await expect(page.getByTestId('phone-sip-note').textContent()).resolves.toContain(
      'calls ring your SIP phone',
    );
    await page.screenshot({ path: `${SHOTS}/webphone-sip-mode-en.png` });
    // Nothing registered for this account from the browser.
    expect(await page.evaluate(() => performance.getEntriesByName('webphone:registered').length)).toBe(0);
  });
});
