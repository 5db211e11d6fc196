import { DataSource, EntityManager } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import type { Role } from './user.entity';

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
}

/** Creates a user or, when the username exists, sets its name, password and roles. */
export async function upsertUser(db: DataSource | EntityManager, user: NewUser): Promise<string> {
  const hash = await AuthService.hashPassword(user.password);
  const [{ id }] = await db.query(
    `INSERT INTO app_user (username, display_name, password_hash) VALUES ($1, $2, $3)
     ON CONFLICT ON CONSTRAINT uq_app_user_username
       DO UPDATE SET display_name = EXCLUDED.display_name, password_hash = EXCLUDED.password_hash, active = true
     RETURNING id`,
    [user.username.toLowerCase(), user.displayName, hash],
  );
  await db.query(`DELETE FROM user_role WHERE user_id = $1`, [id]);
  await db.query(`INSERT INTO user_role (user_id, role) SELECT $1, unnest($2::text[])`, [id, user.roles]);
  return id;
}
