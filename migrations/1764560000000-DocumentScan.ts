import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the malware scanner said of each document (docs/operations.md, "Malware scanning"):
 * `not_scanned` when no scanner was configured at its upload, `clean` when clamd found nothing.
 * A file clamd finds malware in is refused at upload and never stored, so no row says `refused`.
 * Documents stored before this migration were not scanned. Set once at insert: document_guard
 * already refuses any other change of a document than being marked as entered in error.
 */
export class DocumentScan1764560000000 implements MigrationInterface {
  name = 'DocumentScan1764560000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE document
        ADD COLUMN scan text NOT NULL DEFAULT 'not_scanned',
        ADD CONSTRAINT ck_document_scan CHECK (scan IN ('not_scanned', 'clean'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE document DROP COLUMN scan`);
  }
}
