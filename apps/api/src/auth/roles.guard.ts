import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { UserRole } from '#contracts';
import { ForbiddenError } from '../common/domain-error.js';
import { ROLES, type RequestWithPrincipal } from '../common/principal.js';

/** Global guard after AccessTokenGuard: enforces @Roles(...) where present. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles?.length) return true;
    const principal = context.switchToHttp().getRequest<RequestWithPrincipal>().principal;
    if (!principal || !roles.includes(principal.role)) throw new ForbiddenError();
    return true;
  }
}
