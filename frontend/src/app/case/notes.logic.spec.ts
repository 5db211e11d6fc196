import { Note } from '../core/api/workflow.models';
import {
  NO_NOTE_FILTER,
  anchorKey,
  filterNotes,
  groupIntoThreads,
  noteAuthors,
  parseAnchorKey,
  upsertNote,
} from './notes.logic';

let seq = 0;
function note(overrides: Partial<Note>): Note {
  seq += 1;
  return {
    id: `n-${seq}`,
    anchor: { type: 'application', ref: 'id-1' },
    body: `Notat ${seq}`,
    author: 'kari',
    authorName: 'Kari Nordmann',
    createdAt: `2026-03-0${seq % 9}T10:00:00Z`,
    version: 1,
    enteredInError: false,
    editedAt: null,
    errorReason: null,
    ...overrides,
  };
}

const onCase = note({ createdAt: '2026-03-03T10:00:00Z' });
const onLine1 = note({
  anchor: { type: 'costLine', ref: 'cl-1' },
  author: 'ola',
  authorName: 'Ola Hansen',
});
const onLine2 = note({ anchor: { type: 'costLine', ref: 'cl-2' } });
const onRule = note({ anchor: { type: 'rule', ref: 'INT-01' }, author: 'ola' });
const inError = note({
  enteredInError: true,
  errorReason: 'Feil sak',
  createdAt: '2026-03-01T09:00:00Z',
});
const all = [onCase, onLine1, onLine2, onRule, inError];

describe('Notes filter', () => {
  it('shows everything without a filter', () => {
    expect(filterNotes(all, NO_NOTE_FILTER)).toEqual(all);
  });

  it('narrows to one anchor, or to every anchor of a type', () => {
    const ids = (f: Partial<typeof NO_NOTE_FILTER>) =>
      filterNotes(all, { ...NO_NOTE_FILTER, ...f }).map((n) => n.id);
    expect(ids({ anchorType: 'costLine', anchorRef: 'cl-1' })).toEqual([onLine1.id]);
    expect(ids({ anchorType: 'costLine' })).toEqual([onLine1.id, onLine2.id]);
    expect(ids({ anchorType: 'rule', anchorRef: 'INT-01' })).toEqual([onRule.id]);
    // Notes on the case itself match whatever ref they carry.
    expect(ids({ anchorType: 'application', anchorRef: 'other' })).toEqual([onCase.id, inError.id]);
  });

  it('narrows to an author, whether the API names them by username or with a display name', () => {
    const ids = (author: string) =>
      filterNotes(all, { ...NO_NOTE_FILTER, author }).map((n) => n.id);
    expect(ids('ola')).toEqual([onLine1.id, onRule.id]);
    expect(ids('kari')).toEqual([onCase.id, onLine2.id, inError.id]);
  });

  it('can leave out notes entered in error, and combines conditions', () => {
    const shown = filterNotes(all, {
      anchorType: 'application',
      anchorRef: null,
      author: 'kari',
      includeEnteredInError: false,
    });
    expect(shown).toEqual([onCase]);
  });
});

describe('Note threads', () => {
  it('group by anchor: the case first, then lines in line order, then rules; oldest note first', () => {
    const lineNo: Record<string, number> = { 'cl-1': 2, 'cl-2': 1 };
    const threads = groupIntoThreads(all, (a) => (a.type === 'costLine' ? lineNo[a.ref!] : 0));
    expect(threads.map((t) => t.key)).toEqual([
      'application',
      'costLine:cl-2',
      'costLine:cl-1',
      'rule:INT-01',
    ]);
    expect(threads[0].notes.map((n) => n.id)).toEqual([inError.id, onCase.id]);
  });

  it('have keys that survive a round trip', () => {
    for (const n of all)
      expect(anchorKey(parseAnchorKey(anchorKey(n.anchor))!)).toBe(anchorKey(n.anchor));
    expect(parseAnchorKey('nonsense')).toBeNull();
  });

  it('list each author once', () => {
    expect(noteAuthors(all)).toEqual([
      { id: 'kari', name: 'Kari Nordmann' },
      { id: 'ola', name: 'Ola Hansen' },
    ]);
  });

  it('replace an edited note in place and add a new one at the end', () => {
    const edited = { ...onLine1, body: 'Endret', version: 2 };
    expect(upsertNote(all, edited)[1]).toBe(edited);
    const fresh = note({});
    expect(upsertNote(all, fresh)).toEqual([...all, fresh]);
  });
});
