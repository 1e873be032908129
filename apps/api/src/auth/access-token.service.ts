import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { UserRole } from '#contracts';
import type { Principal } from '../common/principal.js';

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
  constructor(private readonly jwt: JwtService) {}

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
}
