import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions that can be ended (backend/src/auth/sessions.ts has the design). One row per login;
 * the access token carries the session's id and its current token id, which a refresh replaces
 * (the old token is then refused) and a logout revokes. Each API process keeps a cache of the
 * tokens it verified and listens on the channel `tilsagn_auth`: these triggers tell it when a
 * session is revoked or rotated (`session:<id>`) and when a user or their roles change in any
 * way, by the application or by hand in SQL (`user:<id>`), so it forgets that user's tokens and
 * reads them again on their next request.
 */
export class Sessions1764280000000 implements MigrationInterface {
  name = 'Sessions1764280000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_session (
        id             uuid PRIMARY KEY DEFAULT uuidv7(),
        user_id        uuid NOT NULL,
        token_id       uuid NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        refreshed_at   timestamptz,
        ends_at        timestamptz NOT NULL,
        revoked_at     timestamptz,
        revoked_reason text,
        CONSTRAINT fk_app_session_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
        CONSTRAINT ck_app_session_ends CHECK (ends_at > created_at),
        CONSTRAINT ck_app_session_revoked CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL)),
        CONSTRAINT ck_app_session_reason CHECK (revoked_reason IN ('logout', 'admin'))
      )`);
    await q.query(`CREATE INDEX ix_app_session_user ON app_session (user_id) WHERE revoked_at IS NULL`);

    await q.query(`
      CREATE FUNCTION app_session_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('tilsagn_auth', 'session:' || NEW.id);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER app_session_notify AFTER UPDATE ON app_session
        FOR EACH ROW WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.token_id IS DISTINCT FROM NEW.token_id
                           OR OLD.ends_at IS DISTINCT FROM NEW.ends_at)
        EXECUTE FUNCTION app_session_notify()`);
    await q.query(`
      CREATE FUNCTION app_user_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('tilsagn_auth', 'user:' || CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER app_user_notify AFTER UPDATE OR DELETE ON app_user FOR EACH ROW EXECUTE FUNCTION app_user_notify()`);
    await q.query(`
      CREATE FUNCTION user_role_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('tilsagn_auth', 'user:' || CASE WHEN TG_OP = 'DELETE' THEN OLD.user_id ELSE NEW.user_id END);
        IF TG_OP = 'UPDATE' AND OLD.user_id <> NEW.user_id THEN
          PERFORM pg_notify('tilsagn_auth', 'user:' || OLD.user_id);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER user_role_notify AFTER INSERT OR UPDATE OR DELETE ON user_role FOR EACH ROW EXECUTE FUNCTION user_role_notify()`,
    );
    // TRUNCATE has no rows: every user's tokens are forgotten.
    await q.query(`
      CREATE FUNCTION auth_truncate_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('tilsagn_auth', 'all');
        RETURN NULL;
      END $$`);
    for (const table of ['app_user', 'user_role', 'app_session']) {
      await q.query(
        `CREATE TRIGGER ${table}_truncate_notify AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION auth_truncate_notify()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['app_user', 'user_role', 'app_session']) {
      await q.query(`DROP TRIGGER ${table}_truncate_notify ON ${table}`);
    }
    await q.query(`DROP FUNCTION auth_truncate_notify()`);
    await q.query(`DROP TRIGGER user_role_notify ON user_role`);
    await q.query(`DROP FUNCTION user_role_notify()`);
    await q.query(`DROP TRIGGER app_user_notify ON app_user`);
    await q.query(`DROP FUNCTION app_user_notify()`);
    await q.query(`DROP TABLE app_session`);
    await q.query(`DROP FUNCTION app_session_notify()`);
  }
}
