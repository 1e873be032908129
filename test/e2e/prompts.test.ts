import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import mysql from 'mysql2/promise';
import { startApi } from '../support/api.js';
import { ApiClient, TEST_PASSWORD, signupTenant } from '../support/api-client.js';
import { makeAudio } from '../support/audio.js';
import { launchChromium, loginInBrowser } from '../support/browser.js';
import { expectEventually } from '../support/eventually.js';
import type { AppProcess } from '../support/processes.js';
import { stackInfo } from '../support/stack-info.js';

const SHOTS = 'test-results/screenshots';

/** What the tests read of an `<audio>` element (the test code is typed without the DOM library). */
type AudioState = { readyState: number; duration: number };
const loadedDuration = (el: unknown): number => {
  const a = el as AudioState;
  return a.readyState >= 1 ? a.duration : 0;
};

describe('Settings → PBX → Prompts in Chromium', () => {
  const info = stackInfo();
  const anonymous = new ApiClient(`${info.apiUrl}/api`, null, 'vi');
  let api: AppProcess;
  let db: mysql.Pool;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    api = await startApi(info);
    db = mysql.createPool({ uri: info.env.DATABASE_URL, connectionLimit: 1 });
    browser = await launchChromium();
  });

  beforeEach(async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    await context.grantPermissions(['microphone'], { origin: info.apiUrl });
    page = await context.newPage();
  });

  afterEach(async () => {
    await page?.context().close();
  });

  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await api?.stop();
  });

  const row = (name: string) => page.locator(`[data-testid="prompt-row"][data-name="${name}"]`);

  it('given an admin when they upload a file, preview it and record one with the microphone then both are listed and playable', async () => {
    const { email, session } = await signupTenant(anonymous);
    await loginInBrowser(page, info.apiUrl, email, TEST_PASSWORD);
    await page.goto(`${info.apiUrl}/settings/pbx/prompts`);
    await expectEventually(async () => expect(await page.getByTestId('prompt-row').count()).toBe(20));
    // A new company sees the built-ins, Vietnamese ones included.
    await expect(row('welcome').first().textContent()).resolves.toContain('Mặc định');

    // Upload: a type the browser already knows is wrong is refused before sending.
    await page.getByTestId('prompt-add').click();
    await page.getByTestId('prompt-save').click();
    await expect(page.getByTestId('field-error-name').textContent()).resolves.toContain('Hãy nhập tên');
    await expect(page.getByTestId('field-error-file').textContent()).resolves.toContain('Hãy chọn một tệp');
    await page.getByTestId('prompt-name').fill('Chào mừng tháng 12');
    await page.getByTestId('prompt-file').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('not audio'),
    });
    await expect(page.getByTestId('field-error-file').textContent()).resolves.toContain(
      'Định dạng không được hỗ trợ',
    );
    // A text file calling itself wav passes the browser's check; the server reads the content.
    await page.getByTestId('prompt-file').setInputFiles({
      name: 'fake.wav',
      mimeType: 'audio/wav',
      buffer: Buffer.from('plain text pretending to be a wav file\n'.repeat(10)),
    });
    await page.getByTestId('prompt-save').click();
    await expectEventually(async () =>
      expect(await page.getByTestId('field-error-file').textContent()).toContain('WAV, MP3, OGG, M4A'),
    );
    await page.screenshot({ path: `${SHOTS}/prompts-upload-error-vi.png` });

    const mp3 = await makeAudio('mp3', 2);
    await page
      .getByTestId('prompt-file')
      .setInputFiles({ name: mp3.name, mimeType: mp3.type, buffer: mp3.bytes });
    await page.getByTestId('prompt-language').selectOption('vi');
    await page.getByTestId('prompt-save').click();
    await expectEventually(async () => expect(await row('Chào mừng tháng 12').count()).toBe(1));
    await expect(page.getByTestId('prompts-notice').textContent()).resolves.toContain('Chào mừng tháng 12');
    await expect(row('Chào mừng tháng 12').getByTestId('prompt-duration').textContent()).resolves.toContain(
      '0:02',
    );

    // Preview: the converted wav loads in an audio element.
    await row('Chào mừng tháng 12').getByTestId('prompt-play').click();
    const audio = row('Chào mừng tháng 12').getByTestId('prompt-audio');
    const duration = await expectEventually(async () => {
      const d = await audio.evaluate(loadedDuration);
      expect(d).toBeGreaterThan(0);
      return d;
    });
    expect(Math.abs(duration - 2)).toBeLessThan(0.2);
    await page.screenshot({ path: `${SHOTS}/prompts-list-vi.png` });

    // Record in the browser: Chromium's fake microphone gives a tone.
    await page.getByTestId('prompt-add').click();
    await page.getByTestId('prompt-name').fill('Lời nhắn ghi âm');
    await page.getByTestId('prompt-mode-record').click();
    await page.getByTestId('prompt-record-start').click();
    await expectEventually(
      async () => expect(await page.getByTestId('prompt-record-elapsed').textContent()).toMatch(/0:0[2-9]/),
      { timeoutMs: 20_000 },
    );
    await page.screenshot({ path: `${SHOTS}/prompts-recording-vi.png` });
    await page.getByTestId('prompt-record-stop').click();
    const playback = page.getByTestId('prompt-record-playback');
    await expectEventually(async () =>
      expect(
        await playback.evaluate((el) => (el as unknown as AudioState).readyState),
      ).toBeGreaterThanOrEqual(1),
    );
    await page.screenshot({ path: `${SHOTS}/prompts-recorded-vi.png` });
    await page.getByTestId('prompt-save').click();
    await expectEventually(async () => expect(await row('Lời nhắn ghi âm').count()).toBe(1));
    await expect(row('Lời nhắn ghi âm').getAttribute('data-kind')).resolves.toBe('recording');
    await expect(row('Lời nhắn ghi âm').textContent()).resolves.toContain('Ghi âm');

    // Both are the tenant's, first in the list, and the recording plays back too.
    const own = await anonymous
      .as(session.accessToken)
      .expect<{ items: { name: string; kind: string; durationMs: number }[] }>(
        200,
        'GET',
        '/prompts?pageSize=2',
      );
    expect(own.items.map((p) => [p.name, p.kind])).toEqual([
      ['Lời nhắn ghi âm', 'recording'],
      ['Chào mừng tháng 12', 'upload'],
    ]);
    expect(own.items[0].durationMs).toBeGreaterThanOrEqual(1500);
    await row('Lời nhắn ghi âm').getByTestId('prompt-play').click();
    await expectEventually(async () =>
      expect(
        await row('Lời nhắn ghi âm').getByTestId('prompt-audio').evaluate(loadedDuration),
      ).toBeGreaterThan(0),
    );

    // Deleting a prompt a flow still plays is refused, naming the flow.
    await db.query('INSERT INTO flows (tenant_id, name, draft) VALUES (?, ?, ?)', [
      session.user.tenantId,
      'Luồng khuyến mãi',
      JSON.stringify({
        nodes: [{ id: 'a', type: 'play', prompt: { promptId: String(await idOf('Chào mừng tháng 12')) } }],
      }),
    ]);
    await row('Chào mừng tháng 12').getByTestId('prompt-delete').click();
    await page.getByTestId('confirm-ok').click();
    await expectEventually(async () =>
      expect(await page.getByTestId('confirm-error').textContent()).toContain('Luồng khuyến mãi'),
    );
    await page.screenshot({ path: `${SHOTS}/prompts-in-use-vi.png` });
    await page.getByTestId('confirm-cancel').click();

    // Rename, then delete the recording.
    await row('Lời nhắn ghi âm').getByTestId('prompt-rename').click();
    await page.getByTestId('prompt-rename-name').fill('Lời nhắn ngoài giờ');
    await page.getByTestId('prompt-rename-save').click();
    await expectEventually(async () => expect(await row('Lời nhắn ngoài giờ').count()).toBe(1));
    await row('Lời nhắn ngoài giờ').getByTestId('prompt-delete').click();
    await page.getByTestId('confirm-ok').click();
    await expectEventually(async () => expect(await row('Lời nhắn ngoài giờ').count()).toBe(0));

    // The same screens in English.
    await page.getByTestId('lang-switch').selectOption('en');
    await expectEventually(async () =>
      expect(await page.getByTestId('prompt-add').textContent()).toContain('Add prompt'),
    );
    await page.screenshot({ path: `${SHOTS}/prompts-list-en.png` });
    await page.getByTestId('prompt-add').click();
    await page.getByTestId('prompt-mode-record').click();
    await page.getByTestId('prompt-save').click();
    await expect(page.getByTestId('field-error-file').textContent()).resolves.toContain('Record something');
    await page.screenshot({ path: `${SHOTS}/prompts-add-en.png` });

    async function idOf(name: string): Promise<number> {
      return Number(await row(name).getAttribute('data-id'));
    }
  });
});
