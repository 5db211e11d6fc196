import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The register reports are read a page at a time (`GET /api/register-reports?limit=&cursor=`),
 * in the order (due_on, decision_id). Before, every report due came in one answer, each joined to
 * its case and its decision's record: 847 rows and p95 94-97 ms at 100 000 cases, some 8 500 rows
 * at a million (docs/scale.md). The indexes give each page its rows in that order: the reports
 * due (the default view) from a partial index, the others from the whole table's.
 */
export class RegisterReportPaging1764540000000 implements MigrationInterface {
  name = 'RegisterReportPaging1764540000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_register_report_due`);
    await q.query(`CREATE INDEX ix_register_report_due ON register_report (due_on, decision_id) WHERE reported_at IS NULL`);
    await q.query(`CREATE INDEX ix_register_report_order ON register_report (due_on, decision_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_register_report_order`);
    await q.query(`DROP INDEX ix_register_report_due`);
    await q.query(`CREATE INDEX ix_register_report_due ON register_report (due_on) WHERE reported_at IS NULL`);
  }
}
