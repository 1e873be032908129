import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { startApi } from '../support/api.js';
import { ApiClient } from '../support/api-client.js';
import { launchChromium, loginInBrowser, openConsole } from '../support/browser.js';
import { expectEventually } from '../support/eventually.js';
import { linkIn, waitForMail } from '../support/mail-sink.js';
import type { AppProcess } from '../support/processes.js';
import { stackInfo } from '../support/stack-info.js';

const SHOTS = 'test-results/screenshots';

/**
 * The operator's story in Chromium (F31): the platform console, a tenant created with its admin
 * invited by mail, suspended (the admin is locked out) and reactivated, the quota rules, and the
 * audit log as the operator and as the tenant's admin see it. The steps build on each other.
 */
describe('operator console in Chromium', () => {
  const info = stackInfo();
  const id = randomUUID().slice(0, 8);
  const company = `Công ty Vận hành ${id}`;
  const adminEmail = `op-admin-${id}@example.vn`;
  const adminPassword = `Mat-khau-${randomUUID()}`;
  const inviteeEmail = `op-agent-${id}@example.vn`;
  const reason = 'Chưa thanh toán hóa đơn tháng 10';
  const api = new ApiClient(`${info.apiUrl}/api`);

  let app: AppProcess;
  let browser: Browser;
  let operator: Page;
  let admin: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startApi(info);
    browser = await launchChromium();
    // A Vietnamese browser (navigator.language, Accept-Language), as the console's users have.
    const context = (width: number) =>
      browser.newContext({ viewport: { width, height: 900 }, locale: 'vi-VN' });
    operator = await (await context(1440)).newPage();
    admin = await (await context(1366)).newPage();
  });

  afterAll(async () => {
    // The language switch of the English screenshots is saved on the shared demo operator.
    await api
      .login(info.logins.operator.email, info.logins.operator.password)
      .then(({ client }) => client.call('PATCH', '/auth/me', { language: 'vi' }))
      .catch(() => undefined);
    await browser?.close();
    await app?.stop();
  });

  const navIds = (page: Page) =>
    page.locator('[data-testid^="nav-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));

  /** The row of this test's tenant, found through the search box (the list holds every run's tenants). */
  async function tenantRow(): Promise<Locator> {
    const search = operator.getByTestId('tenants-search');
    if ((await search.inputValue()) !== company) await search.fill(company);
    const row = operator.getByTestId('tenant-row').filter({ hasText: company });
    await expectEventually(async () => expect(await operator.getByTestId('tenant-row').count()).toBe(1));
    await row.waitFor();
    return row;
  }

  /** Unfolds an audit entry's changes (it may still be open from before a reload of the list). */
  async function expand(row: Locator): Promise<void> {
    const toggle = row.getByTestId('audit-toggle');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await row.getByTestId('audit-changes').waitFor();
  }

  it('given the demo operator when logging in then the tenant list opens and the sidebar has no tenant areas', async () => {
    await loginInBrowser(operator, info.apiUrl, info.logins.operator.email, info.logins.operator.password);
    await operator.waitForURL(/\/operator\/tenants$/);
    await expect(operator.getByTestId('page-title').textContent()).resolves.toContain('Doanh nghiệp');
    expect(await navIds(operator)).toEqual([
      'nav-operator-tenants',
      'nav-operator-hotlines',
      'nav-operator-trunks',
      'nav-operator-sip-security',
      'nav-operator-audit',
    ]);
    await operator.getByTestId('tenant-row').first().waitFor();

    // Tenant pages are not for operators: they end on the tenant list.
    await openConsole(operator, `${info.apiUrl}/settings/users`);
    await operator.waitForURL(/\/operator\/tenants$/);
    await operator.getByTestId('tenant-row').first().waitFor();
    await operator.screenshot({ path: `${SHOTS}/operator-tenants-vi.png` });
  });

  it('given a taken company name when adding a tenant then the field says so, and with a free one the admin gets the invitation mail', async () => {
    await operator.getByTestId('tenant-add').click();
    const dialog = operator.getByTestId('tenant-dialog');
    await dialog.waitFor();
    expect(await operator.getByTestId('tenant-quota-users').inputValue()).toBe('20');
    expect(await operator.getByTestId('tenant-quota-concurrentCalls').inputValue()).toBe('10');
    expect(await operator.getByTestId('tenant-quota-hotlines').inputValue()).toBe('5');

    await operator.getByTestId('tenant-companyName').fill('Công ty Demo');
    await operator.getByTestId('tenant-adminFullName').fill('Trần Thị Quản Trị');
    await operator.getByTestId('tenant-adminEmail').fill(adminEmail);
    await operator.getByTestId('tenant-submit').click();
    await operator.getByTestId('field-error-companyName').waitFor();
    expect(await operator.getByTestId('tenant-companyName').getAttribute('aria-invalid')).toBe('true');
    expect(await operator.getByTestId('field-error-adminEmail').count()).toBe(0);
    await operator.screenshot({ path: `${SHOTS}/operator-add-error-vi.png` });

    await operator.getByTestId('tenant-companyName').fill(company);
    await operator.getByTestId('tenant-submit').click();
    const created = operator.getByTestId('tenant-created');
    await created.waitFor();
    await expect(created.textContent()).resolves.toContain(adminEmail);
    await operator.screenshot({ path: `${SHOTS}/operator-created-vi.png` });
    await operator.getByTestId('tenant-created-close').click();
    await dialog.waitFor({ state: 'detached' });

    const row = await tenantRow();
    expect(await row.getAttribute('data-status')).toBe('active');
    await expect(row.getByTestId('tenant-users').textContent()).resolves.toMatch(/1\s*\/\s*20/);
    await expect(row.textContent()).resolves.toContain(adminEmail);
  });

  it('given the invitation when the admin sets a password then the tenant console opens without the operator area', async () => {
    const mail = await waitForMail(info.mailSinkUrl!, adminEmail);
    await openConsole(admin, linkIn(mail, '/reset-password'));
    await admin.getByTestId('reset-password').fill(adminPassword);
    await admin.getByTestId('reset-passwordConfirm').fill(adminPassword);
    await admin.getByTestId('reset-submit').click();
    await admin.getByTestId('reset-done').waitFor();

    await loginInBrowser(admin, info.apiUrl, adminEmail, adminPassword);
    await admin.waitForURL(/\/home\/overview$/);
    const ids = await navIds(admin);
    expect(ids).toContain('nav-settings-users');
    expect(ids).toContain('nav-settings-audit');
    expect(ids.some((navId) => navId?.startsWith('nav-operator'))).toBe(false);

    await openConsole(admin, `${info.apiUrl}/operator/tenants`);
    await admin.waitForURL(/\/home\/overview$/);
  });

  it('given the admin is signed in when the operator suspends the tenant then the admin is sent to the login page and cannot sign in', async () => {
    await (await tenantRow()).getByTestId('tenant-suspend').click();
    const dialog = operator.getByTestId('suspend-dialog');
    await dialog.waitFor();
    await expect(dialog.getByTestId('suspend-effects').textContent()).resolves.toContain('đăng xuất');
    await operator.getByTestId('suspend-reason').fill(reason);
    await operator.screenshot({ path: `${SHOTS}/operator-suspend-vi.png` });
    await operator.getByTestId('suspend-confirm').click();
    await dialog.waitFor({ state: 'detached' });
    await operator.getByTestId('tenants-notice').waitFor();
    await expectEventually(async () =>
      expect(await (await tenantRow()).getAttribute('data-status')).toBe('suspended'),
    );

    // The admin's next request (opening the audit log) ends the session.
    await admin.getByTestId('nav-settings-audit').click();
    await admin.waitForURL(/\/login\?.*suspended=1/);
    await admin.getByTestId('login-suspended').waitFor();
    await admin.screenshot({ path: `${SHOTS}/operator-admin-suspended-vi.png` });

    await admin.getByTestId('login-email').fill(adminEmail);
    await admin.getByTestId('login-password').fill(adminPassword);
    await admin.getByTestId('login-submit').click();
    const error = admin.getByTestId('login-error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toContain('tạm ngưng');
    expect(new URL(admin.url()).pathname).toBe('/login');
    // The API says why, with its stable code.
    const answer = await api.call('POST', '/auth/login', { email: adminEmail, password: adminPassword });
    expect(answer.status).toBe(403);
    expect(((await answer.json()) as { code: string }).code).toBe('tenant_suspended');
  });

  it('given a suspended tenant when the operator reactivates it then its admin signs in again and sees only its own audit entries', async () => {
    await (await tenantRow()).getByTestId('tenant-reactivate').click();
    await expectEventually(async () =>
      expect(await operator.getByTestId('tenants-notice').textContent()).toContain('kích hoạt lại'),
    );
    await expectEventually(async () =>
      expect(await (await tenantRow()).getAttribute('data-status')).toBe('active'),
    );

    const { client } = await api.login(adminEmail, adminPassword);
    await client.expect(201, 'POST', '/users', {
      fullName: 'Lê Văn Mời',
      email: inviteeEmail,
      role: 'agent',
    });

    await loginInBrowser(admin, info.apiUrl, adminEmail, adminPassword);
    await openConsole(admin, `${info.apiUrl}/settings/audit`);
    const rows = admin.getByTestId('audit-row');
    await rows.first().waitFor();
    const actions = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(actions).toContain('user.invite');
    expect(actions.some((action) => action?.startsWith('tenant.'))).toBe(false);
    const invite = rows.filter({ hasText: inviteeEmail });
    await expand(invite);
    await expect(invite.getByTestId('audit-changes').textContent()).resolves.toContain(inviteeEmail);
    await admin.screenshot({ path: `${SHOTS}/tenant-audit-vi.png` });
  });

  it('given the tenant has two users when the operator lowers its users quota to one then the quota field shows the API error', async () => {
    await expectEventually(async () => {
      await operator.reload();
      await expect((await tenantRow()).getByTestId('tenant-users').textContent()).resolves.toMatch(
        /2\s*\/\s*20/,
      );
    });
    await (await tenantRow()).getByTestId('tenant-edit').click();
    await operator.getByTestId('tenant-dialog').waitFor();
    await operator.getByTestId('tenant-quota-users').fill('1');
    await operator.getByTestId('tenant-submit').click();
    const error = operator.getByTestId('field-error-quotas.users');
    await error.waitFor();
    expect(await operator.getByTestId('tenant-quota-users').getAttribute('aria-invalid')).toBe('true');
    await operator.screenshot({ path: `${SHOTS}/operator-edit-below-usage-vi.png` });

    await operator.getByTestId('tenant-quota-users').fill('2');
    await operator.getByTestId('tenant-submit').click();
    await operator.getByTestId('tenant-dialog').waitFor({ state: 'detached' });
    await operator.getByTestId('tenants-notice').waitFor();
    await expect((await tenantRow()).getByTestId('tenant-users').textContent()).resolves.toMatch(
      /2\s*\/\s*2\b/,
    );
  });

  it("given the operator's audit log then it lists the tenant's creation, suspension and reactivation, with the suspension's before and after", async () => {
    await operator.getByTestId('nav-operator-audit').click();
    await operator.waitForURL(/\/operator\/audit$/);
    const rows = operator.getByTestId('audit-row').filter({ hasText: company });
    await rows.first().waitFor();
    const actions = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(actions).toEqual(
      expect.arrayContaining(['tenant.create', 'tenant.suspend', 'tenant.reactivate', 'tenant.update']),
    );
    // Newest first.
    expect(actions.indexOf('tenant.reactivate')).toBeLessThan(actions.indexOf('tenant.suspend'));
    expect(actions.indexOf('tenant.suspend')).toBeLessThan(actions.indexOf('tenant.create'));

    const suspension = operator.locator('[data-testid="audit-row"][data-action="tenant.suspend"]', {
      hasText: company,
    });
    await expand(suspension);
    const status = suspension.locator('[data-testid="audit-change"][data-field="status"]');
    await expect(status.getByTestId('audit-before').textContent()).resolves.toContain('Hoạt động');
    await expect(status.getByTestId('audit-after').textContent()).resolves.toContain('Tạm ngưng');
    const why = suspension.locator('[data-testid="audit-change"][data-field="suspendReason"]');
    await expect(why.getByTestId('audit-after').textContent()).resolves.toContain(reason);
    await operator.screenshot({ path: `${SHOTS}/operator-audit-vi.png` });

    // Filtering by action keeps only that action.
    await operator.getByTestId('audit-filter-action').selectOption('tenant.suspend');
    await expectEventually(async () => {
      const shown = await operator
        .getByTestId('audit-row')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
      expect(shown.length).toBeGreaterThan(0);
      expect(new Set(shown)).toEqual(new Set(['tenant.suspend']));
    });

    await operator.getByTestId('lang-switch').selectOption('en');
    await operator.getByTestId('audit-filter-clear').click();
    await expect(operator.getByTestId('page-title').textContent()).resolves.toContain('Audit log');
    const again = operator.locator('[data-testid="audit-row"][data-action="tenant.suspend"]', {
      hasText: company,
    });
    await expand(again);
    await expect(again.getByTestId('audit-changes').textContent()).resolves.toContain('Suspended');
    await operator.screenshot({ path: `${SHOTS}/operator-audit-en.png` });

    await operator.getByTestId('nav-operator-tenants').click();
    await tenantRow();
    await operator.getByTestId('tenants-search').fill('');
    await operator.getByTestId('tenant-row').nth(1).waitFor();
    await expect(operator.getByTestId('page-title').textContent()).resolves.toContain('Tenants');
    await operator.screenshot({ path: `${SHOTS}/operator-tenants-en.png` });
  });
});
