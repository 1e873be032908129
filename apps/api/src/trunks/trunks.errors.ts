import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';

/** 409 like the MAC's: `fields` names the detail in use. */
export class TrunkNameTakenError extends DomainError {
  constructor() {
    super(
      HttpStatus.CONFLICT,
      'already_used',
      [{ field: 'name', code: 'taken', messageKey: 'taken_name' }],
      {},
      { fields: ['name'] },
    );
  }
}

/** The loopback carrier lives in pjsip.conf: only its name is the platform's to change. */
export class TrunkStaticError extends DomainError {
  constructor() {
    super(HttpStatus.CONFLICT, 'trunk_static');
  }
}

export class TrunkInUseError extends DomainError {
  constructor(count: number) {
    super(HttpStatus.CONFLICT, 'trunk_in_use', [], { count });
  }
}
