import type { AbstractControl } from '@angular/forms';
import type { TenantQuotas } from '@webcall/contracts';
import type { TranslationKey } from '../../../core/i18n/vi';
import { type Message, controlMessage } from '../../auth/form-support';

export type QuotaName = keyof TenantQuotas;

/** Quota fields in screen order, with the API's bounds (`QuotasDto`) and the defaults of a new tenant. */
export const QUOTAS: readonly {
  name: QuotaName;
  labelKey: TranslationKey;
  min: number;
  max: number;
  initial: number;
}[] = [
  { name: 'users', labelKey: 'operator.field.quotaUsers', min: 1, max: 100_000, initial: 20 },
  { name: 'concurrentCalls', labelKey: 'operator.field.quotaCalls', min: 0, max: 10_000, initial: 10 },
  { name: 'hotlines', labelKey: 'operator.field.quotaHotlines', min: 0, max: 10_000, initial: 5 },
];

export function quotaRule(name: QuotaName): (typeof QUOTAS)[number] {
  return QUOTAS.find((rule) => rule.name === name)!;
}

/**
 * Message for one control of the tenant forms, or null while it is valid or untouched. Server
 * messages (`server`, from the API's `fields[]`) win; a quota out of range or not whole says its bounds.
 */
export function tenantFieldMessage(
  control: AbstractControl | null,
  requiredKey: TranslationKey,
  range?: { min: number; max: number },
): Message | null {
  if (!control || control.valid || !(control.touched || control.dirty)) return null;
  const errors = control.errors ?? {};
  if (typeof errors['server'] === 'string') return { text: errors['server'] };
  if (errors['required']) return { key: requiredKey };
  if (range && (errors['min'] || errors['max'] || errors['pattern'])) {
    return { key: 'operator.error.quotaRange', params: { min: range.min, max: range.max } };
  }
  // Email, phone and length rules read the same as on the sign-up form.
  return controlMessage('', control);
}
