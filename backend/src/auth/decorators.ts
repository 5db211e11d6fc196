import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from './roles';
import type { Actor } from './actor';

export const PUBLIC_KEY = 'tilsagn:public';
export const ROLES_KEY = 'tilsagn:roles';

/** No token needed. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The caller needs at least one of these roles. Every non-public route must say which. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest().actor;
});
