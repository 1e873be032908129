import { randomInt, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import type { PauseReasonView, QueueView, TenantUser, UserGroup } from '#contracts';
import type { FlowGraph } from '#flow-engine';
import mysql from 'mysql2/promise';
import { startApi } from '../support/api.js';
import { ApiClient, TEST_PASSWORD, invitedMember, signupTenant } from '../support/api-client.js';
import { launchChromium, loginInBrowser } from '../support/browser.js';
import { expectEventually } from '../support/eventually.js';
import { startApp, type AppProcess } from '../support/processes.js';
import { waitForEventSubscribers } from '../support/realtime.js';
import { hotlineCall } from '../support/sipp-call.js';
import { stackInfo } from '../support/stack-info.js';

const SHOTS = 'test-results/screenshots';

describe('queue panel beside the webphone and Home → Queues live (issue 6, console, Chromium)', () => {
  const info = stackInfo();
  const anonymous = new ApiClient(`${info.apiUrl}/api`);
  let api: AppProcess;
  let callflow: AppProcess | undefined;
  let browser: Browser;
  let db: mysql.Pool;
  const pages: Page[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    db = mysql.createPool({ uri: info.env.DATABASE_URL, connectionLimit: 2 });
    api = await startApi(info);
    browser = await launchChromium();
  });

  afterEach(async () => {
    await Promise.all(pages.splice(0).map((p) => p.context().close()));
  });

  afterAll(async () => {
    await browser?.close();
    await callflow?.stop();
    await api?.stop();
    await db?.end();
  });

  async function newPage(): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 860 } })).newPage();
    pages.push(page);
    return page;
  }

  /** A company whose agent belongs (through a user group) to two queues; two pause reasons. */
  async function team() {
    const admin = await signupTenant(anonymous);
    const agent = await invitedMember(admin.client, info.mailSinkUrl!, 'agent');
    await admin.client.expect(200, 'PATCH', `/users/${agent.user.id}`, { fullName: 'Lê Thị Cúc' });
    const group = await admin.client.expect<UserGroup>(201, 'POST', '/user-groups', {
      name: `CSKH ${randomUUID().slice(0, 6)}`,
    });
    await admin.client.expect<TenantUser>(200, 'PATCH', `/users/${agent.user.id}`, { groupIds: [group.id] });
    const members = [{ kind: 'group', id: group.id, penalty: 0 }];
    const sales = await admin.client.expect<QueueView>(201, 'POST', '/queues', { name: 'Bán hàng', members });
    const support = await admin.client.expect<QueueView>(201, 'POST', '/queues', {
      name: 'Chăm sóc khách hàng',
      members,
    });
    const lunch = await admin.client.expect<PauseReasonView>(201, 'POST', '/pause-reasons', {
      name: 'Ăn trưa',
    });
    const meeting = await admin.client.expect<PauseReasonView>(201, 'POST', '/pause-reasons', {
      name: 'Họp nhóm',
    });
    return { admin, agent: agent.user, sales, support, lunch, meeting };
  }

  const rowOf = (page: Page, queueId: number): Locator =>
    page.locator(`[data-testid=queue-row][data-id="${queueId}"]`);

  async function waitForActivity(page: Page, activity: string): Promise<void> {
    await page.locator(`[data-testid=queue-state][data-activity=${activity}]`).waitFor();
    await page.locator(`[data-testid=queue-toggle][data-activity=${activity}]`).waitFor();
  }

  it('given an agent in two queues when they log in, pause with a reason, reload and resume in the panel then the state holds across the reload and the admin’s live view shows it', async () => {
    const { admin, agent, sales, support, lunch, meeting } = await team();
    const page = await newPage();
    await loginInBrowser(page, info.apiUrl, agent.email, TEST_PASSWORD);
    // Invited accounts start in English: this part checks the Vietnamese texts.
    await page.getByTestId('lang-switch').selectOption('vi');

    // The toggle beside the phone: offline until logged in to a queue.
    const toggle = page.getByTestId('queue-toggle');
    await toggle.waitFor();
    expect(await toggle.getAttribute('data-activity')).toBe('offline');
    await expect(page.getByTestId('queue-toggle-state').textContent()).resolves.toContain('Ngoại tuyến');
    await toggle.click();
    await page.getByTestId('queue-panel').waitFor();
    expect(await page.getByTestId('queue-row').count()).toBe(2);
    expect(await rowOf(page, sales.id).getByTestId('queue-login').getAttribute('aria-checked')).toBe('false');
    // Pausing needs a queue to pause from.
    expect(await page.getByTestId('queue-pause').isDisabled()).toBe(true);

    // One queue, then all.
    await rowOf(page, sales.id).getByTestId('queue-login').click();
    await rowOf(page, sales.id).locator('[data-testid=queue-login][aria-checked=true]').waitFor();
    await waitForActivity(page, 'available');
    expect(await rowOf(page, support.id).getByTestId('queue-login').getAttribute('aria-checked')).toBe(
      'false',
    );
    await expect(page.getByTestId('queue-count').textContent()).resolves.toContain('1/2');
    await page.getByTestId('queue-login-all').click();
    await rowOf(page, support.id).locator('[data-testid=queue-login][aria-checked=true]').waitFor();
    await page.getByTestId('queue-logout-all').waitFor();
    await expect(page.getByTestId('queue-state-label').textContent()).resolves.toContain('Sẵn sàng');

    // Pause: the tenant has reasons, so one must be chosen.
    await page.getByTestId('queue-pause').click();
    await page.getByTestId('queue-reasons').waitFor();
    const reasons = await page.getByTestId('queue-pause-reason').allTextContents();
    expect(reasons.map((r) => r.trim())).toEqual(expect.arrayContaining(['Ăn trưa', 'Họp nhóm']));
    await page.screenshot({ path: `${SHOTS}/queue-panel-reasons-vi.png` });
    await page.locator(`[data-testid=queue-pause-reason][data-id="${lunch.id}"]`).click();
    await waitForActivity(page, 'paused');
    const detail = page.getByTestId('queue-state-detail');
    await expect(detail.textContent()).resolves.toMatch(/Ăn trưa\s*· từ \d{2}:\d{2}/);
    await page.getByTestId('queue-resume').waitFor();
    await page.screenshot({ path: `${SHOTS}/queue-panel-paused-vi.png` });

    // The state lives on the server: a reload shows the same pause and log-ins.
    await page.reload();
    await page.locator('[data-testid=queue-toggle][data-activity=paused]').waitFor();
    await expect(page.getByTestId('queue-toggle-state').textContent()).resolves.toContain('Tạm nghỉ');
    await page.getByTestId('queue-toggle').click();
    await expect(page.getByTestId('queue-state-detail').textContent()).resolves.toContain('Ăn trưa');
    expect(await rowOf(page, sales.id).getByTestId('queue-login').getAttribute('aria-checked')).toBe('true');
    expect(await rowOf(page, support.id).getByTestId('queue-login').getAttribute('aria-checked')).toBe(
      'true',
    );

    // Resume.
    await page.getByTestId('queue-resume').click();
    await waitForActivity(page, 'available');
    await page.getByTestId('queue-pause').waitFor();
    await page.screenshot({ path: `${SHOTS}/queue-panel-available-vi.png` });

    // The admin's live view: the agent is available in both queues.
    const adminPage = await newPage();
    await loginInBrowser(adminPage, info.apiUrl, admin.email, TEST_PASSWORD);
    await adminPage.getByTestId('lang-switch').selectOption('vi');
    // The admin is in no queue: no queue button for them.
    await adminPage.getByTestId('phone-toggle').waitFor();
    expect(await adminPage.getByTestId('queue-toggle').count()).toBe(0);
    await adminPage.getByTestId('nav-home-queues').click();
    await adminPage.waitForURL(/\/home\/queues$/);
    await expect(adminPage.getByTestId('page-title').textContent()).resolves.toContain('Hàng đợi trực tiếp');
    const cards = adminPage.getByTestId('queue-live');
    await cards.first().waitFor();
    expect(await adminPage.getByTestId('queue-live-name').allTextContents()).toEqual([
      'Bán hàng',
      'Chăm sóc khách hàng',
    ]);
    const salesCard = adminPage.locator(`[data-testid=queue-live][data-id="${sales.id}"]`);
    const agentIn = (card: Locator) =>
      card.locator(`[data-testid=queue-live-agent][data-user="${agent.id}"]`);
    expect(await agentIn(salesCard).getAttribute('data-activity')).toBe('available');
    await expect(agentIn(salesCard).textContent()).resolves.toContain('Lê Thị Cúc');
    await expect(agentIn(salesCard).textContent()).resolves.toContain(agent.extension!);
    await expect(salesCard.getByTestId('queue-live-waiting').textContent()).resolves.toBe('0');
    await expect(salesCard.getByTestId('queue-live-available').textContent()).resolves.toBe('1/1');
    await salesCard.getByTestId('queue-live-none-waiting').waitFor();
    await adminPage.locator('[data-testid=queues-live-connection][data-connected=true]').waitFor();
    await adminPage.screenshot({ path: `${SHOTS}/queues-live-available-vi.png`, fullPage: true });

    // The agent pauses for a meeting and leaves one queue: the admin's view (read again) follows.
    await page.getByTestId('queue-pause').click();
    await page.locator(`[data-testid=queue-pause-reason][data-id="${meeting.id}"]`).click();
    await waitForActivity(page, 'paused');
    await expect(page.getByTestId('queue-state-detail').textContent()).resolves.toContain('Họp nhóm');
    await rowOf(page, support.id).getByTestId('queue-login').click();
    await rowOf(page, support.id).locator('[data-testid=queue-login][aria-checked=false]').waitFor();
    await adminPage.reload();
    await expectEventually(async () => {
      expect(await agentIn(salesCard).getAttribute('data-activity')).toBe('paused');
    });
    const supportCard = adminPage.locator(`[data-testid=queue-live][data-id="${support.id}"]`);
    expect(await agentIn(supportCard).getAttribute('data-activity')).toBe('offline');
    await salesCard.locator('[data-testid=queue-live-group][data-activity=paused]').waitFor();
    await adminPage.screenshot({ path: `${SHOTS}/queues-live-paused-vi.png`, fullPage: true });

    // English.
    await adminPage.getByTestId('lang-switch').selectOption('en');
    await expect(adminPage.getByTestId('page-title').textContent()).resolves.toContain('Queues live');
    await expect(salesCard.textContent()).resolves.toContain('Paused');
    await adminPage.screenshot({ path: `${SHOTS}/queues-live-paused-en.png`, fullPage: true });
    await page.getByTestId('lang-switch').selectOption('en');
    await expect(page.getByTestId('queue-state-label').textContent()).resolves.toContain('Paused');
    await expect(page.getByTestId('queue-state-detail').textContent()).resolves.toMatch(
      /Họp nhóm\s*· since \d{2}:\d{2}/,
    );
    await page.screenshot({ path: `${SHOTS}/queue-panel-paused-en.png` });
  });

  it('given the agent removed from a queue while the panel is open when they log in to it then the API’s refusal shows in the panel and the list is read again', async () => {
    const { admin, agent, sales, support } = await team();
    const page = await newPage();
    await loginInBrowser(page, info.apiUrl, agent.email, TEST_PASSWORD);
    // Invited accounts start in English: this part checks the Vietnamese texts.
    await page.getByTestId('lang-switch').selectOption('vi');
    await page.getByTestId('queue-toggle').click();
    await page.getByTestId('queue-panel').waitFor();
    expect(await page.getByTestId('queue-row').count()).toBe(2);

    await admin.client.expect(200, 'PATCH', `/queues/${support.id}`, { members: [] });
    await rowOf(page, support.id).getByTestId('queue-login').click();
    const error = page.getByTestId('queue-error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toContain('Bạn không còn thuộc hàng đợi vừa chọn');
    await rowOf(page, support.id).waitFor({ state: 'detached' });
    expect(await page.getByTestId('queue-row').count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/queue-panel-error-vi.png` });

    // The next change succeeds and clears the message.
    await rowOf(page, sales.id).getByTestId('queue-login').click();
    await waitForActivity(page, 'available');
    await error.waitFor({ state: 'detached' });
  });

  it('given a company without queues when its admin opens Queues live then an empty state links to the queue groups; agents have neither the page nor the queue button', async () => {
    const admin = await signupTenant(anonymous);
    const agent = await invitedMember(admin.client, info.mailSinkUrl!, 'agent');
    const page = await newPage();
    await loginInBrowser(page, info.apiUrl, admin.email, TEST_PASSWORD);
    await page.getByTestId('lang-switch').selectOption('vi');
    await page.getByTestId('nav-home-queues').click();
    await page.getByTestId('queues-live-empty').waitFor();
    expect(await page.getByTestId('queues-live-setup').getAttribute('href')).toBe('/settings/pbx/queues');
    await page.screenshot({ path: `${SHOTS}/queues-live-empty-vi.png` });

    const agentPage = await newPage();
    await loginInBrowser(agentPage, info.apiUrl, agent.user.email, TEST_PASSWORD);
    await agentPage.getByTestId('phone-toggle').waitFor();
    expect(await agentPage.getByTestId('nav-home-queues').count()).toBe(0);
    expect(await agentPage.getByTestId('queue-toggle').count()).toBe(0);
    await agentPage.goto(`${info.apiUrl}/home/queues`);
    await agentPage.waitForURL(/\/home\/overview$/);
  });

  it('given callflow running and the agent logged in to a queue when a carrier caller enters it then the admin’s live view shows the caller waiting and the agent ringing, and the agent’s panel follows (socket.io queue.state and agent.state)', async () => {
    const { admin, agent, sales } = await team();
    // A hotline whose flow is the queue (the carrier side is SIPp on 127.0.0.2).
    const [[loopback]] = await db.query<mysql.RowDataPacket[]>(
      "SELECT id FROM trunks WHERE endpoint_name = 'loopback-carrier'",
    );
    const number = `1900${randomInt(1000, 9999)}${randomInt(10, 99)}`;
    const [hotline] = await db.query<mysql.ResultSetHeader>(
      `INSERT INTO hotlines (tenant_id, number, status, trunk_id, requested_at) VALUES (?, ?, 'active', ?, NOW(3))`,
      [admin.session.user.tenantId, number, loopback!.id],
    );
    const graph: FlowGraph = {
      version: 1,
      entry: 'queue',
      nodes: [
        { id: 'queue', type: 'queue', queueId: String(sales.id), priority: 0, onOverflow: 'bye' },
        { id: 'bye', type: 'hangup' },
      ],
    };
    const flow = await admin.client.expect<{ id: number }>(201, 'POST', '/flows', {
      name: 'Vào hàng đợi',
      draft: graph,
    });
    await admin.client.expect(200, 'POST', `/flows/${flow.id}/publish`);
    await db.query('UPDATE hotlines SET flow_id = ? WHERE id = ?', [flow.id, hotline.insertId]);

    // The agent's webphone is registered and they log in to the queue from the panel.
    const page = await newPage();
    await loginInBrowser(page, info.apiUrl, agent.email, TEST_PASSWORD);
    await page.getByTestId('lang-switch').selectOption('vi');
    await page.locator('[data-testid=phone-toggle][data-registration=registered]').waitFor();
    await page.getByTestId('queue-toggle').click();
    await rowOf(page, sales.id).getByTestId('queue-login').click();
    await waitForActivity(page, 'available');

    // Callflow loads queues and log-ins when it starts.
    callflow = startApp('dist/apps/callflow/src/main.js', { ...info.env, ...info.callflowEnv });
    await expectEventually(async () => {
      const status = (await (await fetch(info.callflowStatusUrl)).json()) as { ari: { connected: boolean } };
      expect(status.ari.connected).toBe(true);
    });
    await waitForEventSubscribers(info.callflowStatusUrl);

    const adminPage = await newPage();
    await loginInBrowser(adminPage, info.apiUrl, admin.email, TEST_PASSWORD);
    await adminPage.getByTestId('lang-switch').selectOption('vi');
    await adminPage.getByTestId('nav-home-queues').click();
    await adminPage.locator('[data-testid=queues-live-connection][data-connected=true]').waitFor();
    const salesCard = adminPage.locator(`[data-testid=queue-live][data-id="${sales.id}"]`);
    await salesCard.getByTestId('queue-live-none-waiting').waitFor();

    const caller = '0907654321';
    const call = hotlineCall({ sipPort: info.ports.sip, number, caller, end: 'hangup', holdMs: 12_000 });
    try {
      // Live, without reloading: the caller waits, the agent's phone rings.
      const waitingRow = salesCard.getByTestId('queue-live-caller');
      await waitingRow.waitFor();
      await expect(waitingRow.textContent()).resolves.toContain(caller);
      await expect(salesCard.getByTestId('queue-live-waiting').textContent()).resolves.toBe('1');
      await salesCard
        .locator(`[data-testid=queue-live-agent][data-user="${agent.id}"][data-activity=ringing]`)
        .waitFor();
      await page.locator('[data-testid=queue-toggle][data-activity=ringing]').waitFor();
      await expect(page.getByTestId('queue-toggle-state').textContent()).resolves.toContain('Đang đổ chuông');
      // The longest wait ticks on the client.
      const first = await salesCard.getByTestId('queue-live-longest').textContent();
      await expectEventually(async () =>
        expect(await salesCard.getByTestId('queue-live-longest').textContent()).not.toBe(first),
      );
      await adminPage.screenshot({ path: `${SHOTS}/queues-live-waiting-vi.png`, fullPage: true });
      await page.screenshot({ path: `${SHOTS}/queue-panel-ringing-vi.png` });
    } finally {
      await call;
    }
    // The caller hung up: nobody waits, the agent is available again.
    await salesCard.getByTestId('queue-live-none-waiting').waitFor();
    await salesCard
      .locator(`[data-testid=queue-live-agent][data-user="${agent.id}"][data-activity=available]`)
      .waitFor();
    await page.locator('[data-testid=queue-toggle][data-activity=available]').waitFor();
  });
});
