import { DOCUMENT, Injectable, effect, inject, signal } from '@angular/core';
import { TitleStrategy, type ActivatedRouteSnapshot, type RouterStateSnapshot } from '@angular/router';
import { TranslationService } from './translation.service';
import type { TranslationKey } from './vi';

/**
 * Sets `document.title` from the deepest route's `data.titleKey`, in the current language, and
 * re-translates it when the language changes (the built-in strategy only knows static strings).
 */
@Injectable({ providedIn: 'root' })
export class TranslatedTitleStrategy extends TitleStrategy {
  private readonly document = inject(DOCUMENT);
  private readonly i18n = inject(TranslationService);
  private readonly titleKey = signal<TranslationKey | undefined>(undefined);

  constructor() {
    super();
    effect(() => {
      const key = this.titleKey();
      const product = this.i18n.t('app.name');
      this.document.title = key ? `${this.i18n.t(key)} · ${product}` : product;
    });
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    let route: ActivatedRouteSnapshot | null = snapshot.root;
    let key: TranslationKey | undefined;
    while (route) {
      const candidate: unknown = route.data['titleKey'];
      if (typeof candidate === 'string') key = candidate as TranslationKey;
      route = route.firstChild;
    }
    this.titleKey.set(key);
  }
}
