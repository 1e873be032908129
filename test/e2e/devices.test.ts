import { mkdirSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import type { DeviceInfo, PresenceEntry } from '#contracts';
import { startApi } from '../support/api.js';
import { ApiClient, TEST_PASSWORD, invitedMember, signupTenant } from '../support/api-client.js';
import { Baresip } from '../support/baresip.js';
import { launchChromium, loginInBrowser } from '../support/browser.js';
import { expectEventually } from '../support/eventually.js';
import { startApp, type AppProcess } from '../support/processes.js';
import { stackInfo } from '../support/stack-info.js';

const SHOTS = 'test-results/screenshots';

async function checked(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).isChecked();
}

/** Chooses one of the staff page's own-presence radios by its (visible) label. */
async function choosePresence(page: Page, choice: string): Promise<void> {
  await page
    .locator('label')
    .filter({ has: page.getByTestId(`my-presence-${choice}`) })
    .click();
}

/** The page re-renders after the click: wait until the password shows. */
async function revealed(password: Locator): Promise<void> {
  await expectEventually(async () => expect(await password.getAttribute('data-revealed')).toBe('true'));
}

async function stateOf(row: Locator): Promise<string | null> {
  return row.getAttribute('data-state');
}

describe('Account device mode (F4, F5) and the staff page (F29) in Chromium', () => {
  const info = stackInfo();
  // Vietnamese accounts: the console follows the user's language, and the Vietnamese texts are checked.
  const anonymous = new ApiClient(`${info.apiUrl}/api`, null, 'vi');
  let api: AppProcess;
  let callflow: AppProcess;
  let browser: Browser;
  let page: Page;
  const phones: Baresip[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // The SIP server shown defaults to PUBLIC_URL's host, `localhost` here, which baresip's own
    // resolver does not find: show the address phones reach instead, as a deployment would.
    api = await startApi(info, { SIP_PUBLIC_HOST: '127.0.0.1' });
    // Internal calls go through the call-flow app (Stasis).
    callflow = startApp('dist/apps/callflow/src/main.js', { ...info.env, ...info.callflowEnv });
    await expectEventually(async () => {
      const status = (await (await fetch(info.callflowStatusUrl)).json()) as { ari: { connected: boolean } };
      expect(status.ari.connected).toBe(true);
    });
    browser = await launchChromium();
  });

  beforeEach(async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write', 'microphone'], {
      origin: info.apiUrl,
    });
    page = await context.newPage();
  });

  afterEach(async () => {
    await Promise.all(phones.splice(0).map((p) => p.stop()));
    await page?.context().close();
  });

  afterAll(async () => {
    await browser?.close();
    await callflow?.stop();
    await api?.stop();
  });

  async function phone(username: string, password: string, server: string): Promise<Baresip> {
    // Each start takes the next local ports; on a shared machine one may be taken: try the next.
    for (let attempt = 1; ; attempt++) {
      try {
        const p = await Baresip.start({ username, password, server });
        phones.push(p);
        return p;
      } catch (err) {
        if (attempt >= 3 || !String(err).includes('Address already in use')) throw err;
      }
    }
  }

  it('given a tenant admin when they switch to SIP in account details then the shown credentials register a real phone, a new password locks the old one out, and WebPhone comes back', async () => {
    const admin = await signupTenant(anonymous);
    const deviceGets: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'GET' && new URL(r.url()).pathname === '/api/me/device') deviceGets.push(r.url());
    });
    await loginInBrowser(page, info.apiUrl, admin.email, TEST_PASSWORD);
    await page.getByTestId('account-menu').click();
    await page.getByTestId('account-menu-details').click();
    await page.waitForURL(/\/account$/);

    const section = page.getByTestId('device-section');
    await section.getByTestId('device-modes').waitFor();
    await expect(page.getByTestId('device-extension').textContent()).resolves.toBe('1001');
    expect(await checked(page, 'device-mode-input-webphone')).toBe(true);
    expect(await checked(page, 'device-mode-input-sip')).toBe(false);
    expect(await page.getByTestId('sip-section').count()).toBe(0);
    // Only the two modes exist: nothing else can be chosen.
    expect(await section.locator('input[name="device-mode"]').count()).toBe(2);

    // Bad path: while a switch runs nothing else can be chosen, and a refusal (503
    // asterisk_apply_failed, which a healthy Asterisk never gives, hence simulated here) shows the
    // API's message and changes nothing.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const refusal = 'The phone system did not accept the change (test); the previous configuration is kept.';
    await page.route('**/api/me/device', async (route) => {
      if (route.request().method() !== 'PUT') return route.fallback();
      await held;
      await route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ statusCode: 503, code: 'asterisk_apply_failed', message: refusal }),
      });
    });
    await page.getByTestId('device-mode-sip').click();
    await page.getByTestId('device-switching').waitFor();
    expect(await page.getByTestId('device-mode-input-webphone').isDisabled()).toBe(true);
    expect(await page.getByTestId('device-mode-input-sip').isDisabled()).toBe(true);
    expect(await page.getByTestId('sip-section').count()).toBe(0);
    release();
    await expect(page.getByTestId('device-notice').textContent()).resolves.toContain(refusal);
    expect(await page.getByTestId('device-notice').getAttribute('data-kind')).toBe('error');
    expect(await checked(page, 'device-mode-input-webphone')).toBe(true);
    expect(await checked(page, 'device-mode-input-sip')).toBe(false);
    expect(await page.getByTestId('device-mode-input-sip').isDisabled()).toBe(false);
    expect(await page.getByTestId('sip-section').count()).toBe(0);
    await page.unroute('**/api/me/device');
    expect((await admin.client.expect<DeviceInfo>(200, 'GET', '/me/device')).mode).toBe('webphone');

    // The real switch: the credentials card appears, the password hidden.
    const getsBefore = deviceGets.length;
    await page.getByTestId('device-mode-sip').click();
    await page.getByTestId('sip-section').waitFor();
    expect(await page.getByTestId('device-notice').getAttribute('data-kind')).toBe('success');
    expect(await checked(page, 'device-mode-input-sip')).toBe(true);
    const saved = await admin.client.expect<DeviceInfo>(200, 'GET', '/me/device');
    expect(saved.mode).toBe('sip');
    // The webphone re-read the device (WebPhoneService.reload()).
    await expectEventually(() => expect(deviceGets.length).toBeGreaterThan(getsBefore));

    const server = (await page.getByTestId('sip-server').textContent())!.trim();
    const udpPort = await page.getByTestId('sip-port-udp').getAttribute('data-port');
    const username = (await page.getByTestId('sip-username').textContent())!.trim();
    expect(server).toBe(saved.sip.domain);
    expect(Number(udpPort)).toBe(info.ports.sip);
    await expect(page.getByTestId('sip-port-tcp').textContent()).resolves.toContain(String(info.ports.sip));
    expect(username).toBe(`t${admin.session.user.tenantId}-1001`);
    const password = page.getByTestId('sip-password');
    expect(await password.getAttribute('data-revealed')).toBe('false');
    await expect(password.textContent()).resolves.not.toContain(saved.sip.password!);
    await page.getByTestId('sip-qr-open').waitFor();
    await page.screenshot({ path: `${SHOTS}/account-device-sip-hidden-vi.png`, fullPage: true });

    await page.getByTestId('sip-password-reveal').click();
    await revealed(password);
    const shownPassword = (await password.textContent())!.trim();
    expect(shownPassword).toBe(saved.sip.password);
    await page.getByTestId('sip-section').screenshot({ path: `${SHOTS}/account-device-sip-revealed-vi.png` });

    // Copy puts exactly the password on the clipboard.
    await page.getByTestId('sip-password-copy').click();
    await expectEventually(async () =>
      expect(await page.getByTestId('sip-password-copy').getAttribute('data-state')).toBe('copied'),
    );
    // A string: the tests are compiled without the DOM library.
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(shownPassword);
    // The confirmation goes away by itself.
    await expectEventually(async () =>
      expect(await page.getByTestId('sip-password-copy').getAttribute('data-state')).toBe('idle'),
    );

    // A real SIP phone registers with exactly what the page shows.
    await (await phone(username, shownPassword, `${server}:${udpPort}`)).waitForType('REGISTER_OK');

    // A new password: confirmed first, the old one stops working, the new one works.
    await page.getByTestId('sip-password-regenerate').click();
    const dialog = page.getByTestId('regenerate-dialog');
    await expect(dialog.textContent()).resolves.toContain(username);
    await expect(dialog.textContent()).resolves.toContain('cấu hình');
    await page.screenshot({ path: `${SHOTS}/account-device-regenerate-vi.png` });
    await page.getByTestId('regenerate-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    expect((await admin.client.expect<DeviceInfo>(200, 'GET', '/me/device')).sip.password).toBe(
      shownPassword,
    );

    await page.getByTestId('sip-password-regenerate').click();
    await page.getByTestId('regenerate-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    await expect(page.getByTestId('device-notice').textContent()).resolves.toContain('mật khẩu');
    expect(await password.getAttribute('data-revealed')).toBe('false');
    await page.getByTestId('sip-password-reveal').click();
    await revealed(password);
    const newPassword = (await password.textContent())!.trim();
    expect(newPassword).not.toBe(shownPassword);
    expect(newPassword).toMatch(/^[A-Za-z0-9]{16,}$/);

    await (await phone(username, shownPassword, `${server}:${udpPort}`)).waitForType('REGISTER_FAIL');
    await (await phone(username, newPassword, `${server}:${udpPort}`)).waitForType('REGISTER_OK');

    // The same card in English.
    await page.getByTestId('lang-switch').selectOption('en');
    await expectEventually(async () =>
      expect(await page.getByTestId('sip-section').textContent()).toContain('SIP settings'),
    );
    await page.getByTestId('sip-section').screenshot({ path: `${SHOTS}/account-device-sip-revealed-en.png` });
    await page.getByTestId('sip-password-reveal').click();
    await expectEventually(async () => expect(await password.getAttribute('data-revealed')).toBe('false'));
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: `${SHOTS}/account-device-sip-hidden-en.png`, fullPage: true });
    // A phone-sized screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('sip-section').screenshot({ path: `${SHOTS}/account-device-sip-mobile-en.png` });
    await page.setViewportSize({ width: 1366, height: 900 });

    // Back to WebPhone: the card goes away.
    await page.getByTestId('device-mode-webphone').click();
    await page.getByTestId('sip-section').waitFor({ state: 'detached' });
    expect(await checked(page, 'device-mode-input-webphone')).toBe(true);
    await page.getByTestId('device-webphone-note').waitFor();
    expect((await admin.client.expect<DeviceInfo>(200, 'GET', '/me/device')).mode).toBe('webphone');
    await section.screenshot({ path: `${SHOTS}/account-device-webphone-en.png` });
  });

  it('given colleagues with and without a phone when the admin opens Staff then presence shows and follows changes, search works, and a name calls the colleague from the webphone', async () => {
    const admin = await signupTenant(anonymous);
    const agent = await invitedMember(admin.client, info.mailSinkUrl!, 'agent');
    const offline = await invitedMember(admin.client, info.mailSinkUrl!, 'supervisor');
    const device = await agent.client.expect<DeviceInfo>(200, 'PUT', '/me/device', { mode: 'sip' });
    const agentPhone = await phone(device.sip.username, device.sip.password!, `127.0.0.1:${info.ports.sip}`);
    await agentPhone.waitForType('REGISTER_OK');
    const adminId = admin.session.user.id;

    // The admin stays in WebPhone mode: the console registers the browser phone.
    await loginInBrowser(page, info.apiUrl, admin.email, TEST_PASSWORD);
    await page.getByTestId('nav-staff').click();
    await page.waitForURL(/\/staff$/);
    const rowOf = (id: number) => page.locator(`[data-testid="staff-row"][data-id="${id}"]`);
    await rowOf(agent.user.id).waitFor();
    expect(await page.getByTestId('staff-row').count()).toBe(3);
    await expectEventually(async () => expect(await stateOf(rowOf(agent.user.id))).toBe('available'));
    expect(await stateOf(rowOf(offline.user.id))).toBe('offline');
    await expect(rowOf(agent.user.id).getByTestId('staff-state').textContent()).resolves.toContain(
      'Sẵn sàng',
    );
    await expect(rowOf(offline.user.id).getByTestId('staff-state').textContent()).resolves.toContain(
      'Ngoại tuyến',
    );
    // Whom one cannot call says why.
    const selfCall = page.getByTestId(`staff-call-${adminId}`);
    expect(await selfCall.getAttribute('aria-disabled')).toBe('true');
    await expect(selfCall.getAttribute('title')).resolves.toBe('Đây là bạn');
    const offlineCall = page.getByTestId(`staff-call-${offline.user.id}`);
    expect(await offlineCall.getAttribute('aria-disabled')).toBe('true');
    await expect(offlineCall.getAttribute('title')).resolves.toContain('ngoại tuyến');
    expect(await page.getByTestId(`staff-call-${agent.user.id}`).getAttribute('aria-disabled')).toBeNull();

    // The admin's browser phone registers: online, so their own choice shows.
    await expectEventually(async () => expect(await stateOf(rowOf(adminId))).toBe('available'), {
      timeoutMs: 20_000,
    });
    expect(await checked(page, 'my-presence-available')).toBe(true);
    await page.screenshot({ path: `${SHOTS}/staff-vi.png`, fullPage: true });

    // Clicking the name calls the colleague from the webphone: their real phone rings.
    await page.getByTestId(`staff-name-${agent.user.id}`).click();
    await agentPhone.waitForType('CALL_INCOMING', 20_000);
    await expectEventually(async () =>
      expect(['ringing', 'on_call']).toContain(await stateOf(rowOf(agent.user.id))),
    );
    await agentPhone.command('hangup');
    await agentPhone.waitForType('CALL_CLOSED');
    await expectEventually(async () => expect(await stateOf(rowOf(agent.user.id))).toBe('available'));

    // Settings → Users calls the same way (not oneself).
    // The caller's side ends after the "not answered" announcement: then the webphone is free.
    await expectEventually(async () => expect(await stateOf(rowOf(adminId))).toBe('available'), {
      timeoutMs: 30_000,
    });
    agentPhone.clearEvents();
    await page.getByTestId('nav-settings-users').click();
    await page.waitForURL(/\/settings\/users$/);
    const ownCall = page.getByTestId(`user-call-${adminId}`);
    await ownCall.waitFor();
    expect(await ownCall.getAttribute('aria-disabled')).toBe('true');
    await expect(ownCall.getAttribute('title')).resolves.toBe('Đây là bạn');
    await page.getByTestId(`user-call-${agent.user.id}`).click();
    await agentPhone.waitForType('CALL_INCOMING', 20_000);
    await agentPhone.command('hangup');
    await agentPhone.waitForType('CALL_CLOSED');
    await page.getByTestId('nav-staff').click();
    await page.waitForURL(/\/staff$/);
    await rowOf(agent.user.id).waitFor();

    // The colleague goes do-not-disturb (through the API): the page follows within seconds.
    await agent.client.expect(204, 'PUT', '/me/presence', { state: 'dnd' });
    await expectEventually(async () => expect(await stateOf(rowOf(agent.user.id))).toBe('dnd'), {
      timeoutMs: 8_000,
    });
    await expect(rowOf(agent.user.id).getByTestId('staff-state').textContent()).resolves.toContain(
      'Không làm phiền',
    );

    // My own presence: away, seen by colleagues too; then available again.
    await choosePresence(page, 'away');
    await expectEventually(async () => expect(await stateOf(rowOf(adminId))).toBe('away'));
    const seen = await agent.client.expect<PresenceEntry[]>(200, 'GET', '/presence');
    expect(seen.find((e) => e.userId === adminId)?.state).toBe('away');
    expect(await checked(page, 'my-presence-away')).toBe(true);
    await page.screenshot({ path: `${SHOTS}/staff-away-dnd-vi.png`, fullPage: true });

    // Search by extension, by name without diacritics, and a miss.
    const search = page.getByTestId('staff-search');
    await search.fill(device.extension!);
    await expectEventually(async () => expect(await page.getByTestId('staff-row').count()).toBe(1));
    expect(await page.getByTestId('staff-row').getAttribute('data-id')).toBe(String(agent.user.id));
    await search.fill('nguoi supervisor');
    await expectEventually(async () => expect(await page.getByTestId('staff-row').count()).toBe(1));
    expect(await page.getByTestId('staff-row').getAttribute('data-id')).toBe(String(offline.user.id));
    await search.fill('không-có-ai');
    await page.getByTestId('staff-empty').waitFor();
    await page.getByTestId('staff-search-clear').click();
    await expectEventually(async () => expect(await page.getByTestId('staff-row').count()).toBe(3));

    await choosePresence(page, 'available');
    await expectEventually(async () => expect(await stateOf(rowOf(adminId))).toBe('available'));

    // In English.
    await page.getByTestId('lang-switch').selectOption('en');
    await expectEventually(async () =>
      expect(await rowOf(agent.user.id).getByTestId('staff-state').textContent()).toContain('Do not disturb'),
    );
    await page.screenshot({ path: `${SHOTS}/staff-en.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await rowOf(agent.user.id).waitFor();
    // Nothing may widen the page past the screen (the table scrolls inside its card).
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/staff-mobile-en.png`, fullPage: true });
  });
});
