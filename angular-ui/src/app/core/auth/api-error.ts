import { HttpErrorResponse } from '@angular/common/http';
import type { ApiErrorBody, FieldError } from '@webcall/contracts';

/** What the pages need to know about a failed auth request. */
export interface ApiFailure {
  /** 0 when the server could not be reached. */
  status: number;
  body: Omit<Partial<ApiErrorBody>, 'fields'> & { fields?: unknown };
}

export function toApiFailure(error: unknown): ApiFailure {
  if (!(error instanceof HttpErrorResponse)) return { status: 0, body: {} };
  let body: unknown = error.error;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      body = {};
    }
  }
  return { status: error.status, body: body && typeof body === 'object' ? (body as ApiFailure['body']) : {} };
}

/** `fields` of a 400: `[{field, code, message}]`; anything else is ignored. */
export function fieldErrors(failure: ApiFailure): FieldError[] {
  const fields: unknown = failure.body.fields;
  if (!Array.isArray(fields)) return [];
  return (fields as unknown[]).filter(
    (item): item is FieldError =>
      !!item && typeof item === 'object' && typeof (item as FieldError).field === 'string',
  );
}

/** `fields` of a 409 sign-up conflict: `['email', 'phone', …]`. */
export function conflictFields(failure: ApiFailure): string[] {
  const fields: unknown = failure.body.fields;
  return Array.isArray(fields)
    ? (fields as unknown[]).filter((item): item is string => typeof item === 'string')
    : [];
}
