import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC, REQUIRED_ROLES } from '@core/auth/auth.decorators';
import type { Principal, StaffRole } from '@core/auth/principal';
import { AuthenticateAccessToken } from '../application/authenticate-access-token.use-case';

/**
 * Global guard: every route needs a valid access token unless marked @Public(); @Roles() narrows it.
 * The token's account is checked on every request (AuthenticateAccessToken), so revocation is immediate.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticate: AuthenticateAccessToken,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    const principal = scheme?.toLowerCase() === 'bearer' && token ? await this.authenticate.execute(token) : null;
    if (!principal) throw new UnauthorizedException('A valid bearer access token is required');
    request.principal = principal;

    const roles = this.reflector.getAllAndOverride<StaffRole[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && !roles.includes(principal.role)) throw new ForbiddenException('Your role may not use this route');
    return true;
  }
}
