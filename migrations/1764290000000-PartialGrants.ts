import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partial grants and the letter's input (docs/rules.md sections 10 and 11): a recommendation of a
 * grant below the requested aid keeps why (the refused cost lines, the most the rules allow, and
 * the caseworker's reason for going below it); a decision keeps the input its letters were
 * rendered from, so the same input can be shown to give the same bytes.
 */
export class PartialGrants1764290000000 implements MigrationInterface {
  name = 'PartialGrants1764290000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE recommendation ADD COLUMN partial jsonb, ADD COLUMN reduction_reason text`);
    await q.query(`ALTER TABLE recommendation ADD CONSTRAINT ck_recommendation_partial CHECK (partial IS NULL OR outcome = 'grant')`);
    await q.query(`ALTER TABLE decision ADD COLUMN letter_input jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE decision DROP COLUMN letter_input`);
    await q.query(`ALTER TABLE recommendation DROP CONSTRAINT ck_recommendation_partial`);
    await q.query(`ALTER TABLE recommendation DROP COLUMN reduction_reason, DROP COLUMN partial`);
  }
}
