import { HttpStatus } from '@nestjs/common';

/** One invalid field before localisation: the message is chosen by the filter. */
export interface FieldIssue {
  field: string;
  code: string;
  params?: Record<string, string | number>;
  /** Message catalog key when it is not the code itself (e.g. `taken_email` for code `taken`). */
  messageKey?: string;
}

/**
 * An error with a stable code that the HTTP filter turns into an `ApiErrorBody` in the
 * request's language. Services throw these; controllers never build error bodies.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly fields: FieldIssue[] = [],
    readonly params: Record<string, string | number> = {},
    /** Extra top-level body members (e.g. the 409 `fields` list of sign-up). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

export class ValidationFailedError extends DomainError {
  constructor(fields: FieldIssue[]) {
    super(HttpStatus.BAD_REQUEST, 'validation_failed', fields);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(code = 'unauthorized') {
    super(HttpStatus.UNAUTHORIZED, code);
  }
}

export class ForbiddenError extends DomainError {
  constructor(code = 'forbidden') {
    super(HttpStatus.FORBIDDEN, code);
  }
}
