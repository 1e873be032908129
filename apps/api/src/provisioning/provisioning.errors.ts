import { HttpStatus } from '@nestjs/common';
import { DomainError, ValidationFailedError } from '../common/domain-error.js';

/** A softphone link is only for SIP mode: in WebPhone mode the browser is the phone. */
export class NotSipModeError extends DomainError {
  constructor() {
    super(HttpStatus.CONFLICT, 'not_sip_mode');
  }
}

export class InvalidMacError extends ValidationFailedError {
  constructor() {
    super([{ field: 'mac', code: 'invalid_mac' }]);
  }
}

/** 409 like sign-up's: `fields` names the detail in use, never which tenant has it. */
export class MacTakenError extends DomainError {
  constructor() {
    super(
      HttpStatus.CONFLICT,
      'already_used',
      [{ field: 'mac', code: 'taken', messageKey: 'taken_mac' }],
      {},
      { fields: ['mac'] },
    );
  }
}

/** The chosen user has no SIP account (invited, disabled, no extension). */
export class UserWithoutPhoneError extends ValidationFailedError {
  constructor() {
    super([{ field: 'userId', code: 'user_without_phone' }]);
  }
}
