import { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToApp } from './app-role';

/**
 * The manager's dashboard without counting a million rows per request (docs/scale.md). Measured
 * at 1 000 000 cases, GET /api/stats/overview took p50 1 787 ms / p95 2 124 ms: six aggregates,
 * each a scan of application or decision. Its figures are now kept as the cases change:
 *
 * - `case_tally`: the number of cases per status and, for open cases, per caseworker, day of
 *   receipt and SLA due date; for decided cases per decision day and outcome. Triggers on
 *   application keep it (AFTER INSERT, DELETE, and UPDATE of the columns it groups by), so every
 *   path that changes a case, the API or SQL by hand, counts. The dashboard sums its rows: a few
 *   thousand for an office's open cases, whatever the number of closed ones.
 * - `grant_tally`: decisions per year and outcome, with the amount granted, kept by a trigger on
 *   decision (append-only).
 *
 * Each backend adds to its own slot (its process id modulo 8), so concurrent intakes do not queue
 * for one counter row; the dashboard sums the slots. A row that comes to zero is deleted. The
 * trigger functions run as the owner (SECURITY DEFINER): the application role may read the
 * tallies but not change them.
 *
 * Also: the four-eyes trigger on decision (1764270000000) found the case's events by
 * `application_id = $1`, which no index serves (a scan of every audit event per decision); it now
 * uses the audit stream index (uq_audit_event_stream), as the application's reads do.
 */
