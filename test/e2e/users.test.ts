import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import type { LoginResponse, TenantUser } from '#contracts';
import { signupViaApi, startApi } from '../support/api.js';
import { launchChromium, loginInBrowser, openConsole } from '../support/browser.js';
import { expectEventually } from '../support/eventually.js';
import { linkIn, type SinkMessage } from '../support/mail-sink.js';
import type { AppProcess } from '../support/processes.js';
import { stackInfo } from '../support/stack-info.js';

const SHOTS = 'test-results/screenshots';

/** Every mail the sink holds for `to`, newest first. */
async function mailsTo(sinkUrl: string, to: string): Promise<SinkMessage[]> {
  const messages = (await (await fetch(`${sinkUrl}/api/messages`)).json()) as SinkMessage[];
  return messages.filter((m) => m.to.some((address) => address.toLowerCase() === to.toLowerCase()));
}

/** Waits until the sink holds `count` mails for `to`; returns the newest one's invitation link. */
async function waitForInvitation(sinkUrl: string, to: string, count: number): Promise<string> {
  const mails = await expectEventually(async () => {
    const found = await mailsTo(sinkUrl, to);
    if (found.length < count) throw new Error(`${found.length} of ${count} mails to ${to} so far`);
    return found;
  });
  return linkIn(mails[0], '/reset-password');
}

async function statusOf(row: Locator): Promise<string | null> {
  return row.getByTestId('user-status').getAttribute('data-status');
}

