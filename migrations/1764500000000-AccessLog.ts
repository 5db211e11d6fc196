import { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToApp } from './app-role';

/**
 * The access log (docs/operations.md, "The access log"): who read which case, its documents and
 * letters, and the sign-ins, failed sign-ins, logouts and refusals (401/403) around them; and who
 * was given or lost a role or was (de)activated.
 *
 * - The API writes reads, sign-ins and refusals in batches (backend/src/access/access-log.ts); the
 *   application role may INSERT and SELECT, never change or delete a row. No one may UPDATE a row;
 *   the owner may DELETE old rows (retention), which the application role cannot.
 * - Role changes and (de)activations are written by triggers on app_user and user_role, so that a
 *   change by `npm run user:create` or by hand in SQL is recorded as well as one by the API. The
 *   trigger names who changed it by `tilsagn.actor` when the session set it, else by the database
 *   login (`db:<role>`).
 * - Indexes: a case's reads, newest first (the manager's list); the events that are not reads,
 *   newest first (sign-ins and refusals are few beside reads); and a BRIN on the time for ranges
 *   over everything (a person's reads over a week, retention), which costs next to nothing to keep
 *   since rows arrive in time order.
 */
export class AccessLog1764500000000 implements MigrationInterface {
  name = 'AccessLog1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE access_log (
        id              uuid PRIMARY KEY DEFAULT uuidv7(),
        occurred_at     timestamptz NOT NULL,
        kind            text NOT NULL,
        username        text,
        why             text,
        application_id  uuid,
        resource_id     uuid,
        route           text,
        status          smallint,
        subject         text,
        role            text,
        request_id      text,
        client_address  text,
        CONSTRAINT ck_access_log_kind CHECK (kind IN ('read', 'login', 'login-failed', 'logout', 'refused',
                                                      'role-granted', 'role-revoked', 'user-created', 'user-activated', 'user-deactivated')),
        CONSTRAINT ck_access_log_read CHECK (kind <> 'read' OR (why IS NOT NULL AND application_id IS NOT NULL AND username IS NOT NULL)),
        CONSTRAINT ck_access_log_why CHECK (why ~ '^[a-z][a-z.-]{0,62}$'),
        CONSTRAINT ck_access_log_lengths CHECK (length(username) <= 200 AND length(route) <= 300 AND length(subject) <= 200
                                                AND length(role) <= 64 AND length(request_id) <= 100 AND length(client_address) <= 100)
      )`);
    await q.query(
      `COMMENT ON TABLE access_log IS 'Who read which case, document or letter; sign-ins, failed sign-ins, logouts, refusals and role changes. Append-only.'`,
    );
    await q.query(`CREATE INDEX ix_access_log_case_reads ON access_log (application_id, occurred_at DESC, id DESC) WHERE kind = 'read'`);
    await q.query(`CREATE INDEX ix_access_log_events ON access_log (occurred_at DESC, id DESC) WHERE kind <> 'read'`);
    await q.query(`CREATE INDEX ix_access_log_time ON access_log USING brin (occurred_at)`);
    await q.query(`CREATE TRIGGER tg_access_log_append_only BEFORE UPDATE ON access_log FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await grantToApp(q, 'SELECT, INSERT', ['access_log']);

    await q.query(`
      CREATE FUNCTION access_log_by() RETURNS text LANGUAGE sql STABLE AS $$
        SELECT coalesce(nullif(current_setting('tilsagn.actor', true), ''), 'db:' || session_user)
      $$`);
    // As the owner, so that whoever may change a user's roles records it, whatever their own grants.
    await q.query(`
      CREATE FUNCTION access_log_user_change() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        what text;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          what := 'user-created';
        ELSIF NEW.active IS DISTINCT FROM OLD.active THEN
          what := CASE WHEN NEW.active THEN 'user-activated' ELSE 'user-deactivated' END;
        ELSE
          RETURN NULL;
        END IF;
        INSERT INTO access_log (occurred_at, kind, username, subject)
          VALUES (clock_timestamp(), what, access_log_by(), NEW.username);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER tg_access_log_user AFTER INSERT OR UPDATE OF active ON app_user
        FOR EACH ROW EXECUTE FUNCTION access_log_user_change()`);
    await q.query(`
      CREATE FUNCTION access_log_role_change() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
          INSERT INTO access_log (occurred_at, kind, username, subject, role)
            SELECT clock_timestamp(), 'role-revoked', access_log_by(), u.username, OLD.role FROM app_user u WHERE u.id = OLD.user_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO access_log (occurred_at, kind, username, subject, role)
            SELECT clock_timestamp(), 'role-granted', access_log_by(), u.username, NEW.role FROM app_user u WHERE u.id = NEW.user_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER tg_access_log_role AFTER INSERT OR UPDATE OR DELETE ON user_role
        FOR EACH ROW EXECUTE FUNCTION access_log_role_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tg_access_log_role ON user_role`);
    await q.query(`DROP FUNCTION access_log_role_change()`);
    await q.query(`DROP TRIGGER tg_access_log_user ON app_user`);
    await q.query(`DROP FUNCTION access_log_user_change()`);
    await q.query(`DROP FUNCTION access_log_by()`);
    await q.query(`DROP TABLE access_log`);
  }
}
