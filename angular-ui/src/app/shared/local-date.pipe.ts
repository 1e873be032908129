import { Pipe, type PipeTransform, inject } from '@angular/core';
import { TranslationService, type Lang } from '../core/i18n/translation.service';

const LOCALES: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };
const NUMERIC_DATE = { day: '2-digit', month: '2-digit', year: 'numeric' } as const;
const STYLES = {
  date: { dateStyle: 'medium' },
  /** 24/11/2026: compact, for table columns. */
  numericDate: NUMERIC_DATE,
  /** 24/11/2026 14:05:09 (order as the language writes it). */
  dateTime: { ...NUMERIC_DATE, hour: '2-digit', minute: '2-digit', second: '2-digit' },
  /** 14:05:09: a moment of today (e.g. when a list was last refreshed). */
  time: { hour: '2-digit', minute: '2-digit', second: '2-digit' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

/**
 * `{{ iso | localDate }}` or `{{ iso | localDate: 'dateTime' }}`: an ISO time in the browser's time
 * zone, written the way the console's language writes dates. Impure: it follows the language signal.
 */
@Pipe({ name: 'localDate', pure: false })
export class LocalDatePipe implements PipeTransform {
  private readonly i18n = inject(TranslationService);
  private readonly formats = new Map<string, Intl.DateTimeFormat>();

  transform(iso: string | null | undefined, style: keyof typeof STYLES = 'date'): string {
    if (!iso) return '';
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    return this.format(this.i18n.lang(), style).format(date);
  }

  /** Building a formatter is costly and the pipe runs on every check: one per language and style. */
  private format(lang: Lang, style: keyof typeof STYLES): Intl.DateTimeFormat {
    const key = `${lang}:${style}`;
    let format = this.formats.get(key);
    if (!format) {
      format = new Intl.DateTimeFormat(LOCALES[lang], STYLES[style]);
      this.formats.set(key, format);
    }
    return format;
  }
}
