import {
  Note,
  NoteAnchor,
  NoteAnchorType,
  personId,
  personName,
} from '../core/api/workflow.models';

export interface NoteFilter {
  /** null: notes on anything. */
  anchorType: NoteAnchorType | null;
  /** With a type: one cost line or rule; null: every one of that type. */
  anchorRef: string | null;
  /** Username; null: anyone. */
  author: string | null;
  includeEnteredInError: boolean;
}

export const NO_NOTE_FILTER: NoteFilter = {
  anchorType: null,
  anchorRef: null,
  author: null,
  includeEnteredInError: true,
};

export interface NoteThread {
  key: string;
  anchor: NoteAnchor;
  notes: Note[];
}

const TYPE_ORDER: Record<NoteAnchorType, number> = {
  application: 0,
  costLine: 1,
  rule: 2,
  document: 3,
};

/** One key per thing a note can hang on; every note on the case itself shares one. */
export function anchorKey(anchor: NoteAnchor): string {
  return anchor.type === 'application' ? 'application' : `${anchor.type}:${anchor.ref ?? ''}`;
}

export function parseAnchorKey(key: string): NoteAnchor | null {
  if (key === 'application') return { type: 'application', ref: null };
  const at = key.indexOf(':');
  if (at < 0) return null;
  const type = key.slice(0, at);
  if (type !== 'costLine' && type !== 'rule') return null;
  return { type, ref: key.slice(at + 1) };
}

export function filterNotes(notes: readonly Note[], filter: NoteFilter): Note[] {
  return notes.filter((note) => {
    if (!filter.includeEnteredInError && note.enteredInError) return false;
    if (filter.author !== null && personId(note.author) !== filter.author) return false;
    if (filter.anchorType !== null) {
      if (note.anchor.type !== filter.anchorType) return false;
      if (
        filter.anchorType !== 'application' &&
        filter.anchorRef !== null &&
        note.anchor.ref !== filter.anchorRef
      ) {
        return false;
      }
    }
    return true;
  });
}

/**
 * Notes grouped by what they hang on: the case first, then cost lines, then
 * rules (each in the order `rank` gives, e.g. line number), each thread oldest first.
 */
export function groupIntoThreads(
  notes: readonly Note[],
  rank: (anchor: NoteAnchor) => number = () => 0,
): NoteThread[] {
  const threads = new Map<string, NoteThread>();
  for (const note of notes) {
    const key = anchorKey(note.anchor);
    let thread = threads.get(key);
    if (!thread) {
      thread = { key, anchor: note.anchor, notes: [] };
      threads.set(key, thread);
    }
    thread.notes.push(note);
  }
  for (const thread of threads.values()) {
    thread.notes.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
  return [...threads.values()].sort(
    (a, b) =>
      TYPE_ORDER[a.anchor.type] - TYPE_ORDER[b.anchor.type] ||
      rank(a.anchor) - rank(b.anchor) ||
      (a.anchor.ref ?? '').localeCompare(b.anchor.ref ?? ''),
  );
}

/** The people who wrote notes, each once, in the order of their first note. */
export function noteAuthors(notes: readonly Note[]): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const note of notes) {
    const id = personId(note.author);
    if (id && !seen.has(id)) seen.set(id, personName(note.author, note.authorName));
  }
  return [...seen].map(([id, name]) => ({ id, name }));
}

/** Puts a note the server returned in the list: replaces the one with its id, or adds it. */
export function upsertNote(notes: readonly Note[], note: Note): Note[] {
  const at = notes.findIndex((n) => n.id === note.id);
  if (at < 0) return [...notes, note];
  const copy = [...notes];
  copy[at] = note;
  return copy;
}
