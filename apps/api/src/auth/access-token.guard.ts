import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { UnauthorizedError } from '../common/domain-error.js';
import type { RequestWithPrincipal } from '../common/principal.js';
import { IS_PUBLIC } from '../common/public.decorator.js';
import { AccessTokenService } from './access-token.service.js';

/** Global guard: every route needs a valid Bearer access token unless marked @Public(). */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const req = context.switchToHttp().getRequest<RequestWithPrincipal>();
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const principal = match ? await this.tokens.verify(match[1]) : null;
    if (!principal) throw new UnauthorizedError();
    req.principal = await this.tokens.current(principal);
    return true;
  }
}
