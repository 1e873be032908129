import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { FlowView, MohClassView, PauseReasonView, QueueView, TenantUser, UserGroup } from '#contracts';
import { createDataSource, PromptEntity } from '#database';
import { ApiClient, TEST_PASSWORD, invitedMember, signupTenant } from '../support/api-client.js';
import { startApi } from '../support/api.js';
import { launchChromium, loginInBrowser } from '../support/browser.js';
import type { AppProcess } from '../support/processes.js';
import { expectEventually } from '../support/eventually.js';
import { stackInfo } from '../support/stack-info.js';

const SHOTS = 'test-results/screenshots';

describe('Settings → PBX → Queue groups in Chromium', () => {
  const info = stackInfo();
  const db = createDataSource(info.env.DATABASE_URL);
  let api: AppProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [api] = await Promise.all([startApi(info), db.initialize()]);
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
    await db.destroy();
  });

  async function shot(name: string): Promise<void> {
    await page.screenshot({ path: `${SHOTS}/queues-${name}.png`, fullPage: true });
  }

  async function tab(name: 'flows' | 'ivrs' | 'queues'): Promise<void> {
    await page.getByTestId(`pbx-tab-${name}`).click();
    await page.waitForURL(new RegExp(`/settings/pbx/${name}`));
  }

  it('given a tenant admin when they create a queue group (a user group and a user, a field error fixed), a pause reason and a music class and send an IVR key to the queue then the published flow holds the queue node', async () => {
    const tenant = await signupTenant(new ApiClient(`${info.apiUrl}/api`));
    const admin = tenant.client;
    const tenantId = tenant.session.user.tenantId!;
    const flow = await admin.expect<FlowView>(201, 'POST', '/flows', { name: 'Tổng đài CSKH' });
    const prompt = await db.getRepository(PromptEntity).save({
      tenantId,
      name: 'Nhạc chờ mùa hè',
      language: 'vi',
      kind: 'upload' as const,
      file: 'test/summer',
      durationMs: 31_000,
    });
    const greeting = await db.getRepository(PromptEntity).save({
      tenantId,
      name: 'Lời chào',
      language: 'vi',
      kind: 'upload' as const,
      file: 'test/greeting',
      durationMs: 4000,
    });

    await loginInBrowser(page, info.apiUrl, tenant.email, TEST_PASSWORD);
    await page.selectOption('[data-testid=lang-switch]', 'vi');

    // A user group, made in Settings → Users, with one agent in it; a second agent on their own.
    await page.goto(`${info.apiUrl}/settings/users?tab=groups`);
    await page.getByTestId('group-add').click();
    await page.getByTestId('group-name').fill('Tổ tư vấn');
    await page.getByTestId('group-save').click();
    await page.getByTestId('groups-notice').waitFor();
    const group = (await admin.expect<UserGroup[]>(200, 'GET', '/user-groups')).find(
      (g) => g.name === 'Tổ tư vấn',
    )!;
    // Agents who accepted their invitation (only active users take queue calls).
    const grouped = (await invitedMember(admin, info.mailSinkUrl!, 'agent')).user;
    await admin.expect<TenantUser>(200, 'PATCH', `/users/${grouped.id}`, {
      fullName: 'Phạm Tư Vấn',
      groupIds: [group.id],
    });
    const solo = await admin.expect<TenantUser>(
      200,
      'PATCH',
      `/users/${(await invitedMember(admin, info.mailSinkUrl!, 'agent')).user.id}`,
      { fullName: 'Võ Trực Tổng Đài' },
    );

    await page.goto(`${info.apiUrl}/settings/pbx/queues`);
    await page.getByTestId('queues-empty').waitFor();
    await page.getByTestId('pause-reasons-empty').waitFor();
    await page.getByTestId('moh-empty').waitFor();

    // +Add: linear, the group then the user (moved up above the group), max callers 0 → field error.
    await page.getByTestId('queue-add').click();
    await page.getByTestId('queue-dialog').waitFor();
    await page.getByTestId('queue-name').fill('Chăm sóc khách hàng');
    await page.getByTestId('queue-strategy-linear').click();
    await page.getByTestId('queue-member-pick').selectOption(`group:${group.id}`);
    await page.getByTestId('queue-member-add').click();
    await page.getByTestId('queue-member-pick').selectOption(`user:${solo.id}`);
    await page.getByTestId('queue-member-add').click();
    // The dialog re-renders after the click returns: wait for the second member, do not count at once.
    await expectEventually(async () => expect(await page.getByTestId('queue-member').count()).toBe(2));
    await page.getByTestId('queue-member-up-1').click();
    // The group's own select, once the move has re-rendered it as the second member (the dialog
    // re-renders after the click returns; a bare penalty-1 could still be the user's select).
    await page
      .locator('[data-testid=queue-member][data-kind=group] [data-testid=queue-member-penalty-1]')
      .selectOption('3');
    await page.getByTestId('queue-maxCallers').fill('0');
    await page.getByTestId('queue-save').click();
    await page.getByTestId('field-error-maxCallers').waitFor();
    expect(await page.getByTestId('queue-maxCallers').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('field-error-maxCallers').innerText()).toContain('1');
    await shot('dialog-error-vi');
    expect(await admin.expect<QueueView[]>(200, 'GET', '/queues')).toEqual([]);

    await page.getByTestId('queue-maxCallers').fill('5');
    expect(await page.getByTestId('field-error-maxCallers').count()).toBe(0);
    await page.getByTestId('queue-maxWaitS').fill('120');
    await page.getByTestId('queue-announcePosition').check();
    await page.getByTestId('queue-announceEveryS').fill('45');
    await page.getByTestId('queue-exitKey').selectOption('1');
    await page.getByTestId('queue-record').check();
    await page.getByTestId('queue-recordNotice').check();
    await page.getByTestId('queue-save').click();
    await page.getByTestId('queues-notice').waitFor();
    const row = page.getByTestId('queue-row');
    await row.waitFor();
    expect(await row.getByTestId('queue-agents').innerText()).toContain('2');
    expect(await row.getByTestId('queue-recording').count()).toBe(1);
    const [queue] = await admin.expect<QueueView[]>(200, 'GET', '/queues');
    expect(queue).toMatchObject({
      name: 'Chăm sóc khách hàng',
      strategy: 'linear',
      maxCallers: 5,
      maxWaitS: 120,
      announcePosition: true,
      announceEveryS: 45,
      exitKey: '1',
      record: true,
      recordNotice: true,
      mohClassId: null,
      agentCount: 2,
    });
    expect(queue.members.map((m) => [m.kind, m.id, m.penalty])).toEqual([
      ['user', solo.id, 0],
      ['group', group.id, 3],
    ]);

    // The same name again: the API's 409 lands on the name field.
    await page.getByTestId('queue-add').click();
    await page.getByTestId('queue-name').fill('Chăm sóc khách hàng');
    await page.getByTestId('queue-save').click();
    await page.getByTestId('field-error-name').waitFor();
    await page.getByTestId('queue-cancel').click();

    // A pause reason: added, then renamed.
    await page.getByTestId('pause-reason-new').fill('Ăn trưa');
    await page.getByTestId('pause-reason-add').click();
    await page.locator('[data-testid=pause-reason][data-name="Ăn trưa"]').waitFor();
    await page.getByTestId('pause-reason-edit').click();
    await page.getByTestId('pause-reason-rename-input').fill('Nghỉ trưa');
    await page.getByTestId('pause-reason-rename-save').click();
    await page.locator('[data-testid=pause-reason][data-name="Nghỉ trưa"]').waitFor();
    expect((await admin.expect<PauseReasonView[]>(200, 'GET', '/pause-reasons')).map((r) => r.name)).toEqual([
      'Nghỉ trưa',
    ]);

    // A music class of the tenant's prompt; the queue then plays it.
    await page.getByTestId('moh-add').click();
    await page.getByTestId('moh-dialog').waitFor();
    await page.getByTestId('moh-name').fill('Nhạc khuyến mãi');
    await page.getByTestId('moh-save').click();
    await page.getByTestId('field-error-moh-prompts').waitFor();
    await page.getByTestId('moh-prompt-pick').selectOption(String(prompt.id));
    await page.getByTestId('moh-prompt-add').click();
    await page.getByTestId('moh-save').click();
    await page.locator('[data-testid=moh-class][data-name="Nhạc khuyến mãi"]').waitFor();
    const [moh] = await admin.expect<MohClassView[]>(200, 'GET', '/moh-classes');
    expect(moh).toMatchObject({ name: 'Nhạc khuyến mãi', promptIds: [prompt.id] });
    await page.getByTestId('queue-edit').click();
    await page.getByTestId('queue-mohClassId').selectOption(String(moh.id));
    await page.getByTestId('queue-save').click();
    await row.filter({ hasText: 'Nhạc khuyến mãi' }).waitFor();
    await shot('tab-vi');

    // IVR: key 1 → the queue (priority 5, full → the solo agent's voicemail, exit key → hang up).
    await tab('ivrs');
    await page.getByTestId('ivr-add').click();
    await page.getByTestId('ivr-label').fill('Menu chính');
    await page.getByTestId('ivr-prompt').selectOption(String(greeting.id));
    await page.getByTestId('ivr-add-key-select').selectOption('1');
    await page.getByTestId('ivr-add-key').click();
    await page.getByTestId('ivr-keys-1').selectOption(`queue:${queue.id}`);
    await page.getByTestId('ivr-keys-1-priority').selectOption('5');
    await page.getByTestId('ivr-keys-1-overflow').selectOption('voicemail');
    await page.getByTestId('ivr-keys-1-overflow-mailbox').selectOption(solo.extension!);
    await page.getByTestId('ivr-keys-1-exit').selectOption('hangup');
    await shot('ivr-dialog-vi');
    await page.getByTestId('ivr-save').click();
    await page.getByTestId('ivrs-notice').waitFor();
    expect(await page.getByTestId('ivr-row-ivr-1').innerText()).toContain('Chăm sóc khách hàng');

    // Entry → the menu; publish.
    await tab('flows');
    await page.getByTestId('flow-entry').selectOption('node:ivr-1');
    await page.getByTestId('flow-entry-save').click();
    await page.getByTestId('flow-no-problems').waitFor();
    await page.getByTestId('flow-publish').click();
    await page.getByTestId('flow-version-1').waitFor();
    const published = await admin.expect<FlowView>(200, 'GET', `/flows/${flow.id}`);
    expect(published).toMatchObject({ publishedVersion: 1, dirty: false, problems: [] });
    expect(published.draft).toMatchObject({
      entry: 'ivr-1',
      nodes: expect.arrayContaining([
        expect.objectContaining({ id: 'ivr-1', keys: { '1': `queue-${queue.id}` } }),
        expect.objectContaining({
          id: `queue-${queue.id}`,
          type: 'queue',
          queueId: String(queue.id),
          priority: 5,
          onOverflow: `vm-${solo.extension}`,
        }),
      ]),
    });
    const nodes = (published.draft as { nodes: { id: string; type: string; onExit?: string }[] }).nodes;
    const exit = nodes.find((n) => n.id === `queue-${queue.id}`)!.onExit;
    expect(nodes.find((n) => n.id === exit)?.type).toBe('hangup');
    // The simulator (the flow engine in the browser) takes key 1 into the queue, answered.
    await page.getByTestId('sim-entries').fill('1');
    await page.getByTestId('sim-run').click();
    await page.getByTestId('sim-draft-end').waitFor();
    const steps = await page.getByTestId('sim-draft-step').allInnerTexts();
    expect(steps[steps.length - 1]).toContain('Nhóm hàng đợi “Chăm sóc khách hàng”');
    expect(await page.getByTestId('sim-draft-end').getAttribute('data-reason')).toBe('connected');

    // Deleting the queue a flow uses is refused with the API's reason.
    await tab('queues');
    await page.getByTestId('queue-delete').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('confirm-error').waitFor();
    expect(await page.getByTestId('confirm-error').innerText()).toContain('Tổng đài CSKH');
    await shot('delete-refused-vi');
    expect((await admin.expect<QueueView[]>(200, 'GET', '/queues')).length).toBe(1);
  });

  it('given a queue group when the admin views the tab and the dialog in English then every label is translated', async () => {
    const tenant = await signupTenant(new ApiClient(`${info.apiUrl}/api`));
    const admin = tenant.client;
    await admin.expect<QueueView>(201, 'POST', '/queues', {
      name: 'Sales line',
      strategy: 'round_robin',
      members: [{ kind: 'user', id: tenant.session.user.id, penalty: 0 }],
      maxWaitS: 300,
    });
    await admin.expect<PauseReasonView>(201, 'POST', '/pause-reasons', { name: 'Training' });
    await loginInBrowser(page, info.apiUrl, tenant.email, TEST_PASSWORD);
    await page.selectOption('[data-testid=lang-switch]', 'en');
    await page.goto(`${info.apiUrl}/settings/pbx/queues`);
    await page.getByTestId('queue-row').waitFor();
    expect(await page.getByTestId('queue-strategy').innerText()).toBe('Round robin with memory');
    await shot('tab-en');
    await page.getByTestId('queue-edit').click();
    await page.getByTestId('queue-dialog').waitFor();
    await page.getByTestId('queue-ringTimeoutS').fill('2');
    await page.getByTestId('queue-save').click();
    await page.getByTestId('field-error-ringTimeoutS').waitFor();
    expect(await page.getByTestId('field-error-ringTimeoutS').innerText()).toContain('Between 5 and 300');
    await shot('dialog-en');
  });
});
