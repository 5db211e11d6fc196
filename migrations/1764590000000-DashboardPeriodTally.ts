import Holidays from 'date-holidays';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToApp } from './app-role';

/** The years the holiday calendar is written for (business days are counted within them). */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

/**
 * The dashboard's period without reading the period's decisions (docs/scale.md). Measured on the
 * realistic 100 000-case database (2026-12-03, machine quiet, load average 0.2), the period
 * statement of GET /api/stats/overview (the default period, the year) took 223 ms warm and 15.6 s
 * cold: the lead time joined the year's 29 348 decisions to their cases (an index-only scan of
 * every case) and grouped them by (day received, day decided), 17 982 pairs for the service to
 * count business days over. At a million cases that is ten times the rows.
 *
 * - `public_holiday`: Norway's public holidays for 2000-2100, from the same `date-holidays`
 *   calendar backend/src/sla/business-days.ts uses, and `business_days_between(from, to)`, that
 *   module's `businessDaysBetween` in SQL (test/integration/dashboard-period-tally.spec.ts checks
 *   they agree).
 * - `period_tally`: decisions per month of decision (Norwegian time), outcome and lead time in
 *   business days from the day received, with the amount. Triggers on decision (insert, and the
 *   owner's corrections: update, delete, truncate) and on application (its day received changed)
 *   keep it. A period starts on the first of a month, so its figures are the sum of its months'
 *   rows: at most twelve months times the lead times there are (a few hundred), whatever the
 *   number of cases. Each backend adds to its own slot (process id modulo 8), as case_tally does.
 */
