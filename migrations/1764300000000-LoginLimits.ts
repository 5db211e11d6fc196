import { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToApp } from './app-role';

/**
 * The login limits' counters (backend/src/auth/login-limits.ts), in PostgreSQL so that every API
 * replica counts in the same place. The shape is what rate-limiter-flexible's PostgreSQL store
 * reads and writes: one row per key (`address:<client address or IPv6 /64>` or
 * `username:<hash of the name>`), the attempts in its window and when the window ends (Unix
 * milliseconds). Each attempt is one atomic INSERT ... ON CONFLICT DO UPDATE. The API deletes a
 * username's row when its login succeeds, and sweeps windows that ended long ago.
 */
export class LoginLimits1764300000000 implements MigrationInterface {
  name = 'LoginLimits1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE login_limit (
        key    varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`);
    await q.query(
      `COMMENT ON TABLE login_limit IS 'Login attempts per client address and per username, in fixed windows (rate-limiter-flexible)'`,
    );
    await grantToApp(q, 'SELECT, INSERT, UPDATE, DELETE', ['login_limit']);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_limit`);
  }
}
