import { Injectable } from '@nestjs/common';
import { Actor, hasRole } from '../auth/actor';
import { CasesService } from '../cases';
import { Problem } from '../common/problem';
import { Db, iso } from '../common/sql';
import { caseworkProblem } from './casework.errors';
import { CaseworkRepository } from './casework.repository';
import { AnchorType, NoteFilter, NoteRow, NotesRepository, StoredNote } from './notes.repository';

const RULE_REF = /^(INC|SME|LRG|UID|REC|SEC|INT|CUM|THR|TRN|COST)-\d{2}$|^J-[A-Z]+-\d{2}$/;
/** A document, or one page of it: `<documentId>` or `<documentId>#p<page>`, pages counted from 1. */
export const DOCUMENT_REF = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:#p([1-9]\d{0,4}))?$/;

/**
 * Notes on a case, a cost line or a rule result. Editing keeps every earlier text; a note is never
 * deleted, only marked as entered in error. Notes are audited but leave the case's version alone.
 */
@Injectable()
export class NotesService {
  constructor(
    private readonly repository: NotesRepository,
    private readonly casework: CaseworkRepository,
    private readonly cases: CasesService,
  ) {}

  async list(applicationId: string, filter: NoteFilter) {
    await this.cases.status(applicationId);
    return (await this.repository.list(applicationId, filter)).map(toNote);
  }

  async create(applicationId: string, actor: Actor, body: string, anchor: { type: AnchorType; ref?: string | null }) {
    const { result } = await this.cases.change({ caseId: applicationId, actor, action: 'note', versioned: false }, async (tx) => {
      const ref = anchor.type === 'application' ? null : (anchor.ref ?? null);
      if (anchor.type !== 'application') {
        if (!ref)
          throw Problem.validation([{ path: '$.anchor.ref', message: `a ${anchor.type} note needs the ${anchor.type} it is about` }]);
        if (anchor.type === 'costLine') {
          if (!(await this.casework.hasCostLine(tx, applicationId, ref))) {
            throw Problem.validation([{ path: '$.anchor.ref', message: 'no such cost line on this case' }]);
          }
        } else if (anchor.type === 'document') {
          const documentId = DOCUMENT_REF.exec(ref)?.[1];
          if (!documentId) {
            throw Problem.validation([
              { path: '$.anchor.ref', message: 'must be a document id, or a document id and a page such as <documentId>#p2' },
            ]);
          }
          if (!(await this.casework.hasDocument(tx, applicationId, documentId))) {
            throw Problem.validation([{ path: '$.anchor.ref', message: 'no such document on this case' }]);
          }
        } else if (!RULE_REF.test(ref)) {
          throw Problem.validation([{ path: '$.anchor.ref', message: 'must be a rule or judgment id such as INC-01 or J-INNO-01' }]);
        }
      }
      const noteId = await this.repository.insert(tx, applicationId, { type: anchor.type, ref }, body, actor);
      return {
        event: { kind: 'note', data: { noteId, anchor: { type: anchor.type, ref }, after: { body } } },
        result: await this.noteView(tx, noteId),
      };
    });
    return result;
  }

  async edit(applicationId: string, noteId: string, actor: Actor, body: string, version?: number) {
    const { result } = await this.cases.change({ caseId: applicationId, actor, action: 'note', versioned: false }, async (tx) => {
      const note = await this.lockNote(tx, applicationId, noteId, version);
      if (note.author_id !== actor.id) throw caseworkProblem('not-author', 'Only the author can edit a note');
      if (note.entered_in_error) throw caseworkProblem('note-in-error');
      await this.repository.edit(tx, noteId, body, actor);
      return {
        event: { kind: 'note', data: { noteId, edit: true, before: { body: note.body }, after: { body } } },
        result: await this.noteView(tx, noteId),
      };
    });
    return result;
  }

  async markEnteredInError(applicationId: string, noteId: string, actor: Actor, reason: string, version?: number) {
    const { result } = await this.cases.change({ caseId: applicationId, actor, action: 'note', versioned: false }, async (tx) => {
      const note = await this.lockNote(tx, applicationId, noteId, version);
      if (note.author_id !== actor.id && !hasRole(actor, 'manager')) {
        throw caseworkProblem('not-author', 'Only the author or a manager can mark a note as entered in error');
      }
      if (note.entered_in_error) throw caseworkProblem('note-in-error', 'The note is already marked as entered in error');
      await this.repository.markEnteredInError(tx, noteId, reason);
      return {
        event: {
          kind: 'note',
          data: { noteId, enteredInError: true, reason, before: { enteredInError: false }, after: { enteredInError: true } },
        },
        result: await this.noteView(tx, noteId),
      };
    });
    return result;
  }

  async history(applicationId: string, noteId: string) {
    const note = await this.repository.find(applicationId, noteId);
    if (!note) throw Problem.notFound('Note', noteId);
    const rows = await this.repository.revisions(noteId);
    return rows.map((r) => ({ version: r.version, body: r.body, writtenBy: r.username, writtenAt: iso(r.written_at) }));
  }

  private async noteView(db: Db, noteId: string) {
    return toNote(await this.repository.one(db, noteId));
  }

  private async lockNote(tx: Db, applicationId: string, noteId: string, version?: number): Promise<StoredNote> {
    const note = await this.repository.find(applicationId, noteId, tx);
    if (!note) throw Problem.notFound('Note', noteId);
    if (version !== undefined && version !== note.version) {
      throw caseworkProblem('stale-version', `You sent version ${version}, but the note is now at version ${note.version}.`, {
        currentVersion: note.version,
      });
    }
    return note;
  }
}

function toNote(r: NoteRow) {
  return {
    id: r.id,
    anchor: { type: r.anchor_type, ref: r.anchor_ref },
    body: r.body,
    author: r.author,
    authorName: r.author_name,
    createdAt: iso(r.created_at),
    editedAt: r.edited_at ? iso(r.edited_at) : null,
    version: r.version,
    enteredInError: r.entered_in_error,
    errorReason: r.error_reason,
  };
}
