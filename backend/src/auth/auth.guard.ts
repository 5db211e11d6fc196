import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Role } from './roles';
import { hasRole } from './actor';
import { authProblem } from './auth.errors';
import { PUBLIC_KEY, ROLES_KEY } from './decorators';
import { TokenClaims } from './auth.service';

/**
 * The one guard in front of every route: a valid, unexpired bearer token
 * (idle and absolute limits), then the route's roles. A route without
 * `@Roles` or `@Public` is refused, so a forgotten decorator fails closed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest();
    const header: string | undefined = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : null;
    if (!token) throw unauthenticated('Send a bearer token: Authorization: Bearer <token>');
    const claims = await this.verify(token);
    if (claims.sessionEndsAt * 1000 <= Date.now()) throw unauthenticated('The session has ended; log in again');
    req.actor = { id: claims.sub, username: claims.username, displayName: claims.name, roles: claims.roles };
    req.session = claims;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles?.length || !hasRole(req.actor, ...roles)) {
      throw authProblem('role-required', roles?.length ? `This needs one of the roles: ${roles.join(', ')}` : 'No role may use this route');
    }
    return true;
  }

  /**
   * A token's claims. A session sends the same token with every request until it refreshes it,
   * so a verified token is remembered (bounded, never past its `exp`): the signature check and
   * its parsing run once per token instead of on every request.
   */
  private async verify(token: string): Promise<TokenClaims> {
    const now = Date.now();
    const known = this.verified.get(token);
    if (known && (known.exp ?? 0) * 1000 > now) return known;
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      this.verified.delete(token);
      throw unauthenticated('The token is invalid or the session has expired; log in again');
    }
    if (claims.exp !== undefined) {
      if (this.verified.size >= 10_000) this.verified.clear();
      this.verified.set(token, Object.freeze(claims));
    }
    return claims;
  }

  private readonly verified = new Map<string, TokenClaims>();
}

function unauthenticated(detail: string) {
  return authProblem('unauthenticated', detail);
}
