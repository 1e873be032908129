import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { signupViaApi, startApi } from '../support/api.js';
import { expectEventually } from '../support/eventually.js';
import { launchChromium, loginInBrowser, openConsole } from '../support/browser.js';
import type { AppProcess } from '../support/processes.js';
import { stackInfo } from '../support/stack-info.js';

const SHOTS = 'test-results/screenshots';

describe('console shell in Chromium', () => {
  const info = stackInfo();
  let api: AppProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    api = await startApi(info);
    browser = await launchChromium();
  });

  beforeEach(async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 800 } });
    page = await context.newPage();
  });

  const loginAsDemoAdmin = () =>
    loginInBrowser(page, info.apiUrl, info.logins.admin.email, info.logins.admin.password);

  afterEach(async () => {
    await page?.context().close();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('given a first visit when the console loads then it is in Vietnamese with the site map and a green health badge', async () => {
    await loginAsDemoAdmin();
    await openConsole(page, info.apiUrl);

    await page.waitForURL(/\/home\/overview$/);
    await expect(page.getByTestId('page-title').textContent()).resolves.toContain('Tổng quan');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    const navIds = await page
      .locator('[data-testid^="nav-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(navIds).toEqual([
      'nav-home-overview',
      'nav-home-calls',
      'nav-home-queues',
      'nav-home-chats',
      'nav-chat',
      'nav-contacts-customers',
      'nav-contacts-groups',
      'nav-contacts-tickets',
      'nav-staff',
      'nav-settings-general',
      'nav-settings-pbx',
      'nav-settings-website',
      'nav-settings-email',
      'nav-settings-workflow',
      'nav-settings-integration',
      'nav-settings-users',
      'nav-settings-phones',
      'nav-settings-audit',
    ]);
    const badge = page.getByTestId('health-badge');
    await expectEventually(async () => expect(await badge.getAttribute('data-status')).toBe('ok'));
    await expect(badge.textContent()).resolves.toContain('Hoạt động');
    await page.screenshot({ path: `${SHOTS}/console-vi-overview.png` });
  });

  it('given the console when the user switches to English and navigates then texts change without reload, and the choice is kept on the account', async () => {
    // Its own account: the language choice is saved on it.
    const account = await signupViaApi(info.apiUrl);
    await loginInBrowser(page, info.apiUrl, account.email, account.password);
    await openConsole(page, `${info.apiUrl}/home/overview`);
    await page.getByTestId('page-title').waitFor();
    await page.evaluate(() => ((globalThis as unknown as { marker: number }).marker = 42));

    await page.getByTestId('lang-switch').selectOption('en');
    await page.getByTestId('nav-settings-users').click();

    await page.waitForURL(/\/settings\/users$/);
    // The English dictionary is a lazy chunk: the switch shows once it has arrived.
    await expectEventually(async () =>
      expect(await page.getByTestId('page-title').textContent()).toContain('Users'),
    );
    expect(await page.evaluate(() => (globalThis as unknown as { marker?: number }).marker)).toBe(42);
    expect(await page.getByTestId('nav-settings-users').getAttribute('aria-current')).toBe('page');
    await page.screenshot({ path: `${SHOTS}/console-en-users.png` });

    await page.reload();
    await expect(page.getByTestId('page-title').textContent()).resolves.toContain('Users');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    // Another browser (no local storage) opens in English after logging in.
    const other = await browser.newContext();
    try {
      const otherPage = await other.newPage();
      await loginInBrowser(otherPage, info.apiUrl, account.email, account.password);
      await expectEventually(async () =>
        expect(await otherPage.locator('html').getAttribute('lang')).toBe('en'),
      );
    } finally {
      await other.close();
    }
  });

  it('given an unknown path when opened then the not-found page is shown inside the shell', async () => {
    await loginAsDemoAdmin();
    await openConsole(page, `${info.apiUrl}/no/such/page`);
    await page.getByTestId('not-found').waitFor();
    expect(await page.getByTestId('nav-home-overview').isVisible()).toBe(true);
  });
});
