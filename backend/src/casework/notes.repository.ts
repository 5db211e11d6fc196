import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { Db, query, queryOne } from '../common/sql';

export type AnchorType = 'application' | 'costLine' | 'rule' | 'document';

export interface NoteFilter {
  anchorType?: AnchorType;
  anchorRef?: string;
  author?: string;
}

export interface NoteRow {
  id: string;
  anchor_type: AnchorType;
  anchor_ref: string | null;
  body: string;
  created_at: Date;
  edited_at: Date | null;
  version: number;
  entered_in_error: boolean;
  error_reason: string | null;
  author: string;
  author_name: string;
}

/** A note as stored, for the checks before a change. */
export interface StoredNote {
  id: string;
  author_id: string;
  body: string;
  version: number;
  entered_in_error: boolean;
}

export interface NoteRevisionRow {
  version: number;
  body: string;
  username: string;
  written_at: Date;
}

const NOTE_SELECT = `
  SELECT n.id, n.anchor_type, n.anchor_ref, n.body, n.created_at, n.edited_at, n.version, n.entered_in_error, n.error_reason,
         u.username AS author, u.display_name AS author_name
    FROM note n JOIN app_user u ON u.id = n.author_id`;

/** Notes and every earlier text of each. */
@Injectable()
export class NotesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(applicationId: string, filter: NoteFilter): Promise<NoteRow[]> {
    return query(
      this.dataSource,
      `${NOTE_SELECT} WHERE n.application_id = $1
          AND ($2::text IS NULL OR n.anchor_type = $2) AND ($3::text IS NULL OR n.anchor_ref = $3)
          AND ($4::text IS NULL OR u.username = $4)
        ORDER BY n.created_at, n.id`,
      [applicationId, filter.anchorType ?? null, filter.anchorRef ?? null, filter.author ?? null],
    );
  }

  async one(db: Db, noteId: string): Promise<NoteRow> {
    const [row] = await query<NoteRow>(db, `${NOTE_SELECT} WHERE n.id = $1`, [noteId]);
    return row;
  }

  /** The note; inside a transaction, locked until it ends. */
  async find(applicationId: string, noteId: string, tx?: Db): Promise<StoredNote | undefined> {
    return queryOne(
      tx ?? this.dataSource,
      `SELECT id, author_id, body, version, entered_in_error FROM note WHERE id = $1 AND application_id = $2 ${tx ? 'FOR UPDATE' : ''}`,
      [noteId, applicationId],
    );
  }

  /** A new note and its first revision; returns its id. */
  async insert(
    tx: Db,
    applicationId: string,
    anchor: { type: AnchorType; ref: string | null },
    body: string,
    actor: Actor,
  ): Promise<string> {
    const [note] = await query<{ id: string; created_at: Date }>(
      tx,
      `INSERT INTO note (application_id, anchor_type, anchor_ref, body, author_id) VALUES ($1, $2, $3, $4, $5) RETURNING id, created_at`,
      [applicationId, anchor.type, anchor.ref, body, actor.id],
    );
    await this.insertRevision(tx, note.id, 1, body, actor, note.created_at);
    return note.id;
  }

  /** A new text for the note, kept beside the earlier ones. */
  async edit(tx: Db, noteId: string, body: string, actor: Actor): Promise<void> {
    const [updated] = await query<{ version: number; edited_at: Date }>(
      tx,
      `UPDATE note SET body = $2, edited_at = now(), version = version + 1 WHERE id = $1 RETURNING version, edited_at`,
      [noteId, body],
    );
    await this.insertRevision(tx, noteId, updated.version, body, actor, updated.edited_at);
  }

  async markEnteredInError(tx: Db, noteId: string, reason: string): Promise<void> {
    await tx.query(`UPDATE note SET entered_in_error = true, error_reason = $2, version = version + 1 WHERE id = $1`, [noteId, reason]);
  }

  async revisions(noteId: string): Promise<NoteRevisionRow[]> {
    return query(
      this.dataSource,
      `SELECT r.version, r.body, u.username, r.written_at FROM note_revision r JOIN app_user u ON u.id = r.written_by
        WHERE r.note_id = $1 ORDER BY r.version`,
      [noteId],
    );
  }

  private async insertRevision(tx: Db, noteId: string, version: number, body: string, actor: Actor, at: Date): Promise<void> {
    await tx.query(`INSERT INTO note_revision (note_id, version, body, written_by, written_at) VALUES ($1, $2, $3, $4, $5)`, [
      noteId,
      version,
      body,
      actor.id,
      at,
    ]);
  }
}
