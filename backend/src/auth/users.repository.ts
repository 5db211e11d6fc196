import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Db, query, queryOne } from '../common/sql';
import { hashPassword } from './password';
import type { Role } from './roles';

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
}

/** A user as login and token refresh need them. */
export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  active: boolean;
  roles: Role[];
}

/** The people who use the system and their roles. */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** By username (login) or id (token refresh), with roles and the password hash. */
  async find(by: { username: string } | { id: string }): Promise<UserRow | undefined> {
    const [column, value] = 'id' in by ? ['u.id', by.id] : ['u.username', by.username.toLowerCase()];
    return queryOne(
      this.dataSource,
      `SELECT u.id, u.username, u.display_name, u.password_hash, u.active,
              coalesce(array_agg(r.role ORDER BY r.role) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
         FROM app_user u LEFT JOIN user_role r ON r.user_id = u.id
        WHERE ${column} = $1 GROUP BY u.id`,
      [value],
    );
  }

  /** Active users, optionally with one role, by name. */
  async list(role: Role | null): Promise<{ username: string; display_name: string; roles: Role[] }[]> {
    return query(
      this.dataSource,
      `SELECT u.username, u.display_name, array_agg(r.role ORDER BY r.role) AS roles
         FROM app_user u JOIN user_role r ON r.user_id = u.id
        WHERE u.active AND ($1::text IS NULL OR u.id IN (SELECT user_id FROM user_role WHERE role = $1))
        GROUP BY u.id ORDER BY u.display_name`,
      [role],
    );
  }
}

/** Creates a user or, when the username exists, sets its name, password and roles. */
export async function upsertUser(db: Db, user: NewUser): Promise<string> {
  const hash = await hashPassword(user.password);
  const [{ id }] = await query<{ id: string }>(
    db,
    `INSERT INTO app_user (username, display_name, password_hash) VALUES ($1, $2, $3)
     ON CONFLICT ON CONSTRAINT uq_app_user_username
       DO UPDATE SET display_name = EXCLUDED.display_name, password_hash = EXCLUDED.password_hash, active = true
     RETURNING id`,
    [user.username.toLowerCase(), user.displayName, hash],
  );
  // Only the roles that change, so the access log records each grant and revocation, and nothing for roles kept.
  await db.query(`DELETE FROM user_role WHERE user_id = $1 AND role <> ALL ($2::text[])`, [id, user.roles]);
  await db.query(`INSERT INTO user_role (user_id, role) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, [id, user.roles]);
  return id;
}
