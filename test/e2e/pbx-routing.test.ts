import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { CallRecordView, FlowView, HotlineView, TenantUser, TrunkView } from '#contracts';
import { createDataSource, HotlineEntity, PromptEntity } from '#database';
import { ApiClient, TEST_PASSWORD, inviteTokenIn, signupTenant } from '../support/api-client.js';
import { expectEventually } from '../support/eventually.js';
import { waitForMail } from '../support/mail-sink.js';
import { hotlineCall } from '../support/sipp-call.js';
import { startApi } from '../support/api.js';
import { launchChromium, loginInBrowser } from '../support/browser.js';
import { startApp, type AppProcess } from '../support/processes.js';
import { stackInfo } from '../support/stack-info.js';

const SHOTS = 'test-results/screenshots';

describe('Settings → PBX call routing in Chromium', () => {
  const info = stackInfo();
  const db = createDataSource(info.env.DATABASE_URL);
  let api: AppProcess;
  let callflow: AppProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [api] = await Promise.all([startApi(info), db.initialize()]);
    callflow = startApp('dist/apps/callflow/src/main.js', { ...info.env, ...info.callflowEnv });
    await expectEventually(async () => {
      const status = (await (await fetch(info.callflowStatusUrl)).json()) as { ari: { connected: boolean } };
      expect(status.ari.connected).toBe(true);
    });
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
    await callflow?.stop();
    await api?.stop();
    await db.destroy();
  });

  async function shot(name: string): Promise<void> {
    await page.screenshot({ path: `${SHOTS}/pbx-${name}.png`, fullPage: true });
  }

  async function tab(name: 'flows' | 'shifts' | 'ivrs' | 'queues'): Promise<void> {
    await page.getByTestId(`pbx-tab-${name}`).click();
    await page.waitForURL(new RegExp(`/settings/pbx/${name}`));
  }

  it('given a tenant admin when they build a flow (shift 24/7 → IVR key 1 → a user’s extension), fix a field error and publish then the simulated call reaches the extension', async () => {
    const tenant = await signupTenant(new ApiClient(`${info.apiUrl}/api`));
    const admin = tenant.client;
    const sellerEmail = `ban-hang-${Date.now()}@example.com`;
    const seller = await admin.expect<TenantUser>(201, 'POST', '/users', {
      fullName: 'Lê Thị Bán Hàng',
      email: sellerEmail,
      role: 'agent',
    });
    const extension = seller.extension!;
    // A prompt of the tenant's library (uploads are another screen): the menu's greeting.
    const prompt = await db.getRepository(PromptEntity).save({
      tenantId: tenant.session.user.tenantId!,
      name: 'Lời chào menu chính',
      language: 'vi',
      kind: 'upload' as const,
      file: 'test/menu',
      durationMs: 4200,
    });

    await loginInBrowser(page, info.apiUrl, tenant.email, TEST_PASSWORD);
    await page.selectOption('[data-testid=lang-switch]', 'vi');
    await page.goto(`${info.apiUrl}/settings/pbx`);
    await page.waitForURL(/\/settings\/pbx\/flows$/);
    await page.getByTestId('flows-empty').waitFor();
    await shot('flows-empty-vi');

    // A new flow: it starts as "hang up".
    await page.getByTestId('flow-add').click();
    await page.getByTestId('flow-name').fill('Hotline CSKH');
    await page.getByTestId('flow-name-save').click();
    await page.getByTestId('flows-notice').waitFor();
    await page.getByTestId('flow-detail').waitFor();
    const flows = await admin.expect<FlowView[]>(200, 'GET', '/flows');
    expect(flows.map((f) => f.name)).toEqual(['Hotline CSKH']);
    const flowId = flows[0].id;
    // A second flow with the same name: the error is at the name field.
    await page.getByTestId('flow-add').click();
    await page.getByTestId('flow-name').fill('Hotline CSKH');
    await page.getByTestId('flow-name-save').click();
    await page.getByTestId('field-error-name').waitFor();
    expect(await page.getByTestId('flow-name').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('flow-name-cancel').click();

    // Work shift: round the clock, in and out of hours hang up for now.
    await tab('shifts');
    await page.getByTestId('shifts-empty').waitFor();
    await page.getByTestId('shift-add').click();
    await page.getByTestId('shift-label').fill('Cả tuần');
    await page.getByTestId('shift-preset-always').click();
    expect(await page.getByTestId('shift-period-start-0').inputValue()).toBe('00:00');
    expect(await page.getByTestId('shift-period-end-3').inputValue()).toBe('24:00');
    await page.getByTestId('shift-inHours').selectOption('hangup');
    await page.getByTestId('shift-outOfHours').selectOption('hangup');
    await shot('shift-dialog-vi');
    await page.getByTestId('shift-save').click();
    await page.getByTestId('shifts-notice').waitFor();
    await page.getByTestId('shift-row-shift-1').waitFor();

    // IVR: key 1 → the seller's extension, but no prompt yet → the prompt field is highlighted.
    await tab('ivrs');
    await page.getByTestId('ivr-add').click();
    await page.getByTestId('ivr-label').fill('Menu chính');
    await page.getByTestId('ivr-add-key-select').selectOption('1');
    await page.getByTestId('ivr-add-key').click();
    await page.getByTestId('ivr-keys-1').selectOption('extension');
    await page.getByTestId('ivr-keys-1-extension').selectOption(extension);
    await page.getByTestId('ivr-save').click();
    await page.getByTestId('field-error-ivr-prompt').waitFor();
    expect(await page.getByTestId('ivr-prompt').getAttribute('aria-invalid')).toBe('true');
    await shot('ivr-dialog-error-vi');
    expect((await admin.expect<FlowView>(200, 'GET', `/flows/${flowId}`)).draft).not.toMatchObject({
      nodes: expect.arrayContaining([expect.objectContaining({ type: 'ivr' })]),
    });
    // A bad timeout is named at its field too.
    await page.getByTestId('ivr-prompt').selectOption(String(prompt.id));
    await page.getByTestId('ivr-timeoutS').fill('90');
    await page.getByTestId('ivr-save').click();
    await page.getByTestId('field-error-timeoutS').waitFor();
    expect(await page.getByTestId('field-error-ivr-prompt').count()).toBe(0);
    await page.getByTestId('ivr-timeoutS').fill('6');
    await page.getByTestId('ivr-save').click();
    await page.getByTestId('ivrs-notice').waitFor();
    await page.getByTestId('ivr-row-ivr-1').waitFor();
    expect(await page.getByTestId('ivr-row-ivr-1').innerText()).toContain(extension);

    // The shift's in-hours now go to the menu.
    await tab('shifts');
    await page.getByTestId('shift-edit-shift-1').click();
    await page.getByTestId('shift-inHours').selectOption('node:ivr-1');
    await page.getByTestId('shift-save').click();
    await page.getByTestId('shifts-notice').waitFor();
    expect(await page.getByTestId('shift-row-shift-1').innerText()).toContain('Menu chính');

    // Entry → the shift; the flow has no problems left; publish.
    await tab('flows');
    await page.getByTestId('flow-entry').selectOption('node:shift-1');
    await page.getByTestId('flow-entry-save').click();
    await page.getByTestId('flow-no-problems').waitFor();
    expect(await page.getByTestId(`flow-dirty-${flowId}`).count()).toBe(1);
    await page.getByTestId('flow-publish').click();
    await page.getByTestId('flow-version-1').waitFor();
    expect(await page.getByTestId(`flow-dirty-${flowId}`).count()).toBe(0);
    const published = await admin.expect<FlowView>(200, 'GET', `/flows/${flowId}`);
    expect(published).toMatchObject({ publishedVersion: 1, dirty: false, problems: [] });
    expect(published.draft).toMatchObject({
      entry: 'shift-1',
      nodes: expect.arrayContaining([
        expect.objectContaining({ id: 'ivr-1', keys: { '1': `ext-${extension}` } }),
        expect.objectContaining({ id: `ext-${extension}`, type: 'extension', extension }),
      ]),
    });

    // Simulate "key 1": draft (in the browser) and published (by the API) reach the extension.
    await page.getByTestId('sim-entries').fill('1');
    await page.getByTestId('sim-run').click();
    await page.getByTestId('sim-published-end').waitFor();
    for (const kind of ['draft', 'published']) {
      const steps = await page.getByTestId(`sim-${kind}-step`).allInnerTexts();
      expect(steps.length).toBe(3);
      expect(steps[2]).toContain(`Máy nhánh ${extension}`);
      expect(await page.getByTestId(`sim-${kind}-end`).getAttribute('data-reason')).toBe('connected');
    }
    await shot('flows-vi');

    // Each tab, looked at in Vietnamese and English.
    await tab('shifts');
    await page.getByTestId('shifts-table').waitFor();
    await shot('shifts-vi');
    await tab('ivrs');
    await page.getByTestId('ivrs-table').waitFor();
    await shot('ivrs-vi');
    await tab('queues');
    await page.getByTestId('queues-empty').waitFor();
    await shot('queues-vi');

    await page.selectOption('[data-testid=lang-switch]', 'en');
    await tab('flows');
    await page.getByTestId('flow-detail').waitFor();
    await page.getByTestId('sim-entries').fill('1');
    await page.getByTestId('sim-run').click();
    await page.getByTestId('sim-published-end').waitFor();
    expect(await page.getByTestId('sim-draft-step').last().innerText()).toContain(`Extension ${extension}`);
    await shot('flows-en');
    await tab('shifts');
    await page.getByTestId('shifts-table').waitFor();
    await shot('shifts-en');
    await page.getByTestId('shift-edit-shift-1').click();
    await page.getByTestId('shift-dialog').waitFor();
    await shot('shift-dialog-en');
    await page.getByTestId('shift-cancel').click();
    await tab('ivrs');
    await page.getByTestId('ivrs-table').waitFor();
    await shot('ivrs-en');
    await page.getByTestId('ivr-edit-ivr-1').click();
    await page.getByTestId('ivr-dialog').waitFor();
    await shot('ivr-dialog-en');
    await page.getByTestId('ivr-cancel').click();
    await tab('queues');
    await page.getByTestId('queues-empty').waitFor();
    await shot('queues-en');

    // Live: the operator gives the company an active hotline on the simulated carrier, the admin
    // points it to the flow; a carrier call (SIPp) presses 1 and the seller's webphone rings.
    const anonymous = new ApiClient(`${info.apiUrl}/api`);
    const operator = (await anonymous.login(info.logins.operator.email, info.logins.operator.password))
      .client;
    const trunks = await operator.expect<TrunkView[]>(200, 'GET', '/trunks');
    const loopback = trunks.find((t) => t.endpointName === 'loopback-carrier')!;
    const number = `1900${Math.floor(100000 + Math.random() * 900000)}`;
    const hotline = await operator.expect<HotlineView>(201, 'POST', '/operator/hotlines', {
      tenantId: tenant.session.user.tenantId,
      number,
      trunkId: loopback.id,
      status: 'active',
    });
    await admin.expect(200, 'PATCH', `/hotlines/${hotline.id}`, { flowId });
    await anonymous.expect(204, 'POST', '/auth/reset-password', {
      token: inviteTokenIn((await waitForMail(info.mailSinkUrl!, sellerEmail)).text),
      password: TEST_PASSWORD,
    });
    const sellerPage = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    try {
      await loginInBrowser(sellerPage, info.apiUrl, sellerEmail, TEST_PASSWORD);
      await sellerPage.locator('[data-testid=phone-toggle][data-registration=registered]').waitFor();
      const call = hotlineCall({
        sipPort: info.ports.sip,
        number,
        caller: '0987654321',
        keys: ['1'],
        end: 'hangup',
        holdMs: 12_000,
        rtpEcho: true,
      });
      await sellerPage.getByTestId('phone-incoming').waitFor({ timeout: 20_000 });
      await sellerPage.getByTestId('phone-answer').click();
      await sellerPage.locator('[data-testid=phone-call-view][data-state=established]').waitFor();
      // Audio both ways: what the browser sends reaches the carrier, which echoes it back.
      const stats = sellerPage.getByTestId('call-stats');
      const packets = async () => ({
        sent: Number(await stats.getAttribute('data-sent')),
        received: Number(await stats.getAttribute('data-received')),
      });
      const first = await expectEventually(async () => {
        const p = await packets();
        expect(p.sent).toBeGreaterThan(20);
        expect(p.received).toBeGreaterThan(20);
        return p;
      });
      await expectEventually(async () => {
        const p = await packets();
        expect(p.received).toBeGreaterThan(first.received);
      });
      await sellerPage.screenshot({ path: `${SHOTS}/pbx-live-call-vi.png` });
      expect((await call).ok).toBe(true);
      // The record is closed off the call's path, a moment after the hang-up.
      await expectEventually(async () => {
        const calls = await admin.expect<{ items: CallRecordView[] }>(
          200,
          'GET',
          `/calls?hotlineId=${hotline.id}`,
        );
        expect(calls.items[0]).toMatchObject({ callerNumber: '0987654321', disposition: 'answered' });
        expect(calls.items[0]!.path.map((p) => `${p.nodeId}:${p.branch ?? ''}`)).toEqual([
          'shift-1:in_hours',
          'ivr-1:key:1',
          `ext-${extension}:answered`,
        ]);
      });
    } finally {
      await sellerPage.context().close();
    }
  });
  it('given a flow with a nested menu and a hotline when the admin deletes the sub-menu, adds an unreachable menu and deletes the flow then each change explains itself', async () => {
    const tenant = await signupTenant(new ApiClient(`${info.apiUrl}/api`));
    const admin = tenant.client;
    const tenantId = tenant.session.user.tenantId!;
    const me = await admin.expect<TenantUser>(200, 'GET', `/users/${tenant.session.user.id}`);
    const prompt = await db.getRepository(PromptEntity).save({
      tenantId,
      name: 'Chào mừng',
      language: 'vi',
      kind: 'upload' as const,
      file: 'test/welcome',
      durationMs: 3000,
    });
    const promptId = String(prompt.id);
    const menu = (id: string, label: string, keys: Record<string, string>) => ({
      id,
      type: 'ivr' as const,
      label,
      prompt: { promptId },
      keys,
      timeoutS: 5,
      retries: 1,
      directDial: false,
    });
    const flow = await admin.expect<FlowView>(201, 'POST', '/flows', {
      name: 'Tổng đài chính',
      draft: {
        version: 1,
        entry: 'main',
        nodes: [
          menu('main', 'Menu chính', { '1': 'ext', '2': 'sub' }),
          menu('sub', 'Menu kỹ thuật', { '1': 'vm' }),
          { id: 'ext', type: 'extension', extension: me.extension!, ringTimeoutS: 20 },
          { id: 'vm', type: 'voicemail', mailbox: me.extension! },
        ],
      },
    });
    const number = `1900${String(Date.now()).slice(-6)}`;
    await db.getRepository(HotlineEntity).save({
      tenantId,
      number,
      status: 'active' as const,
      flowId: flow.id,
      requestedAt: new Date(),
    });

    await loginInBrowser(page, info.apiUrl, tenant.email, TEST_PASSWORD);
    await page.selectOption('[data-testid=lang-switch]', 'vi');
    await page.goto(`${info.apiUrl}/settings/pbx/ivrs`);
    await page.getByTestId('ivr-row-sub').waitFor();

    // The sub-menu is key 2 of the main menu: the confirmation says so before deleting.
    await page.getByTestId('ivr-delete-sub').click();
    const referrers = await page.getByTestId('node-delete-referrers').innerText();
    expect(referrers).toContain('Menu chính');
    expect(referrers).toContain('Phím 2');
    await shot('ivr-delete-vi');
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('ivrs-notice').waitFor();
    expect(await page.getByTestId('ivr-row-sub').count()).toBe(0);
    const afterDelete = await admin.expect<FlowView>(200, 'GET', `/flows/${flow.id}`);
    expect(afterDelete.draft).toMatchObject({
      nodes: expect.arrayContaining([expect.objectContaining({ id: 'main', keys: { '1': 'ext' } })]),
    });
    // The voicemail only the sub-menu used went with it.
    expect((afterDelete.draft as { nodes: { id: string }[] }).nodes.map((n) => n.id).sort()).toEqual([
      'ext',
      'main',
    ]);

    // A menu nothing points to can be saved but not published; its problem links to it.
    await page.getByTestId('ivr-add').click();
    await page.getByTestId('ivr-label').fill('Menu khuyến mãi');
    await page.getByTestId('ivr-prompt').selectOption(promptId);
    await page.getByTestId('ivr-save').click();
    await page.getByTestId('ivr-row-ivr-1').waitFor();
    await page.getByTestId('pbx-tab-flows').click();
    await page.getByTestId('flow-problem-unreachable').waitFor();
    await page.getByTestId('flow-publish').click();
    await page.locator('[data-testid=flows-notice][data-kind=error]').waitFor();
    expect((await admin.expect<FlowView>(200, 'GET', `/flows/${flow.id}`)).publishedVersion).toBeNull();
    await shot('flows-problems-vi');
    await page.getByTestId('flow-problem-unreachable').getByRole('button').click();
    await page.waitForURL(/\/settings\/pbx\/ivrs/);
    await page.getByTestId('ivr-dialog').waitFor();
    expect(await page.getByTestId('ivr-label').inputValue()).toBe('Menu khuyến mãi');
    await page.getByTestId('ivr-cancel').click();

    // A hotline points to the flow: deleting it is refused and the dialog says why.
    await page.getByTestId('pbx-tab-flows').click();
    await page.getByTestId(`flow-delete-${flow.id}`).click();
    expect(await page.getByTestId('flow-delete-hotlines').innerText()).toContain(number);
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('confirm-error').waitFor();
    await shot('flow-delete-in-use-vi');
    await page.getByTestId('confirm-cancel').click();
    await admin.expect(200, 'GET', `/flows/${flow.id}`);
  });
});
