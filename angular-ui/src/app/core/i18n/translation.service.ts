import { DOCUMENT, Injectable, computed, effect, inject, signal } from '@angular/core';
import type { Dictionary, TranslationKey } from './vi';

export type Lang = 'vi' | 'en';
export type TranslationParams = Readonly<Record<string, string | number>>;

export const LANGS: readonly Lang[] = ['vi', 'en'];
export const DEFAULT_LANG: Lang = 'vi';
/** localStorage key holding the chosen language. */
export const LANG_STORAGE_KEY = 'webcall.lang';

/** Each language's dictionary is a lazy chunk (~90 kB each): only the one in use is downloaded. */
const LOADERS: Record<Lang, () => Promise<Dictionary>> = {
  vi: () => import('./vi').then((m) => m.vi),
  en: () => import('./en').then((m) => m.en),
};

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
 * Each dictionary is a lazy chunk: the current one is loaded before the app renders (`ready()`,
 * an app initializer), the others just after, so the first render waits for one, not all.
 */
@Injectable({ providedIn: 'root' })
export class TranslationService {
  private readonly document = inject(DOCUMENT);
  private readonly storage = safeLocalStorage(this.document);

  private readonly current = signal<Lang>(this.initialLang());
  readonly lang = this.current.asReadonly();
  private readonly loaded = signal<Partial<Record<Lang, Dictionary>>>({});
  private readonly dictionary = computed(() => this.loaded()[this.current()]);

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

  /**
   * Resolves once the current language's dictionary is loaded (awaited before the first render);
   * the other languages are fetched right after, in the background, so a switch is instant.
   */
  async ready(): Promise<void> {
    await this.load(this.current());
    for (const lang of LANGS) if (lang !== this.current()) this.load(lang).catch(() => undefined);
  }

  /** Switches at once when the dictionary is here, else once it has arrived; if it cannot be
   *  loaded, the language stays. */
  setLang(lang: Lang): void {
    if (this.loaded()[lang]) {
      this.current.set(lang);
      return;
    }
    this.load(lang).then(
      () => this.current.set(lang),
      (err: unknown) => console.error(`dictionary "${lang}" could not be loaded`, err),
    );
  }

  t(key: TranslationKey, params?: TranslationParams): string {
    // Before the dictionary arrived (only if ready() was not awaited) the key itself shows.
    return interpolate(this.dictionary()?.[key] ?? key, params);
  }

  /** True for a key of the dictionaries (for keys that come from data, e.g. audit actions). */
  has(key: string): key is TranslationKey {
    const dictionary = this.dictionary();
    return !!dictionary && Object.hasOwn(dictionary, key);
  }

  private async load(lang: Lang): Promise<void> {
    if (this.loaded()[lang]) return;
    const dictionary = await LOADERS[lang]();
    this.loaded.update((all) => ({ ...all, [lang]: dictionary }));
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
