import { randomInt, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { signupViaApi, startApi } from '../support/api.js';
import { launchChromium, loginInBrowser, openConsole } from '../support/browser.js';
import { linkIn, waitForMail } from '../support/mail-sink.js';
import type { AppProcess } from '../support/processes.js';
import { stackInfo } from '../support/stack-info.js';

const SHOTS = 'test-results/screenshots';
// The sign-up form refuses submissions faster than a person can type (bot trap).
const HUMAN_FORM_TIME_MS = 3_200;

describe('sign-up, login and password reset in Chromium', () => {
  const info = stackInfo();
  let api: AppProcess;
  let browser: Browser;
  let page: Page;

  const company = `Công ty Thử ${randomUUID().slice(0, 8)}`;
  const email = `admin-${randomUUID().slice(0, 8)}@example.vn`;
  const phone = `09${randomInt(10_000_000, 99_999_999)}`;
  const password = `Mat-khau-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    api = await startApi(info);
    browser = await launchChromium();
  });

  beforeEach(async () => {
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  });

  afterEach(async () => {
    await page?.context().close();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  async function fillSignup(values: { company: string; email: string; phone: string }): Promise<void> {
    await openConsole(page, `${info.apiUrl}/signup`);
    await page.getByTestId('signup-fullName').fill('Nguyễn Văn Thử');
    await page.getByTestId('signup-companyName').fill(values.company);
    await page.getByTestId('signup-email').fill(values.email);
    await page.getByTestId('signup-phone').fill(values.phone);
    await page.getByTestId('signup-password').fill(password);
    await page.getByTestId('signup-passwordConfirm').fill(password);
    await page.getByTestId('signup-terms').check();
    await page.waitForTimeout(HUMAN_FORM_TIME_MS);
    await page.getByTestId('signup-submit').click();
  }

  it('given a new company when it registers then it can log in, and a second registration with the same email and phone highlights exactly those fields', async () => {
    await fillSignup({ company, email, phone });
    await page.getByTestId('signup-success').waitFor();

    await page.getByTestId('signup-success-login').click();
    await page.waitForURL(/\/login/);
    expect(await page.getByTestId('login-email').inputValue()).toBe(email);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/home\/overview/);
    await expect(page.getByTestId('account-menu').textContent()).resolves.toContain('Nguyễn Văn Thử');

    await page.context().clearCookies();
    await fillSignup({ company: `${company} khác`, email, phone });
    await page.getByTestId('field-error-email').waitFor();
    await page.getByTestId('field-error-phone').waitFor();
    expect(await page.getByTestId('field-error-companyName').count()).toBe(0);
    expect(await page.getByTestId('signup-email').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: `${SHOTS}/signup-duplicate-vi.png` });
  });

  it('given a wrong password when logging in then a generic error is shown and no session starts', async () => {
    await openConsole(page, `${info.apiUrl}/login`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill('not-the-password-1');
    await page.getByTestId('login-submit').click();

    await page.getByTestId('login-error').waitFor();
    expect(page.url()).toContain('/login');
  });

  it('given a forgotten password when the user follows the mailed link then the new password works and the old one does not', async () => {
    await openConsole(page, `${info.apiUrl}/forgot-password`);
    await page.getByTestId('forgot-email').fill(email);
    await page.getByTestId('forgot-submit').click();
    await page.getByTestId('forgot-done').waitFor();

    const mail = await waitForMail(info.mailSinkUrl!, email);
    const link = linkIn(mail, '/reset-password');
    const newPassword = `Moi-${randomUUID().slice(0, 12)}`;
    await openConsole(page, link);
    await page.getByTestId('reset-password').fill(newPassword);
    await page.getByTestId('reset-passwordConfirm').fill(newPassword);
    await page.getByTestId('reset-submit').click();
    await page.getByTestId('reset-done').waitFor();

    // The link is single-use.
    const other = `Khac-${randomUUID().slice(0, 12)}`;
    await openConsole(page, link);
    await page.getByTestId('reset-password').fill(other);
    await page.getByTestId('reset-passwordConfirm').fill(other);
    await page.getByTestId('reset-submit').click();
    await page.getByTestId('reset-error').waitFor();

    const origin = new URL(link).origin;
    await openConsole(page, `${origin}/login`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();

    await page.getByTestId('login-password').fill(newPassword);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/home\/overview/);
  });

  it('given the account page when the user changes name and password then the menu shows the new name and only the new password logs in', async () => {
    const account = await signupViaApi(info.apiUrl);
    await loginInBrowser(page, info.apiUrl, account.email, account.password);
    await openConsole(page, `${info.apiUrl}/account`);

    await page.getByTestId('account-fullName').fill('Lê Thị Mới');
    await page.getByTestId('account-save').click();
    await page.getByTestId('account-saved').waitFor();
    await expect(page.getByTestId('account-menu').textContent()).resolves.toContain('Lê Thị Mới');

    await page.getByTestId('password-current').fill('sai-mat-khau-1');
    await page.getByTestId('password-new').fill('Mat-khau-moi-2026');
    await page.getByTestId('password-confirm').fill('Mat-khau-moi-2026');
    await page.getByTestId('password-submit').click();
    await page.getByTestId('field-error-currentPassword').waitFor();

    await page.getByTestId('password-current').fill(account.password);
    await page.getByTestId('password-submit').click();
    await page.getByTestId('password-done').waitFor();
    await page.screenshot({ path: `${SHOTS}/account-vi.png`, fullPage: true });

    await page.context().clearCookies();
    await openConsole(page, `${info.apiUrl}/login`);
    await page.getByTestId('login-email').fill(account.email);
    await page.getByTestId('login-password').fill(account.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    await page.getByTestId('login-password').fill('Mat-khau-moi-2026');
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  });
});
