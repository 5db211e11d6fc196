import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users, applications with their normalised parts, the queue's indexes and
 * the append-only, hash-chained audit log.
 */
export class Foundation1764200000000 implements MigrationInterface {
  name = 'Foundation1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await q.query(`
      CREATE TABLE app_user (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username      text NOT NULL,
        display_name  text NOT NULL,
        password_hash text NOT NULL,
        active        boolean NOT NULL DEFAULT true,
        created_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_app_user_username UNIQUE (username),
        CONSTRAINT ck_app_user_username CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,62}$')
      )`);
    await q.query(`
      CREATE TABLE user_role (
        user_id uuid NOT NULL,
        role    text NOT NULL,
        CONSTRAINT pk_user_role PRIMARY KEY (user_id, role),
        CONSTRAINT fk_user_role_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
        CONSTRAINT ck_user_role_role CHECK (role IN ('caseworker', 'approver', 'manager', 'admin', 'intake'))
      )`);
    await q.query(`CREATE INDEX ix_user_role_role ON user_role (role)`);

    await q.query(`CREATE SEQUENCE application_reference_seq`);
    await q.query(`
      CREATE TABLE application (
        id                             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference                      text NOT NULL,
        external_ref                   text NOT NULL,
        submission_hash                text NOT NULL,
        submitted_document             jsonb NOT NULL,
        status                         text NOT NULL DEFAULT 'received',
        assignee_id                    uuid,
        version                        integer NOT NULL DEFAULT 1,
        received_at                    timestamptz NOT NULL,
        created_at                     timestamptz NOT NULL DEFAULT now(),
        updated_at                     timestamptz NOT NULL DEFAULT now(),
        sla_due_on                     date NOT NULL,
        applicant_name                 text NOT NULL,
        org_number                     text NOT NULL,
        county                         text,
        project_title                  text NOT NULL,
        project_description            text,
        innovation_types               text[] NOT NULL,
        start_date                     date,
        end_date                       date,
        first_binding_commitment_date  date,
        location                       text,
        circular_transition            boolean,
        aid_instrument                 text NOT NULL,
        requested_amount_nok           bigint NOT NULL,
        size_class                     text,
        decision_outcome               text,
        search_text                    text GENERATED ALWAYS AS (
          lower(reference || ' ' || org_number || ' ' || applicant_name || ' ' || project_title)
        ) STORED,
        CONSTRAINT uq_application_reference UNIQUE (reference),
        CONSTRAINT uq_application_external_ref UNIQUE (external_ref),
        CONSTRAINT fk_application_assignee FOREIGN KEY (assignee_id) REFERENCES app_user (id),
        CONSTRAINT ck_application_status CHECK (status IN
          ('received', 'in_review', 'awaiting_applicant', 'recommended', 'decided', 'withdrawn')),
        CONSTRAINT ck_application_requested_amount CHECK (requested_amount_nok > 0),
        CONSTRAINT ck_application_dates CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date),
        CONSTRAINT ck_application_size_class CHECK (size_class IN ('micro', 'small', 'medium', 'large')),
        CONSTRAINT ck_application_decision CHECK (decision_outcome IN ('granted', 'rejected')),
        CONSTRAINT ck_application_version CHECK (version > 0)
      )`);
    // Queue access paths: filter by assignee and/or status, keyset-sort by one
    // column with the id as tie-breaker.
    for (const [name, cols] of [
      ['ix_application_assignee_status_received', 'assignee_id, status, received_at, id'],
      ['ix_application_assignee_status_sla', 'assignee_id, status, sla_due_on, id'],
      ['ix_application_status_received', 'status, received_at, id'],
      ['ix_application_status_sla', 'status, sla_due_on, id'],
      ['ix_application_status_amount', 'status, requested_amount_nok, id'],
      ['ix_application_status_name', 'status, applicant_name, id'],
      ['ix_application_received', 'received_at, id'],
      ['ix_application_sla', 'sla_due_on, id'],
      ['ix_application_amount', 'requested_amount_nok, id'],
      ['ix_application_name', 'applicant_name, id'],
    ]) {
      await q.query(`CREATE INDEX ${name} ON application (${cols})`);
    }
    await q.query(`CREATE INDEX ix_application_search_trgm ON application USING gin (search_text gin_trgm_ops)`);
    await q.query(`CREATE INDEX ix_application_org_number ON application (org_number)`);

    await q.query(`
      CREATE TABLE applicant (
        application_id               uuid PRIMARY KEY,
        org_number                   text NOT NULL,
        name                         text NOT NULL,
        company_form                 text NOT NULL,
        incorporated_on              date,
        nace_code                    text,
        county                       text,
        public_ownership_pct         numeric(5, 2),
        insolvency_proceedings       boolean,
        outstanding_rescue_aid       boolean,
        outstanding_recovery_order   boolean,
        CONSTRAINT fk_applicant_application FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE,
        CONSTRAINT ck_applicant_org_number CHECK (org_number ~ '^[0-9]{9}$'),
        CONSTRAINT ck_applicant_public_ownership CHECK (public_ownership_pct BETWEEN 0 AND 100)
      )`);

    await q.query(`
      CREATE TABLE financial_year (
        id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id        uuid NOT NULL,
        year                  integer NOT NULL,
        annual_work_units     numeric(12, 2),
        turnover_nok          bigint,
        balance_sheet_nok     bigint,
        share_capital_nok     bigint,
        other_equity_nok      bigint,
        debt_nok              bigint,
        ebitda_nok            bigint,
        interest_expense_nok  bigint,
        CONSTRAINT fk_financial_year_application FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE,
        CONSTRAINT uq_financial_year_application_year UNIQUE (application_id, year)
      )`);

    await q.query(`
      CREATE TABLE related_enterprise (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id     uuid NOT NULL,
        position           integer NOT NULL,
        name               text NOT NULL,
        org_number         text,
        relation           text NOT NULL,
        share_pct          numeric(5, 2),
        annual_work_units  numeric(12, 2),
        turnover_nok       bigint,
        balance_sheet_nok  bigint,
        CONSTRAINT fk_related_enterprise_application FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE,
        CONSTRAINT uq_related_enterprise_position UNIQUE (application_id, position),
        CONSTRAINT ck_related_enterprise_relation CHECK (relation IN ('linked', 'partner'))
      )`);

    await q.query(`
      CREATE TABLE collaboration_partner (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id      uuid NOT NULL,
        position            integer NOT NULL,
        name                text NOT NULL,
        org_number          text,
        size_class          text,
        eligible_costs_nok  bigint,
        CONSTRAINT fk_collaboration_partner_application FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE,
        CONSTRAINT uq_collaboration_partner_position UNIQUE (application_id, position),
        CONSTRAINT ck_collaboration_partner_size CHECK (size_class IN ('micro', 'small', 'medium', 'large'))
      )`);

    await q.query(`
      CREATE TABLE other_public_aid (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id     uuid NOT NULL,
        position           integer NOT NULL,
        grantor            text NOT NULL,
        legal_basis        text,
        amount_nok         bigint NOT NULL,
        covers_same_costs  boolean NOT NULL,
        CONSTRAINT fk_other_public_aid_application FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE,
        CONSTRAINT uq_other_public_aid_position UNIQUE (application_id, position)
      )`);

    await q.query(`
      CREATE TABLE cost_line (
        id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id         uuid NOT NULL,
        line_no                integer NOT NULL,
        category               text NOT NULL,
        description            text NOT NULL,
        amount_nok             bigint NOT NULL,
        hours                  numeric(12, 2),
        hourly_rate_nok        bigint,
        basis                  text,
        acquisition_cost_nok   bigint,
        useful_life_months     numeric(8, 2),
        months_used            numeric(8, 2),
        project_use_share_pct  numeric(5, 2),
        monthly_rent_nok       bigint,
        supplier_name          text,
        supplier_relation      text,
        incurred_from          date,
        CONSTRAINT fk_cost_line_application FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE,
        CONSTRAINT uq_cost_line_application_line_no UNIQUE (application_id, line_no),
        CONSTRAINT ck_cost_line_category CHECK (category IN
          ('personnel', 'consultancy', 'equipment', 'ipr', 'overheads', 'materials', 'other')),
        CONSTRAINT ck_cost_line_amount CHECK (amount_nok >= 0),
        CONSTRAINT ck_cost_line_basis CHECK (basis IN ('depreciation', 'rental')),
        CONSTRAINT ck_cost_line_supplier_relation CHECK (supplier_relation IN ('independent', 'partner', 'linked'))
      )`);

    // The audit log: append-only (a trigger refuses UPDATE, DELETE and
    // TRUNCATE) and hash-chained per stream: each case's events form one chain,
    // events about no case another. The trigger links every insert, whatever
    // code path makes it, under a per-stream advisory lock, so chains never
    // fork; separate cases never wait for each other (one global chain would
    // serialise every commit of the system behind one lock).
    await q.query(`
      CREATE TABLE audit_event (
        id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_id        uuid,
        actor           text NOT NULL,
        application_id  uuid,
        kind            text NOT NULL,
        data            jsonb NOT NULL DEFAULT '{}'::jsonb,
        stream_seq      integer NOT NULL,
        prev_hash       text NOT NULL,
        hash            text NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_audit_event_stream ON audit_event
                   ((coalesce(application_id, '00000000-0000-0000-0000-000000000000'::uuid)), stream_seq)`);
    await q.query(`CREATE INDEX ix_audit_event_kind ON audit_event (kind, occurred_at)`);
    await q.query(`
      CREATE FUNCTION audit_event_digest(prev_hash text, stream_seq integer, occurred_at timestamptz, actor text,
                                         application_id uuid, kind text, data jsonb) RETURNS text
      LANGUAGE sql IMMUTABLE AS $$
        SELECT encode(sha256(convert_to(concat_ws('|', prev_hash, stream_seq::text,
          to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), actor,
          coalesce(application_id::text, ''), kind, data::text), 'UTF8')), 'hex')
      $$`);
    await q.query(`
      CREATE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        stream uuid := coalesce(NEW.application_id, '00000000-0000-0000-0000-000000000000'::uuid);
        last audit_event%ROWTYPE;
      BEGIN
        PERFORM pg_advisory_xact_lock(7436, hashtext(stream::text));
        SELECT * INTO last FROM audit_event
         WHERE coalesce(application_id, '00000000-0000-0000-0000-000000000000'::uuid) = stream
         ORDER BY stream_seq DESC LIMIT 1;
        NEW.stream_seq := coalesce(last.stream_seq, 0) + 1;
        NEW.prev_hash := coalesce(last.hash, repeat('0', 64));
        NEW.hash := audit_event_digest(NEW.prev_hash, NEW.stream_seq, NEW.occurred_at, NEW.actor,
                                       NEW.application_id, NEW.kind, NEW.data);
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER tg_audit_event_chain BEFORE INSERT ON audit_event
                   FOR EACH ROW EXECUTE FUNCTION audit_event_chain()`);
    await q.query(`CREATE TRIGGER tg_audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
                   FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change()`);
    await q.query(`CREATE TRIGGER tg_audit_event_no_truncate BEFORE TRUNCATE ON audit_event
                   FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_event`);
    await q.query(`DROP FUNCTION audit_event_refuse_change, audit_event_chain, audit_event_digest`);
    for (const table of [
      'cost_line',
      'other_public_aid',
      'collaboration_partner',
      'related_enterprise',
      'financial_year',
      'applicant',
      'application',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP SEQUENCE application_reference_seq`);
    await q.query(`DROP TABLE user_role`);
    await q.query(`DROP TABLE app_user`);
  }
}
