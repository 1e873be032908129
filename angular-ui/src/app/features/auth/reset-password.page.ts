import { ChangeDetectionStrategy, Component, DOCUMENT, computed, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { PASSWORD_MIN_LENGTH } from '@webcall/contracts';
import { fieldErrors, toApiFailure } from '../../core/auth/api-error';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { AuthService } from '../../core/auth/auth.service';
import { Icon } from '../../shell/icon';
import {
  applyFieldErrors,
  controlMessage,
  focusFirstInvalid,
  genericFailure,
  matchesPasswordValidator,
  type Message,
  recheckConfirmation,
} from './form-support';
import { FORM_FIELD } from './form-field';
import { MessagePipe } from './message.pipe';
import { PasswordInput } from './password-input';

const FIELDS = ['password', 'passwordConfirm'] as const;
type Field = (typeof FIELDS)[number];

/**
 * Sets a new password from a mailed link: `/reset-password?token=…`. The invitation mail of a new
 * user points here too, with `&invite=1`, which only changes the wording.
 */
@Component({
  selector: 'wc-reset-password-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, MessagePipe, Icon, FORM_FIELD, PasswordInput],
  templateUrl: './reset-password.page.html',
  styles: `
    :host {
      display: contents;
    }
  `,
})
export default class ResetPasswordPage {
  private readonly auth = inject(AuthService);
  private readonly document = inject(DOCUMENT);

  /** Query parameters, bound by `withComponentInputBinding`. */
  readonly token = input<string>();
  readonly invite = input<string>();

  protected readonly isInvite = computed(() => !!this.invite() && this.invite() !== '0');
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly form = inject(NonNullableFormBuilder).group({
    password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
    passwordConfirm: ['', [Validators.required, matchesPasswordValidator]],
  });
  protected readonly pending = signal(false);
  protected readonly error = signal<Message | null>(null);
  protected readonly showPassword = signal(false);
  protected readonly done = signal(false);
  /** The server said the link is unusable (or there is no token at all): offer a new one. */
  private readonly tokenRejected = signal(false);
  protected readonly tokenInvalid = computed(() => this.tokenRejected() || !this.token());

  constructor() {
    recheckConfirmation(this.form.controls.password, this.form.controls.passwordConfirm);
  }

  protected message(name: Field): Message | null {
    return controlMessage(name, this.form.controls[name]);
  }

  protected submit(): void {
    if (this.pending()) return;
    this.error.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.form, FIELDS, 'reset', this.document);
      return;
    }
    this.pending.set(true);
    this.auth
      .resetPassword({ token: this.token() ?? '', password: this.form.controls.password.value })
      .subscribe({
        next: () => {
          this.pending.set(false);
          this.done.set(true);
          setTimeout(() => this.document.getElementById('reset-result-title')?.focus());
        },
        error: (error: unknown) => {
          this.pending.set(false);
          const failure = toApiFailure(error);
          if (failure.status === 400 && fieldErrors(failure).some((item) => item.field === 'token')) {
            this.tokenRejected.set(true);
            setTimeout(() => this.document.getElementById('reset-result-title')?.focus());
            return;
          }
          if (failure.status === 400) {
            const orphans = applyFieldErrors(this.form, failure);
            if (orphans.length) this.error.set({ text: orphans.join(' ') });
            focusFirstInvalid(this.form, FIELDS, 'reset', this.document);
            return;
          }
          this.error.set(genericFailure(failure));
        },
      });
  }
}
