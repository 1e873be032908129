import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { UserRole } from '#contracts';
import type { Request } from 'express';

/** Who is calling, taken from the verified access token; the only source of the tenant id. */
export interface Principal {
  userId: number;
  /** Null for platform operators. */
  tenantId: number | null;
  role: UserRole;
}

export type RequestWithPrincipal = Request & { principal?: Principal };

/** The authenticated principal of the request (set by the access-token guard). */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<RequestWithPrincipal>().principal;
  if (!principal) throw new Error('@CurrentUser() used on a route without an authenticated principal');
  return principal;
});

export const ROLES = 'webcall:roles';

/** Restricts a route or controller to the given roles (checked by RolesGuard). */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES, roles);
