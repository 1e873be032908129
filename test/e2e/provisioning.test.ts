import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { DeviceInfo, IpPhone, PhoneProvisioningInfo } from '#contracts';
import { startApi } from '../support/api.js';
import { ApiClient, TEST_PASSWORD, invitedMember, signupTenant } from '../support/api-client.js';
import { launchChromium, loginInBrowser } from '../support/browser.js';
import { expectEventually } from '../support/eventually.js';
import type { AppProcess } from '../support/processes.js';
import { stackInfo } from '../support/stack-info.js';

const SHOTS = 'test-results/screenshots';

describe('Provisioning in Chromium: the softphone QR code (F5) and Settings → IP phones (F6)', () => {
  const info = stackInfo();
  const anonymous = new ApiClient(`${info.apiUrl}/api`, null, 'vi');
  let api: AppProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    api = await startApi(info);
    browser = await launchChromium();
  });

  beforeEach(async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: info.apiUrl });
    page = await context.newPage();
  });

  afterEach(async () => {
    await page?.context().close();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  /** A link the API handed out, fetched from this run's API (PUBLIC_URL says localhost). */
  const fetchLink = (url: string) => fetch(url.replace(info.env.PUBLIC_URL, info.apiUrl));

  it('given an admin in SIP mode when they open the QR code then a scannable image, the link and its expiry show, and the link works once', async () => {
    const admin = await signupTenant(anonymous);
    await loginInBrowser(page, info.apiUrl, admin.email, TEST_PASSWORD);
    await page.getByTestId('account-menu').click();
    await page.getByTestId('account-menu-details').click();
    await page.waitForURL(/\/account$/);
    await page.getByTestId('device-modes').waitFor();
    // WebPhone mode: no credentials card, so no QR code either.
    expect(await page.getByTestId('sip-qr-open').count()).toBe(0);
    await page.getByTestId('device-mode-sip').click();
    await page.getByTestId('sip-section').waitFor();
    await expect(page.getByTestId('sip-qr').textContent()).resolves.toContain('Linphone');
    await page.getByTestId('sip-section').screenshot({ path: `${SHOTS}/provisioning-sip-card-vi.png` });

    await page.getByTestId('sip-qr-open').click();
    const image = page.getByTestId('qr-image');
    await image.waitFor();
    // Drawn by the browser from the API's SVG: a real, square image.
    await expectEventually(async () => {
      const size = await image.evaluate((element) => {
        const img = element as unknown as { complete: boolean; naturalWidth: number; naturalHeight: number };
        return [img.complete, img.naturalWidth, img.naturalHeight];
      });
      expect(size[0]).toBe(true);
      expect(size[1]).toBeGreaterThan(0);
      expect(size[1]).toBe(size[2]);
    });
    expect(await image.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
    expect(await image.isVisible()).toBe(true);
    const url = (await page.getByTestId('qr-link').textContent())!.trim();
    expect(url).toMatch(/\/api\/provision\/[A-Za-z0-9_-]{43}$/);
    // What a phone's camera reads from the drawn code is exactly that link.
    const png = PNG.sync.read(await image.screenshot());
    const scanned = jsqr.default(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(scanned?.data).toBe(url);
    await expect(page.getByTestId('qr-expiry').textContent()).resolves.toMatch(
      /Dùng được một lần, hết hạn lúc \d/,
    );
    await expect(page.getByTestId('qr-dialog').textContent()).resolves.toContain('Lấy cấu hình từ xa');
    await page.getByTestId('qr-dialog').screenshot({ path: `${SHOTS}/provisioning-qr-dialog-vi.png` });

    const first = await fetchLink(url);
    expect(first.status).toBe(200);
    const device = await admin.client.expect<DeviceInfo>(200, 'GET', '/me/device');
    expect(await first.text()).toContain(
      `<entry name="passwd" overwrite="true">${device.sip.password}</entry>`,
    );
    expect((await fetchLink(url)).status).toBe(404);

    // A new code voids the shown one.
    await page.getByTestId('qr-renew').click();
    await expectEventually(async () =>
      expect((await page.getByTestId('qr-link').textContent())!.trim()).not.toBe(url),
    );
    const renewed = (await page.getByTestId('qr-link').textContent())!.trim();
    await page.getByTestId('qr-close').click();
    await page.getByTestId('qr-dialog').waitFor({ state: 'detached' });
    expect((await fetchLink(renewed)).status).toBe(200);
  });

  it('given an admin in Settings → IP phones when they add a phone with a bad MAC, then a good one for a user, then the field error, the list, the switch to SIP and the copied URL all show', async () => {
    const admin = await signupTenant(anonymous);
    const agent = await invitedMember(admin.client, info.mailSinkUrl!, 'agent');
    await loginInBrowser(page, info.apiUrl, admin.email, TEST_PASSWORD);
    await page.getByTestId('nav-settings-phones').click();
    await page.waitForURL(/\/settings\/phones$/);
    await expect(page.getByTestId('page-title').textContent()).resolves.toContain('Điện thoại IP');
    await page.getByTestId('phones-empty').waitFor();

    // The provisioning URL: shown and copied exactly.
    const info1 = await admin.client.expect<PhoneProvisioningInfo>(200, 'GET', '/ip-phones/provisioning');
    await expect(page.getByTestId('phones-server-url').textContent()).resolves.toBe(info1.serverUrl);
    await page.getByTestId('phones-server-copy').click();
    await expectEventually(async () =>
      expect(await page.getByTestId('phones-server-copy').getAttribute('data-state')).toBe('copied'),
    );
    const clipboard = await page.evaluate(() =>
      (
        globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
      ).navigator.clipboard.readText(),
    );
    expect(clipboard).toBe(info1.serverUrl);
    await page.screenshot({ path: `${SHOTS}/provisioning-phones-empty-vi.png`, fullPage: true });

    // A bad MAC: the API's field error shows at the field, nothing is saved.
    await page.getByTestId('phone-add').click();
    await page.getByTestId('phone-dialog').waitFor();
    await page.getByTestId('phone-mac').fill('00:15:65:AB:CD');
    await page.getByTestId('phone-save').click();
    await expect(page.getByTestId('field-error-mac').textContent()).resolves.toContain(
      'Địa chỉ MAC không hợp lệ',
    );
    await page.getByTestId('phone-dialog').screenshot({ path: `${SHOTS}/provisioning-phone-bad-mac-vi.png` });
    expect(await admin.client.expect<IpPhone[]>(200, 'GET', '/ip-phones')).toEqual([]);

    // A good one, for the agent (on the WebPhone until now).
    // Dashes and lower case, as some labels print it; the list shows the canonical form.
    await page.getByTestId('phone-mac').fill(Array.from({ length: 6 }, randomByte).join('-'));
    await page.getByTestId('phone-model').fill('T46U');
    await page.getByTestId('phone-label').fill('Quầy lễ tân');
    await page
      .getByTestId('phone-user')
      .selectOption({ label: `${agent.user.extension} · ${agent.user.fullName}` });
    await page.getByTestId('phone-save').click();
    await page.getByTestId('phone-row').waitFor();
    const notice = (await page.getByTestId('phones-notice').textContent())!;
    expect(notice).toContain('Đã thêm điện thoại Quầy lễ tân');
    expect(notice).toContain('đã được chuyển sang chế độ SIP');
    await expect(page.getByTestId('phone-user-cell').textContent()).resolves.toContain(agent.user.fullName);
    const [saved] = await admin.client.expect<IpPhone[]>(200, 'GET', '/ip-phones');
    expect(saved).toMatchObject({ label: 'Quầy lễ tân', model: 'T46U', user: { id: agent.user.id } });
    expect((await admin.client.expect<DeviceInfo>(200, 'GET', `/users/${agent.user.id}/device`)).mode).toBe(
      'sip',
    );
    await expect(page.getByTestId('phone-mac-cell').textContent()).resolves.toBe(
      saved.mac.match(/../g)!.join(':').toUpperCase(),
    );

    // The phone fetches its file once: the list shows when.
    const file = await fetchLink(`${info1.serverUrl}${saved.mac}.cfg`);
    expect(file.status).toBe(200);
    await page.reload();
    await page.getByTestId('phone-row').waitFor();
    await expect(page.getByTestId('phone-row').textContent()).resolves.toContain('127.0.0.1');
    await page.screenshot({ path: `${SHOTS}/provisioning-phones-list-vi.png`, fullPage: true });

    // The same MAC again: the 409 lands on the MAC field.
    await page.getByTestId('phone-add').click();
    await page.getByTestId('phone-mac').fill(saved.mac);
    await page.getByTestId('phone-save').click();
    await expect(page.getByTestId('field-error-mac').textContent()).resolves.toContain('đã được đăng ký');
    await page.getByTestId('phone-cancel').click();

    // A new URL: confirmed, shown, and the old one is dead.
    await page.getByTestId('phones-server-regenerate').click();
    await page.getByTestId('regenerate-url-confirm').click();
    await expectEventually(async () =>
      expect(await page.getByTestId('phones-server-url').textContent()).not.toBe(info1.serverUrl),
    );
    expect((await fetchLink(`${info1.serverUrl}${saved.mac}.cfg`)).status).toBe(404);

    // English, then delete with confirmation: back to the empty state.
    await page.getByTestId('lang-switch').selectOption('en');
    await expect(page.getByTestId('page-title').textContent()).resolves.toContain('IP phones');
    await page.screenshot({ path: `${SHOTS}/provisioning-phones-list-en.png`, fullPage: true });
    await page.getByTestId('phone-delete').click();
    await expect(page.getByTestId('confirm-dialog').textContent()).resolves.toContain('Quầy lễ tân');
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('phones-empty').waitFor();
    expect(await admin.client.expect<IpPhone[]>(200, 'GET', '/ip-phones')).toEqual([]);
  });

  it('given a supervisor then Settings → IP phones is not offered', async () => {
    const admin = await signupTenant(anonymous);
    const supervisor = await invitedMember(admin.client, info.mailSinkUrl!, 'supervisor');
    void supervisor;
    const email = (
      await admin.client.expect<{ items: { email: string; role: string }[] }>(200, 'GET', '/users')
    ).items.find((u) => u.role === 'supervisor')!.email;
    await loginInBrowser(page, info.apiUrl, email, TEST_PASSWORD);
    await page.getByTestId('nav-settings-users').waitFor();
    expect(await page.getByTestId('nav-settings-phones').count()).toBe(0);
  });
});

function randomByte(): string {
  return Math.floor(Math.random() * 256)
    .toString(16)
    .padStart(2, '0');
}
