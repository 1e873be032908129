import { ChangeDetectionStrategy, Component, DOCUMENT, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { PASSWORD_MIN_LENGTH, type SignupRequest } from '@webcall/contracts';
import { conflictFields, toApiFailure, type ApiFailure } from '../../core/auth/api-error';
import { AuthService } from '../../core/auth/auth.service';
import { normalizePhone } from '../../core/auth/validation';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import type { TranslationKey } from '../../core/i18n/vi';
import { Icon } from '../../shell/icon';
import {
  applyFieldErrors,
  controlMessage,
  focusFirstInvalid,
  genericFailure,
  matchesPasswordValidator,
  vnPhoneValidator,
  type Message,
  recheckConfirmation,
} from './form-support';
import { FORM_FIELD } from './form-field';
import { MessagePipe } from './message.pipe';
import { PasswordInput } from './password-input';

/** Controls in screen order (focus goes to the first invalid one). */
const FIELDS = [
  'fullName',
  'companyName',
  'email',
  'phone',
  'password',
  'passwordConfirm',
  'acceptTerms',
] as const;
type Field = (typeof FIELDS)[number];

interface TextField {
  name: Exclude<Field, 'acceptTerms' | 'password' | 'passwordConfirm'>;
  type: 'text' | 'email' | 'tel';
  autocomplete: string;
  inputmode?: string;
  labelKey: TranslationKey;
  placeholderKey: TranslationKey;
}

const TEXT_FIELDS: readonly TextField[] = [
  textField('fullName', 'text', 'name'),
  textField('companyName', 'text', 'organization'),
  textField('email', 'email', 'email', 'email'),
  textField('phone', 'tel', 'tel', 'tel'),
];

function textField(
  name: TextField['name'],
  type: TextField['type'],
  autocomplete: string,
  inputmode?: string,
): TextField {
  return {
    name,
    type,
    autocomplete,
    inputmode,
    labelKey: `auth.field.${name}`,
    placeholderKey: `auth.placeholder.${name}`,
  };
}

@Component({
  selector: 'wc-signup-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, MessagePipe, Icon, FORM_FIELD, PasswordInput],
  templateUrl: './signup.page.html',
  styles: `
    :host {
      display: contents;
    }
    .password-row {
      align-items: start;
    }
  `,
})
export default class SignupPage {
  private readonly auth = inject(AuthService);
  private readonly document = inject(DOCUMENT);
  /** When the form was shown: the API rejects submissions faster than a person can type. */
  private readonly shownAt = performance.now();

  protected readonly textFields = TEXT_FIELDS;
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly form = inject(NonNullableFormBuilder).group({
    fullName: ['', [Validators.required, Validators.maxLength(100)]],
    companyName: ['', [Validators.required, Validators.maxLength(150)]],
    email: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
    phone: ['', [Validators.required, vnPhoneValidator]],
    password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
    passwordConfirm: ['', [Validators.required, matchesPasswordValidator]],
    acceptTerms: [false, Validators.requiredTrue],
    /** Honeypot: hidden from people, so anything typed here comes from a bot. */
    website: [''],
  });

  protected readonly pending = signal(false);
  protected readonly error = signal<Message | null>(null);
  protected readonly showPassword = signal(false);
  /** Set after a 201: the form is replaced by the success panel. */
  protected readonly created = signal<{ email: string; company: string } | null>(null);

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
      this.error.set({ key: 'auth.error.checkFields' });
      focusFirstInvalid(this.form, FIELDS, 'signup', this.document);
      return;
    }
    const value = this.form.getRawValue();
    const request: SignupRequest = {
      fullName: value.fullName.trim(),
      companyName: value.companyName.trim(),
      email: value.email.trim(),
      phone: normalizePhone(value.phone),
      password: value.password,
      acceptTerms: value.acceptTerms,
      website: value.website,
      formElapsedMs: Math.round(performance.now() - this.shownAt),
    };
    this.pending.set(true);
    this.auth.signup(request).subscribe({
      next: () => {
        this.pending.set(false);
        this.created.set({ email: request.email, company: request.companyName });
        // The form is gone: move focus to the panel so screen readers announce the result.
        setTimeout(() => this.document.getElementById('signup-success-title')?.focus());
      },
      error: (error: unknown) => this.fail(error),
    });
  }

  private fail(error: unknown): void {
    this.pending.set(false);
    const failure = toApiFailure(error);
    if (failure.status === 409) {
      for (const field of conflictFieldsOf(failure)) {
        this.form.controls[field].setErrors({ taken: true });
        this.form.controls[field].markAsTouched();
      }
      this.error.set({ key: 'auth.signup.conflict' });
    } else if (failure.status === 400) {
      const orphans = applyFieldErrors(this.form, failure);
      this.error.set(orphans.length ? { text: orphans.join(' ') } : { key: 'auth.error.checkFields' });
    } else {
      this.error.set(genericFailure(failure));
    }
    focusFirstInvalid(this.form, FIELDS, 'signup', this.document);
  }
}

const CONFLICT_FIELDS = ['email', 'phone', 'companyName'] as const;

/** The 409 lists exactly the fields already used; unknown names are ignored. */
function conflictFieldsOf(failure: ApiFailure): (typeof CONFLICT_FIELDS)[number][] {
  const listed = conflictFields(failure);
  return CONFLICT_FIELDS.filter((field) => listed.includes(field));
}
