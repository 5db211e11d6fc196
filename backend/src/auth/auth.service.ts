import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { authProblem } from './auth.errors';
import { hashPassword, verifyPassword } from './password';
import type { Role } from './roles';
import { UserRow, UsersRepository } from './users.repository';

export interface TokenClaims {
  sub: string;
  username: string;
  name: string;
  roles: Role[];
  /** Unix seconds when the session ends however active it is (login + SESSION_MAX_HOURS). */
  sessionEndsAt: number;
  exp?: number;
  iat?: number;
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
    return this.issue(user, sessionEndsAt);
  }

  async refresh(claims: TokenClaims): Promise<SessionView> {
    const user = await this.users.find({ id: claims.sub });
    if (!user || !user.active) {
      throw authProblem('unauthenticated', 'The user no longer exists or is inactive');
    }
    return this.issue(user, claims.sessionEndsAt);
  }

  private async issue(user: UserRow, sessionEndsAt: number): Promise<SessionView> {
    const now = Math.floor(Date.now() / 1000);
    const exp = Math.min(now + this.config.sessionIdleMinutes * 60, sessionEndsAt);
    const roles = [...user.roles].sort();
    const claims: TokenClaims = { sub: user.id, username: user.username, name: user.display_name, roles, sessionEndsAt, exp };
    const accessToken = await this.jwt.signAsync(claims);
    return {
      accessToken,
      expiresAt: new Date(exp * 1000).toISOString(),
      sessionEndsAt: new Date(sessionEndsAt * 1000).toISOString(),
      user: { username: user.username, displayName: user.display_name, roles },
    };
  }
}
