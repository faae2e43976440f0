import { createParamDecorator, ExecutionContext, ForbiddenException, SetMetadata } from '@nestjs/common';
import type { Principal, StaffRole, TenantPrincipal } from './principal';

export const IS_PUBLIC = 'atende:isPublic';
export const REQUIRED_ROLES = 'atende:roles';

/** Opens a route to callers without an access token (webhooks, health, login). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Restricts a route to the given staff roles. */
export const Roles = (...roles: StaffRole[]) => SetMetadata(REQUIRED_ROLES, roles);

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ principal: Principal }>().principal;
});

/** The caller's principal, guaranteed to belong to a tenant (tenant-scoped routes). */
export const CurrentTenant = createParamDecorator((_: unknown, ctx: ExecutionContext): TenantPrincipal => {
  const principal = ctx.switchToHttp().getRequest<{ principal: Principal }>().principal;
  if (!principal?.tenantId) throw new ForbiddenException('This route acts inside a tenant');
  return principal as TenantPrincipal;
});
