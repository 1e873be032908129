import { DOCUMENT, Injectable, computed, effect, inject, signal } from '@angular/core';
import { en } from './en';
import { vi, type Dictionary, type TranslationKey } from './vi';

export type Lang = 'vi' | 'en';
export type TranslationParams = Readonly<Record<string, string | number>>;

export const LANGS: readonly Lang[] = ['vi', 'en'];
export const DEFAULT_LANG: Lang = 'vi';
/** localStorage key holding the chosen language. */
export const LANG_STORAGE_KEY = 'webcall.lang';

const DICTIONARIES: Record<Lang, Dictionary> = { vi, en };

export function isLang(value: unknown): value is Lang {
  return value === 'vi' || value === 'en';
}

/** Replaces `{name}` placeholders; unknown placeholders are left visible so they get noticed. */
export function interpolate(template: string, params?: TranslationParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : match,
  );
}

/**
 * Runtime language switch. The current language is a signal, so every template or `computed`
 * that reads `t()` (directly or through the `t` pipe) re-renders at once when it changes.
 */
@Injectable({ providedIn: 'root' })
export class TranslationService {
  private readonly document = inject(DOCUMENT);
  private readonly storage = safeLocalStorage(this.document);

  private readonly current = signal<Lang>(this.initialLang());
  readonly lang = this.current.asReadonly();
  private readonly dictionary = computed(() => DICTIONARIES[this.current()]);

  constructor() {
    effect(() => {
      const lang = this.current();
      this.document.documentElement.lang = lang;
      try {
        this.storage?.setItem(LANG_STORAGE_KEY, lang);
      } catch {
        // Storage full or disabled (private mode): the choice just will not survive a reload.
      }
    });
  }

  setLang(lang: Lang): void {
    this.current.set(lang);
  }

  t(key: TranslationKey, params?: TranslationParams): string {
    return interpolate(this.dictionary()[key], params);
  }

  private initialLang(): Lang {
    try {
      const stored = this.storage?.getItem(LANG_STORAGE_KEY);
      return isLang(stored) ? stored : DEFAULT_LANG;
    } catch {
      return DEFAULT_LANG;
    }
  }
}

function safeLocalStorage(doc: Document): Storage | null {
  try {
    return doc.defaultView?.localStorage ?? null;
  } catch {
    return null;
  }
}
