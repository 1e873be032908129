import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { TranslatePipe } from '../core/i18n/translate.pipe';
import { LANGS, isLang, type Lang } from '../core/i18n/translation.service';
import { Icon } from './icon';

/**
 * Language picker. A native `<select>` keeps keyboard and screen-reader behaviour for free;
 * e2e: `page.selectOption('[data-testid=lang-switch]', 'en')`.
 */
@Component({
  selector: 'wc-lang-switch',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, Icon],
  template: `
    <label class="wrap">
      <wc-icon name="globe" />
      <span class="visually-hidden">{{ 'lang.label' | t }}</span>
      <select
        data-testid="lang-switch"
        [attr.data-lang]="lang()"
        [attr.title]="'lang.label' | t"
        (change)="onChange($event)"
      >
        @for (option of options; track option.value) {
          <option [value]="option.value" [selected]="option.value === lang()" [attr.lang]="option.value">
            {{ option.labelKey | t }}
          </option>
        }
      </select>
    </label>
  `,
  styles: `
    .wrap {
      position: relative;
      display: inline-flex;
      align-items: center;
      color: var(--muted);
      --icon-size: 16px;
    }
    wc-icon {
      position: absolute;
      left: 10px;
      pointer-events: none;
    }
    select {
      appearance: none;
      height: 34px;
      padding: 0 30px 0 32px;
      border: 1px solid var(--border-strong);
      border-radius: 8px;
      background:
        url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='12' height='12' viewBox='0 0 24 24' fill='none' stroke='%23475569' stroke-width='2.5' stroke-linecap='round' stroke-linejoin='round'%3E%3Cpolyline points='6 9 12 15 18 9'/%3E%3C/svg%3E")
          no-repeat right 10px center,
        var(--surface);
      color: var(--text);
      font: inherit;
      font-size: 0.875rem;
      cursor: pointer;
    }
    select:hover {
      border-color: var(--muted);
    }
    @media (max-width: 480px) {
      wc-icon {
        display: none;
      }
      select {
        padding-left: 10px;
      }
    }
  `,
})
export class LangSwitch {
  readonly lang = input.required<Lang>();
  readonly langChange = output<Lang>();

  protected readonly options = LANGS.map((value) => ({ value, labelKey: `lang.${value}` as const }));

  protected onChange(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    if (isLang(value)) this.langChange.emit(value);
  }
}
