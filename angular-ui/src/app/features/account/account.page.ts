import { ChangeDetectionStrategy, Component, DOCUMENT, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
  type ValidationErrors,
  type ValidatorFn,
} from '@angular/forms';
import {
  PASSWORD_MIN_LENGTH,
  type ChangePasswordRequest,
  type Language,
  type SessionUser,
  type UpdateProfileRequest,
} from '@webcall/contracts';
import { conflictFields, toApiFailure } from '../../core/auth/api-error';
import { AuthService } from '../../core/auth/auth.service';
import { normalizePhone } from '../../core/auth/validation';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { LANGS, TranslationService } from '../../core/i18n/translation.service';
import type { TranslationKey } from '../../core/i18n/vi';
import { Icon } from '../../shell/icon';
import {
  applyFieldErrors,
  controlMessage,
  focusFirstInvalid,
  genericFailure,
  vnPhoneValidator,
  type Message,
  recheckConfirmation,
} from '../auth/form-support';
import { FORM_FIELD } from '../auth/form-field';
import { MessagePipe } from '../auth/message.pipe';
import { PasswordInput } from '../auth/password-input';
import { DeviceSection } from './device-section';

/** Controls in screen order (focus goes to the first invalid one). */
const PROFILE_FIELDS = ['fullName', 'phone', 'language'] as const;
type ProfileField = (typeof PROFILE_FIELDS)[number];
const PASSWORD_FIELDS = ['currentPassword', 'newPassword', 'passwordConfirm'] as const;
type PasswordField = (typeof PASSWORD_FIELDS)[number];

/** On the confirmation control: must equal its sibling `newPassword`. */
const matchesNewPassword: ValidatorFn = (control): ValidationErrors | null => {
  const password = control.parent?.get('newPassword')?.value as string | undefined;
  return control.value && password !== undefined && control.value !== password ? { mismatch: true } : null;
};

/**
 * Account details (issue 3 §7): profile form (name, phone, language → `PATCH /api/auth/me`),
 * the device mode and SIP settings of tenant users (F4, F5, `DeviceSection`), read-only account
 * facts and the password change (`POST /api/auth/change-password`).
 */
@Component({
  selector: 'wc-account-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslatePipe, MessagePipe, Icon, FORM_FIELD, PasswordInput, DeviceSection],
  templateUrl: './account.page.html',
  styles: `
    :host {
      display: block;
      max-width: 760px;
    }
    h1 {
      margin: 0;
      font-size: 1.75rem;
      letter-spacing: -0.015em;
    }
    .lead {
      margin: 10px 0 0;
      color: var(--muted);
      font-size: 1rem;
    }
    .card {
      margin-top: 24px;
      padding: 22px 24px 24px;
      border: 1px solid var(--border);
      border-radius: 14px;
      background: var(--surface);
    }
    h2 {
      margin: 0;
      font-size: 1.125rem;
      letter-spacing: -0.01em;
    }
    .card-lead {
      margin: 4px 0 18px;
      color: var(--muted);
    }
    .card .alert {
      margin: 0 0 16px;
    }
    .alert-success {
      border-color: #bbf7d0;
      background: #f0fdf4;
      color: #14532d;
    }
    .narrow {
      max-width: calc(50% - 8px);
    }
    .actions {
      display: flex;
      justify-content: flex-end;
    }
    dl {
      margin: 0;
      border: 1px solid var(--border);
      border-radius: 10px;
    }
    .row {
      display: grid;
      grid-template-columns: 200px minmax(0, 1fr);
      gap: 12px;
      padding: 12px 16px;
      border-top: 1px solid var(--border);
    }
    .row:first-child {
      border-top: 0;
    }
    dt {
      color: var(--muted);
      font-weight: 500;
    }
    dd {
      margin: 0;
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    @media (max-width: 600px) {
      .card {
        padding: 18px 16px 20px;
      }
      .narrow {
        max-width: none;
      }
      .actions .btn {
        width: 100%;
      }
      .row {
        grid-template-columns: minmax(0, 1fr);
        gap: 2px;
      }
    }
  `,
})
export default class AccountPage {
  private readonly auth = inject(AuthService);
  private readonly document = inject(DOCUMENT);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly i18n = inject(TranslationService);

  protected readonly user = this.auth.user;
  protected readonly langs = LANGS.map((lang) => ({ lang, labelKey: `lang.${lang}` as TranslationKey }));
  protected readonly minLength = PASSWORD_MIN_LENGTH;

