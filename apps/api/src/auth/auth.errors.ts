import { HttpStatus } from '@nestjs/common';
import type { SignupConflictBody } from '#contracts';
import { DomainError, UnauthorizedError, ValidationFailedError } from '../common/domain-error.js';

type ConflictField = SignupConflictBody['fields'][number];

/** 409 of sign-up: `fields` lists exactly the details already in use. */
export class SignupConflictError extends DomainError {
  constructor(fields: ConflictField[]) {
    super(
      HttpStatus.CONFLICT,
      'already_used',
      fields.map((field) => ({ field, code: 'taken', messageKey: `taken_${field}` })),
      {},
      { fields },
    );
  }
}

/** Same answer for an unknown email and a wrong password. */
export class InvalidCredentialsError extends UnauthorizedError {
  constructor() {
    super('invalid_credentials');
  }
}

export class AccountLockedError extends DomainError {
  constructor(minutes: number) {
    super(HttpStatus.LOCKED, 'account_locked', [], { minutes });
  }
}

export class AccountDisabledError extends DomainError {
  constructor() {
    super(HttpStatus.FORBIDDEN, 'account_disabled');
  }
}

/** The user's company is suspended by the platform operator. */
export class TenantSuspendedError extends DomainError {
  constructor() {
    super(HttpStatus.FORBIDDEN, 'tenant_suspended');
  }
}

export class InvalidRefreshTokenError extends UnauthorizedError {
  constructor() {
    super('invalid_refresh_token');
  }
}

/** Deliberately vague: a bot learns nothing about which check caught it. */
export class BotSuspectedError extends DomainError {
  constructor() {
    super(HttpStatus.BAD_REQUEST, 'bot_suspected');
  }
}

export class WeakPasswordError extends ValidationFailedError {
  constructor() {
    super([{ field: 'password', code: 'weak_password' }]);
  }
}

export class InvalidResetTokenError extends ValidationFailedError {
  constructor() {
    super([{ field: 'token', code: 'invalid_token' }]);
  }
}

export class WrongCurrentPasswordError extends ValidationFailedError {
  constructor() {
    super([{ field: 'currentPassword', code: 'wrong_password' }]);
  }
}

export class NewPasswordRejectedError extends ValidationFailedError {
  constructor(code: 'weak_password' | 'same_password') {
    super([{ field: 'newPassword', code }]);
  }
}

export class PhoneTakenError extends ValidationFailedError {
  constructor() {
    super([{ field: 'phone', code: 'taken', messageKey: 'taken_phone' }]);
  }
}