describe('Settings → Users in Chromium', () => {
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
    page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
  });

  afterEach(async () => {
    await page?.context().close();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  /** Sets the password from an invitation link in a browser of its own; returns that page. */
  async function acceptInvitation(link: string, password: string): Promise<Page> {
    const invited = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await openConsole(invited, link);
    await invited.getByTestId('reset-password').fill(password);
    await invited.getByTestId('reset-passwordConfirm').fill(password);
    await invited.getByTestId('reset-submit').click();
    return invited;
  }

  it('given a tenant admin when they build a group and invite a user then the invitee sets a password and logs in, and the admin finds, disables and deletes them', async () => {
    const admin = await signupViaApi(info.apiUrl);
    const id = randomUUID().slice(0, 8);
    const group = `CSKH ${id}`;
    const renamed = `CSKH miền Bắc ${id}`;
    const name = `Trần Thị Mời ${id}`;
    const email = `moi-${id}@example.vn`;
    const password = `Mat-khau-${randomUUID().slice(0, 12)}`;

    await loginInBrowser(page, info.apiUrl, admin.email, admin.password);
    await page.getByTestId('nav-settings-users').click();
    await page.waitForURL(/\/settings\/users$/);
    await page.getByTestId('user-row').first().waitFor();
    expect(await page.getByTestId('users-tab-users').getAttribute('aria-selected')).toBe('true');

    // Groups tab: add, a duplicate is refused at the field, rename.
    await page.getByTestId('users-tab-groups').click();
    await page.waitForURL(/[?&]tab=groups/);
    await page.getByTestId('groups-empty').waitFor();
    await page.getByTestId('group-add').click();
    await page.getByTestId('group-name').fill(group);
    await page.getByTestId('group-save').click();
    await page.getByTestId('group-row').filter({ hasText: group }).waitFor();
    await expect(page.getByTestId('groups-notice').textContent()).resolves.toContain(group);

    await page.getByTestId('group-add').click();
    await page.getByTestId('group-name').fill(group);
    await page.getByTestId('group-save').click();
    await expect(page.getByTestId('field-error-name').textContent()).resolves.toContain('đã được sử dụng');
    expect(await page.getByTestId('group-name').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: `${SHOTS}/users-group-duplicate-vi.png` });
    await page.getByTestId('group-cancel').click();
    await page.getByTestId('group-dialog').waitFor({ state: 'detached' });

    await page.getByTestId('group-row').filter({ hasText: group }).getByTestId('group-rename').click();
    await page.getByTestId('group-name').fill(renamed);
    await page.getByTestId('group-save').click();
    const groupRow = page.getByTestId('group-row').filter({ hasText: renamed });
    await groupRow.waitFor();
    expect(await page.getByTestId('group-row').count()).toBe(1);
    const groupId = await groupRow.getAttribute('data-id');
    await page.screenshot({ path: `${SHOTS}/users-groups-vi.png` });

    // Users tab: an invalid email is flagged before anything is sent, then the invitation goes out.
    await page.getByTestId('users-tab-users').click();
    await page.waitForURL(/\/settings\/users$/);
    await page.getByTestId('user-add').click();
    await page.getByTestId('user-fullName').fill(name);
    await page.getByTestId('user-email').fill('khong-phai-email');
    await page.getByTestId('user-phone').fill('12345');
    await page.getByTestId('user-role').selectOption('agent');
    await page.getByTestId(`user-group-${groupId}`).check();
    await page.getByTestId('user-save').click();
    await page.getByTestId('field-error-email').waitFor();
    await page.getByTestId('field-error-phone').waitFor();
    expect(await page.getByTestId('field-error-fullName').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/users-add-errors-vi.png` });

    // The API's own field error: the admin's email is taken.
    await page.getByTestId('user-phone').fill('');
    await page.getByTestId('user-email').fill(admin.email);
    await page.getByTestId('user-save').click();
    await expect(page.getByTestId('field-error-email').textContent()).resolves.toContain('đã được sử dụng');

    await page.getByTestId('user-email').fill(email);
    await page.getByTestId('user-save').click();
    await page.getByTestId('user-dialog').waitFor({ state: 'detached' });
    await expect(page.getByTestId('users-notice').textContent()).resolves.toContain(email);
    const firstLink = await waitForInvitation(info.mailSinkUrl!, email, 1);

    const row = page.getByTestId('user-row').filter({ hasText: email });
    await row.waitFor();
    expect(await statusOf(row)).toBe('invited');
    await expect(row.textContent()).resolves.toContain(renamed);
    const userId = await row.getAttribute('data-id');
    const call = page.getByTestId(`user-call-${userId}`);
    expect(await call.getAttribute('aria-disabled')).toBe('true');
    await expect(call.textContent()).resolves.toMatch(/\d{4}/);

    // Resend: a second mail with a new link; the first one stops working.
    await row.getByTestId('user-resend').click();
    await expectEventually(async () =>
      expect(await page.getByTestId('users-notice').textContent()).toContain('gửi lại'),
    );
    const link = await waitForInvitation(info.mailSinkUrl!, email, 2);
    expect(link).not.toBe(firstLink);
    await page.screenshot({ path: `${SHOTS}/users-list-vi.png` });

    const stale = await acceptInvitation(firstLink, password);
    await stale.getByTestId('reset-error').waitFor();
    await stale.context().close();

    // The invitee sets a password, logs in and sees their name; the users page is not for agents.
    const invited = await acceptInvitation(link, password);
    try {
      await invited.getByTestId('reset-done').waitFor();
      await loginInBrowser(invited, new URL(link).origin, email, password);
      await expect(invited.getByTestId('account-menu').textContent()).resolves.toContain(name);
      await openConsole(invited, `${new URL(link).origin}/settings/users`);
      await invited.waitForURL(/\/home\/overview$/);
    } finally {
      await invited.context().close();
    }

    // Back as the admin: search finds the now active user; disable, then delete.
    await page.reload();
    await page.getByTestId('users-search').fill(id);
    await expectEventually(async () => {
      expect(await page.getByTestId('user-row').count()).toBe(1);
      expect(await statusOf(row)).toBe('active');
    });
    await expect(row.getByTestId('user-name').textContent()).resolves.toBe(name);

    await row.getByTestId('user-toggle').click();
    await expectEventually(async () => expect(await statusOf(row)).toBe('disabled'));
    await row.getByTestId('user-toggle').click();
    await expectEventually(async () => expect(await statusOf(row)).toBe('active'));
    await row.getByTestId('user-toggle').click();
    await expectEventually(async () => expect(await statusOf(row)).toBe('disabled'));

    await row.getByTestId('user-delete').click();
    await expect(page.getByTestId('confirm-dialog').textContent()).resolves.toContain('vẫn được giữ lại');
    await page.screenshot({ path: `${SHOTS}/users-delete-confirm-vi.png` });
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('confirm-dialog').waitFor({ state: 'detached' });
    await page.getByTestId('users-empty').waitFor();
    expect(await page.getByTestId('user-row').count()).toBe(0);

    await page.getByTestId('users-search-clear').click();
    await expectEventually(async () => expect(await page.getByTestId('user-row').count()).toBe(1));
    await expect(page.getByTestId('users-table').textContent()).resolves.not.toContain(email);

    // The same page in English.
    await page.getByTestId('lang-switch').selectOption('en');
    await expect(page.getByTestId('users-tab-groups').textContent()).resolves.toContain('User groups');
    await page.screenshot({ path: `${SHOTS}/users-list-en.png` });
    await page.getByTestId('user-add').click();
    await page.getByTestId('user-save').click();
    await expect(page.getByTestId('field-error-email').textContent()).resolves.toContain('email');
    await page.screenshot({ path: `${SHOTS}/users-add-errors-en.png` });
    await page.getByTestId('user-cancel').click();
    await page.getByTestId('users-tab-groups').click();
    await groupRow.waitFor();
    await page.screenshot({ path: `${SHOTS}/users-groups-en.png` });

    await groupRow.getByTestId('group-delete').click();
    await expect(page.getByTestId('confirm-dialog').textContent()).resolves.toContain(renamed);
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('groups-empty').waitFor();
  });

  it('given a supervisor when they open the users page then it is read-only; clicking a group lists its members', async () => {
    const admin = await signupViaApi(info.apiUrl);
    const id = randomUUID().slice(0, 8);
    const email = `giam-sat-${id}@example.vn`;
    const password = `Mat-khau-${randomUUID().slice(0, 12)}`;
    const call = async <T>(token: string, method: string, path: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${info.apiUrl}/api${path}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    };
    const login = await fetch(`${info.apiUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: admin.email, password: admin.password }),
    });
    const { accessToken } = (await login.json()) as LoginResponse;
    const group = await call<{ id: number }>(accessToken, 'POST', '/user-groups', { name: `Giám sát ${id}` });
    await call<{ id: number }>(accessToken, 'POST', '/user-groups', { name: `Trống ${id}` });
    const supervisor = await call<TenantUser>(accessToken, 'POST', '/users', {
      fullName: `Lê Giám Sát ${id}`,
      email,
      role: 'supervisor',
      groupIds: [group.id],
    });
    const link = await waitForInvitation(info.mailSinkUrl!, email, 1);
    const reset = await fetch(`${info.apiUrl}/api/auth/reset-password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: new URL(link).searchParams.get('token'), password }),
    });
    expect(reset.status).toBeLessThan(300);

    await loginInBrowser(page, info.apiUrl, email, password);
    await openConsole(page, `${info.apiUrl}/settings/users?tab=groups`);
    await page.getByTestId('users-read-only').waitFor();
    await page.getByTestId('group-row').first().waitFor();
    expect(await page.getByTestId('group-add').count()).toBe(0);
    expect(await page.getByTestId('group-rename').count()).toBe(0);

    await page
      .getByTestId('group-row')
      .filter({ hasText: `Giám sát ${id}` })
      .getByTestId('group-members')
      .click();
    await page.waitForURL(new RegExp(`[?&]group=${group.id}`));
    await expectEventually(async () => expect(await page.getByTestId('user-row').count()).toBe(1));
    await expect(page.getByTestId('user-row').textContent()).resolves.toContain(email);
    expect(await page.getByTestId('users-group-filter').inputValue()).toBe(String(group.id));
    expect(await page.getByTestId('user-add').count()).toBe(0);
    expect(await page.getByTestId('user-edit').count()).toBe(0);
    await page.getByTestId(`user-call-${supervisor.id}`).waitFor();
    await page.screenshot({ path: `${SHOTS}/users-supervisor-vi.png` });

    await page.getByTestId('users-group-filter').selectOption({ label: `Trống ${id}` });
    await page.getByTestId('users-empty').waitFor();
    await page.getByTestId('users-group-filter').selectOption('');
    await expectEventually(async () => expect(await page.getByTestId('user-row').count()).toBe(2));
  });
});
