import {
  ChangeDetectionStrategy,
  Component,
  Directive,
  computed,
  contentChild,
  inject,
  input,
} from '@angular/core';
import { Icon } from '../../shell/icon';
import type { Message } from './form-support';
import { MessagePipe } from './message.pipe';

/** Marks projected content shown at the end of the label row (e.g. a "forgot password?" link). */
@Directive({ selector: '[wcFieldAside]' })
export class FieldAside {}

/**
 * One labelled form field (`.field`): label, the projected control, then either its error
 * (`field-error-<name>`) or its hint. The control itself carries `wcFieldControl`.
 */
@Component({
  selector: 'wc-form-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MessagePipe, Icon],
  host: { class: 'field' },
  template: `
    @if (label(); as text) {
      @if (aside()) {
        <div class="field-label-row">
          <label [for]="inputId()">{{ text }}</label>
          <ng-content select="[wcFieldAside]" />
        </div>
      } @else {
        <label [for]="inputId()">{{ text }}</label>
      }
    }
    <ng-content />
    @if (message(); as m) {
      <p class="field-error" [id]="errorId()" [attr.data-testid]="'field-error-' + name()">
        <wc-icon name="alert" />{{ m | msg }}
      </p>
    } @else if (hint(); as text) {
      <p class="field-hint" [id]="hintId()">{{ text }}</p>
    }
  `,
})
export class FormField {
  /** `id` of the projected control; the error and hint ids derive from it. */
  readonly inputId = input.required<string>();
  /** Name in the error's test id, `field-error-<name>`. */
  readonly name = input.required<string>();
  /** Translated label text; leave out when the projected content brings its own label. */
  readonly label = input<string>();
  /** Translated hint, shown while there is no error. */
  readonly hint = input<string>();
  /** The control's current message (see `controlMessage`), or null. */
  readonly message = input<Message | null>(null);

  readonly errorId = computed(() => `${this.inputId()}-error`);
  readonly hintId = computed(() => `${this.inputId()}-hint`);
  /** `aria-describedby` of the control: the error when shown, else the hint, if any. */
  readonly describedBy = computed(() =>
    this.message() ? this.errorId() : this.hint() ? this.hintId() : null,
  );

  protected readonly aside = contentChild(FieldAside);
}

/** On the control inside `wc-form-field`: its `id`, `aria-invalid` and `aria-describedby`. */
@Directive({
  selector: '[wcFieldControl]',
  host: {
    '[id]': 'field.inputId()',
    '[attr.aria-invalid]': "field.message() ? 'true' : null",
    '[attr.aria-describedby]': 'field.describedBy()',
  },
})
export class FieldControl {
  protected readonly field = inject(FormField);
}

/** Everything a page needs to lay out fields. */
export const FORM_FIELD = [FormField, FieldControl, FieldAside] as const;
