import { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToApp } from './app-role';

/**
 * In-app notifications for staff (docs/notifications.md): "Returnert til deg", "Søker har svart",
 * "Frist om 5 dager", "Ny sak tildelt deg".
 *
 * - A row is written in the transaction of the change it tells about (cases/notifications.ts), so
 *   a change that rolls back notifies nobody. It holds what the console needs to word it in either
 *   language (the case's reference, who acted and their display name, `data`).
 * - `dedupe_key`: a notification that must come at most once (the deadline, once per case and day)
 *   names itself; the unique index makes a second sweep's insert a no-op.
 * - An AFTER INSERT trigger NOTIFYs `tilsagn_notification` with the id and the recipient only:
 *   PostgreSQL delivers it at commit, to every API process that LISTENs, and never for a rollback.
 *   The process reads the row itself, so nothing of the case travels on the channel.
 * - The app may mark a notification read (read_at) and nothing else; rows go with their case.
 */
export class Notifications1764570000000 implements MigrationInterface {
  name = 'Notifications1764570000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification (
        id              uuid PRIMARY KEY DEFAULT uuidv7(),
        recipient       text NOT NULL,
        kind            text NOT NULL,
        application_id  uuid NOT NULL,
        reference       text NOT NULL,
        actor           text,
        actor_name      text,
        data            jsonb NOT NULL DEFAULT '{}'::jsonb,
        dedupe_key      text,
        created_at      timestamptz NOT NULL DEFAULT now(),
        read_at         timestamptz,
        CONSTRAINT fk_notification_application FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE,
        CONSTRAINT fk_notification_recipient FOREIGN KEY (recipient) REFERENCES app_user (username) ON UPDATE CASCADE ON DELETE CASCADE,
        CONSTRAINT ck_notification_kind CHECK (kind IN ('returned', 'reply-received', 'deadline-soon', 'assigned')),
        CONSTRAINT ck_notification_not_own CHECK (actor IS DISTINCT FROM recipient)
      )`);
    // A person's notifications, newest first (the list, and the stream's replay after an id).
    await q.query(`CREATE INDEX ix_notification_recipient ON notification (recipient, id DESC)`);
    // The unread count.
    await q.query(`CREATE INDEX ix_notification_unread ON notification (recipient) WHERE read_at IS NULL`);
    await q.query(`CREATE INDEX ix_notification_application ON notification (application_id)`);
    await q.query(`CREATE UNIQUE INDEX uq_notification_dedupe ON notification (recipient, dedupe_key) WHERE dedupe_key IS NOT NULL`);
    await q.query(`CREATE FUNCTION notification_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('tilsagn_notification', json_build_object('id', NEW.id, 'recipient', NEW.recipient)::text);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER tg_notification_notify AFTER INSERT ON notification FOR EACH ROW EXECUTE FUNCTION notification_notify()`);
    await grantToApp(q, 'SELECT, INSERT, UPDATE', ['notification']);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification`);
    await q.query(`DROP FUNCTION notification_notify`);
  }
}
