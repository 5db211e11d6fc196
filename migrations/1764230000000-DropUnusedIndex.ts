import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ix_application_problems (status, fail + missing + refer, id) served no query: the queue filters
 * each flag on its own. Every intake and every stored evaluation still had to maintain it.
 */
export class DropUnusedIndex1764230000000 implements MigrationInterface {
  name = 'DropUnusedIndex1764230000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ix_application_problems`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_application_problems ON application (status, (flag_fail + flag_missing + flag_refer), id)`);
  }
}
