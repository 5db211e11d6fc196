import { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToApp } from './app-role';

/**
 * The portal's outbox and what the background jobs keep on the case (docs/jobs-and-outbox.md).
 *
 * - `portal_outbox`: every message for the applicant (an information request, a preliminary reply,
 *   a decision letter), written in the transaction of the change it tells about. `id` (uuidv7) is
 *   what the portal deduplicates on. `seq` is the order the portal reads in: given at commit, under
 *   a lock, so a message that commits later always has a higher number (a uuidv7 taken at insert
 *   could commit after a higher one the portal has already passed, and be missed). Delivery to
 *   the webhook keeps its state beside the message: attempts, the last error, when to try again.
 * - `information_request.overdue_at`: when the late-reply job found the reply-by date passed.
 * - `application.preliminary_reply_at`: when the preliminary reply (forvaltningsloven § 11 a) went
 *   to the outbox; one per case.
 *
 * The indexes are partial, over what a sweep still has to do, so a sweep stays an index range
 * scan of a few rows at 1 000 000 cases. The job queue's own tables (graphile-worker, schema
 * graphile_worker) are installed by `migrate()` after the migrations (database/job-schema.ts).
 */
export class PortalOutbox1764510000000 implements MigrationInterface {
  name = 'PortalOutbox1764510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE portal_outbox_seq AS bigint`);
    await q.query(`
      CREATE TABLE portal_outbox (
        id               uuid PRIMARY KEY DEFAULT uuidv7(),
        seq              bigint,
        application_id   uuid NOT NULL,
        external_ref     text NOT NULL,
        kind             text NOT NULL,
        payload          jsonb NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        delivered_at     timestamptz,
        attempts         integer NOT NULL DEFAULT 0,
        last_error       text,
        next_attempt_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_portal_outbox_application FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE,
        CONSTRAINT uq_portal_outbox_seq UNIQUE (seq),
        CONSTRAINT ck_portal_outbox_kind CHECK (kind IN ('information_request', 'preliminary_reply', 'decision_letter')),
        CONSTRAINT ck_portal_outbox_attempts CHECK (attempts >= 0)
      )`);
    await q.query(`ALTER SEQUENCE portal_outbox_seq OWNED BY portal_outbox.seq`);
    // The messages the webhook has yet to take, by when they are due.
    await q.query(`CREATE INDEX ix_portal_outbox_undelivered ON portal_outbox (next_attempt_at) WHERE delivered_at IS NULL`);
    await q.query(`CREATE INDEX ix_portal_outbox_application ON portal_outbox (application_id, created_at)`);
    // One preliminary reply per case, whatever two sweeps on two replicas do.
    await q.query(
      `CREATE UNIQUE INDEX uq_portal_outbox_preliminary_reply ON portal_outbox (application_id) WHERE kind = 'preliminary_reply'`,
    );
    // The number is taken at commit, under a lock held to the end of the commit: numbers follow
    // commit order. Runs as the owner (the application role has no use of the sequence).
    await q.query(`CREATE FUNCTION portal_outbox_number() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
                   SET search_path = pg_catalog, public AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(7436, 1);
        UPDATE portal_outbox SET seq = nextval('portal_outbox_seq') WHERE id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE CONSTRAINT TRIGGER tg_portal_outbox_number AFTER INSERT ON portal_outbox
                   DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION portal_outbox_number()`);
    await q.query(`REVOKE ALL ON FUNCTION portal_outbox_number() FROM PUBLIC`);

    await q.query(`ALTER TABLE information_request ADD COLUMN overdue_at timestamptz`);
    // Open requests the late-reply job has not yet marked, by reply-by date.
    await q.query(`CREATE INDEX ix_information_request_reply_due ON information_request (reply_by)
                   WHERE resumed_at IS NULL AND overdue_at IS NULL`);
    // The "Svarfrist passert" list: open requests past their reply-by date.
    await q.query(`CREATE INDEX ix_information_request_overdue ON information_request (application_id)
                   WHERE resumed_at IS NULL AND overdue_at IS NOT NULL`);

    await q.query(`ALTER TABLE application ADD COLUMN preliminary_reply_at timestamptz`);
    // Undecided cases that have had no preliminary reply, oldest first.
    await q.query(`CREATE INDEX ix_application_preliminary_reply_due ON application (received_at)
                   WHERE preliminary_reply_at IS NULL AND status IN ('received', 'in_review', 'awaiting_applicant', 'recommended')`);

    await grantToApp(q, 'SELECT, INSERT, UPDATE', ['portal_outbox']);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_application_preliminary_reply_due`);
    await q.query(`ALTER TABLE application DROP COLUMN preliminary_reply_at`);
    await q.query(`DROP INDEX ix_information_request_overdue`);
    await q.query(`DROP INDEX ix_information_request_reply_due`);
    await q.query(`ALTER TABLE information_request DROP COLUMN overdue_at`);
    await q.query(`DROP TABLE portal_outbox`);
    await q.query(`DROP FUNCTION portal_outbox_number`);
  }
}
