import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rulebook evaluations (append-only, with their input snapshot and hash), the
 * latest evaluation's summary on the case for the queue, caseworker
 * corrections of facts, judgments with their history, and the caseworker's
 * approved amount on each cost line.
 */
export class Evaluations1764210000000 implements MigrationInterface {
  name = 'Evaluations1764210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE evaluation (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id   uuid NOT NULL,
        evaluated_at     timestamptz NOT NULL DEFAULT now(),
        evaluated_by     text NOT NULL,
        reason           text NOT NULL,
        rulebook_version text NOT NULL,
        parameter_set    text NOT NULL,
        evaluation_date  date NOT NULL,
        nok_per_eur      numeric(12, 4) NOT NULL,
        fx_source        text NOT NULL,
        fx_date          date NOT NULL,
        input_hash       text NOT NULL,
        input_snapshot   jsonb NOT NULL,
        result           jsonb NOT NULL,
        CONSTRAINT fk_evaluation_application FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE,
        CONSTRAINT ck_evaluation_reason CHECK (reason IN ('intake', 'requested', 'change', 'decision')),
        CONSTRAINT ck_evaluation_input_hash CHECK (input_hash ~ '^[0-9a-f]{64}$')
      )`);
    await q.query(`CREATE INDEX ix_evaluation_application ON evaluation (application_id, evaluated_at DESC)`);
    await q.query(`
      CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER tg_evaluation_append_only BEFORE UPDATE OR DELETE ON evaluation
                   FOR EACH ROW EXECUTE FUNCTION refuse_change()`);

    // The latest evaluation's summary, kept on the case so the queue can filter and sort by it with indexes.
    await q.query(`
      ALTER TABLE application
        ADD COLUMN latest_evaluation_id uuid,
        ADD COLUMN rule_outcomes text[] NOT NULL DEFAULT '{}',
        ADD COLUMN flag_fail integer NOT NULL DEFAULT 0,
        ADD COLUMN flag_missing integer NOT NULL DEFAULT 0,
        ADD COLUMN flag_refer integer NOT NULL DEFAULT 0,
        ADD COLUMN flag_assess integer NOT NULL DEFAULT 0,
        ADD COLUMN eligible_costs_nok bigint,
        ADD COLUMN max_aid_nok bigint,
        ADD COLUMN nok_per_eur_override numeric(12, 4),
        ADD COLUMN nok_per_eur_override_reason text,
        ADD CONSTRAINT fk_application_latest_evaluation FOREIGN KEY (latest_evaluation_id) REFERENCES evaluation (id)`);
    await q.query(`CREATE INDEX ix_application_rule_outcomes ON application USING gin (rule_outcomes)`);
    await q.query(`CREATE INDEX ix_application_problems ON application (status, (flag_fail + flag_missing + flag_refer), id)`);
    await q.query(`CREATE INDEX ix_application_max_aid ON application (status, (coalesce(max_aid_nok, -1)), id)`);

    await q.query(`
      CREATE TABLE fact_correction (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id   uuid NOT NULL,
        path             text NOT NULL,
        submitted_value  jsonb,
        corrected_value  jsonb,
        reason           text NOT NULL,
        corrected_by     text NOT NULL,
        corrected_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_fact_correction_application FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE,
        CONSTRAINT ck_fact_correction_reason CHECK (length(btrim(reason)) > 0)
      )`);
    await q.query(`CREATE INDEX ix_fact_correction_application ON fact_correction (application_id, path, corrected_at)`);
    await q.query(`CREATE TRIGGER tg_fact_correction_append_only BEFORE UPDATE OR DELETE ON fact_correction
                   FOR EACH ROW EXECUTE FUNCTION refuse_change()`);

    await q.query(`
      CREATE TABLE judgment (
        application_id  uuid NOT NULL,
        criterion_id    text NOT NULL,
        outcome         text NOT NULL,
        rationale       text NOT NULL,
        recorded_by     text NOT NULL,
        recorded_at     timestamptz NOT NULL DEFAULT now(),
        revision        integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_judgment PRIMARY KEY (application_id, criterion_id),
        CONSTRAINT fk_judgment_application FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE,
        CONSTRAINT ck_judgment_outcome CHECK (outcome IN ('pass', 'fail')),
        CONSTRAINT ck_judgment_criterion CHECK (criterion_id ~ '^J-[A-Z]+-[0-9]{2}$'),
        CONSTRAINT ck_judgment_rationale CHECK (length(btrim(rationale)) > 0)
      )`);
    await q.query(`
      CREATE TABLE judgment_revision (
        id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        application_id  uuid NOT NULL,
        criterion_id    text NOT NULL,
        revision        integer NOT NULL,
        outcome         text NOT NULL,
        rationale       text NOT NULL,
        recorded_by     text NOT NULL,
        recorded_at     timestamptz NOT NULL,
        CONSTRAINT fk_judgment_revision_application FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE,
        CONSTRAINT uq_judgment_revision UNIQUE (application_id, criterion_id, revision)
      )`);
    await q.query(`CREATE TRIGGER tg_judgment_revision_append_only BEFORE UPDATE OR DELETE ON judgment_revision
                   FOR EACH ROW EXECUTE FUNCTION refuse_change()`);

    await q.query(`
      ALTER TABLE cost_line
        ADD COLUMN approved_amount_nok bigint,
        ADD COLUMN approval_reason text,
        ADD COLUMN assessed_by text,
        ADD COLUMN assessed_at timestamptz,
        ADD CONSTRAINT ck_cost_line_approved CHECK (approved_amount_nok IS NULL OR approved_amount_nok BETWEEN 0 AND amount_nok),
        ADD CONSTRAINT ck_cost_line_approval_reason CHECK (approved_amount_nok IS NULL OR length(btrim(approval_reason)) > 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cost_line DROP COLUMN approved_amount_nok, DROP COLUMN approval_reason,
                   DROP COLUMN assessed_by, DROP COLUMN assessed_at`);
    await q.query(`DROP TABLE judgment_revision`);
    await q.query(`DROP TABLE judgment`);
    await q.query(`DROP TABLE fact_correction`);
    await q.query(`ALTER TABLE application DROP COLUMN latest_evaluation_id, DROP COLUMN rule_outcomes, DROP COLUMN flag_fail,
                   DROP COLUMN flag_missing, DROP COLUMN flag_refer, DROP COLUMN flag_assess, DROP COLUMN eligible_costs_nok,
                   DROP COLUMN max_aid_nok, DROP COLUMN nok_per_eur_override, DROP COLUMN nok_per_eur_override_reason`);
    await q.query(`DROP TABLE evaluation`);
    await q.query(`DROP FUNCTION refuse_change`);
  }
}
