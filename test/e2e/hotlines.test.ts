import type { HotlineView, TrunkView } from '#contracts';
import { randomInt, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { signupViaApi, startApi } from '../support/api.js';
import { ApiClient } from '../support/api-client.js';
import { launchChromium, loginInBrowser, openConsole } from '../support/browser.js';
import type { AppProcess } from '../support/processes.js';
import { stackInfo } from '../support/stack-info.js';

const SHOTS = 'test-results/screenshots';

/**
 * Hotlines end to end in Chromium (F17, F19): an operator adds a trunk from the FPT iVoice
 * preset, a company admin requests a number in PBX → Hotlines, the operator accepts it (waiting
 * for the contract) and activates it on the trunk, and the admin sees the status change.
 * The steps build on each other.
 */
describe('hotlines and trunks in Chromium', () => {
  const info = stackInfo();
  const api = new ApiClient(`${info.apiUrl}/api`);
  const id = randomUUID().slice(0, 6);
  const trunkName = `FPT iVoice HCM ${id}`;
  const number = `1800${randomInt(100000, 999999)}`;
  const typed = `${number.slice(0, 4)} ${number.slice(4)}`;

  let app: AppProcess;
  let browser: Browser;
  let operator: Page;
  let admin: Page;
  let adminLogin: { email: string; password: string };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startApi(info);
    browser = await launchChromium();
    const context = () => browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
    operator = await (await context()).newPage();
    admin = await (await context()).newPage();
    adminLogin = await signupViaApi(info.apiUrl);
  });

  afterAll(async () => {
    // The shared demo operator goes back to Vietnamese; this run's hotline and trunk go away.
    const op = await api.login(info.logins.operator.email, info.logins.operator.password).catch(() => null);
    if (op) {
      await op.client.call('PATCH', '/auth/me', { language: 'vi' });
      const hotlines = await op.client
        .expect<HotlineView[]>(200, 'GET', '/operator/hotlines')
        .catch(() => []);
      const mine = hotlines.find((h) => h.number === number);
      const tenantAdmin = await api.login(adminLogin.email, adminLogin.password).catch(() => null);
      if (mine && tenantAdmin) {
        await op.client.call('POST', `/operator/hotlines/${mine.id}/status`, { status: 'suspended' });
        await tenantAdmin.client.call('DELETE', `/hotlines/${mine.id}`);
      }
      const trunk = (await op.client.expect<TrunkView[]>(200, 'GET', '/trunks')).find(
        (t) => t.name === trunkName,
      );
      if (trunk) await op.client.call('DELETE', `/trunks/${trunk.id}`);
    }
    await browser?.close();
    await app?.stop();
  });

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  const adminRow = () => admin.locator(`[data-testid="hotline-row"][data-number="${number}"]`);
  const operatorRow = () => operator.locator(`[data-testid="op-hotline-row"][data-number="${number}"]`);

  it('given the FPT iVoice preset when the operator adds a trunk then its defaults are filled in and the trunk is ready in Asterisk', async () => {
    await loginInBrowser(operator, info.apiUrl, info.logins.operator.email, info.logins.operator.password);
    await operator.getByTestId('nav-operator-trunks').click();
    await operator.waitForURL(/\/operator\/trunks$/);
    await operator.getByTestId('trunk-row').first().waitFor();
    await operator.getByTestId('trunk-add').click();
    const dialog = operator.getByTestId('trunk-dialog');
    await dialog.waitFor();
    await operator.getByTestId('trunk-preset').selectOption('fpt');
    // The preset: FPT iVoice by IP, UDP 5060, G.711, and a note saying the host comes with the contract.
    await expect(operator.getByTestId('trunk-name').inputValue()).resolves.toBe('FPT iVoice');
    await expect(operator.getByTestId('trunk-mode-ip').isChecked()).resolves.toBe(true);
    await expect(operator.getByTestId('trunk-port').inputValue()).resolves.toBe('5060');
    await expect(operator.getByTestId('trunk-transport').inputValue()).resolves.toBe('udp');
    await expect(operator.getByTestId('trunk-codec-alaw').isChecked()).resolves.toBe(true);
    await expect(operator.getByTestId('trunk-preset-note').textContent()).resolves.toContain('hợp đồng');

    // 127.0.0.1 is where phones live: refused on the field.
    await operator.getByTestId('trunk-name').fill(trunkName);
    await operator.getByTestId('trunk-match-ips').fill('127.0.0.1');
    await operator.getByTestId('trunk-save').click();
    await dialog.locator('#trunk-matchIps-error').waitFor();
    await expect(dialog.locator('#trunk-matchIps-error').textContent()).resolves.toContain('127.0.0.1');
    await operator.getByTestId('trunk-match-ips').fill('127.0.0.5, 198.51.100.0/28');
    await shot(operator, 'trunk-dialog-vi');
    await operator.getByTestId('trunk-save').click();
    await dialog.waitFor({ state: 'detached' });

    const row = operator.locator(`[data-testid="trunk-row"][data-name="${trunkName}"]`);
    await row.waitFor();
    await expect(row.getByTestId('trunk-state').getAttribute('data-state')).resolves.toBe('ip');
    await expect(row.textContent()).resolves.toContain('127.0.0.5');
    await shot(operator, 'trunks-vi');
  });

  it('given a company admin when they request a hotline in PBX → Hotlines then it is listed as requested', async () => {
    await loginInBrowser(admin, info.apiUrl, adminLogin.email, adminLogin.password);
    await openConsole(admin, `${info.apiUrl}/settings/pbx/hotlines`);
    await admin.getByTestId('hotlines-empty').waitFor();
    await admin.getByTestId('hotline-add').click();
    const dialog = admin.getByTestId('hotline-dialog');
    await dialog.waitFor();
    // Empty, then not a hotline number: both on the field.
    await admin.getByTestId('hotline-save').click();
    await dialog.locator('#hotline-number-error').waitFor();
    await admin.getByTestId('hotline-number').fill('113');
    await admin.getByTestId('hotline-save').click();
    await expect(dialog.locator('#hotline-number-error').textContent()).resolves.toContain('1800/1900');
    await admin.getByTestId('hotline-number').fill(typed);
    await admin.getByTestId('hotline-note').fill('Tổng đài chăm sóc khách hàng');
    await shot(admin, 'hotline-request-vi');
    await admin.getByTestId('hotline-save').click();
    await dialog.waitFor({ state: 'detached' });
    await adminRow().waitFor();
    await expect(adminRow().getByTestId('hotline-status').getAttribute('data-status')).resolves.toBe(
      'requested',
    );
    await expect(adminRow().getByTestId('hotline-status').textContent()).resolves.toContain('Đã đăng ký');
  });

  it('given the request when the operator accepts it and activates it on the trunk then the admin sees waiting for contract, then active', async () => {
    await operator.getByTestId('nav-operator-hotlines').click();
    await operator.waitForURL(/\/operator\/hotlines$/);
    await operatorRow().waitFor(); // the default filter: the requests queue
    await operatorRow().getByTestId('op-hotline-move').click();
    const move = operator.getByTestId('hotline-move-dialog');
    await move.waitFor();
    await expect(operator.getByTestId('hotline-move-status').inputValue()).resolves.toBe('waiting_contract');
    await operator.getByTestId('hotline-move-save').click();
    await move.waitFor({ state: 'detached' });
    await operatorRow().waitFor({ state: 'detached' }); // no longer a request

    await admin.reload();
    await adminRow().waitFor();
    await expect(adminRow().getByTestId('hotline-status').getAttribute('data-status')).resolves.toBe(
      'waiting_contract',
    );
    await adminRow().getByTestId('hotline-due').waitFor();

    await operator.getByTestId('op-hotlines-status').selectOption('waiting_contract');
    await operatorRow().waitFor();
    await operatorRow().getByTestId('op-hotline-move').click();
    await move.waitFor();
    await expect(operator.getByTestId('hotline-move-status').inputValue()).resolves.toBe('active');
    const trunkOption = operator.getByTestId('hotline-move-trunk').locator('option', { hasText: trunkName });
    await operator
      .getByTestId('hotline-move-trunk')
      .selectOption({ value: (await trunkOption.getAttribute('value'))! });
    await shot(operator, 'hotline-move-vi');
    await operator.getByTestId('hotline-move-save').click();
    await move.waitFor({ state: 'detached' });
    await operator.getByTestId('op-hotlines-status').selectOption('');
    // The list reloads after the save and again for the filter: wait for the row as the server now has it,
    // not the one still on screen from the previous filter.
    await operatorRow().locator('[data-testid=op-hotline-status][data-status=active]').waitFor();
    await expect(operatorRow().textContent()).resolves.toContain(trunkName);
    await shot(operator, 'operator-hotlines-vi');

    await admin.reload();
    await adminRow().waitFor();
    await expect(adminRow().getByTestId('hotline-status').getAttribute('data-status')).resolves.toBe(
      'active',
    );
    await expect(adminRow().textContent()).resolves.toContain(trunkName);
    await shot(admin, 'hotlines-vi');
  });

  it('given an active hotline then the admin makes it the outbound default, cannot delete it, and the screens read in English too', async () => {
    await adminRow().getByTestId('hotline-edit').click();
    const dialog = admin.getByTestId('hotline-dialog');
    await dialog.waitFor();
    await admin.getByTestId('hotline-outbound-default').check();
    await admin.getByTestId('hotline-save').click();
    await dialog.waitFor({ state: 'detached' });
    await adminRow().getByTestId('hotline-outbound').waitFor();

    await adminRow().getByTestId('hotline-delete').click();
    await admin.getByTestId('confirm-ok').click();
    await expect(admin.getByTestId('confirm-error').textContent()).resolves.toContain('tạm ngưng');
    await admin.getByTestId('confirm-cancel').click();

    await admin.getByTestId('lang-switch').selectOption('en');
    await adminRow().getByTestId('hotline-status').filter({ hasText: 'Active' }).waitFor();
    await shot(admin, 'hotlines-en');

    await operator.getByTestId('lang-switch').selectOption('en');
    await operatorRow().getByTestId('op-hotline-status').filter({ hasText: 'Active' }).waitFor();
    await shot(operator, 'operator-hotlines-en');
    await operator.getByTestId('nav-operator-trunks').click();
    await operator
      .locator(`[data-testid="trunk-row"][data-name="${trunkName}"]`)
      .getByText('Ready')
      .waitFor();
    await shot(operator, 'trunks-en');
    await operator.getByTestId('trunk-add').click();
    await operator.getByTestId('trunk-preset').selectOption('cmc');
    await expect(operator.getByTestId('trunk-mode-registration').isChecked()).resolves.toBe(true);
    await operator.getByTestId('trunk-username').waitFor();
    await shot(operator, 'trunk-dialog-en');
  });
});
