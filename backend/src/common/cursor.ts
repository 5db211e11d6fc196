import { Problem } from './problem';

/** Opaque keyset cursor: the sort key it belongs to, and the last row's sort value and id. */
export interface Cursor {
  sort: string;
  value: string | number | null;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.value, cursor.id])).toString('base64url');
}

export function decodeCursor(raw: string, sort: string): Cursor {
  try {
    const [s, value, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (typeof s !== 'string' || typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('shape');
    if (s !== sort) {
      throw Problem.validation([{ path: '$.cursor', message: `belongs to sort "${s}", not "${sort}"; start again without a cursor` }]);
    }
    return { sort: s, value, id };
  } catch (error) {
    if (error instanceof Problem) throw error;
    throw Problem.validation([{ path: '$.cursor', message: 'is not a cursor this API gave out' }]);
  }
}
