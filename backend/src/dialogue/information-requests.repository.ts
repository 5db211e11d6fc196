import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { Db, isoUtc, query, queryOne } from '../common/sql';

/** An information request with its reply, as the API gives it (built as JSON by PostgreSQL). */
export interface InformationRequestView {
  id: string;
  message: string;
  replyBy: string;
  overdueAt: string | null;
  requestedAt: string;
  requestedBy: string;
  requestedByName: string;
  status: 'open' | 'answered' | 'closed';
  resumedAt: string | null;
  resumedBy: string | null;
  pausedBusinessDays: number | null;
  reply: {
    message: string;
    receivedAt: string;
    recordedAt: string;
    postedBy: string;
    documents: {
      id: string;
      kind: string;
      title: string | null;
      fileName: string;
      contentType: string;
      size: number;
      enteredInError: boolean;
    }[];
  } | null;
}

/** The request as stored, for the checks before a reply. */
export interface StoredRequest {
  id: string;
  requested_at: Date;
  resumed_at: Date | null;
  replied_at: Date | null;
}

const VIEW = `
  jsonb_build_object(
    'id', r.id, 'message', r.message, 'replyBy', r.reply_by,
    'overdueAt', CASE WHEN r.overdue_at IS NULL THEN NULL ELSE ${isoUtc('r.overdue_at')} END, 'requestedAt', ${isoUtc('r.requested_at')},
    'requestedBy', q.username, 'requestedByName', q.display_name,
    'status', CASE WHEN r.replied_at IS NOT NULL THEN 'answered' WHEN r.resumed_at IS NULL THEN 'open' ELSE 'closed' END,
    'resumedAt', CASE WHEN r.resumed_at IS NULL THEN NULL ELSE ${isoUtc('r.resumed_at')} END,
    'resumedBy', (SELECT u.username FROM app_user u WHERE u.id = r.resumed_by),
    'pausedBusinessDays', r.paused_business_days,
    'reply', CASE WHEN r.replied_at IS NULL THEN NULL ELSE jsonb_build_object(
      'message', r.reply_message, 'receivedAt', ${isoUtc('r.reply_received_at')}, 'recordedAt', ${isoUtc('r.replied_at')},
      'postedBy', (SELECT u.username FROM app_user u WHERE u.id = r.replied_by),
      'documents', coalesce((SELECT jsonb_agg(jsonb_build_object('id', d.id, 'kind', d.kind, 'title', d.title, 'fileName', d.file_name,
          'contentType', d.content_type, 'size', d.size, 'enteredInError', d.entered_in_error) ORDER BY d.uploaded_at, d.id)
        FROM information_reply_document x JOIN document d ON d.id = x.document_id WHERE x.request_id = r.id), '[]'::jsonb)) END
  ) AS view
  FROM information_request r JOIN app_user q ON q.id = r.requested_by`;

/** Information requests to the applicant and their replies. */
@Injectable()
export class InformationRequestsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The case's requests with their replies, oldest first. */
  async list(applicationId: string): Promise<InformationRequestView[]> {
    const rows = await query<{ view: InformationRequestView }>(
      this.dataSource,
      `SELECT ${VIEW} WHERE r.application_id = $1 ORDER BY r.requested_at, r.id`,
      [applicationId],
    );
    return rows.map((r) => r.view);
  }

  async one(applicationId: string, requestId: string, db: Db = this.dataSource): Promise<InformationRequestView | undefined> {
    const row = await queryOne<{ view: InformationRequestView }>(db, `SELECT ${VIEW} WHERE r.application_id = $1 AND r.id = $2`, [
      applicationId,
      requestId,
    ]);
    return row?.view;
  }

  /** The request, locked for the reply (the case is locked too, by the change). */
  lock(tx: Db, applicationId: string, requestId: string): Promise<StoredRequest | undefined> {
    return queryOne(
      tx,
      `SELECT id, requested_at, resumed_at, replied_at FROM information_request WHERE application_id = $1 AND id = $2 FOR UPDATE`,
      [applicationId, requestId],
    );
  }

  async reply(tx: Db, requestId: string, message: string, receivedAt: Date, actor: Actor): Promise<void> {
    await tx.query(
      `UPDATE information_request SET reply_message = $2, reply_received_at = $3, replied_at = now(), replied_by = $4 WHERE id = $1`,
      [requestId, message, receivedAt, actor.id],
    );
  }

  /** Of these documents, the ones on the case and not entered in error. */
  async usableDocuments(tx: Db, applicationId: string, documentIds: string[]): Promise<Set<string>> {
    const rows = await query<{ id: string }>(
      tx,
      `SELECT id FROM document WHERE application_id = $1 AND id = ANY($2::uuid[]) AND NOT entered_in_error`,
      [applicationId, documentIds],
    );
    return new Set(rows.map((r) => r.id));
  }

  async attach(tx: Db, requestId: string, documentIds: string[]): Promise<void> {
    if (!documentIds.length) return;
    await tx.query(`INSERT INTO information_reply_document (request_id, document_id) SELECT $1, unnest($2::uuid[])`, [
      requestId,
      documentIds,
    ]);
  }
}
