import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { CallRecordView, DeviceInfo, FlowView, HotlineView, TrunkView } from '#contracts';
import type { FlowGraph } from '#flow-engine';
import { createDataSource, PromptEntity } from '#database';
import { ApiClient, TEST_PASSWORD, inviteTokenIn, signupTenant } from '../support/api-client.js';
import { waitForMail } from '../support/mail-sink.js';
import { Baresip } from '../support/baresip.js';
import { expectEventually } from '../support/eventually.js';
import { hotlineCall } from '../support/sipp-call.js';
import { startApi } from '../support/api.js';
import { launchChromium, loginInBrowser } from '../support/browser.js';
import { startApp, type AppProcess } from '../support/processes.js';
import { stackInfo } from '../support/stack-info.js';

const SHOTS = 'test-results/screenshots';

/**
 * Home → Calls with real calls: SIPp is the carrier calling an active hotline on the loopback
 * trunk; one caller presses 1 and the admin's SIP phone (baresip) answers, the other presses 2 and
 * speaks into the voicemail box. The admin then reads both paths and plays the message.
 */
describe('Home → Calls: call history and voicemail in Chromium', () => {
  const info = stackInfo();
  const db = createDataSource(info.env.DATABASE_URL);
  const anonymous = new ApiClient(`${info.apiUrl}/api`);
  let api: AppProcess;
  let callflow: AppProcess;
  let browser: Browser;
  let page: Page;
  let phone: Baresip | undefined;

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

  afterAll(async () => {
    await phone?.stop();
    await browser?.close();
    await callflow?.stop();
    await api?.stop();
    await db.destroy();
  });

  async function shot(name: string): Promise<void> {
    await page.screenshot({ path: `${SHOTS}/calls-${name}.png`, fullPage: true });
  }

  it('given a hotline call answered after key 1 and one that left a voicemail after key 2 when the admin opens Home → Calls then both paths are shown and the message plays, also from the mail link', async () => {
    const tenant = await signupTenant(anonymous);
    const admin = tenant.client;
    const tenantId = tenant.session.user.tenantId!;
    const extension = tenant.session.user.extension!;
    const device = await admin.expect<DeviceInfo>(200, 'PUT', '/me/device', { mode: 'sip' });
    phone = await Baresip.start({
      username: device.sip.username,
      password: device.sip.password!,
      server: `127.0.0.1:${info.ports.sip}`,
      autoAnswer: true,
    });
    await phone.waitFor((e) => e.type === 'REGISTER_OK');
    const prompt = await db.getRepository(PromptEntity).save({
      tenantId,
      name: 'Lời chào',
      language: 'vi',
      kind: 'upload' as const,
      file: 'missing/menu',
      durationMs: 2000,
    });
    const graph: FlowGraph = {
      version: 1,
      entry: 'hours',
      nodes: [
        {
          id: 'hours',
          type: 'shift',
          schedule: {
            timeZone: 'Asia/Ho_Chi_Minh',
            weekly: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' })),
            holidays: [],
            exceptions: [],
          },
          inHours: 'menu',
          outOfHours: 'bye',
        },
        {
          id: 'menu',
          type: 'ivr',
          prompt: { promptId: String(prompt.id) },
          keys: { '1': 'sales', '2': 'mailbox' },
          timeoutS: 2,
          retries: 1,
          directDial: false,
          onFailure: 'bye',
        },
        { id: 'sales', type: 'extension', extension, ringTimeoutS: 20, onNoAnswer: 'bye' },
        { id: 'mailbox', type: 'voicemail', mailbox: extension },
        { id: 'bye', type: 'hangup' },
      ],
    };
    const flow = await admin.expect<FlowView>(201, 'POST', '/flows', { name: 'Hotline CSKH', draft: graph });
    await admin.expect<FlowView>(200, 'POST', `/flows/${flow.id}/publish`);

    const operator = (await anonymous.login(info.logins.operator.email, info.logins.operator.password))
      .client;
    const trunks = await operator.expect<TrunkView[]>(200, 'GET', '/trunks');
    const loopback = trunks.find((t) => t.endpointName === 'loopback-carrier')!;
    const number = `1900${Math.floor(100000 + Math.random() * 900000)}`;
    const hotline = await operator.expect<HotlineView>(201, 'POST', '/operator/hotlines', {
      tenantId,
      number,
      trunkId: loopback.id,
      status: 'active',
    });
    await admin.expect(200, 'PATCH', `/hotlines/${hotline.id}`, { flowId: flow.id });

    const answered = await hotlineCall({
      sipPort: info.ports.sip,
      number,
      caller: '0987654321',
      keys: ['1'],
      end: 'hangup',
      holdMs: 4000,
    });
    expect(answered.output).toBe(answered.ok ? answered.output : 'SIPp call ok');
    const voicemail = await hotlineCall({
      sipPort: info.ports.sip,
      number,
      caller: '0912345678',
      keys: ['2'],
      speak: true,
      end: 'hangup',
      holdMs: 6000,
    });
    expect(voicemail.output).toBe(voicemail.ok ? voicemail.output : 'SIPp call ok');
    let calls: CallRecordView[] = [];
    let messages: { id: number; callId: number | null; heardAt: string | null }[] = [];
    // The message first, then the calls: a call listed before its message was stored has no link yet.
    await expectEventually(async () => {
      messages = await admin.expect<typeof messages>(200, 'GET', '/voicemails');
      expect(messages.length).toBe(1);
      calls = (await admin.expect<{ items: CallRecordView[] }>(200, 'GET', '/calls')).items;
      expect(calls.filter((c) => c.endedAt).length).toBe(2);
      expect(calls[0]).toMatchObject({ callerNumber: '0912345678', voicemailId: messages[0]!.id });
    });
    const [vmCall, answeredCall] = calls;
    expect(answeredCall).toMatchObject({ callerNumber: '0987654321', disposition: 'answered' });
    const messageId = messages[0]!.id;

    // Vietnamese: the list, then the answered call opened.
    page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    await loginInBrowser(page, info.apiUrl, tenant.email, TEST_PASSWORD);
    await page.selectOption('[data-testid=lang-switch]', 'vi');
    await page.getByTestId('nav-home-calls').click();
    await page.waitForURL(/\/home\/calls$/);
    await page.getByTestId('calls-table').waitFor();
    const rows = page.getByTestId('call-row');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).innerText()).toContain('0912345678');
    expect(await rows.nth(1).innerText()).toContain(number);
    expect(await rows.nth(1).getByTestId('call-result').innerText()).toContain('Đã nghe máy');
    expect(await rows.nth(0).getByTestId('call-result').innerText()).toContain('Để lại lời nhắn');
    await rows.nth(1).getByTestId('call-toggle').click();
    // Each call's detail row is named by its call, so a read never sees the row that is closing.
    const detailOf = async (callId: number) => {
      const row = page.locator(`#call-detail-${callId}`);
      await row.waitFor();
      return row;
    };
    let detail = await detailOf(answeredCall!.id);
    expect(await detail.getByTestId('call-step').allInnerTexts()).toEqual([
      expect.stringContaining('Trong giờ làm việc'),
      expect.stringContaining('Menu: khách bấm phím 1'),
      expect.stringMatching(new RegExp(`Đổ chuông máy nhánh ${extension}\\s+đã nghe máy`)),
    ]);
    await shot('history-vi');
    // The voicemail call: its path ends in the box, and its message plays right there.
    await rows.nth(0).click();
    await page.locator(`#call-detail-${answeredCall!.id}`).waitFor({ state: 'detached' });
    detail = await detailOf(vmCall!.id);
    expect(await detail.getByTestId('call-step').allInnerTexts()).toEqual([
      expect.stringContaining('Trong giờ làm việc'),
      expect.stringContaining('Menu: khách bấm phím 2'),
      expect.stringMatching(/Chuyển vào hộp thư thoại.*\s+đã ghi âm/),
    ]);
    await detail.getByTestId('voicemail-play').waitFor();
    await shot('history-voicemail-call-vi');

    // The voicemail tab: unheard, then played (the audio element reads a real duration).
    await page.getByTestId('calls-tab-voicemail').click();
    await page.waitForURL(/tab=voicemail/);
    const row = page.locator(`[data-testid=voicemail-row][data-id="${messageId}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-heard')).toBe('false');
    expect(await row.innerText()).toContain('Chưa nghe');
    await shot('voicemail-vi');
    await row.getByTestId('voicemail-play').click();
    const audio = row.getByTestId('voicemail-audio');
    await audio.waitFor({ state: 'attached' });
    await expectEventually(async () =>
      expect(await audio.evaluate((el) => (el as unknown as { duration: number }).duration)).toBeGreaterThan(
        0,
      ),
    );
    expect(await row.getAttribute('data-heard')).toBe('true');
    await expectEventually(async () =>
      expect((await admin.expect<typeof messages>(200, 'GET', '/voicemails'))[0]!.heardAt).not.toBeNull(),
    );

    // English, opened from the mail's link: the voicemail tab with the message selected and loaded.
    await page.selectOption('[data-testid=lang-switch]', 'en');
    await page.goto(`${info.apiUrl}/home/calls?voicemail=${messageId}`);
    const selected = page.locator(`[data-testid=voicemail-row][aria-current=true]`);
    await selected.waitFor();
    expect(await selected.getAttribute('data-id')).toBe(String(messageId));
    expect(await page.getByTestId('calls-tab-voicemail').getAttribute('aria-selected')).toBe('true');
    const linked = selected.getByTestId('voicemail-audio');
    await linked.waitFor({ state: 'attached' });
    await expectEventually(async () =>
      expect(await linked.evaluate((el) => (el as unknown as { duration: number }).duration)).toBeGreaterThan(
        0,
      ),
    );
    expect(await selected.innerText()).toContain('Heard');
    await shot('voicemail-link-en');
    // A link to a message that is not there says so.
    await page.goto(`${info.apiUrl}/home/calls?voicemail=999999999`);
    await page.getByTestId('voicemail-missing').waitFor();
    await page.getByTestId('calls-tab-calls').click();
    await page.getByTestId('calls-table').waitFor();
    await page.getByTestId('call-row').nth(1).click();
    await page.getByTestId('call-detail').waitFor();
    expect(await page.getByTestId('call-step').nth(1).innerText()).toContain('Menu: caller pressed 1');
    await shot('history-en');
    await page.context().close();

    // An agent gets a polite note, not the list.
    const agentEmail = `agent-${Date.now()}@example.com`;
    await admin.expect(201, 'POST', '/users', { fullName: 'Nhân viên A', email: agentEmail, role: 'agent' });
    await anonymous.expect(204, 'POST', '/auth/reset-password', {
      token: inviteTokenIn((await waitForMail(info.mailSinkUrl!, agentEmail)).text),
      password: TEST_PASSWORD,
    });
    page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    await loginInBrowser(page, info.apiUrl, agentEmail, TEST_PASSWORD);
    await page.selectOption('[data-testid=lang-switch]', 'vi');
    await page.goto(`${info.apiUrl}/home/calls`);
    await page.getByTestId('calls-not-allowed').waitFor();
    expect(await page.getByTestId('calls-table').count()).toBe(0);
    await shot('agent-vi');
    await page.context().close();
  });
});
