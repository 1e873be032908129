import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PromptEntity } from '#database';
import { IsNull, type DataSource } from 'typeorm';
import { convertPrompt, DEFAULT_AUDIO_TOOLS, wavDurationMs } from './audio.js';
import { ensurePromptDir, FILE_MODE } from './prompt-files.js';

const run = promisify(execFile);

export const BUILTIN_PROMPT_NAMES = [
  'welcome',
  'menu',
  'invalid-key',
  'no-input',
  'goodbye',
  'closed',
  'voicemail-greeting',
  'please-hold',
  'transferring',
  'busy',
] as const;
export type BuiltinPromptName = (typeof BUILTIN_PROMPT_NAMES)[number];

/** What the default prompts say, spoken by espeak-ng (voices `vi` and `en`). */
export const BUILTIN_PROMPT_TEXTS: Record<'vi' | 'en', Record<BuiltinPromptName, string>> = {
  vi: {
    welcome: 'Xin chào, cảm ơn quý khách đã gọi đến tổng đài của chúng tôi.',
    menu: 'Để gặp bộ phận kinh doanh, vui lòng bấm phím 1. Để được hỗ trợ kỹ thuật, vui lòng bấm phím 2.',
    'invalid-key': 'Phím quý khách vừa bấm không hợp lệ. Xin vui lòng thử lại.',
    'no-input': 'Chúng tôi chưa nhận được lựa chọn của quý khách. Xin vui lòng bấm phím.',
    goodbye: 'Cảm ơn quý khách đã gọi. Xin chào và hẹn gặp lại.',
    closed: 'Hiện tại đã ngoài giờ làm việc. Quý khách vui lòng gọi lại trong giờ hành chính. Xin cảm ơn.',
    'voicemail-greeting': 'Hiện không có ai nghe máy. Quý khách vui lòng để lại lời nhắn sau tiếng bíp.',
    'please-hold': 'Xin quý khách vui lòng giữ máy trong giây lát.',
    transferring: 'Cuộc gọi của quý khách đang được chuyển. Xin vui lòng chờ.',
    busy: 'Tất cả điện thoại viên đều đang bận. Quý khách vui lòng gọi lại sau. Xin cảm ơn.',
  },
  en: {
    welcome: 'Hello, and thank you for calling us.',
    menu: 'For sales, press 1. For support, press 2.',
    'invalid-key': 'Sorry, that key is not valid. Please try again.',
    'no-input': 'We did not receive your choice. Please press a key.',
    goodbye: 'Thank you for calling. Goodbye.',
    closed: 'We are closed at the moment. Please call again during business hours. Thank you.',
    'voicemail-greeting': 'Nobody can take your call right now. Please leave a message after the tone.',
    'please-hold': 'Please hold the line for a moment.',
    transferring: 'Your call is being transferred. Please wait.',
    busy: 'All our agents are busy. Please call again later. Thank you.',
  },
};

const ahead = (n: number, vi: string, en: string) => ({
  vi: `Có ${vi} cuộc gọi đang chờ trước quý khách.`,
  en: `There are ${en} calls waiting ahead of you.`,
  n,
});
const WAIT_MINUTES = [
  [1, 'một', 'one minute'],
  [2, 'hai', 'two minutes'],
  [3, 'ba', 'three minutes'],
  [5, 'năm', 'five minutes'],
  [10, 'mười', 'ten minutes'],
] as const;

const AHEAD = [
  ahead(1, 'một', 'one'),
  ahead(2, 'hai', 'two'),
  ahead(3, 'ba', 'three'),
  ahead(4, 'bốn', 'four'),
  ahead(5, 'năm', 'five'),
  ahead(6, 'sáu', 'six'),
  ahead(7, 'bảy', 'seven'),
  ahead(8, 'tám', 'eight'),
  ahead(9, 'chín', 'nine'),
];

/**
 * What callflow says to callers by itself, in each language, as `builtin/<lang>/system/<name>`:
 * the queue position (`queue-next`, `queue-ahead-<1…9>`, `queue-ahead-many`), the expected wait
 * (`queue-wait-<1|2|3|5|10>` minutes, `queue-wait-long`) and the notice that
 * the conversation is recorded (`recorded`).
 */
