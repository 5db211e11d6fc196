import { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToApp } from './app-role';

/**
 * A caseworker's saved queue views (issue 14, item 10): a name unique per owner (whatever its
 * case), the queue's filters and sort as GET /api/applications checked them, and at most one of
 * them her start page. The API keeps at most 50 per owner; a row goes with its owner.
 */
export class SavedFilters1764580000000 implements MigrationInterface {
  name = 'SavedFilters1764580000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE saved_filter (
        id            uuid PRIMARY KEY DEFAULT uuidv7(),
        owner_id      uuid NOT NULL,
        name          text NOT NULL,
        query         jsonb NOT NULL,
        is_start_page boolean NOT NULL DEFAULT false,
        version       integer NOT NULL DEFAULT 1,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_saved_filter_owner FOREIGN KEY (owner_id) REFERENCES app_user (id) ON DELETE CASCADE,
        CONSTRAINT ck_saved_filter_name CHECK (char_length(name) BETWEEN 1 AND 80 AND name = btrim(name)),
        CONSTRAINT ck_saved_filter_query CHECK (jsonb_typeof(query) = 'object')
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_saved_filter_owner_name ON saved_filter (owner_id, lower(name))`);
    await q.query(`CREATE UNIQUE INDEX uq_saved_filter_start_page ON saved_filter (owner_id) WHERE is_start_page`);
    await grantToApp(q, 'SELECT, INSERT, UPDATE, DELETE', ['saved_filter']);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE saved_filter`);
  }
}
