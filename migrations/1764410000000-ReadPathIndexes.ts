import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes the read paths lacked, found by `npm run bench -- --only reads` on 100 000 realistic
 * cases (docs/scale.md):
 *
 * - the queue's "All cases" sorted by the most the rules allow (maxAid, either direction) had no
 *   index to walk, only one per status (ix_application_max_aid): every page sorted every case,
 *   p50 143 ms at 100 000 cases and growing with the office. ix_application_max_aid_all serves it
 *   as the other sorts' indexes serve theirs.
 */
export class ReadPathIndexes1764410000000 implements MigrationInterface {
  name = 'ReadPathIndexes1764410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_application_max_aid_all ON application ((coalesce(max_aid_nok, -1)), id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_application_max_aid_all`);
  }
}
