import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { authProblem } from './auth.errors';
import { hashPassword, verifyPassword } from './password';
import type { Role } from './roles';
import { SessionsRepository } from './sessions.repository';
import { UserRow, UsersRepository } from './users.repository';
import { VerifiedTokens } from './verified-tokens';

/**
 * What an access token says. Its roles and names are for reading only: the guard takes the
 * user's roles from the database when it first sees a token (and again after any change).
 */
export interface TokenClaims {
  sub: string;
  /** The session (app_session.id) and its current token id; a refresh replaces `jti`, a logout ends `sid`. */
  sid: string;
  jti: string;
  username: string;
  name: string;
  roles: Role[];
  /** Unix seconds when the session ends however active it is (login + SESSION_MAX_HOURS). */
  sessionEndsAt: number;
  exp?: number;
  iat?: number;
}

/** The caller's session, as the guard puts it on the request. */
export interface SessionClaims {
  sessionId: string;
  tokenId: string;
  userId: string | null;
  sessionEndsAt: number;
}

export interface SessionView {
  accessToken: string;
  expiresAt: string;
  sessionEndsAt: string;
  user: { username: string; displayName: string; roles: Role[] };
}

@Injectable()
export class AuthService {
  // Verifying against a real hash when the user does not exist keeps the
  // response time the same, so timing does not tell which usernames exist.
  private readonly dummyHash = hashPassword(randomBytes(16).toString('hex'));

  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly verified: VerifiedTokens,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string): Promise<SessionView> {
    const user = await this.users.find({ username });
    const ok = await verifyPassword(user?.password_hash ?? (await this.dummyHash), password);
    if (!user || !ok || !user.active) {
      throw authProblem('invalid-credentials');
    }
    const sessionEndsAt = Math.floor(Date.now() / 1000) + this.config.sessionMaxHours * 3600;
    const session = await this.sessions.create(user.id, new Date(sessionEndsAt * 1000));
    return this.issue(user, session.id, session.token_id, sessionEndsAt);
  }

  /** A new token for the caller's session; the one they sent is refused from now on. */
  async refresh(session: SessionClaims): Promise<SessionView> {
    const user = session.userId ? await this.users.find({ id: session.userId }) : undefined;
    if (!user || !user.active) {
      throw authProblem('unauthenticated', 'The user no longer exists or is inactive');
    }
    const rotated = await this.sessions.rotate(session.sessionId, session.tokenId);
    this.verified.forgetSession(session.sessionId);
    if (!rotated) throw authProblem('unauthenticated', 'This token was already refreshed or its session ended; log in again');
    return this.issue(user, session.sessionId, rotated.token_id, session.sessionEndsAt);
  }

  /** Ends the caller's session: its tokens are refused from now on, by every replica. */
  async logout(session: SessionClaims): Promise<void> {
    await this.sessions.revoke(session.sessionId, 'logout');
    this.verified.forgetSession(session.sessionId);
  }

  private async issue(user: UserRow, sid: string, jti: string, sessionEndsAt: number): Promise<SessionView> {
    const now = Math.floor(Date.now() / 1000);
    const exp = Math.min(now + this.config.sessionIdleMinutes * 60, sessionEndsAt);
    const roles = [...user.roles].sort();
    const claims: TokenClaims = { sub: user.id, sid, jti, username: user.username, name: user.display_name, roles, sessionEndsAt, exp };
    const accessToken = await this.jwt.signAsync(claims);
    return {
      accessToken,
      expiresAt: new Date(exp * 1000).toISOString(),
      sessionEndsAt: new Date(sessionEndsAt * 1000).toISOString(),
      user: { username: user.username, displayName: user.display_name, roles },
    };
  }
}
