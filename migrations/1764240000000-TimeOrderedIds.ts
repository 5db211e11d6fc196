import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table whose primary key is a generated uuid. */
const TABLES = [
  'app_user',
  'application',
  'financial_year',
  'related_enterprise',
  'collaboration_partner',
  'other_public_aid',
  'cost_line',
  'evaluation',
  'fact_correction',
  'information_request',
  'note',
  'recommendation',
  'decision',
];

/**
 * New ids are time-ordered (UUIDv7, built into PostgreSQL 18) instead of random (v4). A random
 * key puts each new row on a random page of its primary key index, so on a large database every
 * insert dirties (and after each checkpoint writes in full to the WAL) a page of its own; ordered
 * keys fill the right edge of the index. Existing ids stay as they are: both are uuids.
 */
export class TimeOrderedIds1764240000000 implements MigrationInterface {
  name = 'TimeOrderedIds1764240000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await q.query(`ALTER TABLE ${table} ALTER COLUMN id SET DEFAULT uuidv7()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await q.query(`ALTER TABLE ${table} ALTER COLUMN id SET DEFAULT gen_random_uuid()`);
  }
}
