import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { AbstractControl, FormGroup, ValidationErrors, ValidatorFn } from '@angular/forms';
import { isVnPhone } from '../../core/auth/validation';
import type { TranslationParams } from '../../core/i18n/translation.service';
import type { TranslationKey } from '../../core/i18n/vi';
import type { ApiFailure } from '../../core/auth/api-error';
import { fieldErrors } from '../../core/auth/api-error';

/** A message shown to the user: a dictionary key (re-translated on language switch) or server text. */
export type Message = { key: TranslationKey; params?: TranslationParams } | { text: string };

/** Same rule as the API: `0xxxxxxxxx` or `+84xxxxxxxxx`, spaces and dots tolerated. */
export const vnPhoneValidator: ValidatorFn = (control) =>
  typeof control.value === 'string' && control.value.trim() && !isVnPhone(control.value)
    ? { phone: true }
    : null;

/** On the confirmation control: must equal its sibling `password`. */
export const matchesPasswordValidator: ValidatorFn = (control): ValidationErrors | null => {
  const password = control.parent?.get('password')?.value as string | undefined;
  return control.value && password !== undefined && control.value !== password ? { mismatch: true } : null;
};

/**
 * The confirmation's validator compares it with the password, so re-check it whenever the
 * password changes. Call from a constructor (injection context): unsubscribes on destroy.
 */
export function recheckConfirmation(password: AbstractControl, confirmation: AbstractControl): void {
  password.valueChanges
    .pipe(takeUntilDestroyed())
    .subscribe(() => confirmation.updateValueAndValidity({ emitEvent: false }));
}

/**
 * Message for one control, or null while it is valid or untouched. Checked in order of what the
 * user should fix first; server errors (`server`, `taken`) come from the last submission.
 */
export function controlMessage(name: string, control: AbstractControl | null): Message | null {
  if (!control || control.valid || !(control.touched || control.dirty)) return null;
  const errors = control.errors ?? {};
  if (typeof errors['server'] === 'string') return { text: errors['server'] };
  if (errors['taken']) return { key: `auth.error.taken.${name}` as TranslationKey };
  if (errors['required']) return { key: `auth.error.required.${name}` as TranslationKey };
  if (errors['email']) return { key: 'auth.error.email' };
  if (errors['phone']) return { key: 'auth.error.phone' };
  if (errors['minlength']) {
    return {
      key: 'auth.error.passwordMin',
      params: { min: (errors['minlength'] as { requiredLength: number }).requiredLength },
    };
  }
  if (errors['maxlength']) {
    return {
      key: 'auth.error.maxlength',
      params: { max: (errors['maxlength'] as { requiredLength: number }).requiredLength },
    };
  }
  if (errors['mismatch']) return { key: 'auth.error.mismatch' };
  return { key: 'auth.error.invalid' };
}

/**
 * Puts the `fields` of a 400 onto the matching controls (API field name → control name); returns
 * the messages that have no control, for the form-level banner.
 */
export function applyFieldErrors(
  form: FormGroup,
  failure: ApiFailure,
  aliases: Readonly<Record<string, string>> = {},
): string[] {
  const orphans: string[] = [];
  for (const { field, message } of fieldErrors(failure)) {
    const control = form.get(aliases[field] ?? field);
    if (control) {
      control.setErrors({ server: message });
      control.markAsTouched();
    } else {
      orphans.push(message);
    }
  }
  return orphans;
}

/** Moves focus to the first invalid control, in the order the fields appear on screen. */
export function focusFirstInvalid(
  form: FormGroup,
  order: readonly string[],
  idPrefix: string,
  doc: Document,
): void {
  const name = order.find((key) => form.get(key)?.invalid);
  if (name) doc.getElementById(`${idPrefix}-${name}`)?.focus();
}

/** Common mapping of non-field failures shared by the pages. */
export function genericFailure(failure: ApiFailure): Message {
  if (failure.status === 0) return { key: 'auth.error.network' };
  if (failure.status === 429) return { key: 'auth.error.rateLimited' };
  return { key: 'auth.error.server' };
}
