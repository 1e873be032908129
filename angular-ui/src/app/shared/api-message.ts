import type { ApiFailure } from '../core/auth/api-error';
import { type Message, genericFailure } from '../features/auth/form-support';

/**
 * What to tell the user about a failed request that is not about one field: the API's own message
 * for a 4xx (already in the console's language, e.g. "already suspended"), else the generic text.
 */
export function apiMessage(failure: ApiFailure): Message {
  const text = failure.body.message;
  if (
    failure.status >= 400 &&
    failure.status < 500 &&
    failure.status !== 429 &&
    typeof text === 'string' &&
    text
  ) {
    return { text };
  }
  return genericFailure(failure);
}
