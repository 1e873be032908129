import { HttpStatus } from '@nestjs/common';
import type { FindOptionsWhere, ObjectLiteral, Repository } from 'typeorm';
import { DomainError, ForbiddenError } from '../common/domain-error.js';
import type { Principal } from '../common/principal.js';

export class NotFoundError extends DomainError {
  constructor() {
    super(HttpStatus.NOT_FOUND, 'not_found');
  }
}

/**
 * The one place that scopes queries by tenant. The tenant id comes only from the verified
 * principal, never from a body or a URL; a row of another tenant is answered 404 exactly
 * like a row that does not exist, so nothing about it leaks.
 */
export class TenantScope {
  readonly tenantId: number;

  private constructor(
    tenantId: number,
    readonly principal: Principal,
  ) {
    this.tenantId = tenantId;
  }

  /** Operators belong to no tenant: 403 on every tenant resource. */
  static of(principal: Principal): TenantScope {
    if (principal.tenantId === null) throw new ForbiddenError();
    return new TenantScope(principal.tenantId, principal);
  }

  /** `where` restricted to this tenant (the caller cannot override tenantId). */
  where<T extends { tenantId: number | null }>(where: FindOptionsWhere<T> = {}): FindOptionsWhere<T> {
    return { ...where, tenantId: this.tenantId } as FindOptionsWhere<T>;
  }

  /** The row of this tenant with the given id, or 404. */
  async findOr404<T extends ObjectLiteral & { id: number; tenantId: number | null }>(
    repo: Repository<T>,
    id: number,
    extra: FindOptionsWhere<T> = {},
  ): Promise<T> {
    const row = await repo.findOneBy(this.where<T>({ ...extra, id } as FindOptionsWhere<T>));
    if (!row) throw new NotFoundError();
    return row;
  }
}

/** A path id: anything but a positive integer is simply not found. */
export function parseId(raw: string): number {
  if (!/^[1-9]\d{0,9}$/.test(raw)) throw new NotFoundError();
  const id = Number(raw);
  if (id > 4_294_967_295) throw new NotFoundError();
  return id;
}
