import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { PauseReasonView, QueueView } from '#contracts';
import { startApi } from '../support/api.js';
import { ApiClient, TEST_PASSWORD, invitedMember, signupTenant } from '../support/api-client.js';
import { launchChromium, loginInBrowser } from '../support/browser.js';
import { expectEventually } from '../support/eventually.js';
import type { AppProcess } from '../support/processes.js';
import { QueueKit, connectedTo, legsOf, stepsOf } from '../support/queue-kit.js';
import { waitForEventSubscribers } from '../support/realtime.js';
import { hotlineCall } from '../support/sipp-call.js';
import { stackInfo } from '../support/stack-info.js';

const SHOTS = 'test-results/screenshots';

/**
 * A queue call end to end: an agent with the console's webphone (Chromium, fake media) logs in to
 * a queue in the queue panel; SIPp is the carrier on 127.0.0.2; callflow's ACD offers the waiting
 * caller to the webphone. Pausing in the panel stops the offers (the api tells callflow).
 */
describe('a queue call in the console: webphone agent, carrier caller, pause and resume (issue 6, Chromium)', () => {
  const info = stackInfo();
  const anonymous = new ApiClient(`${info.apiUrl}/api`);
  const kit = new QueueKit(info);
  let api: AppProcess;
  let browser: Browser;
  let page: Page | undefined;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    api = await startApi(info);
    await kit.init();
    await kit.startCallflow();
    // The api's agents.changed commands (log-in, pause) reach callflow through its event stream.
    await waitForEventSubscribers(info.callflowStatusUrl);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await page?.context().close();
    await browser?.close();
    await kit.close();
    await api?.stop();
  });

  async function waitForActivity(p: Page, activity: string): Promise<void> {
    await p.locator(`[data-testid=queue-toggle][data-activity=${activity}]`).waitFor();
  }

  /** Answers the ringing webphone and checks audio both ways (the carrier echoes what it gets). */
  async function answerWithAudio(p: Page): Promise<void> {
    await p.getByTestId('phone-answer').click();
    await p.locator('[data-testid=phone-call-view][data-state=established]').waitFor();
    const stats = p.getByTestId('call-stats');
    const packets = async () => ({
      sent: Number(await stats.getAttribute('data-sent')),
      received: Number(await stats.getAttribute('data-received')),
    });
    const first = await expectEventually(async () => {
      const now = await packets();
      expect(now.sent).toBeGreaterThan(20);
      expect(now.received).toBeGreaterThan(20);
      return now;
    });
    await expectEventually(async () => expect((await packets()).received).toBeGreaterThan(first.received));
  }

  it('given an agent logged in to a queue in the panel when a carrier caller waits then the webphone rings, the agent answers with audio both ways; paused with a reason no caller is offered (the caller overflows after the maximum wait); resumed, the next caller rings again', async () => {
    const admin = await signupTenant(anonymous);
    const tenantId = admin.session.user.tenantId!;
    const agent = await invitedMember(admin.client, info.mailSinkUrl!, 'agent');
    await admin.client.expect(200, 'PATCH', `/users/${agent.user.id}`, { fullName: 'Trần Văn Bình' });
    const queue = await admin.client.expect<QueueView>(201, 'POST', '/queues', {
      name: 'Hỗ trợ kỹ thuật',
      strategy: 'linear',
      ringTimeoutS: 20,
      wrapupS: 0,
      maxWaitS: 10,
      members: [{ kind: 'user', id: agent.user.id, penalty: 0 }],
    });
    const lunch = await admin.client.expect<PauseReasonView>(201, 'POST', '/pause-reasons', {
      name: 'Ăn trưa',
    });
    // The hotline's flow: the queue, overflowing to a hang-up.
    const line = await kit.hotlineTo(tenantId, admin.client, queue.id);

    page = await (await browser.newContext({ viewport: { width: 1366, height: 860 } })).newPage();
    await loginInBrowser(page, info.apiUrl, agent.user.email, TEST_PASSWORD);
    await page.getByTestId('lang-switch').selectOption('vi');
    await page.locator('[data-testid=phone-toggle][data-registration=registered]').waitFor();
    await page.getByTestId('queue-toggle').click();
    await page.locator(`[data-testid=queue-row][data-id="${queue.id}"]`).getByTestId('queue-login').click();
    await page.locator('[data-testid=queue-state][data-activity=available]').waitFor();
    await waitForActivity(page, 'available');

    // 1. A caller waits; the webphone rings; the agent answers, they hear each other; the agent hangs up.
    const first = hotlineCall({
      sipPort: info.ports.sip,
      number: line.number,
      caller: '0908111111',
      end: 'wait',
      rtpEcho: true,
      localPort: 5075,
    });
    await page.getByTestId('phone-incoming').waitFor({ timeout: 20_000 });
    // An outside caller: the number, not an extension.
    await expect(page.getByTestId('phone-caller-ext').textContent()).resolves.toContain('Số 0908111111');
    await waitForActivity(page, 'ringing');
    await expect(page.getByTestId('queue-toggle-state').textContent()).resolves.toContain('Đang đổ chuông');
    await page.screenshot({ path: `${SHOTS}/queue-call-ringing-vi.png` });
    await answerWithAudio(page);
    await waitForActivity(page, 'busy');
    await page.getByTestId('phone-hangup').click();
    const firstResult = await first;
    expect(firstResult.output).toBe(firstResult.ok ? firstResult.output : 'SIPp call ok');
    const [answered] = await kit.closedCalls(line.hotlineId, 1);
    expect(answered).toMatchObject({ disposition: 'answered', queue_id: queue.id });
    expect(stepsOf(answered!)[0]).toBe('queue:answered');
    expect(connectedTo(answered!)).toBe(agent.user.extension);
    await waitForActivity(page, 'available');

    // 2. Paused for lunch: the next caller is not offered and overflows after the 10-second wait.
    await page.getByTestId('queue-toggle').click();
    await page.getByTestId('queue-panel').waitFor();
    await page.getByTestId('queue-pause').click();
    await page.locator(`[data-testid=queue-pause-reason][data-id="${lunch.id}"]`).click();
    await page.locator('[data-testid=queue-state][data-activity=paused]').waitFor();
    await waitForActivity(page, 'paused');
    await expect(page.getByTestId('queue-state-detail').textContent()).resolves.toContain('Ăn trưa');
    await page.screenshot({ path: `${SHOTS}/queue-call-paused-vi.png` });
    // Whatever happens from now on: did the webphone ring, did the agent's state say ringing?
    // (Browser code as a string: the tests are type-checked without the DOM library.)
    await page.evaluate(`(() => {
      window.rang = false;
      const check = () => {
        if (
          document.querySelector('[data-testid=phone-incoming]') ||
          document.querySelector('[data-testid=queue-toggle][data-activity=ringing]')
        )
          window.rang = true;
      };
      new MutationObserver(check).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['data-activity'],
      });
    })()`);
    const second = await hotlineCall({
      sipPort: info.ports.sip,
      number: line.number,
      caller: '0908222222',
      end: 'wait',
      localPort: 5076,
    });
    expect(second.output).toBe(second.ok ? second.output : 'SIPp call ok');
    const [, overflowed] = await kit.closedCalls(line.hotlineId, 2);
    expect(stepsOf(overflowed!)).toEqual(['queue:overflow', 'bye:']);
    expect(legsOf(overflowed!)).toEqual([]);
    expect(Number(overflowed!.seconds)).toBeGreaterThanOrEqual(9);
    expect(await page.evaluate('window.rang')).toBe(false);
    await waitForActivity(page, 'paused');

    // 3. Back from lunch: the next caller rings the webphone again (looked at in English).
    await page.getByTestId('queue-resume').click();
    await waitForActivity(page, 'available');
    await page.getByTestId('lang-switch').selectOption('en');
    const third = hotlineCall({
      sipPort: info.ports.sip,
      number: line.number,
      caller: '0908333333',
      end: 'wait',
      rtpEcho: true,
      localPort: 5077,
    });
    await page.getByTestId('phone-incoming').waitFor({ timeout: 20_000 });
    await waitForActivity(page, 'ringing');
    await expect(page.getByTestId('queue-toggle-state').textContent()).resolves.toContain('Ringing');
    await page.screenshot({ path: `${SHOTS}/queue-call-ringing-en.png` });
    await answerWithAudio(page);
    await page.getByTestId('phone-hangup').click();
    expect((await third).ok).toBe(true);
    const rows = await kit.closedCalls(line.hotlineId, 3);
    expect(rows.map(connectedTo)).toEqual([agent.user.extension, null, agent.user.extension]);
  });
});
