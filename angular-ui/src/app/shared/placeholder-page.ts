import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslatePipe } from '../core/i18n/translate.pipe';
import type { TranslationKey } from '../core/i18n/vi';
import { Icon } from '../shell/icon';

/**
 * Stand-in for a page not built yet. Its inputs are bound from route `data` by
 * `withComponentInputBinding()` (see `placeholderRoute`).
 */
@Component({
  selector: 'wc-placeholder-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, Icon],
  template: `
    <header class="page-header">
      @if (sectionKey(); as section) {
        <p class="eyebrow">{{ section | t }}</p>
      }
      <h1 data-testid="page-title">{{ titleKey() | t }}</h1>
      <p class="lead" data-testid="page-description">{{ descKey() | t }}</p>
    </header>

    <section class="placeholder" [attr.aria-label]="'page.placeholder.note' | t">
      <span class="icon"><wc-icon name="layers" /></span>
      <p>{{ 'page.placeholder.note' | t }}</p>
    </section>
  `,
  styles: `
    :host {
      display: block;
      max-width: 1040px;
    }
    .eyebrow {
      margin: 0 0 6px;
      color: var(--primary);
      font-size: 0.8125rem;
      font-weight: 600;
      letter-spacing: 0.06em;
      text-transform: uppercase;
    }
    h1 {
      margin: 0;
      font-size: 1.75rem;
      line-height: 1.25;
      letter-spacing: -0.015em;
    }
    .lead {
      max-width: 68ch;
      margin: 10px 0 0;
      color: var(--muted);
      font-size: 1rem;
      line-height: 1.6;
    }
    .placeholder {
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: 12px;
      min-height: 260px;
      margin-top: 28px;
      padding: 32px 24px;
      border: 1.5px dashed var(--border-strong);
      border-radius: 14px;
      background: var(--surface);
      color: var(--muted);
      text-align: center;
    }
    .placeholder p {
      margin: 0;
    }
    .icon {
      display: inline-grid;
      place-items: center;
      width: 48px;
      height: 48px;
      border-radius: 12px;
      background: var(--primary-soft);
      color: var(--primary);
      --icon-size: 24px;
    }
  `,
})
export class PlaceholderPage {
  readonly titleKey = input.required<TranslationKey>();
  readonly descKey = input.required<TranslationKey>();
  readonly sectionKey = input<TranslationKey>();
}
