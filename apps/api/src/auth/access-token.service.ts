import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import type { UserRole } from '#contracts';
import type { DataSource } from 'typeorm';
import { UnauthorizedError } from '../common/domain-error.js';
import type { Principal } from '../common/principal.js';
import { TenantSuspendedError } from './auth.errors.js';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

interface AccessClaims {
  sub: string;
  tenantId: number | null;
  role: UserRole;
}

const ROLES: readonly UserRole[] = ['operator', 'admin', 'supervisor', 'agent'];

/** Short-lived HS256 access tokens carrying the principal. */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly jwt: JwtService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  sign(principal: Principal): Promise<string> {
    const claims: AccessClaims = {
      sub: String(principal.userId),
      tenantId: principal.tenantId,
      role: principal.role,
    };
    return this.jwt.signAsync(claims);
  }

  /** The principal of a valid token, or null (bad signature, expired, malformed). */
  async verify(token: string): Promise<Principal | null> {
    try {
      const claims = await this.jwt.verifyAsync<AccessClaims>(token);
      const userId = Number(claims.sub);
      if (!Number.isInteger(userId) || !ROLES.includes(claims.role)) return null;
      const tenantId = claims.tenantId === null ? null : Number(claims.tenantId);
      return { userId, tenantId, role: claims.role };
    } catch {
      return null;
    }
  }

  /**
   * The principal as the database sees it now: a token outlives neither its user (disabled,
   * deleted) nor its company's suspension, and a role change applies at the next request.
   * One primary-key lookup per request.
   */
  async current(token: Principal): Promise<Principal> {
    const [row] = await this.db.query<
      {
        status: string;
        role: UserRole;
        tenant_id: number | null;
        deleted_at: Date | null;
        tenant_status: string | null;
      }[]
    >(
      `SELECT u.status, u.role, u.tenant_id, u.deleted_at, t.status AS tenant_status
         FROM users u LEFT JOIN tenants t ON t.id = u.tenant_id WHERE u.id = ?`,
      [token.userId],
    );
    if (!row || row.status !== 'active' || row.deleted_at !== null) throw new UnauthorizedError();
    if (row.tenant_status === 'suspended') throw new TenantSuspendedError();
    const tenantId = row.tenant_id === null ? null : Number(row.tenant_id);
    if (tenantId !== token.tenantId) throw new UnauthorizedError();
    return { userId: token.userId, tenantId, role: row.role };
  }
}
