import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Role } from './roles';
import { hasRole } from './actor';
import { authProblem } from './auth.errors';
import { PUBLIC_KEY, ROLES_KEY } from './decorators';
import { SessionClaims, TokenClaims } from './auth.service';
import { SessionsRepository } from './sessions.repository';
import { VerifiedToken, VerifiedTokens } from './verified-tokens';

/**
 * The one guard in front of every route: a valid, unexpired bearer token (idle and absolute
 * limits) of a session that is not ended or rotated, of a user who is active and has a role; then
 * the route's roles, as the user has them now. A route without `@Roles` or `@Public` is refused,
 * so a forgotten decorator fails closed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly sessions: SessionsRepository,
    private readonly verified: VerifiedTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = context.switchToHttp().getRequest();
    const header: string | undefined = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : null;
    if (!token) throw unauthenticated('Send a bearer token: Authorization: Bearer <token>');
    const known = await this.verify(token);
    req.actor = known.actor;
    req.session = {
      sessionId: known.sessionId,
      tokenId: known.tokenId,
      userId: known.actor.id,
      sessionEndsAt: known.sessionEndsAt,
    } satisfies SessionClaims;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles?.length || !hasRole(req.actor, ...roles)) {
      throw authProblem('role-required', roles?.length ? `This needs one of the roles: ${roles.join(', ')}` : 'No role may use this route');
    }
    return true;
  }

  /**
   * A token's session and user. The signature and the session are checked once per token and
   * process, then remembered until the token expires or a notification says the session or the
   * user changed (verified-tokens.ts has the design).
   */
  private async verify(token: string): Promise<VerifiedToken> {
    const now = Date.now();
    const known = this.verified.get(token, now);
    if (known) return known;
    const epoch = this.verified.currentEpoch;
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw unauthenticated('The token is invalid or the session has expired; log in again');
    }
    if (!claims.sid || !claims.jti || claims.exp === undefined) throw unauthenticated('The token names no session; log in again');
    if (claims.sessionEndsAt * 1000 <= now) throw unauthenticated('The session has ended; log in again');
    const principal = await this.sessions.principal(claims.sid, claims.jti);
    if (!principal) throw unauthenticated('The session has ended (logged out, refreshed or the user deactivated); log in again');
    if (!principal.roles.length) throw unauthenticated('The user has no roles any more');
    const entry: VerifiedToken = {
      actor: { id: principal.user_id, username: principal.username, displayName: principal.display_name, roles: principal.roles },
      sessionId: claims.sid,
      tokenId: claims.jti,
      exp: claims.exp,
      sessionEndsAt: claims.sessionEndsAt,
    };
    this.verified.remember(token, entry, epoch);
    return entry;
  }
}

function unauthenticated(detail: string) {
  return authProblem('unauthenticated', detail);
}
