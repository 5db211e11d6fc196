import { Client } from 'pg';

/**
 * `COPY table (columns) FROM STDIN` for the bulk seed: rows in PostgreSQL's text format, sent as
 * CopyData messages through node-postgres's submittable interface (what pg-copy-streams does, for
 * data that is already in memory). COPY parses no statement per row and binds no parameters: for
 * the seed's 20-odd rows per case it is several times faster than multi-row INSERTs.
 */

interface PgConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/** Sends `sql` (a COPY ... FROM STDIN) and then `data`; resolves with the rows copied. */
export function copyIn(client: Client, sql: string, data: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    const submittable = {
      text: sql,
      submit(connection: PgConnection) {
        connection.query(sql);
      },
      handleCopyInResponse(connection: PgConnection) {
        // One CopyData message per MiB: the server reads each whole.
        const step = 1 << 20;
        for (let at = 0; at < data.length; at += step) connection.sendCopyFromChunk(data.subarray(at, at + step));
        connection.endCopyFrom();
      },
      handleCommandComplete(message: { text?: string; command?: string; rowCount?: number }) {
        rows = message.rowCount ?? Number(/\d+$/.exec(message.text ?? '')?.[0] ?? 0);
      },
      handleReadyForQuery() {
        resolve(rows);
      },
      handleError(error: Error) {
        reject(error);
      },
      handleEmptyQuery() {},
      handleRowDescription() {},
      handleDataRow() {},
      handleCopyData() {},
    };
    (client as unknown as { query(q: object): void }).query(submittable);
  });
}

// COPY's text format: a backslash, newline, carriage return and tab in a value are escaped.
const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_SPECIAL_ALL = /[\\\n\r\t]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const copyEscape = (s: string) => (COPY_SPECIAL.test(s) ? s.replace(COPY_SPECIAL_ALL, (c) => COPY_ESCAPES[c]) : s);

/** A JS array as a PostgreSQL array literal (text[], uuid[]): every element quoted. */
function arrayLiteral(values: unknown[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i) out += ',';
    out += v === null || v === undefined ? 'NULL' : `"${String(v).replace(/[\\"]/g, '\\$&')}"`;
  }
  return `${out}}`;
}

/**
 * One value in COPY's text format, as node-postgres would send it as a parameter: null as \N,
 * booleans as t/f, Buffers as bytea hex, arrays as array literals, other objects as JSON.
 */
export function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  switch (typeof value) {
    case 'string':
      return copyEscape(value);
    case 'number':
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 't' : 'f';
    default:
      if (Buffer.isBuffer(value)) return `\\\\x${value.toString('hex')}`;
      if (value instanceof Date) return value.toISOString();
      if (Array.isArray(value)) return copyEscape(arrayLiteral(value));
      return copyEscape(JSON.stringify(value));
  }
}

/** Rows (each its values in column order) as COPY's text format. */
export function copyText(rows: unknown[][]): Buffer {
  const parts: string[] = [];
  let line = '';
  for (const row of rows) {
    line = '';
    for (let c = 0; c < row.length; c++) line += (c ? '\t' : '') + copyField(row[c]);
    parts.push(line);
  }
  parts.push('');
  return Buffer.from(parts.join('\n'), 'utf8');
}
