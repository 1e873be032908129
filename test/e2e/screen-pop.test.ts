import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { DeviceInfo, TenantUser } from '#contracts';
import { startApi } from '../support/api.js';
import { ApiClient, TEST_PASSWORD, inviteTokenIn, signupTenant } from '../support/api-client.js';
import { Baresip } from '../support/baresip.js';
import { launchChromium, openConsole } from '../support/browser.js';
import { expectEventually } from '../support/eventually.js';
import { waitForMail } from '../support/mail-sink.js';
import { startApp, type AppProcess } from '../support/processes.js';
import { waitForEventSubscribers } from '../support/realtime.js';
import { stackInfo } from '../support/stack-info.js';

const SHOTS = 'test-results/screenshots';

describe('screen pop: a call ringing the agent shows in the console (Chromium, real Asterisk, callflow, SIP phone)', () => {
  const info = stackInfo();
  const anonymous = new ApiClient(`${info.apiUrl}/api`);
  let api: AppProcess;
  let callflow: AppProcess;
  let browser: Browser;
  const phones: Baresip[] = [];
  const pages: Page[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    api = await startApi(info);
    callflow = startApp('dist/apps/callflow/src/main.js', info.env);
    await expectEventually(async () => {
      const status = (await (await fetch(info.callflowStatusUrl)).json()) as { ari: { connected: boolean } };
      expect(status.ari.connected).toBe(true);
    });
    await waitForEventSubscribers(info.callflowStatusUrl);
    browser = await launchChromium();
  });

  afterEach(async () => {
    await Promise.all(pages.splice(0).map((p) => p.context().close()));
    await Promise.all(phones.splice(0).map((p) => p.stop()));
  });

  afterAll(async () => {
    await browser?.close();
    await callflow?.stop();
    await api?.stop();
  });

  /** A company whose admin has a SIP phone (the caller) and an agent who signs in to the console. */
  async function team() {
    const admin = await signupTenant(anonymous);
    const device = await admin.client.expect<DeviceInfo>(200, 'PUT', '/me/device', { mode: 'sip' });
    const caller = await Baresip.start({
      username: device.sip.username,
      password: device.sip.password!,
      server: `127.0.0.1:${info.ports.sip}`,
    });
    phones.push(caller);
    await caller.waitForType('REGISTER_OK');

    const email = `agent-${randomUUID()}@example.vn`;
    const agent = await admin.client.expect<TenantUser>(201, 'POST', '/users', {
      fullName: 'Lê Thị Cúc',
      email,
      role: 'agent',
    });
    await anonymous.expect(204, 'POST', '/auth/reset-password', {
      token: inviteTokenIn((await waitForMail(info.mailSinkUrl!, email)).text),
      password: TEST_PASSWORD,
    });
    return { caller, callerExtension: device.extension!, agent };
  }

  /** The agent signs in; resolves once the webphone is registered. */
  async function signIn(agent: TenantUser): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 800 } })).newPage();
    pages.push(page);
    await openConsole(page, `${info.apiUrl}/login`);
    await page.getByTestId('login-email').fill(agent.email);
    await page.getByTestId('login-password').fill(TEST_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.locator('[data-testid=phone-toggle][data-registration=registered]').waitFor();
    return page;
  }

  it('given an agent signed in to the console when a colleague’s phone calls them then the screen pop shows the caller’s number and goes when the caller hangs up (vi and en)', async () => {
    const { caller, callerExtension, agent } = await team();
    const page = await signIn(agent);
    const pop = page.getByTestId('screen-pop');

    // Vietnamese (the default language).
    await page.getByTestId('lang-switch').selectOption('vi');
    await caller.dial(agent.extension!);
    await pop.waitFor();
    await expect(page.getByTestId('screen-pop-caller').textContent()).resolves.toContain(callerExtension);
    await expect(pop.textContent()).resolves.toContain('Cuộc gọi đến');
    await expect(page.getByTestId('screen-pop-line').textContent()).resolves.toContain('Cuộc gọi nội bộ');
    // The webphone rings at the same time: the pop does not replace it.
    await page.locator('[data-testid=phone-toggle][data-call=active]').waitFor();
    await page.screenshot({ path: `${SHOTS}/screen-pop-vi.png` });

    await caller.command('hangup');
    await pop.waitFor({ state: 'detached' });
    await page.locator('[data-testid=phone-toggle][data-call=idle]').waitFor();

    // English, and the dismiss button hides the pop while the phone still rings.
    await page.getByTestId('lang-switch').selectOption('en');
    await caller.dial(agent.extension!);
    await pop.waitFor();
    await expect(pop.textContent()).resolves.toContain('Incoming call');
    await expect(page.getByTestId('screen-pop-caller').textContent()).resolves.toContain(callerExtension);
    await expect(page.getByTestId('screen-pop-line').textContent()).resolves.toContain('Internal call');
    await page.screenshot({ path: `${SHOTS}/screen-pop-en.png` });
    await page.getByTestId('screen-pop-dismiss').click();
    await pop.waitFor({ state: 'detached' });
    await expect(page.locator('[data-testid=phone-toggle]').getAttribute('data-call')).resolves.toBe(
      'active',
    );
    await caller.command('hangup');
    await page.locator('[data-testid=phone-toggle][data-call=idle]').waitFor();
  });

  it('given the console reloaded (a new session token) when the agent is called then the pop still appears', async () => {
    const { caller, callerExtension, agent } = await team();
    const page = await signIn(agent);
    await page.reload();
    await page.locator('[data-testid=phone-toggle][data-registration=registered]').waitFor();

    await caller.dial(agent.extension!);
    await page.getByTestId('screen-pop').waitFor();
    await expect(page.getByTestId('screen-pop-caller').textContent()).resolves.toContain(callerExtension);
    await caller.command('hangup');
    await page.getByTestId('screen-pop').waitFor({ state: 'detached' });
  });
});
