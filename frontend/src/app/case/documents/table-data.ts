import Papa from 'papaparse';

/** A spreadsheet or CSV file as the viewer shows it: a header row, the rows under it, and how many there were. */
export interface TableData {
  header: string[];
  rows: string[][];
  /** Rows under the header in the file; more than `rows.length` when the table was cut. */
  total: number;
}

/** At most this many rows are drawn: a table is for reading, the file is there to download. */
export const MAX_TABLE_ROWS = 500;

/** A cell as text: dates as YYYY-MM-DD, numbers and truth values as written, nothing as empty. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return String(value);
}

/**
 * Rows of cells as a table: every row as wide as the widest, empty rows at the end left out, the
 * first row the header, at most `maxRows` rows under it.
 */
export function toTable(
  cells: readonly (readonly unknown[])[],
  maxRows = MAX_TABLE_ROWS,
): TableData {
  const rows = cells.map((row) => row.map(cellText));
  while (rows.length && rows[rows.length - 1].every((c) => c.trim() === '')) rows.pop();
  if (!rows.length) return { header: [], rows: [], total: 0 };
  const width = Math.max(...rows.map((r) => r.length));
  const padded = rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
  const [header, ...body] = padded;
  return { header, rows: body.slice(0, maxRows), total: body.length };
}

/** A CSV file (comma or semicolon, as Norwegian spreadsheets write it) as a table. */
export function parseCsv(text: string, maxRows = MAX_TABLE_ROWS): TableData {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    skipEmptyLines: 'greedy',
    delimitersToGuess: [',', ';', '\t', '|'],
  });
  return toTable(result.data, maxRows);
}

/** The sheets of an XLSX file as tables (read-excel-file, loaded only when a spreadsheet is opened). */
export async function parseXlsx(
  file: Blob,
  maxRows = MAX_TABLE_ROWS,
): Promise<{ name: string; table: TableData }[]> {
  const { default: readXlsxFile } = await import('read-excel-file/browser');
  const sheets = await readXlsxFile(file);
  return sheets.map((s) => ({ name: s.sheet, table: toTable(s.data as unknown[][], maxRows) }));
}
