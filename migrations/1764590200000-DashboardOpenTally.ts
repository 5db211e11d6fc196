import { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToApp } from './app-role';

/**
 * The dashboard's open cases without a row per open case (docs/scale.md). case_tally counts open
 * cases per caseworker, day received and SLA due date together: nearly one row per open case (5 344
 * rows for 6 170 open cases in the realistic 100 000-case database), so the dashboard summed more
 * rows as the office grew. With ten times the open cases (53 440 open rows, as a million cases over
 * the same three years would have), GET /api/stats/overview's statement took 250-320 ms
 * (2026-12-03, load average 10 on two cores), against a target of 100 ms.
 *
 * What the dashboard needs of open cases is two smaller groupings, each bounded by the calendar
 * and the staff, not by the number of cases:
 *
 * - `open_age_tally`: open cases per status and day received (the ageing; 1 319 rows at 100 000
 *   cases: the days that have open cases, times four statuses);
 * - `open_due_tally`: open cases per status, caseworker and SLA due date (the workload and what is
 *   overdue).
 *
 * Both are kept from case_tally by a trigger on it: every change of case_tally's open rows (the
 * application's triggers, and the bulk seed's batch statements, which write case_tally directly)
 * moves the same count here, in the same slot. A row that comes to zero is deleted.
 */
export class DashboardOpenTally1764590200000 implements MigrationInterface {
  name = 'DashboardOpenTally1764590200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE open_age_tally (
        slot         smallint NOT NULL,
        status       text NOT NULL,
        received_on  date NOT NULL,
        n            integer NOT NULL,
        CONSTRAINT pk_open_age_tally PRIMARY KEY (status, received_on, slot)
      )`);
    await q.query(`
      CREATE TABLE open_due_tally (
        slot         smallint NOT NULL,
        status       text NOT NULL,
        assignee_id  uuid,
        sla_due_on   date,
        n            integer NOT NULL,
        CONSTRAINT uq_open_due_tally UNIQUE NULLS NOT DISTINCT (status, assignee_id, sla_due_on, slot)
      )`);
    await q.query(
      `COMMENT ON TABLE open_age_tally IS 'Open cases per status and day received (Oslo), kept from case_tally for the dashboard'`,
    );
    await q.query(
      `COMMENT ON TABLE open_due_tally IS 'Open cases per status, caseworker and SLA due date, kept from case_tally for the dashboard'`,
    );
    await grantToApp(q, 'SELECT', ['open_age_tally', 'open_due_tally']);

    await q.query(`
      CREATE FUNCTION open_tally_add(p_slot smallint, p_status text, p_assignee uuid, p_received date, p_due date, p_n integer) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        left_n integer;
        at tid;
      BEGIN
        IF p_n = 0 OR p_status IN ('decided', 'withdrawn') THEN
          RETURN;
        END IF;
        IF p_received IS NOT NULL THEN
          INSERT INTO open_age_tally AS t (slot, status, received_on, n) VALUES (p_slot, p_status, p_received, p_n)
          ON CONFLICT ON CONSTRAINT pk_open_age_tally DO UPDATE SET n = t.n + EXCLUDED.n
          RETURNING t.n, t.ctid INTO left_n, at;
          IF left_n = 0 THEN
            DELETE FROM open_age_tally WHERE ctid = at;
          END IF;
        END IF;
        INSERT INTO open_due_tally AS t (slot, status, assignee_id, sla_due_on, n) VALUES (p_slot, p_status, p_assignee, p_due, p_n)
        ON CONFLICT ON CONSTRAINT uq_open_due_tally DO UPDATE SET n = t.n + EXCLUDED.n
        RETURNING t.n, t.ctid INTO left_n, at;
        IF left_n = 0 THEN
          DELETE FROM open_due_tally WHERE ctid = at;
        END IF;
      END $$`);
    await q.query(`REVOKE EXECUTE ON FUNCTION open_tally_add(smallint, text, uuid, date, date, integer) FROM PUBLIC`);
    await q.query(`
      CREATE FUNCTION case_tally_open() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          PERFORM open_tally_add(OLD.slot, OLD.status, OLD.assignee_id, OLD.received_on, OLD.sla_due_on, -OLD.n);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          PERFORM open_tally_add(NEW.slot, NEW.status, NEW.assignee_id, NEW.received_on, NEW.sla_due_on, NEW.n);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER tg_case_tally_open AFTER INSERT OR UPDATE OR DELETE ON case_tally FOR EACH ROW EXECUTE FUNCTION case_tally_open()`,
    );
    await q.query(`
      CREATE FUNCTION open_tally_truncate() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        DELETE FROM open_age_tally;
        DELETE FROM open_due_tally;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER tg_case_tally_open_truncate AFTER TRUNCATE ON case_tally FOR EACH STATEMENT EXECUTE FUNCTION open_tally_truncate()`,
    );

    // The open cases there are already, from case_tally.
    await q.query(`
      INSERT INTO open_age_tally (slot, status, received_on, n)
      SELECT slot, status, received_on, sum(n) FROM case_tally
       WHERE status NOT IN ('decided', 'withdrawn') AND received_on IS NOT NULL GROUP BY 1, 2, 3 HAVING sum(n) <> 0`);
    await q.query(`
      INSERT INTO open_due_tally (slot, status, assignee_id, sla_due_on, n)
      SELECT slot, status, assignee_id, sla_due_on, sum(n) FROM case_tally
       WHERE status NOT IN ('decided', 'withdrawn') GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tg_case_tally_open_truncate ON case_tally`);
    await q.query(`DROP TRIGGER tg_case_tally_open ON case_tally`);
    await q.query(`DROP FUNCTION open_tally_truncate(), case_tally_open()`);
    await q.query(`DROP FUNCTION open_tally_add(smallint, text, uuid, date, date, integer)`);
    await q.query(`DROP TABLE open_due_tally, open_age_tally`);
  }
}
