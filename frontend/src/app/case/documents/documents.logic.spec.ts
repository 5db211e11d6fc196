import { Document, Note } from '../../api/models';
import {
  documentRef,
  formatFileSize,
  newestFirst,
  notesOn,
  parseDocumentRef,
  uploadProblemKey,
  viewerKind,
} from './documents.logic';
import { cellText, parseCsv, toTable } from './table-data';

const DOC = '0194a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

function note(ref: string | null, body: string, type: Note['anchor']['type'] = 'document'): Note {
  return {
    id: body,
    anchor: { type, ref },
    body,
    author: 'kari',
    authorName: 'Kari Nordmann',
    createdAt: '2026-12-03T10:00:00Z',
    editedAt: null,
    version: 1,
    enteredInError: false,
    errorReason: null,
  };
}

describe('anchors of notes on documents', () => {
  it('names a document or a page of it, and reads the name back', () => {
    expect(documentRef(DOC, 2)).toBe(`${DOC}#p2`);
    expect(documentRef(DOC)).toBe(DOC);
    expect(parseDocumentRef(`${DOC}#p2`)).toEqual({ documentId: DOC, page: 2 });
    expect(parseDocumentRef(DOC)).toEqual({ documentId: DOC, page: null });
    for (const bad of [`${DOC}#p0`, `${DOC}#page2`, 'INC-01', '', null, undefined]) {
      expect(parseDocumentRef(bad)).toBeNull();
    }
  });

  it('finds the notes on one page, not those on other pages, other documents or other things', () => {
    const notes = [
      note(`${DOC}#p2`, 'on page 2'),
      note(`${DOC}#p1`, 'on page 1'),
      note(DOC, 'on the document'),
      note(`${DOC.replace(/5b$/, '5c')}#p2`, 'another document'),
      note(`${DOC}#p2`, 'a cost line with a strange ref', 'costLine'),
    ];
    expect(notesOn(notes, DOC, 2).map((n) => n.body)).toEqual(['on page 2']);
    expect(notesOn(notes, DOC, null).map((n) => n.body)).toEqual(['on the document']);
  });
});

describe('documents in the list', () => {
  it('chooses how a file is shown from its content type', () => {
    expect(viewerKind('application/pdf')).toBe('pdf');
    expect(viewerKind('image/png')).toBe('image');
    expect(viewerKind('image/jpeg')).toBe('image');
    expect(viewerKind('text/csv; charset=utf-8')).toBe('csv');
    expect(viewerKind('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe(
      'xlsx',
    );
    expect(
      viewerKind('application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
    ).toBe('download');
  });

  it('writes sizes as people read them, in the language chosen', () => {
    expect(formatFileSize(820, 'nb')).toBe('820\u00a0B');
    expect(formatFileSize(14_230, 'nb')).toBe('14\u00a0kB');
    expect(formatFileSize(4_230, 'nb')).toBe('4,2\u00a0kB');
    expect(formatFileSize(4_230, 'en')).toBe('4.2\u00a0kB');
    expect(formatFileSize(3_400_000, 'nb')).toBe('3,4\u00a0MB');
    expect(formatFileSize(26_214_400, 'en')).toBe('26\u00a0MB');
  });

  it('lists the newest first', () => {
    const doc = (id: string, uploadedAt: string) => ({ id, uploadedAt }) as Document;
    const sorted = newestFirst([
      doc('a', '2026-12-01T10:00:00Z'),
      doc('c', '2026-12-03T10:00:00Z'),
      doc('b', '2026-12-02T10:00:00Z'),
    ]);
    expect(sorted.map((d) => d.id)).toEqual(['c', 'b', 'a']);
  });

  it('tells a file too large and a type not accepted apart from other failures', () => {
    expect(uploadProblemKey({ status: 413 })).toBe('documents.upload.tooLarge');
    expect(uploadProblemKey({ status: 415 })).toBe('documents.upload.unsupported');
    expect(uploadProblemKey({ status: 400 })).toBeNull();
    expect(uploadProblemKey({ status: 422, type: 'urn:tilsagn:problem:document-infected' })).toBe(
      'errors.problem.document-infected',
    );
    expect(uploadProblemKey({ status: 503, type: 'urn:tilsagn:problem:scanner-unavailable' })).toBe(
      'errors.problem.scanner-unavailable',
    );
    expect(uploadProblemKey({ status: 503, type: 'urn:tilsagn:problem:internal' })).toBeNull();
  });
});

describe('tables from CSV and spreadsheets', () => {
  it('reads CSV with commas or semicolons, quotes and a byte order mark', () => {
    expect(parseCsv('\uFEFFpost,beløp\nLønn,"120 000"\nReise,8000\n')).toEqual({
      header: ['post', 'beløp'],
      rows: [
        ['Lønn', '120 000'],
        ['Reise', '8000'],
      ],
      total: 2,
    });
    expect(parseCsv('post;beløp\r\n"Utstyr; leie";4500\r\n').rows).toEqual([
      ['Utstyr; leie', '4500'],
    ]);
  });

  it('pads short rows, drops empty rows at the end and cuts long tables, counting what was cut', () => {
    const table = toTable(
      [['a', 'b', 'c'], ['1'], ['2', '3'], ['4', '5', '6'], ['', null, ''], []],
      2,
    );
    expect(table).toEqual({
      header: ['a', 'b', 'c'],
      rows: [
        ['1', '', ''],
        ['2', '3', ''],
      ],
      total: 3,
    });
    expect(toTable([])).toEqual({ header: [], rows: [], total: 0 });
  });

  it('writes cells of a spreadsheet as text', () => {
    expect(cellText(new Date('2026-12-16T00:00:00Z'))).toBe('2026-12-16');
    expect(cellText(1500.5)).toBe('1500.5');
    expect(cellText(true)).toBe('true');
    expect(cellText(null)).toBe('');
  });
});
