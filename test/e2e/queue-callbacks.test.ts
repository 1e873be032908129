import { mkdirSync } from 'node:fs';
import mysql from 'mysql2/promise';
import type { Browser, Page } from 'playwright-core';
import type { FlowView, QueueCallbackView, QueueTenantSettingsView, QueueView } from '#contracts';
import { ApiClient, TEST_PASSWORD, signupTenant } from '../support/api-client.js';
import { startApi } from '../support/api.js';
import { launchChromium, loginInBrowser } from '../support/browser.js';
import { expectEventually } from '../support/eventually.js';
import type { AppProcess } from '../support/processes.js';
import { QueueKit } from '../support/queue-kit.js';
import { waitForEventSubscribers } from '../support/realtime.js';
import { hotlineCall } from '../support/sipp-call.js';
import { stackInfo } from '../support/stack-info.js';

const SHOTS = 'test-results/screenshots';

/**
 * Queue callbacks in the console (issue 6): the "call the caller back" destination of the PBX
 * editor, the tenant's general queue settings, and the callbacks list of Home → Queues live.
 */
describe('Queue callbacks and general queue settings in Chromium', () => {
  const info = stackInfo();
  const kit = new QueueKit(info);
  let db: mysql.Pool;
  let api: AppProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    db = mysql.createPool({ uri: info.env.DATABASE_URL, connectionLimit: 2 });
    api = await startApi(info);
    await kit.init();
    await kit.startCallflow();
    await waitForEventSubscribers(info.callflowStatusUrl);
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
    await kit.close();
    await api?.stop();
    await db?.end();
  });

  async function shot(name: string): Promise<void> {
    await page.screenshot({ path: `${SHOTS}/queue-callbacks-${name}.png`, fullPage: true });
  }

  async function tab(name: 'flows' | 'ivrs' | 'queues'): Promise<void> {
    await page.getByTestId(`pbx-tab-${name}`).click();
    await page.waitForURL(new RegExp(`/settings/pbx/${name}`));
  }

  /** A company with a queue group (exit key 1, its admin as the member) and an empty flow. */
  async function company() {
    const tenant = await signupTenant(new ApiClient(`${info.apiUrl}/api`));
    const admin = tenant.client;
    const tenantId = tenant.session.user.tenantId!;
    const queue = await admin.expect<QueueView>(201, 'POST', '/queues', {
      name: 'Chăm sóc khách hàng',
      exitKey: '1',
      members: [{ kind: 'user', id: tenant.session.user.id, penalty: 0 }],
    });
    return { tenant, admin, tenantId, queue };
  }

  /** A callback request as the callflow writes it when a caller asks to be called back. */
  async function insertCallback(
    tenantId: number,
    queueId: number,
    number: string,
    fields: {
      status?: string;
      attempts?: number;
      lastResult?: string;
      agentUserId?: number;
      minutesAgo?: number;
    } = {},
  ): Promise<number> {
    const [row] = await db.query<mysql.ResultSetHeader>(
      `INSERT INTO queue_callbacks
         (tenant_id, queue_id, number, caller_number, hotline_number, requested_at, status, attempts,
          last_result, agent_user_id, done_at)
       VALUES (?, ?, ?, ?, '02873001234', UTC_TIMESTAMP(3) - INTERVAL ? MINUTE, ?, ?, ?, ?, ?)`,
      [
        tenantId,
        queueId,
        number,
        number,
        fields.minutesAgo ?? 5,
        fields.status ?? 'pending',
        fields.attempts ?? 0,
        fields.lastResult ?? null,
        fields.agentUserId ?? null,
        fields.status && fields.status !== 'pending' ? new Date() : null,
      ],
    );
    return row.insertId;
  }

  it('given a queue with an exit key when the admin sends its exit branch to "call the caller back", sets the general settings and cancels a waiting callback then the flow, the settings and the callback are saved', async () => {
    const { tenant, admin, tenantId, queue } = await company();
    const flow = await admin.expect<FlowView>(201, 'POST', '/flows', { name: 'Tổng đài CSKH' });
    const [greeting] = await db.query<mysql.ResultSetHeader>(
      `INSERT INTO prompts (tenant_id, name, language, kind, file, duration_ms)
       VALUES (?, 'Lời chào', 'vi', 'upload', 'test/greeting', 4000)`,
      [tenantId],
    );

    await loginInBrowser(page, info.apiUrl, tenant.email, TEST_PASSWORD);
    await page.selectOption('[data-testid=lang-switch]', 'vi');

    // General settings: off and Vietnamese at first; record everything, announcements in English.
    await page.goto(`${info.apiUrl}/settings/pbx/queues`);
    const settings = page.getByTestId('queue-settings');
    await settings.getByTestId('queue-settings-language').waitFor();
    expect(await settings.getByTestId('queue-settings-recordAll').isChecked()).toBe(false);
    expect(await settings.getByTestId('queue-settings-language').inputValue()).toBe('vi');
    expect(await settings.getByTestId('queue-settings-save').isDisabled()).toBe(true);
    await settings.getByTestId('queue-settings-recordAll').check();
    await settings.getByTestId('queue-settings-language').selectOption('en');
    await settings.getByTestId('queue-settings-save').click();
    await settings.getByTestId('queue-settings-saved').waitFor();
    expect(await admin.expect<QueueTenantSettingsView>(200, 'GET', '/queue-settings')).toEqual({
      recordAll: true,
      language: 'en',
    });
    await page.reload();
    await settings.getByTestId('queue-settings-language').waitFor();
    expect(await settings.getByTestId('queue-settings-recordAll').isChecked()).toBe(true);
    expect(await settings.getByTestId('queue-settings-language').inputValue()).toBe('en');
    expect(await settings.getByTestId('queue-settings-save').isDisabled()).toBe(true);
    await page.getByTestId('queue-row').waitFor();
    await shot('settings-vi');

    // IVR key 1 → the queue, whose exit branch calls the caller back (the same queue by default);
    // key 2 → a callback straight away.
    await tab('ivrs');
    await page.getByTestId('ivr-add').click();
    await page.getByTestId('ivr-label').fill('Menu chính');
    await page.getByTestId('ivr-prompt').selectOption(String(greeting.insertId));
    await page.getByTestId('ivr-add-key-select').selectOption('1');
    await page.getByTestId('ivr-add-key').click();
    await page.getByTestId('ivr-keys-1').selectOption(`queue:${queue.id}`);
    await page.getByTestId('ivr-keys-1-exit').selectOption('callback');
    expect(await page.getByTestId('ivr-keys-1-exit-callback-queue').inputValue()).toBe(String(queue.id));
    await page.getByTestId('ivr-add-key-select').selectOption('2');
    await page.getByTestId('ivr-add-key').click();
    await page.getByTestId('ivr-keys-2').selectOption('callback');
    expect(await page.getByTestId('ivr-keys-2-callback-queue').inputValue()).toBe(String(queue.id));
    await shot('ivr-dialog-vi');
    await page.getByTestId('ivr-save').click();
    await page.getByTestId('ivrs-notice').waitFor();
    expect(await page.getByTestId('ivr-row-ivr-1').innerText()).toContain(
      'Gọi lại qua nhóm “Chăm sóc khách hàng”',
    );

    await tab('flows');
    await page.getByTestId('flow-entry').selectOption('node:ivr-1');
    await page.getByTestId('flow-entry-save').click();
    await page.getByTestId('flow-no-problems').waitFor();
    await page.getByTestId('flow-publish').click();
    await page.getByTestId('flow-version-1').waitFor();
    const [saved] = await admin.expect<FlowView[]>(200, 'GET', '/flows');
    expect(saved).toMatchObject({ id: flow.id, publishedVersion: 1, dirty: false, problems: [] });
    const callbackId = `callback-${queue.id}`;
    expect(saved.draft).toMatchObject({
      entry: 'ivr-1',
      nodes: expect.arrayContaining([
        expect.objectContaining({ id: 'ivr-1', keys: { '1': `queue-${queue.id}`, '2': callbackId } }),
        expect.objectContaining({ id: `queue-${queue.id}`, type: 'queue', onExit: callbackId }),
        { id: callbackId, type: 'callback', queueId: String(queue.id) },
      ]),
    });
    // The simulator: key 2 ends in a callback request.
    await page.getByTestId('sim-entries').fill('2');
    await page.getByTestId('sim-run').click();
    await page.getByTestId('sim-draft-end').waitFor();
    expect(await page.getByTestId('sim-draft-end').getAttribute('data-reason')).toBe('callback');
    expect(await page.getByTestId('sim-draft-end').innerText()).toContain('Ghi nhận yêu cầu gọi lại');
    expect(await page.getByTestId('sim-draft-step').last().innerText()).toContain('khách chọn được gọi lại');
    await page.getByTestId('sim-published-end').waitFor();
    expect(await page.getByTestId('sim-published-end').getAttribute('data-reason')).toBe('callback');
    await shot('simulate-vi');

    // Two waiting callbacks and one done; the first waiting one is cancelled.
    const first = await insertCallback(tenantId, queue.id, '0912345678', { minutesAgo: 6 });
    const second = await insertCallback(tenantId, queue.id, '0987654321', {
      minutesAgo: 4,
      attempts: 1,
      lastResult: 'no_answer',
    });
    await insertCallback(tenantId, queue.id, '0909000111', {
      minutesAgo: 30,
      status: 'done',
      attempts: 1,
      lastResult: 'connected',
      agentUserId: tenant.session.user.id,
    });
    await page.goto(`${info.apiUrl}/home/queues`);
    const row = (id: number) => page.locator(`[data-testid=queue-callback][data-id="${id}"]`);
    await row(first).waitFor();
    expect(
      await page
        .getByTestId('queue-callback')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status'))),
    ).toEqual(['pending', 'pending', 'done']);
    expect(await row(first).getByTestId('queue-callback-status').innerText()).toContain('Đang chờ');
    expect(await row(second).getByTestId('queue-callback-attempts').innerText()).toBe('1/3');
    expect(await row(second).innerText()).toContain('Không nghe máy');
    expect(await page.getByTestId('queue-callbacks-waiting').innerText()).toBe('2');
    expect(await page.getByTestId('queue-callback-agent').innerText()).toBe(
      `Nhân viên: ${tenant.session.user.fullName}`,
    );
    await shot('live-vi');

    await row(first).getByTestId('queue-callback-cancel').click();
    await page.getByTestId('confirm-dialog').waitFor();
    expect(await page.getByTestId('confirm-dialog').innerText()).toContain('0912345678');
    await shot('cancel-dialog-vi');
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('queue-callbacks-notice').waitFor();
    await row(first).and(page.locator('[data-status=cancelled]')).waitFor();
    expect(await row(first).getByTestId('queue-callback-status').innerText()).toContain('Đã hủy');
    expect(await row(first).getByTestId('queue-callback-cancel').count()).toBe(0);
    const after = await admin.expect<QueueCallbackView[]>(200, 'GET', '/queue-callbacks');
    expect(after.find((c) => c.id === first)?.status).toBe('cancelled');

    // An agent starts calling the second back while the dialog is open: the API's reason is shown.
    await row(second).getByTestId('queue-callback-cancel').click();
    await page.getByTestId('confirm-dialog').waitFor();
    await db.query(`UPDATE queue_callbacks SET status = 'calling' WHERE id = ?`, [second]);
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('confirm-error').waitFor();
    expect(await page.getByTestId('confirm-error').innerText()).toContain('không còn chờ');
    await page.getByTestId('confirm-cancel').click();
    await row(second).and(page.locator('[data-status=calling]')).waitFor();
    expect(await row(second).getByTestId('queue-callback-cancel').count()).toBe(0);
    await shot('live-after-vi');
  });

  it('given callbacks and general settings when the admin views them in English then every label is translated', async () => {
    const { tenant, admin, tenantId, queue } = await company();
    await admin.expect<FlowView>(201, 'POST', '/flows', { name: 'Hotline' });
    await insertCallback(tenantId, queue.id, '0912345678', { attempts: 2, lastResult: 'busy' });
    await insertCallback(tenantId, queue.id, '0909000111', {
      minutesAgo: 40,
      status: 'failed',
      attempts: 3,
      lastResult: 'unavailable',
    });
    await loginInBrowser(page, info.apiUrl, tenant.email, TEST_PASSWORD);
    await page.selectOption('[data-testid=lang-switch]', 'en');

    await page.goto(`${info.apiUrl}/settings/pbx/queues`);
    await page.getByTestId('queue-settings-language').waitFor();
    await page.getByTestId('queue-row').waitFor();
    expect(await page.getByTestId('queue-settings').innerText()).toContain('Record every queue call');
    await shot('settings-en');

    await tab('ivrs');
    await page.getByTestId('ivr-add').click();
    await page.getByTestId('ivr-add-key-select').selectOption('1');
    await page.getByTestId('ivr-add-key').click();
    await page.getByTestId('ivr-keys-1').selectOption(`queue:${queue.id}`);
    await page.getByTestId('ivr-keys-1-exit').selectOption('callback');
    expect(await page.getByTestId('ivr-keys-1-exit-callback-queue').inputValue()).toBe(String(queue.id));
    expect(await page.getByTestId('ivr-dialog').innerText()).toContain('Queue group that calls back');
    await shot('ivr-dialog-en');

    await page.goto(`${info.apiUrl}/home/queues`);
    await page.getByTestId('queue-callback').first().waitFor();
    const statuses = await page.getByTestId('queue-callback-status').allInnerTexts();
    expect(statuses.map((s) => s.trim())).toEqual(['Waiting', 'Unreachable']);
    expect(await page.getByTestId('queue-callbacks').innerText()).toContain('Busy');
    expect(await page.getByTestId('queue-callback-next').innerText()).toContain(
      'As soon as an agent is free',
    );
    await shot('live-en');
  });
  it('given a carrier caller waiting in a queue when they press its exit key whose branch is a callback then Queues live shows them as a callback, in line, and the admin cancels it', async () => {
    const { tenant, admin, queue } = await company();
    const [[trunk]] = await db.query<mysql.RowDataPacket[]>(
      "SELECT id FROM trunks WHERE endpoint_name = 'loopback-carrier'",
    );
    const number = `1900${Math.floor(100000 + Math.random() * 899999)}`;
    const [hotline] = await db.query<mysql.ResultSetHeader>(
      `INSERT INTO hotlines (tenant_id, number, status, trunk_id, requested_at) VALUES (?, ?, 'active', ?, NOW(3))`,
      [tenant.session.user.tenantId, number, trunk!.id],
    );
    // No agent is logged in to the queue: the request stays waiting for one.
    const flow = await admin.expect<FlowView>(201, 'POST', '/flows', {
      name: 'Gọi lại',
      draft: {
        version: 1,
        entry: 'queue',
        nodes: [
          { id: 'queue', type: 'queue', queueId: String(queue.id), priority: 0, onExit: 'cb' },
          { id: 'cb', type: 'callback', queueId: String(queue.id) },
        ],
      },
    });
    await admin.expect(200, 'POST', `/flows/${flow.id}/publish`);
    await db.query('UPDATE hotlines SET flow_id = ? WHERE id = ?', [flow.id, hotline.insertId]);

    await loginInBrowser(page, info.apiUrl, tenant.email, TEST_PASSWORD);
    await page.selectOption('[data-testid=lang-switch]', 'vi');
    await page.goto(`${info.apiUrl}/home/queues`);
    await page.getByTestId('queue-callbacks-empty').waitFor();
    await page.locator('[data-testid=queues-live-connection][data-connected=true]').waitFor();

    const call = await hotlineCall({
      sipPort: info.ports.sip,
      number,
      caller: '0908222333',
      keys: ['1'],
      keyDelayMs: 3000,
      end: 'wait',
      timeoutS: 60,
    });
    expect(call.output).toBe(call.ok ? call.output : 'SIPp call ok');
    const [request] = await expectEventually(async () => {
      const list = await admin.expect<QueueCallbackView[]>(200, 'GET', '/queue-callbacks');
      expect(list).toMatchObject([{ queueId: queue.id, number: '0908222333', status: 'pending' }]);
      return list;
    });

    // The caller hung up but keeps their place: a callback badge, no ticking wait; and the list.
    const waiting = page.locator('[data-testid=queue-live-caller][data-callback=true]');
    await waiting.waitFor();
    expect(await waiting.getByTestId('queue-live-callback').innerText()).toContain('Gọi lại');
    expect(await waiting.innerText()).toContain('0908222333');
    const row = page.locator(`[data-testid=queue-callback][data-id="${request!.id}"]`);
    await row.waitFor();
    await shot('real-call-vi');
    await page.selectOption('[data-testid=lang-switch]', 'en');
    expect(await waiting.getByTestId('queue-live-callback').innerText()).toContain('Callback');
    await shot('real-call-en');

    await row.getByTestId('queue-callback-cancel').click();
    await page.getByTestId('confirm-ok').click();
    await row.and(page.locator('[data-status=cancelled]')).waitFor();
    expect(await row.getByTestId('queue-callback-status').innerText()).toContain('Cancelled');
    expect(await row.getByTestId('queue-callback-cancel').count()).toBe(0);

    // Home → Calls: the caller's call took the callback step; an agent's callback call (as the
    // callflow records it once an agent calls back) shows the kind "Callback".
    const [[inbound]] = await expectEventually(async () => {
      const [rows] = await db.query<mysql.RowDataPacket[]>(
        'SELECT id FROM calls WHERE hotline_id = ? AND ended_at IS NOT NULL AND path IS NOT NULL',
        [hotline.insertId],
      );
      expect(rows).toHaveLength(1);
      return [rows];
    });
    await db.query(
      `INSERT INTO calls (channel_id, tenant_id, entry_kind, entry_id, caller_number, called_number,
         started_at, answered_at, ended_at, disposition, queue_id)
       VALUES (?, ?, 'callback', ?, '0908222333', '0908222333', NOW(3), NOW(3), NOW(3), 'answered', ?)`,
      [`callback-${request!.id}-${Date.now()}`, tenant.session.user.tenantId, String(request!.id), queue.id],
    );
    await page.selectOption('[data-testid=lang-switch]', 'vi');
    await page.goto(`${info.apiUrl}/home/calls`);
    const callRows = page.getByTestId('call-row');
    await expectEventually(async () => expect(await callRows.count()).toBe(2));
    expect(await callRows.nth(0).innerText()).toContain('Gọi lại');
    await callRows.nth(1).getByTestId('call-toggle').click();
    const detail = page.locator(`#call-detail-${inbound!['id']}`);
    await detail.waitFor();
    expect(await detail.getByTestId('call-step').allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringContaining('Khách yêu cầu được gọi lại')]),
    );
    expect(await detail.innerText()).toContain('Khách gác máy chờ được gọi lại');
    await shot('calls-vi');
  });
});