export const SYSTEM_SOUND_TEXTS: Record<'vi' | 'en', Record<string, string>> = {
  vi: {
    recorded: 'Cuộc gọi của quý khách có thể được ghi âm để nâng cao chất lượng phục vụ.',
    'queue-next': 'Quý khách là người tiếp theo được phục vụ. Xin vui lòng giữ máy.',
    ...Object.fromEntries(AHEAD.map((a) => [`queue-ahead-${a.n}`, a.vi])),
    'queue-ahead-many': 'Có nhiều cuộc gọi đang chờ trước quý khách. Xin vui lòng giữ máy.',
    ...Object.fromEntries(
      WAIT_MINUTES.map(([n, vi]) => [`queue-wait-${n}`, `Thời gian chờ dự kiến khoảng ${vi} phút.`]),
    ),
    'queue-wait-long': 'Thời gian chờ dự kiến hơn mười phút.',
    'queue-callback-ok':
      'Chúng tôi đã ghi nhận số điện thoại của quý khách và sẽ gọi lại ngay khi có nhân viên. Xin cảm ơn.',
    'queue-callback-refused':
      'Rất tiếc, chúng tôi không thể gọi lại số điện thoại này. Xin quý khách vui lòng gọi lại sau.',
    'queue-callback-agent': 'Cuộc gọi lại cho khách hàng. Đang kết nối.',
    'queue-callback-no-answer': 'Khách hàng không nghe máy. Hệ thống sẽ thử gọi lại sau.',
  },
  en: {
    recorded: 'This call may be recorded to improve our service.',
    'queue-next': 'You are next in line. Please hold.',
    ...Object.fromEntries(AHEAD.map((a) => [`queue-ahead-${a.n}`, a.en])),
    'queue-ahead-many': 'There are many calls waiting ahead of you. Please hold.',
    ...Object.fromEntries(
      WAIT_MINUTES.map(([n, , en]) => [`queue-wait-${n}`, `The expected wait is about ${en}.`]),
    ),
    'queue-wait-long': 'The expected wait is more than ten minutes.',
    'queue-callback-ok': 'We have your number and will call you back as soon as an agent is free. Thank you.',
    'queue-callback-refused': 'Sorry, we cannot call this number back. Please call again later.',
    'queue-callback-agent': 'Calling a customer back. Connecting.',
    'queue-callback-no-answer': 'The customer did not answer. We will try again later.',
  },
};

/** Bump when the way the files are made changes: every built-in is spoken again. */
const RECIPE = 'espeak-ng/s150/8k-mono-s16/v1';

export interface BuiltinPromptsResult {
  generated: string[];
  rows: number;
}

/**
 * Speaks every default prompt with espeak-ng into `<promptsDir>/builtin/<lang>/<name>.wav`
 * (converted like an upload), skipping files whose text and recipe did not change, then
 * upserts their rows (tenant null, kind builtin). Idempotent: a second run only reads.
 */
export async function ensureBuiltinPrompts(
  db: DataSource,
  promptsDir: string,
  espeak = process.env.ESPEAK_NG ?? 'espeak-ng',
): Promise<BuiltinPromptsResult> {
  const manifestFile = path.join(promptsDir, 'builtin', 'manifest.json');
  const manifest: Record<string, string> = existsSync(manifestFile)
    ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, string>)
    : {};
  const generated: string[] = [];
  const repo = db.getRepository(PromptEntity);
  let rows = 0;
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'webcall-builtin-'));
  try {
    /** Speaks `text` into `<promptsDir>/<file>.wav` unless the same text and recipe made it already. */
    const ensureSpoken = async (language: 'vi' | 'en', file: string, text: string): Promise<string> => {
      const target = path.join(promptsDir, `${file}.wav`);
      const hash = createHash('sha256').update(`${RECIPE}\n${language}\n${text}`).digest('hex');
      if (manifest[file] !== hash || !existsSync(target)) {
        await ensurePromptDir(promptsDir, path.dirname(file));
        const name = path.basename(file);
        const spoken = path.join(scratch, `${language}-${name}.wav`);
        await run(espeak, ['-v', language, '-s', '150', '-w', spoken, text], { timeout: 60_000 });
        const tmp = path.join(path.dirname(target), `.${name}.tmp.wav`);
        await convertPrompt(spoken, 'audio/wav', tmp, DEFAULT_AUDIO_TOOLS);
        await chmod(tmp, FILE_MODE);
        await rename(tmp, target);
        manifest[file] = hash;
        generated.push(file);
      }
      return target;
    };
    for (const language of ['vi', 'en'] as const) {
      // Sounds callflow says itself (queue positions, the recording notice): files, not prompts.
      for (const [name, text] of Object.entries(SYSTEM_SOUND_TEXTS[language]))
        await ensureSpoken(language, `builtin/${language}/system/${name}`, text);
      for (const name of BUILTIN_PROMPT_NAMES) {
        const text = BUILTIN_PROMPT_TEXTS[language][name];
        const file = `builtin/${language}/${name}`;
        const target = await ensureSpoken(language, file, text);
        const durationMs = await wavDurationMs(target);
        const existing = await repo.findOneBy({ tenantId: IsNull(), name, language });
        if (!existing) {
          await repo.save(
            repo.create({
              tenantId: null,
              name,
              language,
              kind: 'builtin',
              file,
              durationMs,
              sourceType: 'espeak-ng',
              sourceBytes: 0,
              createdBy: null,
            }),
          );
          rows++;
        } else if (
          existing.file !== file ||
          existing.durationMs !== durationMs ||
          existing.kind !== 'builtin'
        ) {
          await repo.update({ id: existing.id }, { file, durationMs, kind: 'builtin' });
          rows++;
        }
      }
    }
    if (generated.length) {
      await mkdir(path.dirname(manifestFile), { recursive: true });
      await writeFile(manifestFile, JSON.stringify(manifest, null, 2));
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return { generated, rows };
}
