import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A caseworker's exchange-rate override keeps the rate's own date (`nok_per_eur_override_date`),
 * used as the evaluation's `fxDate` (docs/rules.md section 4). An override set before this
 * migration gets the day it was set in Norwegian time (its latest exchange-rate audit event), the
 * best date known for it.
 */
export class ExchangeRateDate1764260000000 implements MigrationInterface {
  name = 'ExchangeRateDate1764260000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE application ADD COLUMN nok_per_eur_override_date date`);
    await q.query(`
      UPDATE application a
         SET nok_per_eur_override_date = coalesce(
               (SELECT (max(e.occurred_at) AT TIME ZONE 'Europe/Oslo')::date
                  FROM audit_event e WHERE e.application_id = a.id AND e.kind = 'exchange-rate'),
               (a.updated_at AT TIME ZONE 'Europe/Oslo')::date)
       WHERE a.nok_per_eur_override IS NOT NULL`);
    await q.query(`
      ALTER TABLE application ADD CONSTRAINT ck_application_override_date
        CHECK ((nok_per_eur_override IS NULL) = (nok_per_eur_override_date IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE application DROP CONSTRAINT ck_application_override_date, DROP COLUMN nok_per_eur_override_date`);
  }
}
