import { MigrationInterface, QueryRunner } from 'typeorm';
import { grantToApp } from './app-role';

/**
 * Documents on a case and the applicant's replies (docs/api.md, "Documents" and "Information
 * requests").
 *
 * - `document`: one row per upload, with its kind, title, file name, the content type recognised
 *   from its bytes, size, SHA-256, who and when. Never deleted; only marked as entered in error,
 *   with a reason, once.
 * - `document_blob` and `document_blob_chunk`: the bytes, stored once per SHA-256, for the
 *   PostgreSQL document store (the default; DOCUMENT_STORE=s3 keeps them in a bucket instead). A
 *   blob's chunks are written in the transaction that then records the blob; a refused or
 *   duplicate upload rolls them back. Both tables are append-only.
 * - `information_request` gains the applicant's reply (message, when it was sent, who posted it),
 *   written once; `information_reply_document` lists the documents a reply came with.
 */
export class Documents1764320000000 implements MigrationInterface {
  name = 'Documents1764320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE document_blob (
        id          uuid PRIMARY KEY,
        sha256      text NOT NULL,
        size        bigint NOT NULL,
        chunks      integer NOT NULL,
        stored_at   timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_document_blob_sha256 UNIQUE (sha256),
        CONSTRAINT ck_document_blob_sha256 CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT ck_document_blob_size CHECK (size >= 0 AND chunks >= 0)
      )`);
    await q.query(`
      CREATE TABLE document_blob_chunk (
        blob_id  uuid NOT NULL,
        seq      integer NOT NULL,
        data     bytea NOT NULL,
        CONSTRAINT pk_document_blob_chunk PRIMARY KEY (blob_id, seq),
        -- Chunks are written before their blob row, in the same transaction: checked at commit.
        CONSTRAINT fk_document_blob_chunk_blob FOREIGN KEY (blob_id) REFERENCES document_blob (id) DEFERRABLE INITIALLY DEFERRED
      )`);
    // PDFs, images and Office files are compressed already: stored out of line, not compressed again.
    await q.query(`ALTER TABLE document_blob_chunk ALTER COLUMN data SET STORAGE EXTERNAL`);
    for (const table of ['document_blob', 'document_blob_chunk']) {
      await q.query(`CREATE TRIGGER tg_${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
                     FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    }

    await q.query(`
      CREATE TABLE document (
        id                uuid PRIMARY KEY DEFAULT uuidv7(),
        application_id    uuid NOT NULL,
        kind              text NOT NULL,
        title             text,
        file_name         text NOT NULL,
        content_type      text NOT NULL,
        size              bigint NOT NULL,
        sha256            text NOT NULL,
        uploaded_at       timestamptz NOT NULL DEFAULT now(),
        uploaded_by       uuid NOT NULL,
        entered_in_error  boolean NOT NULL DEFAULT false,
        error_reason      text,
        marked_by         uuid,
        marked_at         timestamptz,
        CONSTRAINT fk_document_application FOREIGN KEY (application_id) REFERENCES application (id) ON DELETE CASCADE,
        CONSTRAINT fk_document_uploaded_by FOREIGN KEY (uploaded_by) REFERENCES app_user (id),
        CONSTRAINT fk_document_marked_by FOREIGN KEY (marked_by) REFERENCES app_user (id),
        CONSTRAINT ck_document_kind CHECK (kind IN ('annual-accounts', 'budget', 'project-plan', 'reply', 'other')),
        CONSTRAINT ck_document_size CHECK (size > 0 AND size <= 26214400),
        CONSTRAINT ck_document_sha256 CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT ck_document_file_name CHECK (length(btrim(file_name)) > 0),
        CONSTRAINT ck_document_error CHECK (
          NOT entered_in_error OR (length(btrim(error_reason)) > 0 AND marked_by IS NOT NULL AND marked_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX ix_document_application ON document (application_id, uploaded_at DESC, id DESC)`);
    // Never deleted (unless the whole case goes, by cascade); the only change is being marked as entered in error, once.
    await q.query(`CREATE FUNCTION document_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF pg_trigger_depth() > 1 THEN RETURN OLD; END IF;
          RAISE EXCEPTION 'documents are never deleted; mark them as entered in error' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.entered_in_error OR NOT NEW.entered_in_error
           OR (to_jsonb(NEW) - ARRAY['entered_in_error', 'error_reason', 'marked_by', 'marked_at'])
              IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['entered_in_error', 'error_reason', 'marked_by', 'marked_at']) THEN
          RAISE EXCEPTION 'a document changes only by being marked as entered in error, once' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER tg_document_guard BEFORE UPDATE OR DELETE ON document FOR EACH ROW EXECUTE FUNCTION document_guard()`);

    await q.query(`
      ALTER TABLE information_request
        ADD COLUMN reply_message text,
        ADD COLUMN replied_at timestamptz,
        ADD COLUMN reply_received_at timestamptz,
        ADD COLUMN replied_by uuid,
        ADD CONSTRAINT fk_information_request_replied_by FOREIGN KEY (replied_by) REFERENCES app_user (id),
        ADD CONSTRAINT ck_information_request_reply CHECK (
          (reply_message IS NULL AND replied_at IS NULL AND reply_received_at IS NULL AND replied_by IS NULL)
          OR (length(btrim(reply_message)) > 0 AND replied_at IS NOT NULL AND reply_received_at IS NOT NULL AND replied_by IS NOT NULL))`);
    // A reply, once written, stays as it was.
    await q.query(`CREATE FUNCTION information_request_reply_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.replied_at IS NOT NULL AND (NEW.reply_message, NEW.replied_at, NEW.reply_received_at, NEW.replied_by)
             IS DISTINCT FROM (OLD.reply_message, OLD.replied_at, OLD.reply_received_at, OLD.replied_by) THEN
          RAISE EXCEPTION 'an information request is answered once' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER tg_information_request_reply_once BEFORE UPDATE ON information_request
                   FOR EACH ROW EXECUTE FUNCTION information_request_reply_once()`);
    await q.query(`
      CREATE TABLE information_reply_document (
        request_id   uuid NOT NULL,
        document_id  uuid NOT NULL,
        CONSTRAINT pk_information_reply_document PRIMARY KEY (request_id, document_id),
        CONSTRAINT fk_information_reply_document_request FOREIGN KEY (request_id) REFERENCES information_request (id) ON DELETE CASCADE,
        CONSTRAINT fk_information_reply_document_document FOREIGN KEY (document_id) REFERENCES document (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_information_reply_document_document ON information_reply_document (document_id)`);

    await grantToApp(q, 'SELECT, INSERT', ['document_blob', 'document_blob_chunk', 'information_reply_document']);
    await grantToApp(q, 'SELECT, INSERT, UPDATE', ['document']);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE information_reply_document`);
    await q.query(`DROP TRIGGER tg_information_request_reply_once ON information_request`);
    await q.query(`DROP FUNCTION information_request_reply_once`);
    await q.query(`
      ALTER TABLE information_request DROP CONSTRAINT ck_information_request_reply, DROP CONSTRAINT fk_information_request_replied_by,
        DROP COLUMN replied_by, DROP COLUMN reply_received_at, DROP COLUMN replied_at, DROP COLUMN reply_message`);
    await q.query(`DROP TABLE document`);
    await q.query(`DROP FUNCTION document_guard`);
    await q.query(`DROP TABLE document_blob_chunk`);
    await q.query(`DROP TABLE document_blob`);
  }
}
