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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The cursor a client sent back, checked: its sort must be the page's, its id a UUID and its value
 * one the sort column can hold (`isValue`), so that a forged cursor is a 400, never a database error.
 */
export function decodeCursor(raw: string, sort: string, isValue: (value: unknown) => boolean = () => true): Cursor {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!Array.isArray(decoded) || decoded.length !== 3) throw new Error('shape');
    const [s, value, id] = decoded as unknown[];
    if (typeof s !== 'string' || typeof id !== 'string' || !UUID.test(id) || !isValue(value)) throw new Error('shape');
    if (s !== sort) {
      throw Problem.validation([{ path: '$.cursor', message: `belongs to sort "${s}", not "${sort}"; start again without a cursor` }]);
    }
    return { sort: s, value: value as Cursor['value'], id };
  } catch (error) {
    if (error instanceof Problem) throw error;
    throw Problem.validation([{ path: '$.cursor', message: 'is not a cursor this API gave out' }]);
  }
}