export class DashboardPeriodTally1764590000000 implements MigrationInterface {
  name = 'DashboardPeriodTally1764590000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE public_holiday (day date PRIMARY KEY)`);
    await q.query(
      `COMMENT ON TABLE public_holiday IS 'Norwegian public holidays (date-holidays, NO, type public) ${FIRST_YEAR}-${LAST_YEAR}, for business_days_between'`,
    );
    const calendar = new Holidays('NO');
    const days = new Set<string>();
    for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
      for (const h of calendar.getHolidays(year)) if (h.type === 'public') days.add(h.date.slice(0, 10));
    }
    await q.query(`INSERT INTO public_holiday (day) SELECT unnest($1::date[])`, [[...days].sort()]);

    // backend/src/sla/business-days.ts businessDaysBetween: weekdays in (from, to] less the holidays on
    // weekdays among them; negative when `to` is earlier.
    await q.query(`
      CREATE FUNCTION business_days_between(p_from date, p_to date) RETURNS integer
      LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
        WITH r AS (SELECT least(p_from, p_to) AS a, greatest(p_from, p_to) AS b),
             n AS (
               SELECT ((SELECT count(*) FROM r, generate_series(r.a + 1, r.b, interval '1 day') d WHERE extract(isodow FROM d) < 6)
                     - (SELECT count(*) FROM r, public_holiday h WHERE h.day > r.a AND h.day <= r.b AND extract(isodow FROM h.day) < 6))::int AS days)
        SELECT CASE WHEN p_from <= p_to THEN days ELSE -days END FROM n
      $$`);

    await q.query(`
      CREATE TABLE period_tally (
        slot        smallint NOT NULL,
        month       date NOT NULL,
        outcome     text NOT NULL,
        lead_days   integer NOT NULL,
        n           integer NOT NULL,
        amount_nok  bigint NOT NULL,
        CONSTRAINT pk_period_tally PRIMARY KEY (month, outcome, lead_days, slot)
      )`);
    await q.query(
      `COMMENT ON TABLE period_tally IS 'Decisions per month decided (Oslo), outcome and business days from receipt, with the amount, kept by triggers for the dashboard''s period'`,
    );
    await grantToApp(q, 'SELECT', ['period_tally']);

    await q.query(`
      CREATE FUNCTION period_tally_add(p_received timestamptz, p_decided timestamptz, p_outcome text, p_amount bigint, p_n integer)
      RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        left_n integer;
        left_amount bigint;
        at tid;
      BEGIN
        IF p_received IS NULL OR p_decided IS NULL THEN
          RETURN;
        END IF;
        INSERT INTO period_tally AS t (slot, month, outcome, lead_days, n, amount_nok)
        VALUES (pg_backend_pid() % 8, date_trunc('month', p_decided AT TIME ZONE 'Europe/Oslo')::date, p_outcome,
                business_days_between((p_received AT TIME ZONE 'Europe/Oslo')::date, (p_decided AT TIME ZONE 'Europe/Oslo')::date),
                p_n, p_n * coalesce(p_amount, 0))
        ON CONFLICT ON CONSTRAINT pk_period_tally DO UPDATE SET n = t.n + EXCLUDED.n, amount_nok = t.amount_nok + EXCLUDED.amount_nok
        RETURNING t.n, t.amount_nok, t.ctid INTO left_n, left_amount, at;
        -- Only a row that is all zero goes: a slot's row may come to no decisions with an amount left
        -- (one decision's amount taken out there, another's added), which the other slots' rows make whole.
        IF left_n = 0 AND left_amount = 0 THEN
          DELETE FROM period_tally WHERE ctid = at;
        END IF;
      END $$`);
    await q.query(`REVOKE EXECUTE ON FUNCTION period_tally_add(timestamptz, timestamptz, text, bigint, integer) FROM PUBLIC`);
    await q.query(`
      CREATE FUNCTION decision_period_tally() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          PERFORM period_tally_add((SELECT received_at FROM application WHERE id = OLD.application_id), OLD.decided_at, OLD.outcome,
                                   OLD.amount_nok, -1);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          PERFORM period_tally_add((SELECT received_at FROM application WHERE id = NEW.application_id), NEW.decided_at, NEW.outcome,
                                   NEW.amount_nok, 1);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER tg_decision_period_tally AFTER INSERT OR DELETE OR UPDATE OF application_id, decided_at, outcome, amount_nok
         ON decision FOR EACH ROW EXECUTE FUNCTION decision_period_tally()`,
    );
    await q.query(`
      CREATE FUNCTION application_period_tally() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        d record;
      BEGIN
        FOR d IN SELECT decided_at, outcome, amount_nok FROM decision WHERE application_id = NEW.id LOOP
          PERFORM period_tally_add(OLD.received_at, d.decided_at, d.outcome, d.amount_nok, -1);
          PERFORM period_tally_add(NEW.received_at, d.decided_at, d.outcome, d.amount_nok, 1);
        END LOOP;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER tg_application_period_tally AFTER UPDATE OF received_at ON application FOR EACH ROW
         WHEN (OLD.received_at IS DISTINCT FROM NEW.received_at) EXECUTE FUNCTION application_period_tally()`,
    );
    await q.query(`
      CREATE FUNCTION period_tally_truncate() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        DELETE FROM period_tally;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER tg_decision_period_tally_truncate AFTER TRUNCATE ON decision FOR EACH STATEMENT EXECUTE FUNCTION period_tally_truncate()`,
    );

    // The decisions there are already (business days counted once per pair of days).
    await q.query(`
      INSERT INTO period_tally (slot, month, outcome, lead_days, n, amount_nok)
      SELECT 0, date_trunc('month', decided_on)::date, outcome, business_days_between(received_on, decided_on), sum(n), sum(amount)
        FROM (SELECT (a.received_at AT TIME ZONE 'Europe/Oslo')::date AS received_on, (d.decided_at AT TIME ZONE 'Europe/Oslo')::date AS decided_on,
                     d.outcome, count(*) AS n, coalesce(sum(d.amount_nok), 0) AS amount
                FROM decision d JOIN application a ON a.id = d.application_id
               GROUP BY 1, 2, 3) pairs
       GROUP BY 1, 2, 3, 4`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tg_decision_period_tally_truncate ON decision`);
    await q.query(`DROP TRIGGER tg_application_period_tally ON application`);
    await q.query(`DROP TRIGGER tg_decision_period_tally ON decision`);
    await q.query(`DROP FUNCTION period_tally_truncate(), application_period_tally(), decision_period_tally()`);
    await q.query(`DROP FUNCTION period_tally_add(timestamptz, timestamptz, text, bigint, integer)`);
    await q.query(`DROP TABLE period_tally`);
    await q.query(`DROP FUNCTION business_days_between(date, date)`);
    await q.query(`DROP TABLE public_holiday`);
  }
}
