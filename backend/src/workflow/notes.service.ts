import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/actor';
import { Problem } from '../common/problem';
import { updateReturning } from '../common/sql';
import { caseStatus } from '../casework/case-change';

export type AnchorType = 'application' | 'costLine' | 'rule';

export interface NoteFilter {
  anchorType?: AnchorType;
  anchorRef?: string;
  author?: string;
}

const RULE_REF = /^(INC|SME|LRG|UID|REC|SEC|INT|CUM|THR|TRN|COST)-\d{2}$|^J-[A-Z]+-\d{2}$/;

/**
 * Notes on a case, a cost line or a rule result. Editing keeps every earlier
 * text; a note is never deleted, only marked as entered in error.
 */
@Injectable()
export class NotesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(applicationId: string, filter: NoteFilter) {
    await caseStatus(this.dataSource, applicationId);
    const rows = await this.dataSource.query(
      `${NOTE_SELECT} WHERE n.application_id = $1
          AND ($2::text IS NULL OR n.anchor_type = $2) AND ($3::text IS NULL OR n.anchor_ref = $3)
          AND ($4::text IS NULL OR u.username = $4)
        ORDER BY n.created_at, n.id`,
      [applicationId, filter.anchorType ?? null, filter.anchorRef ?? null, filter.author ?? null],
    );
    return rows.map(toNote);
  }

  async create(applicationId: string, actor: Actor, body: string, anchor: { type: AnchorType; ref?: string | null }) {
    return this.dataSource.transaction(async (m) => {
      await this.requireOpenCase(m, applicationId);
      const ref = anchor.type === 'application' ? null : anchor.ref ?? null;
      if (anchor.type !== 'application') {
        if (!ref) throw Problem.validation([{ path: '$.anchor.ref', message: `a ${anchor.type} note needs the ${anchor.type} it is about` }]);
        if (anchor.type === 'costLine') {
          const [line] = await m.query(`SELECT 1 FROM cost_line WHERE id::text = $1 AND application_id = $2`, [ref, applicationId]);
          if (!line) throw Problem.validation([{ path: '$.anchor.ref', message: 'no such cost line on this case' }]);
        } else if (!RULE_REF.test(ref)) {
          throw Problem.validation([{ path: '$.anchor.ref', message: 'must be a rule or judgment id such as INC-01 or J-INNO-01' }]);
        }
      }
      const [note] = await m.query(
        `INSERT INTO note (application_id, anchor_type, anchor_ref, body, author_id) VALUES ($1, $2, $3, $4, $5)
         RETURNING id, created_at`,
        [applicationId, anchor.type, ref, body, actor.id],
      );
      await m.query(`INSERT INTO note_revision (note_id, version, body, written_by, written_at) VALUES ($1, 1, $2, $3, $4)`, [
        note.id,
        body,
        actor.id,
        note.created_at,
      ]);
      await this.audit.record(m, actor, {
        kind: 'note',
        applicationId,
        data: { noteId: note.id, anchor: { type: anchor.type, ref }, after: { body } },
      });
      return this.one(m, note.id);
    });
  }

  async edit(applicationId: string, noteId: string, actor: Actor, body: string, version?: number) {
    return this.dataSource.transaction(async (m) => {
      await this.requireOpenCase(m, applicationId);
      const note = await this.lockNote(m, applicationId, noteId, version);
      if (note.author_id !== actor.id) {
        throw new Problem(HttpStatus.FORBIDDEN, 'not-author', 'Only the author can edit a note');
      }
      if (note.entered_in_error) throw new Problem(HttpStatus.CONFLICT, 'note-in-error', 'The note is marked as entered in error');
      const [updated] = await updateReturning(
        m,
        `UPDATE note SET body = $2, edited_at = now(), version = version + 1 WHERE id = $1 RETURNING version, edited_at`,
        [noteId, body],
      );
      await m.query(`INSERT INTO note_revision (note_id, version, body, written_by, written_at) VALUES ($1, $2, $3, $4, $5)`, [
        noteId,
        updated.version,
        body,
        actor.id,
        updated.edited_at,
      ]);
      await this.audit.record(m, actor, {
        kind: 'note',
        applicationId,
        data: { noteId, edit: true, before: { body: note.body }, after: { body } },
      });
      return this.one(m, noteId);
    });
  }

  async markEnteredInError(applicationId: string, noteId: string, actor: Actor, reason: string, version?: number) {
    return this.dataSource.transaction(async (m) => {
      await this.requireOpenCase(m, applicationId);
      const note = await this.lockNote(m, applicationId, noteId, version);
      if (note.author_id !== actor.id && !actor.roles.includes('manager')) {
        throw new Problem(HttpStatus.FORBIDDEN, 'not-author', 'Only the author or a manager can mark a note as entered in error');
      }
      if (note.entered_in_error) throw new Problem(HttpStatus.CONFLICT, 'note-in-error', 'The note is already marked as entered in error');
      await m.query(`UPDATE note SET entered_in_error = true, error_reason = $2, version = version + 1 WHERE id = $1`, [noteId, reason]);
      await this.audit.record(m, actor, {
        kind: 'note',
        applicationId,
        data: { noteId, enteredInError: true, reason, before: { enteredInError: false }, after: { enteredInError: true } },
      });
      return this.one(m, noteId);
    });
  }

  async history(applicationId: string, noteId: string) {
    await this.lockNote(this.dataSource.manager, applicationId, noteId, undefined, false);
    const rows = await this.dataSource.query(
      `SELECT r.version, r.body, u.username, r.written_at FROM note_revision r JOIN app_user u ON u.id = r.written_by
        WHERE r.note_id = $1 ORDER BY r.version`,
      [noteId],
    );
    return rows.map((r: any) => ({ version: r.version, body: r.body, writtenBy: r.username, writtenAt: new Date(r.written_at).toISOString() }));
  }

  private async one(m: EntityManager, noteId: string) {
    const [row] = await m.query(`${NOTE_SELECT} WHERE n.id = $1`, [noteId]);
    return toNote(row);
  }

  private async lockNote(m: EntityManager, applicationId: string, noteId: string, version?: number, lock = true) {
    const [note] = await m.query(
      `SELECT * FROM note WHERE id = $1 AND application_id = $2 ${lock ? 'FOR UPDATE' : ''}`,
      [noteId, applicationId],
    );
    if (!note) throw Problem.notFound('Note', noteId);
    if (version !== undefined && version !== note.version) {
      throw new Problem(HttpStatus.CONFLICT, 'stale-version', 'The note was changed by someone else',
        `You sent version ${version}, but the note is now at version ${note.version}.`, { currentVersion: note.version });
    }
    return note;
  }

  /** A decided or withdrawn case is read-only. */
  private async requireOpenCase(m: EntityManager, applicationId: string) {
    const status = await caseStatus(m, applicationId);
    if (status === 'decided' || status === 'withdrawn') {
      throw new Problem(HttpStatus.CONFLICT, 'case-closed', 'The case is closed and read-only', `The case is ${status}`, {
        currentStatus: status,
      });
    }
  }
}

const NOTE_SELECT = `
  SELECT n.id, n.anchor_type, n.anchor_ref, n.body, n.created_at, n.edited_at, n.version, n.entered_in_error, n.error_reason,
         u.username AS author, u.display_name AS author_name
    FROM note n JOIN app_user u ON u.id = n.author_id`;

function toNote(r: any) {
  return {
    id: r.id,
    anchor: { type: r.anchor_type, ref: r.anchor_ref },
    body: r.body,
    author: r.author,
    authorName: r.author_name,
    createdAt: new Date(r.created_at).toISOString(),
    editedAt: r.edited_at ? new Date(r.edited_at).toISOString() : null,
    version: r.version,
    enteredInError: r.entered_in_error,
    errorReason: r.error_reason,
  };
}
