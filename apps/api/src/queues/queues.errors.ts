import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';
import { quoted } from './queue-members.js';

/** 409 `already_used` with `fields: ['name']`: the name is taken in the tenant. */
export class NameTakenError extends DomainError {
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

/** Whether a failed write hit the (tenant, name) unique key. */
export function isDuplicateName(err: unknown, key: string): boolean {
  const message = (err as { message?: string }).message ?? '';
  return message.includes(key) || /Duplicate entry/.test(message);
}

/** 409: the queue is used by flows (their drafts or published versions). */
export class QueueInUseError extends DomainError {
  constructor(flows: { id: number; name: string }[]) {
    super(HttpStatus.CONFLICT, 'queue_in_use', [], { flows: quoted(flows) }, { flows });
  }
}

/** 409: the music class is used by queues. */
export class MohClassInUseError extends DomainError {
  constructor(queues: { id: number; name: string }[]) {
    super(HttpStatus.CONFLICT, 'moh_class_in_use', [], { queues: quoted(queues) }, { queues });
  }
}

/** 409: the user group is a member of queues. */
export class GroupInUseError extends DomainError {
  constructor(queues: { id: number; name: string }[]) {
    super(HttpStatus.CONFLICT, 'group_in_use', [], { queues: quoted(queues) }, { queues });
  }
}
