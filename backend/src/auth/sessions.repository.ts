import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryOne } from '../common/sql';
import type { Role } from './roles';

/** Who a live session belongs to, as the guard needs it: read from the user as they are now. */
export interface SessionPrincipal {
  user_id: string;
  username: string;
  display_name: string;
  roles: Role[];
}

/** One row per login (app_session); a token names its session and the session's current token id. */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(userId: string, endsAt: Date): Promise<{ id: string; token_id: string }> {
    return (await queryOne<{ id: string; token_id: string }>(
      this.dataSource,
      `INSERT INTO app_session (user_id, token_id, ends_at) VALUES ($1, gen_random_uuid(), $2) RETURNING id, token_id`,
      [userId, endsAt],
    ))!;
  }

  /** A new token id for a live session, retiring the one the caller holds; undefined when that one is not current. */
  async rotate(sessionId: string, tokenId: string): Promise<{ token_id: string } | undefined> {
    return queryOne(
      this.dataSource,
      `UPDATE app_session SET token_id = gen_random_uuid(), refreshed_at = now()
        WHERE id = $1 AND token_id = $2 AND revoked_at IS NULL AND ends_at > now()
        RETURNING token_id`,
      [sessionId, tokenId],
    );
  }

  async revoke(sessionId: string, reason: 'logout' | 'admin'): Promise<void> {
    await this.dataSource.query(`UPDATE app_session SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL`, [
      sessionId,
      reason,
    ]);
  }

  /** The user of a live session whose current token is `tokenId`, when the user is active. */
  async principal(sessionId: string, tokenId: string): Promise<SessionPrincipal | undefined> {
    return queryOne(
      this.dataSource,
      `SELECT u.id AS user_id, u.username, u.display_name,
              coalesce(array_agg(r.role ORDER BY r.role) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
         FROM app_session s JOIN app_user u ON u.id = s.user_id LEFT JOIN user_role r ON r.user_id = u.id
        WHERE s.id = $1 AND s.token_id = $2 AND s.revoked_at IS NULL AND s.ends_at > now() AND u.active
        GROUP BY u.id`,
      [sessionId, tokenId],
    );
  }
}
