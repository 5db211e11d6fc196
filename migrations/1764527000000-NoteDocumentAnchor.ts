import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A note may be about a document of the case, or one page of it: anchor_type `document`, with
 * anchor_ref `<documentId>` or `<documentId>#p<page>` (the API checks that the document is the
 * case's own; the reference is text like the other anchors', so no foreign key).
 */
export class NoteDocumentAnchor1764527000000 implements MigrationInterface {
  name = 'NoteDocumentAnchor1764527000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE note DROP CONSTRAINT ck_note_anchor`);
    await q.query(`ALTER TABLE note ADD CONSTRAINT ck_note_anchor CHECK (
      (anchor_type = 'application' AND anchor_ref IS NULL) OR (anchor_type IN ('costLine', 'rule', 'document') AND anchor_ref IS NOT NULL))`);
  }

  /** Notes are never deleted: with a note on a document written, going back fails on the check (as it should). */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE note DROP CONSTRAINT ck_note_anchor`);
    await q.query(`ALTER TABLE note ADD CONSTRAINT ck_note_anchor CHECK (
      (anchor_type = 'application' AND anchor_ref IS NULL) OR (anchor_type IN ('costLine', 'rule') AND anchor_ref IS NOT NULL))`);
  }
}