export class DashboardTally1764400000000 implements MigrationInterface {
  name = 'DashboardTally1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_tally (
        slot         smallint NOT NULL,
        status       text NOT NULL,
        assignee_id  uuid,
        received_on  date,
        sla_due_on   date,
        decided_on   date,
        outcome      text,
        n            integer NOT NULL,
        CONSTRAINT uq_case_tally UNIQUE NULLS NOT DISTINCT (status, assignee_id, received_on, sla_due_on, decided_on, outcome, slot)
      )`);
    await q.query(
      `COMMENT ON TABLE case_tally IS 'Cases per status (open: per caseworker, day received and SLA due date; decided: per day and outcome), kept by triggers on application for the dashboard'`,
    );
    await q.query(`
      CREATE TABLE grant_tally (
        slot        smallint NOT NULL,
        year        integer NOT NULL,
        outcome     text NOT NULL,
        n           integer NOT NULL,
        amount_nok  bigint NOT NULL,
        CONSTRAINT pk_grant_tally PRIMARY KEY (year, outcome, slot)
      )`);
    await q.query(
      `COMMENT ON TABLE grant_tally IS 'Decisions per year and outcome with the amount, kept by a trigger on decision for the dashboard'`,
    );
    await grantToApp(q, 'SELECT', ['case_tally', 'grant_tally']);

    await q.query(`
      CREATE FUNCTION case_tally_add(p_status text, p_assignee uuid, p_received timestamptz, p_due date, p_decided timestamptz,
                                     p_outcome text, p_n integer) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        closed boolean := p_status IN ('decided', 'withdrawn');
        left_n integer;
        at tid;
      BEGIN
        INSERT INTO case_tally AS t (slot, status, assignee_id, received_on, sla_due_on, decided_on, outcome, n)
        VALUES (pg_backend_pid() % 8, p_status,
                CASE WHEN closed THEN NULL ELSE p_assignee END,
                CASE WHEN closed THEN NULL ELSE (p_received AT TIME ZONE 'Europe/Oslo')::date END,
                CASE WHEN closed THEN NULL ELSE p_due END,
                CASE WHEN p_status = 'decided' THEN (p_decided AT TIME ZONE 'Europe/Oslo')::date END,
                CASE WHEN p_status = 'decided' THEN p_outcome END,
                p_n)
        ON CONFLICT ON CONSTRAINT uq_case_tally DO UPDATE SET n = t.n + EXCLUDED.n
        RETURNING t.n, t.ctid INTO left_n, at;
        IF left_n = 0 THEN
          DELETE FROM case_tally WHERE ctid = at;
        END IF;
      END $$`);
    await q.query(`REVOKE EXECUTE ON FUNCTION case_tally_add(text, uuid, timestamptz, date, timestamptz, text, integer) FROM PUBLIC`);
    await q.query(`
      CREATE FUNCTION application_tally() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          PERFORM case_tally_add(OLD.status, OLD.assignee_id, OLD.received_at, OLD.sla_due_on, OLD.decided_at, OLD.decision_outcome, -1);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          PERFORM case_tally_add(NEW.status, NEW.assignee_id, NEW.received_at, NEW.sla_due_on, NEW.decided_at, NEW.decision_outcome, 1);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER tg_application_tally AFTER INSERT OR DELETE ON application FOR EACH ROW EXECUTE FUNCTION application_tally()`,
    );
    await q.query(`
      CREATE TRIGGER tg_application_tally_update AFTER UPDATE OF status, assignee_id, received_at, sla_due_on, decided_at, decision_outcome
        ON application FOR EACH ROW
        WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.assignee_id IS DISTINCT FROM NEW.assignee_id
              OR OLD.received_at IS DISTINCT FROM NEW.received_at OR OLD.sla_due_on IS DISTINCT FROM NEW.sla_due_on
              OR OLD.decided_at IS DISTINCT FROM NEW.decided_at OR OLD.decision_outcome IS DISTINCT FROM NEW.decision_outcome)
        EXECUTE FUNCTION application_tally()`);

    await q.query(`
      CREATE FUNCTION decision_tally() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        INSERT INTO grant_tally AS t (slot, year, outcome, n, amount_nok)
        VALUES (pg_backend_pid() % 8, extract(year FROM NEW.decision_date)::int, NEW.outcome, 1, coalesce(NEW.amount_nok, 0))
        ON CONFLICT ON CONSTRAINT pk_grant_tally DO UPDATE SET n = t.n + 1, amount_nok = t.amount_nok + EXCLUDED.amount_nok;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER tg_decision_tally AFTER INSERT ON decision FOR EACH ROW EXECUTE FUNCTION decision_tally()`);

    // TRUNCATE has no rows: the tallies go with the cases (a TRUNCATE ... CASCADE reaches these too).
    await q.query(`
      CREATE FUNCTION tally_truncate() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        IF TG_TABLE_NAME = 'application' THEN DELETE FROM case_tally; ELSE DELETE FROM grant_tally; END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER tg_application_tally_truncate AFTER TRUNCATE ON application FOR EACH STATEMENT EXECUTE FUNCTION tally_truncate()`,
    );
    await q.query(
      `CREATE TRIGGER tg_decision_tally_truncate AFTER TRUNCATE ON decision FOR EACH STATEMENT EXECUTE FUNCTION tally_truncate()`,
    );

    // The cases there are already.
    await q.query(`
      INSERT INTO case_tally (slot, status, assignee_id, received_on, sla_due_on, decided_on, outcome, n)
      SELECT 0, status, assignee_id, received_on, sla_due_on, decided_on, outcome, count(*)
        FROM (SELECT status,
                     CASE WHEN status IN ('decided', 'withdrawn') THEN NULL ELSE assignee_id END AS assignee_id,
                     CASE WHEN status IN ('decided', 'withdrawn') THEN NULL ELSE (received_at AT TIME ZONE 'Europe/Oslo')::date END AS received_on,
                     CASE WHEN status IN ('decided', 'withdrawn') THEN NULL ELSE sla_due_on END AS sla_due_on,
                     CASE WHEN status = 'decided' THEN (decided_at AT TIME ZONE 'Europe/Oslo')::date END AS decided_on,
                     CASE WHEN status = 'decided' THEN decision_outcome END AS outcome
                FROM application) a
       GROUP BY 1, 2, 3, 4, 5, 6, 7`);
    await q.query(`
      INSERT INTO grant_tally (slot, year, outcome, n, amount_nok)
      SELECT 0, extract(year FROM decision_date)::int, outcome, count(*), coalesce(sum(amount_nok), 0) FROM decision GROUP BY 1, 2, 3`);

    await q.query(`
      CREATE OR REPLACE FUNCTION decision_decider_took_no_part() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM audit_event e
                    WHERE coalesce(e.application_id, '00000000-0000-0000-0000-000000000000'::uuid) = NEW.application_id
                      AND e.actor_id = NEW.decided_by
                      AND e.kind IN ('recommendation', 'judgment', 'assessment', 'correction', 'exchange-rate')) THEN
          RAISE EXCEPTION 'four-eyes: the approver took part in case %', NEW.application_id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION decision_decider_took_no_part() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM audit_event e
                    WHERE e.application_id = NEW.application_id AND e.actor_id = NEW.decided_by
                      AND e.kind IN ('recommendation', 'judgment', 'assessment', 'correction', 'exchange-rate')) THEN
          RAISE EXCEPTION 'four-eyes: the approver took part in case %', NEW.application_id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`DROP TRIGGER tg_decision_tally_truncate ON decision`);
    await q.query(`DROP TRIGGER tg_application_tally_truncate ON application`);
    await q.query(`DROP TRIGGER tg_decision_tally ON decision`);
    await q.query(`DROP TRIGGER tg_application_tally_update ON application`);
    await q.query(`DROP TRIGGER tg_application_tally ON application`);
    await q.query(`DROP FUNCTION tally_truncate(), decision_tally(), application_tally()`);
    await q.query(`DROP FUNCTION case_tally_add(text, uuid, timestamptz, date, timestamptz, text, integer)`);
    await q.query(`DROP TABLE grant_tally, case_tally`);
  }
}
