import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The amount an evaluation's amount rules ran at (docs/rules.md section 5) is part of its input:
 * `amount_basis` (requested, recommended or granted) and `aid_amount_nok`, the recommended or
 * granted amount (null at basis requested, where the amount is the snapshot's requested aid).
 * Replay rebuilds the context from them. Every evaluation stored before ran at the requested amount.
 */
export class AmountBasis1764250000000 implements MigrationInterface {
  name = 'AmountBasis1764250000000';

  async up(q: QueryRunner): Promise<void> {
    // A constant default fills existing rows without rewriting them or firing the append-only trigger.
    await q.query(`
      ALTER TABLE evaluation
        ADD COLUMN amount_basis text NOT NULL DEFAULT 'requested',
        ADD COLUMN aid_amount_nok bigint,
        ADD CONSTRAINT ck_evaluation_amount_basis CHECK (amount_basis IN ('requested', 'recommended', 'granted')),
        ADD CONSTRAINT ck_evaluation_aid_amount CHECK ((amount_basis = 'requested') = (aid_amount_nok IS NULL) AND aid_amount_nok >= 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE evaluation
        DROP CONSTRAINT ck_evaluation_aid_amount,
        DROP CONSTRAINT ck_evaluation_amount_basis,
        DROP COLUMN aid_amount_nok,
        DROP COLUMN amount_basis`);
  }
}