  protected readonly profile = this.fb.group({
    fullName: ['', [Validators.required, Validators.maxLength(100)]],
    phone: ['', vnPhoneValidator],
    language: this.fb.control<Language>(this.i18n.lang()),
  });
  protected readonly profilePending = signal(false);
  protected readonly profileSaved = signal(false);
  protected readonly profileError = signal<Message | null>(null);

  protected readonly password = this.fb.group({
    currentPassword: ['', Validators.required],
    newPassword: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
    passwordConfirm: ['', [Validators.required, matchesNewPassword]],
  });
  protected readonly passwordPending = signal(false);
  protected readonly passwordDone = signal(false);
  protected readonly passwordError = signal<Message | null>(null);
  protected readonly showPassword = signal(false);

  constructor() {
    this.resetProfile(this.user());
    // Editing again hides the previous success notice.
    this.profile.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.profileSaved.set(false));
    this.password.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.passwordDone.set(false));
    recheckConfirmation(this.password.controls.newPassword, this.password.controls.passwordConfirm);
  }

  protected profileMessage(name: ProfileField): Message | null {
    return controlMessage(name, this.profile.controls[name]);
  }

  protected passwordMessage(name: PasswordField): Message | null {
    return controlMessage(name, this.password.controls[name]);
  }

  protected roleKey(role: string): TranslationKey {
    return `role.${role}` as TranslationKey;
  }

  protected saveProfile(): void {
    if (this.profilePending()) return;
    this.profileError.set(null);
    this.profileSaved.set(false);
    if (this.profile.invalid) {
      this.profile.markAllAsTouched();
      focusFirstInvalid(this.profile, PROFILE_FIELDS, 'account', this.document);
      return;
    }
    const value = this.profile.getRawValue();
    const phone = value.phone.trim();
    const request: UpdateProfileRequest = {
      fullName: value.fullName.trim(),
      phone: phone ? normalizePhone(phone) : null,
      language: value.language,
    };
    this.profilePending.set(true);
    this.auth.updateProfile(request).subscribe({
      next: (user) => {
        this.profilePending.set(false);
        this.resetProfile(user);
        this.profileSaved.set(true);
      },
      error: (error: unknown) => {
        this.profilePending.set(false);
        const failure = toApiFailure(error);
        if (failure.status === 400) {
          const orphans = applyFieldErrors(this.profile, failure);
          this.profileError.set(orphans.length ? { text: orphans.join(' ') } : null);
        } else if (failure.status === 409 && conflictFields(failure).includes('phone')) {
          this.profile.controls.phone.setErrors({ taken: true });
          this.profile.controls.phone.markAsTouched();
        } else {
          this.profileError.set(genericFailure(failure));
        }
        focusFirstInvalid(this.profile, PROFILE_FIELDS, 'account', this.document);
      },
    });
  }

  protected changePassword(): void {
    if (this.passwordPending()) return;
    this.passwordError.set(null);
    this.passwordDone.set(false);
    if (this.password.invalid) {
      this.password.markAllAsTouched();
      focusFirstInvalid(this.password, PASSWORD_FIELDS, 'pw', this.document);
      return;
    }
    const value = this.password.getRawValue();
    const request: ChangePasswordRequest = {
      currentPassword: value.currentPassword,
      newPassword: value.newPassword,
    };
    this.passwordPending.set(true);
    this.auth.changePassword(request).subscribe({
      next: () => {
        this.passwordPending.set(false);
        this.password.reset();
        this.showPassword.set(false);
        this.passwordDone.set(true);
      },
      error: (error: unknown) => {
        this.passwordPending.set(false);
        const failure = toApiFailure(error);
        if (failure.status === 400) {
          const orphans = applyFieldErrors(this.password, failure);
          this.passwordError.set(orphans.length ? { text: orphans.join(' ') } : null);
        } else {
          this.passwordError.set(genericFailure(failure));
        }
        focusFirstInvalid(this.password, PASSWORD_FIELDS, 'pw', this.document);
      },
    });
  }

  /** Puts the saved profile back into the form, untouched (no stale messages). */
  private resetProfile(user: SessionUser | null): void {
    if (!user) return;
    this.profile.reset({ fullName: user.fullName, phone: user.phone ?? '', language: user.language });
  }
}
