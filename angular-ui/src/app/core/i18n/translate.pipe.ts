import { Pipe, PipeTransform, inject } from '@angular/core';
import { TranslationService, type TranslationParams } from './translation.service';
import type { TranslationKey } from './vi';

/**
 * `{{ 'nav.chat' | t }}` or `{{ 'health.version' | t: { version: v } }}`.
 * Impure on purpose: the result depends on the language signal, which the template's reactive
 * context tracks through `TranslationService.t()`; the lookup itself is a cheap map read.
 */
@Pipe({ name: 't', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly i18n = inject(TranslationService);

  transform(key: TranslationKey, params?: TranslationParams): string {
    return this.i18n.t(key, params);
  }
}
