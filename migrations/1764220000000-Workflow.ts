import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Casework from first look to decision: information requests (the SLA clock
 * pauses), notes with their history, recommendations, returns, decisions
 * (four-eyes enforced by constraints), decision letters and register reports.
 */
export class Workflow1764220000000 implements MigrationInterface {
  name = 'Workflow1764220000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE information_request (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id  uuid NOT NULL,
        message         text NOT NULL,
        reply_by        date NOT NULL,
        requested_by    uuid NOT NULL,
        requested_at    timestamptz NOT NULL DEFAULT now(),
        resumed_at      timestamptz,
        resumed_by      uuid,
        paused_business_days integer,
        CONSTRAINT fk_information_request_application FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE,
        CONSTRAINT fk_information_request_requested_by FOREIGN KEY (requested_by) REFERENCES app_user (id),
        CONSTRAINT ck_information_request_message CHECK (length(btrim(message)) > 0)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_information_request_open ON information_request (application_id) WHERE resumed_at IS NULL`);

    await q.query(`
      CREATE TABLE note (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id     uuid NOT NULL,
        anchor_type        text NOT NULL,
        anchor_ref         text,
        body               text NOT NULL,
        author_id          uuid NOT NULL,
        created_at         timestamptz NOT NULL DEFAULT now(),
        edited_at          timestamptz,
        version            integer NOT NULL DEFAULT 1,
        entered_in_error   boolean NOT NULL DEFAULT false,
        error_reason       text,
        CONSTRAINT fk_note_application FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE,
        CONSTRAINT fk_note_author FOREIGN KEY (author_id) REFERENCES app_user (id),
        CONSTRAINT ck_note_anchor CHECK (
          (anchor_type = 'application' AND anchor_ref IS NULL) OR (anchor_type IN ('costLine', 'rule') AND anchor_ref IS NOT NULL)),
        CONSTRAINT ck_note_body CHECK (length(btrim(body)) > 0),
        CONSTRAINT ck_note_error_reason CHECK (NOT entered_in_error OR length(btrim(error_reason)) > 0)
      )`);
    await q.query(`CREATE INDEX ix_note_application ON note (application_id, created_at)`);
    await q.query(`
      CREATE TABLE note_revision (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        note_id     uuid NOT NULL,
        version     integer NOT NULL,
        body        text NOT NULL,
        written_by  uuid NOT NULL,
        written_at  timestamptz NOT NULL,
        CONSTRAINT fk_note_revision_note FOREIGN KEY (note_id) REFERENCES note (id) ON DELETE CASCADE,
        CONSTRAINT uq_note_revision UNIQUE (note_id, version)
      )`);
    await q.query(`CREATE TRIGGER tg_note_revision_append_only BEFORE UPDATE OR DELETE ON note_revision
                   FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    // Notes are never deleted, only marked as entered in error.
    await q.query(`CREATE FUNCTION note_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF pg_trigger_depth() > 1 THEN RETURN OLD; END IF; -- removal of the whole case (cascade) is allowed
        RAISE EXCEPTION 'notes are never deleted; mark them as entered in error' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER tg_note_no_delete BEFORE DELETE ON note FOR EACH ROW EXECUTE FUNCTION note_refuse_delete()`);

    await q.query(`
      CREATE TABLE recommendation (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id   uuid NOT NULL,
        outcome          text NOT NULL,
        amount_nok       bigint,
        justification    text NOT NULL,
        conditions       jsonb NOT NULL DEFAULT '[]',
        grounds          jsonb NOT NULL DEFAULT '[]',
        evaluation_id    uuid NOT NULL,
        recommended_by   uuid NOT NULL,
        recommended_at   timestamptz NOT NULL DEFAULT now(),
        returned_at      timestamptz,
        returned_by      uuid,
        return_reason    text,
        return_comment   text,
        CONSTRAINT fk_recommendation_application FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE,
        CONSTRAINT fk_recommendation_evaluation FOREIGN KEY (evaluation_id) REFERENCES evaluation (id),
        CONSTRAINT fk_recommendation_recommended_by FOREIGN KEY (recommended_by) REFERENCES app_user (id),
        CONSTRAINT fk_recommendation_returned_by FOREIGN KEY (returned_by) REFERENCES app_user (id),
        CONSTRAINT uq_recommendation_id_recommender UNIQUE (id, recommended_by),
        CONSTRAINT ck_recommendation_outcome CHECK (outcome IN ('grant', 'reject')),
        CONSTRAINT ck_recommendation_amount CHECK ((outcome = 'grant' AND amount_nok > 0) OR (outcome = 'reject' AND amount_nok IS NULL)),
        CONSTRAINT ck_recommendation_return CHECK ((returned_at IS NULL) = (returned_by IS NULL)),
        CONSTRAINT ck_recommendation_return_by_other CHECK (returned_by IS NULL OR returned_by <> recommended_by),
        CONSTRAINT ck_recommendation_return_reason CHECK (return_reason IS NULL OR return_reason IN
          ('missing-investigation', 'missing-justification', 'wrong-result', 'other'))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_recommendation_open ON recommendation (application_id) WHERE returned_at IS NULL`);

