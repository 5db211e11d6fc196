import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { Db, query, queryOne } from '../common/sql';
import type { DocumentKind } from './document-kinds';

/** What the malware scanner said of a stored document: `not_scanned` (no scanner configured) or `clean`. */
export type DocumentScan = 'not_scanned' | 'clean';

export interface DocumentRow {
  id: string;
  kind: DocumentKind;
  title: string | null;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  uploaded_at: Date;
  uploaded_by: string;
  uploaded_by_name: string;
  entered_in_error: boolean;
  error_reason: string | null;
  marked_by: string | null;
  marked_at: Date | null;
  scan: DocumentScan;
}

export interface NewDocument {
  kind: DocumentKind;
  title: string | null;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  scan: DocumentScan;
}

const DOCUMENT_SELECT = `
  SELECT d.id, d.kind, d.title, d.file_name, d.content_type, d.size, d.sha256, d.uploaded_at,
         u.username AS uploaded_by, u.display_name AS uploaded_by_name,
         d.entered_in_error, d.error_reason, m.username AS marked_by, d.marked_at, d.scan
    FROM document d JOIN app_user u ON u.id = d.uploaded_by LEFT JOIN app_user m ON m.id = d.marked_by`;

/** The documents of cases: what was uploaded, by whom and when; the bytes are in the DocumentStore. */
@Injectable()
export class DocumentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(tx: Db, applicationId: string, doc: NewDocument, actor: Actor): Promise<string> {
    const [row] = await query<{ id: string }>(
      tx,
      `INSERT INTO document (application_id, kind, title, file_name, content_type, size, sha256, uploaded_by, scan)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [applicationId, doc.kind, doc.title, doc.fileName, doc.contentType, doc.size, doc.sha256, actor.id, doc.scan],
    );
    return row.id;
  }

  /** The case's documents, newest first. */
  list(applicationId: string): Promise<DocumentRow[]> {
    return query(this.dataSource, `${DOCUMENT_SELECT} WHERE d.application_id = $1 ORDER BY d.uploaded_at DESC, d.id DESC`, [applicationId]);
  }

  one(applicationId: string, documentId: string, db: Db = this.dataSource, forUpdate = false): Promise<DocumentRow | undefined> {
    return queryOne(db, `${DOCUMENT_SELECT} WHERE d.application_id = $1 AND d.id = $2${forUpdate ? ' FOR UPDATE OF d' : ''}`, [
      applicationId,
      documentId,
    ]);
  }

  async markEnteredInError(tx: Db, documentId: string, reason: string, actor: Actor): Promise<void> {
    await tx.query(`UPDATE document SET entered_in_error = true, error_reason = $2, marked_by = $3, marked_at = now() WHERE id = $1`, [
      documentId,
      reason,
      actor.id,
    ]);
  }
}
