import { HttpStatus, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { Repository } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { Problem } from '../common/problem';
import { Role, User } from '../users/user.entity';

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
  private readonly dummyHash = AuthService.hashPassword(randomBytes(16).toString('hex'));

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  static hashPassword(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async login(username: string, password: string): Promise<SessionView> {
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .leftJoinAndSelect('u.roles', 'r')
      .where('u.username = :username', { username: username.toLowerCase() })
      .getOne();
    const ok = await argon2.verify(user?.passwordHash ?? (await this.dummyHash), password).catch(() => false);
    if (!user || !ok || !user.active) {
      throw new Problem(HttpStatus.UNAUTHORIZED, 'invalid-credentials', 'Wrong username or password');
    }
    const sessionEndsAt = Math.floor(Date.now() / 1000) + this.config.sessionMaxHours * 3600;
    return this.issue(user, sessionEndsAt);
  }

  async refresh(claims: TokenClaims): Promise<SessionView> {
    const user = await this.users.findOne({ where: { id: claims.sub } });
    if (!user || !user.active) {
      throw new Problem(HttpStatus.UNAUTHORIZED, 'unauthenticated', 'Not authenticated', 'The user no longer exists or is inactive');
    }
    return this.issue(user, claims.sessionEndsAt);
  }

  private async issue(user: User, sessionEndsAt: number): Promise<SessionView> {
    const now = Math.floor(Date.now() / 1000);
    const exp = Math.min(now + this.config.sessionIdleMinutes * 60, sessionEndsAt);
    const roles = user.roles.map((r) => r.role).sort();
    const claims: TokenClaims = { sub: user.id, username: user.username, name: user.displayName, roles, sessionEndsAt, exp };
    const accessToken = await this.jwt.signAsync(claims);
    return {
      accessToken,
      expiresAt: new Date(exp * 1000).toISOString(),
      sessionEndsAt: new Date(sessionEndsAt * 1000).toISOString(),
      user: { username: user.username, displayName: user.displayName, roles },
    };
  }
}
