import { toApiFailure } from '../../../core/auth/api-error';
import type { TranslationKey } from '../../../core/i18n/vi';
import { apiMessage } from '../../../shared/api-message';
import type { Message } from '../../auth/form-support';

/** A failed request that is not about one field, worded by the API in the console's language. */
export function failureMessage(error: unknown): Message {
  return apiMessage(toApiFailure(error));
}

export function roleKey(role: string): TranslationKey {
  return `role.${role}` as TranslationKey;
}

export function statusKey(status: string): TranslationKey {
  return `users.status.${status}` as TranslationKey;
}
