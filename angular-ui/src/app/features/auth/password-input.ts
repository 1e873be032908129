import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Icon } from '../../shell/icon';

/**
 * `.input-group` around a projected password input, with the show/hide toggle. The page owns the
 * state (`[(visible)]`) and binds the inputs' `type` to it.
 */
@Component({
  selector: 'wc-password-input',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, Icon],
  host: { class: 'input-group' },
  template: `
    <ng-content />
    <button
      type="button"
      class="reveal"
      [attr.aria-controls]="controls()"
      [attr.aria-label]="'auth.password.show' | t"
      [attr.aria-pressed]="visible()"
      [attr.title]="(visible() ? 'auth.password.hide' : 'auth.password.show') | t"
      (click)="visibleChange.emit(!visible())"
    >
      <wc-icon [name]="visible() ? 'eye-off' : 'eye'" />
    </button>
  `,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class PasswordInput {
  /** Ids of the inputs the toggle reveals (`aria-controls`). */
  readonly controls = input.required<string>();
  readonly visible = input.required<boolean>();
  readonly visibleChange = output<boolean>();
}
