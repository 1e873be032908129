import type { Lang } from '../core/i18n/translation.service';

const LOCALES: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const formats = new Map<Lang, Intl.RelativeTimeFormat>();

/**
 * A future time relative to `now`, the way the language says it ("in 12 min", "sau 12 phút nữa"):
 * seconds under a minute, then minutes, hours (under two days) and days. Null once it has passed,
 * so the caller can say what that means in its context.
 */
export function timeUntil(iso: string, now: number, lang: Lang): string | null {
  const ms = Date.parse(iso) - now;
  if (!(ms > 0)) return null;
  let format = formats.get(lang);
  if (!format) {
    format = new Intl.RelativeTimeFormat(LOCALES[lang], { numeric: 'always', style: 'short' });
    formats.set(lang, format);
  }
  if (ms < MINUTE) return format.format(Math.ceil(ms / 1000), 'second');
  if (ms < HOUR) return format.format(Math.round(ms / MINUTE), 'minute');
  if (ms < 2 * DAY) return format.format(Math.round(ms / HOUR), 'hour');
  return format.format(Math.round(ms / DAY), 'day');
}