    // Four-eyes in the schema: a decision names its recommendation together
    // with that recommendation's author (composite foreign key), and the
    // decider must be someone else (check). No code path can bypass either.
    await q.query(`
      CREATE TABLE decision (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id       uuid NOT NULL,
        recommendation_id    uuid NOT NULL,
        recommended_by       uuid NOT NULL,
        decided_by           uuid NOT NULL,
        decided_at           timestamptz NOT NULL DEFAULT now(),
        decision_date        date NOT NULL,
        outcome              text NOT NULL,
        amount_nok           bigint,
        eligible_costs_nok   bigint NOT NULL,
        intensity_pct        numeric(5, 2),
        legal_basis          text NOT NULL,
        conditions           jsonb NOT NULL,
        grounds              jsonb NOT NULL,
        evaluation_id        uuid NOT NULL,
        input_hash           text NOT NULL,
        rulebook_version     text NOT NULL,
        parameter_set        text NOT NULL,
        appeal               jsonb NOT NULL,
        register_obligation  boolean NOT NULL,
        record               jsonb NOT NULL,
        CONSTRAINT uq_decision_application UNIQUE (application_id),
        CONSTRAINT fk_decision_application FOREIGN KEY (application_id) REFERENCES application (id),
        CONSTRAINT fk_decision_recommendation FOREIGN KEY (recommendation_id, recommended_by)
          REFERENCES recommendation (id, recommended_by),
        CONSTRAINT fk_decision_decided_by FOREIGN KEY (decided_by) REFERENCES app_user (id),
        CONSTRAINT fk_decision_evaluation FOREIGN KEY (evaluation_id) REFERENCES evaluation (id),
        CONSTRAINT ck_decision_four_eyes CHECK (decided_by <> recommended_by),
        CONSTRAINT ck_decision_outcome CHECK (outcome IN ('granted', 'rejected')),
        CONSTRAINT ck_decision_amount CHECK ((outcome = 'granted' AND amount_nok > 0) OR (outcome = 'rejected' AND amount_nok IS NULL))
      )`);
    await q.query(`CREATE TRIGGER tg_decision_append_only BEFORE UPDATE OR DELETE ON decision
                   FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await q.query(`CREATE INDEX ix_decision_decided_at ON decision (decided_at)`);

    await q.query(`
      CREATE TABLE decision_letter (
        decision_id  uuid NOT NULL,
        lang         text NOT NULL,
        pdf          bytea NOT NULL,
        sha256       text NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_decision_letter PRIMARY KEY (decision_id, lang),
        CONSTRAINT fk_decision_letter_decision FOREIGN KEY (decision_id) REFERENCES decision (id),
        CONSTRAINT ck_decision_letter_lang CHECK (lang IN ('nb', 'en')),
        CONSTRAINT ck_decision_letter_sha CHECK (sha256 = encode(sha256(pdf), 'hex'))
      )`);
    await q.query(`CREATE TRIGGER tg_decision_letter_append_only BEFORE UPDATE OR DELETE ON decision_letter
                   FOR EACH ROW EXECUTE FUNCTION refuse_change()`);

    await q.query(`
      CREATE TABLE register_report (
        decision_id         uuid PRIMARY KEY,
        due_on              date NOT NULL,
        reported_at         timestamptz,
        reported_by         uuid,
        register_reference  text,
        CONSTRAINT fk_register_report_decision FOREIGN KEY (decision_id) REFERENCES decision (id),
        CONSTRAINT fk_register_report_reported_by FOREIGN KEY (reported_by) REFERENCES app_user (id),
        CONSTRAINT ck_register_report_reported CHECK ((reported_at IS NULL) = (register_reference IS NULL))
      )`);
    await q.query(`CREATE INDEX ix_register_report_due ON register_report (due_on) WHERE reported_at IS NULL`);

    await q.query(`ALTER TABLE application ADD COLUMN decided_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE application DROP COLUMN decided_at`);
    for (const t of ['register_report', 'decision_letter', 'decision', 'recommendation', 'note_revision', 'note', 'information_request']) {
      await q.query(`DROP TABLE ${t}`);
    }
    await q.query(`DROP FUNCTION note_refuse_delete`);
  }
}
