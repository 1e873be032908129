import { mkdirSync } from 'node:fs';
import type { DeviceInfo, SipBlock } from '#contracts';
import type { Browser, Page } from 'playwright-core';
import { startApi } from '../support/api.js';
import { ApiClient, TEST_PASSWORD, signupTenant } from '../support/api-client.js';
import { launchChromium, loginInBrowser, openConsole } from '../support/browser.js';
import { expectEventually } from '../support/eventually.js';
import type { AppProcess } from '../support/processes.js';
import { sippRegister } from '../support/sipp.js';
import { stackInfo } from '../support/stack-info.js';

const SHOTS = 'test-results/screenshots';
// This suite's SIP peers; 127.0.0.1 stays on the never-blocked list.
const ATTACKER = '127.0.0.41';
const LATER_ATTACKER = '127.0.0.42';
const MAX_FAILURES = 3;

/**
 * The operator's SIP security page in Chromium: a real block (SIPp with a wrong password against
 * the real Asterisk) shows up with its count, is lifted through the confirm dialog, after which
 * the address registers again; the empty state, English, a phone-sized screen, and a tenant admin
 * kept out. The steps build on each other.
 */
describe('SIP security page in Chromium', () => {
  const info = stackInfo();
  const anonymous = new ApiClient(`${info.apiUrl}/api`);

  let app: AppProcess;
  let browser: Browser;
  let operatorApi: ApiClient;
  let device: DeviceInfo;
  let admin: { client: ApiClient; email: string };
  let desktop: Page;
  let phone: Page;

  const register = (localIp: string, password: string) =>
    sippRegister({ sipPort: info.ports.sip, username: device.sip.username, password, localIp });
  const blocked = async () =>
    (await operatorApi.expect<SipBlock[]>(200, 'GET', '/operator/sip-blocks')).map((b) => b.address);
  const liftIfBlocked = async (address: string) => {
    if ((await blocked()).includes(address))
      await operatorApi.expect(204, 'DELETE', `/operator/sip-blocks/${address}`);
  };
  /** Wrong passwords until the guard blocks the address. */
  async function blockAddress(address: string): Promise<void> {
    for (let i = 0; i < MAX_FAILURES; i++) expect(await register(address, 'wrong-password-123456')).toBe(401);
    await expectEventually(async () => expect(await blocked()).toContain(address));
  }
  const row = (page: Page, address: string) =>
    page.locator(`[data-testid="sip-block-row"][data-address="${address}"]`);
  /** No horizontal page scroll: the page is exactly as wide as the window. */
  const pageOverflow = async (page: Page) =>
    Number(
      await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
    );

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startApi(info, {
      SIP_GUARD_IGNORE: '127.0.0.1',
      SIP_GUARD_MAX_FAILURES: String(MAX_FAILURES),
    });
    operatorApi = (await anonymous.login(info.logins.operator.email, info.logins.operator.password)).client;
    // A clean slate: blocks left by an earlier, interrupted run would hide the empty state.
    for (const address of await blocked())
      await operatorApi.expect(204, 'DELETE', `/operator/sip-blocks/${address}`);
    const tenant = await signupTenant(anonymous);
    admin = { client: tenant.client, email: tenant.email };
    device = await admin.client.expect<DeviceInfo>(200, 'PUT', '/me/device', { mode: 'sip' });

    browser = await launchChromium();
    // A Vietnamese browser (navigator.language, Accept-Language), as the console's users have.
    desktop = await (
      await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' })
    ).newPage();
    phone = await (
      await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: 'vi-VN',
      })
    ).newPage();
  });

  afterAll(async () => {
    await liftIfBlocked(ATTACKER).catch(() => undefined);
    await liftIfBlocked(LATER_ATTACKER).catch(() => undefined);
    // The language switch of the English screenshots is saved on the shared demo operator.
    await operatorApi?.call('PATCH', '/auth/me', { language: 'vi' }).catch(() => undefined);
    await browser?.close();
    await app?.stop();
  });

  it('given an address blocked after wrong SIP passwords when the operator opens SIP security then it is listed with its failed attempts and when the block ends', async () => {
    expect(await register(ATTACKER, device.sip.password!)).toBe(200);
    await blockAddress(ATTACKER);
    expect(await register(ATTACKER, device.sip.password!)).not.toBe(200);

    await loginInBrowser(desktop, info.apiUrl, info.logins.operator.email, info.logins.operator.password);
    await desktop.waitForURL(/\/operator\/tenants$/);
    await desktop.getByTestId('nav-operator-sip-security').click();
    await desktop.waitForURL(/\/operator\/sip-security$/);
    await expect(desktop.getByTestId('page-title').textContent()).resolves.toContain('Bảo mật SIP');
    await expect(desktop.getByTestId('page-description').textContent()).resolves.toContain(
      'xác thực SIP sai quá nhiều lần',
    );
    expect(await desktop.title()).toContain('Bảo mật SIP');

    const attacker = row(desktop, ATTACKER);
    await attacker.waitFor();
    await expect(attacker.getByTestId('sip-block-failures').textContent()).resolves.toBe(
      String(MAX_FAILURES),
    );
    // Fifteen minutes by default, in the console's language.
    await expect(attacker.getByTestId('sip-block-remaining').textContent()).resolves.toMatch(
      /sau 1[45] phút/,
    );
    await expect(attacker.getByTestId('sip-block-until').getAttribute('datetime')).resolves.toMatch(
      /^\d{4}-\d\d-\d\dT/,
    );
    await expect(desktop.getByTestId('sip-blocks-count').textContent()).resolves.toContain('1 địa chỉ');
    await expect(desktop.getByTestId('sip-blocks-freshness').textContent()).resolves.toContain('10 giây');
    await desktop.getByTestId('sip-blocks-table').hover({ position: { x: 1, y: 1 } });
    await desktop.screenshot({ path: `${SHOTS}/sip-security-vi.png` });

    // The same list on a phone: one card per address, no sideways page scroll.
    await loginInBrowser(phone, info.apiUrl, info.logins.operator.email, info.logins.operator.password);
    await openConsole(phone, `${info.apiUrl}/operator/sip-security`);
    await row(phone, ATTACKER).waitFor();
    expect(await pageOverflow(phone)).toBe(0);
    await expect(row(phone, ATTACKER).getByTestId('sip-block-lift').isVisible()).resolves.toBe(true);
    await phone.screenshot({ path: `${SHOTS}/sip-security-mobile-vi.png`, fullPage: true });
  });

  it('given the blocked address when the operator lifts the block with the confirm then the row is gone, the lift is audited, and the address registers again', async () => {
    const attacker = row(desktop, ATTACKER);
    await attacker.getByTestId('sip-block-lift').click();
    const dialog = desktop.getByTestId('lift-dialog');
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain(`Gỡ chặn ${ATTACKER}?`);
    await expect(dialog.getByTestId('lift-effects').textContent()).resolves.toContain('đăng ký');
    await desktop.screenshot({ path: `${SHOTS}/sip-security-lift-vi.png` });

    // Cancel keeps the block.
    await desktop.getByTestId('lift-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await blocked()).toContain(ATTACKER);

    await attacker.getByTestId('sip-block-lift').click();
    await desktop.getByTestId('lift-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    await attacker.waitFor({ state: 'detached' });
    await expect(desktop.getByTestId('sip-blocks-notice').textContent()).resolves.toContain(
      `Đã gỡ chặn ${ATTACKER}`,
    );
    expect(await blocked()).not.toContain(ATTACKER);
    expect(await register(ATTACKER, device.sip.password!)).toBe(200);

    const audit = await operatorApi.expect<{ items: { action: string; targetLabel: string }[] }>(
      200,
      'GET',
      '/audit-log',
    );
    expect(audit.items[0]).toMatchObject({ action: 'sip_block.lift', targetLabel: ATTACKER });

    // The phone's page follows by itself (it refreshes every 10 s), with no click.
    await row(phone, ATTACKER).waitFor({ state: 'detached', timeout: 25_000 });
    await phone.getByTestId('sip-blocks-empty').waitFor();
    expect(await pageOverflow(phone)).toBe(0);
    await phone.screenshot({ path: `${SHOTS}/sip-security-mobile-empty-vi.png`, fullPage: true });
  });

  it('given no blocked address then the page says so', async () => {
    const empty = desktop.getByTestId('sip-blocks-empty');
    await empty.waitFor();
    await expect(empty.textContent()).resolves.toContain('Không có địa chỉ nào bị chặn');
    // The count only speaks of blocked addresses; with none the empty state says it all.
    expect(await desktop.getByTestId('sip-blocks-count').count()).toBe(0);
    await desktop.screenshot({ path: `${SHOTS}/sip-security-empty-vi.png` });
  });

  it('given the console in English when a new block appears and the operator refreshes then it shows in English', async () => {
    await desktop.getByTestId('lang-switch').selectOption('en');
    await expect(desktop.getByTestId('page-title').textContent()).resolves.toBe('SIP security');
    await expect(desktop.getByTestId('page-description').textContent()).resolves.toBe(
      'Addresses that failed SIP authentication too often are blocked for a while.',
    );
    await expect(desktop.getByTestId('sip-blocks-empty').textContent()).resolves.toContain(
      'No address is blocked',
    );

    await blockAddress(LATER_ATTACKER);
    // On demand: the refresh button fetches at once. Retried in case a click lands before the
    // API's block is visible to the list.
    await expectEventually(async () => {
      await desktop.getByTestId('sip-blocks-refresh').click();
      await row(desktop, LATER_ATTACKER).waitFor({ timeout: 2_000 });
    });
    const later = row(desktop, LATER_ATTACKER);
    await expect(later.getByTestId('sip-block-remaining').textContent()).resolves.toMatch(/in 1[45] min/);
    await expect(later.getByTestId('sip-block-lift').textContent()).resolves.toContain('Lift block');
    await expect(desktop.getByTestId('sip-blocks-count').textContent()).resolves.toContain('1 blocked');
    await desktop.getByTestId('sip-blocks-table').hover({ position: { x: 1, y: 1 } });
    await desktop.screenshot({ path: `${SHOTS}/sip-security-en.png` });

    await later.getByTestId('sip-block-lift').click();
    await expect(desktop.getByTestId('lift-dialog').textContent()).resolves.toContain(
      `Lift the block of ${LATER_ATTACKER}?`,
    );
    await desktop.getByTestId('lift-confirm').click();
    await later.waitFor({ state: 'detached' });
    await expect(desktop.getByTestId('sip-blocks-notice').textContent()).resolves.toContain(
      `The block of ${LATER_ATTACKER} is lifted`,
    );
    expect(await register(LATER_ATTACKER, device.sip.password!)).toBe(200);
  });

  it('given the API failing when the list refreshes or a block is lifted then the page says so and recovers on retry', async () => {
    await blockAddress(LATER_ATTACKER);
    await expectEventually(async () => {
      await desktop.getByTestId('sip-blocks-refresh').click();
      await row(desktop, LATER_ATTACKER).waitFor({ timeout: 2_000 });
    });

    // The server fails: the last list stays, with the error and a retry above it.
    const list = '**/api/operator/sip-blocks';
    await desktop.route(list, (route) =>
      route.request().method() === 'GET'
        ? route.fulfill({ status: 503, contentType: 'application/json', body: '{}' })
        : route.fallback(),
    );
    await desktop.getByTestId('sip-blocks-refresh').click();
    const error = desktop.getByTestId('sip-blocks-error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toContain('The blocked addresses could not be loaded.');
    await expect(error.textContent()).resolves.toContain('Something went wrong');
    expect(await row(desktop, LATER_ATTACKER).count()).toBe(1);
    await desktop.screenshot({ path: `${SHOTS}/sip-security-error-en.png` });
    await desktop.unroute(list);
    await error.getByRole('button').click();
    await error.waitFor({ state: 'detached' });

    // A failed lift keeps the dialog open with the reason, and the block.
    const one = `${list}/${LATER_ATTACKER}`;
    await desktop.route(one, (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: '{}' }),
    );
    await row(desktop, LATER_ATTACKER).getByTestId('sip-block-lift').click();
    await desktop.getByTestId('lift-confirm').click();
    await expect(desktop.getByTestId('lift-error').textContent()).resolves.toContain('Something went wrong');
    await desktop.screenshot({ path: `${SHOTS}/sip-security-lift-error-en.png` });
    await desktop.unroute(one);
    await desktop.getByTestId('lift-confirm').click();
    await desktop.getByTestId('lift-dialog').waitFor({ state: 'detached' });
    await row(desktop, LATER_ATTACKER).waitFor({ state: 'detached' });
    expect(await blocked()).not.toContain(LATER_ATTACKER);
  });

  it('given a tenant admin when opening the SIP security page then the console sends them to their overview and the API refuses them', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    await loginInBrowser(page, info.apiUrl, admin.email, TEST_PASSWORD);
    await page.waitForURL(/\/home\/overview$/);
    const navIds = await page
      .locator('[data-testid^="nav-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(navIds.some((navId) => navId?.startsWith('nav-operator'))).toBe(false);

    await openConsole(page, `${info.apiUrl}/operator/sip-security`);
    await page.waitForURL(/\/home\/overview$/);
    expect(await page.getByTestId('sip-blocks-table').count()).toBe(0);

    await admin.client.expect(403, 'GET', '/operator/sip-blocks');
    await admin.client.expect(403, 'DELETE', `/operator/sip-blocks/${ATTACKER}`);
    await page.context().close();
  });
});
