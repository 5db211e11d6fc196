import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CaseStatus } from '../cases';
import { Problem } from '../common/problem';
import { toOsloDate } from '../sla/business-days';
import { parseQueueQuery, QueueQueryDto } from './dto/queue-query.dto';
import type { QueueItem } from './queue.service';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_LANGS = ['nb', 'en'] as const;
export type ExportLang = (typeof EXPORT_LANGS)[number];

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * The CSV's separator: a semicolon, as Excel with Norwegian regional settings expects (there the
 * comma is the decimal sign), and every Norwegian spreadsheet opens it in columns.
 */
export const CSV_SEPARATOR = ';';

/** Rows per page as the export walks the queue's keyset pages (memory holds one page at a time). */
export const EXPORT_PAGE_SIZE = 500;

/** The export's parameters: the queue's filters and sort, its format and the language of its headings. */
export interface ExportQuery {
  format: ExportFormat;
  lang: ExportLang;
  query: QueueQueryDto;
}

/**
 * Checks an export's query string: `format` (required), `lang` (headings, default nb) and every
 * filter and sort of the queue, parsed by the queue's own parser. `limit` and `cursor` are the
 * queue's paging and not the export's: it always starts at the first row and goes to the last.
 */
export function parseExportQuery(raw: Record<string, unknown> = {}): ExportQuery {
  const { format, lang, ...rest } = raw;
  const errors: { path: string; message: string }[] = [];
  if (typeof format !== 'string' || !(EXPORT_FORMATS as readonly string[]).includes(format)) {
    errors.push({ path: '$.format', message: 'format must be csv or xlsx' });
  }
  if (lang !== undefined && (typeof lang !== 'string' || !(EXPORT_LANGS as readonly string[]).includes(lang))) {
    errors.push({ path: '$.lang', message: 'lang must be nb or en' });
  }
  for (const paging of ['limit', 'cursor']) if (paging in rest) errors.push({ path: `$.${paging}`, message: 'unknown field' });
  let query: QueueQueryDto = {};
  try {
    query = parseQueueQuery(rest);
  } catch (error) {
    if (!(error instanceof Problem) || !Array.isArray(error.extensions.errors)) throw error;
    errors.push(...(error.extensions.errors as typeof errors));
  }
  if (errors.length) throw Problem.validation(errors);
  return { format: format as ExportFormat, lang: (lang as ExportLang | undefined) ?? 'nb', query };
}

/**
 * The labels a person reads in the console, in the export's language: a status, size class or
 * outcome is written as "Under behandling", never as `in_review` (the console's own texts,
 * frontend/public/i18n).
 */
const STATUS_LABELS: Record<ExportLang, Record<CaseStatus, string>> = {
  nb: {
    received: 'Mottatt',
    in_review: 'Under behandling',
    awaiting_applicant: 'Venter på søker',
    recommended: 'Innstilt',
    decided: 'Avgjort',
    withdrawn: 'Trukket',
  },
  en: {
    received: 'Received',
    in_review: 'In review',
    awaiting_applicant: 'Awaiting applicant',
    recommended: 'Recommended',
    decided: 'Decided',
    withdrawn: 'Withdrawn',
  },
};
const SIZE_CLASS_LABELS: Record<ExportLang, Record<string, string>> = {
  nb: { micro: 'Mikro', small: 'Liten', medium: 'Mellomstor', large: 'Stor' },
  en: { micro: 'Micro', small: 'Small', medium: 'Medium', large: 'Large' },
};
const OUTCOME_LABELS: Record<ExportLang, Record<string, string>> = {
  nb: { granted: 'Innvilget', rejected: 'Avslått' },
  en: { granted: 'Granted', rejected: 'Rejected' },
};
const YES_NO: Record<ExportLang, [string, string]> = { nb: ['Ja', 'Nei'], en: ['Yes', 'No'] };

interface Column {
  heading: Record<ExportLang, string>;
  /** The cell: text (made formula-safe), a whole number, or a date (`date`: a calendar date, YYYY-MM-DD). */
  value: (item: QueueItem, lang: ExportLang) => string | number | Date | null;
  kind: 'text' | 'number' | 'date' | 'datetime';
  width: number;
}

const label = (labels: Record<ExportLang, Record<string, string>>, lang: ExportLang, code: string | null) =>
  code === null ? null : (labels[lang][code] ?? code);

/**
 * The columns. Status, size class and outcome are labels in the export's language; one machine
 * column stays beside them, the status code (`in_review`): a label changes with the language and
 * may be reworded, and a spreadsheet's filters, pivots or a script reading several exports need a
 * value that does not. Amounts are numbers, dates real dates in XLSX and the locale's dates in CSV.
 */
const COLUMNS: Column[] = [
  { heading: { nb: 'Referanse', en: 'Reference' }, value: (i) => i.reference, kind: 'text', width: 18 },
  { heading: { nb: 'Søker', en: 'Applicant' }, value: (i) => i.applicant.name, kind: 'text', width: 36 },
  { heading: { nb: 'Org.nr.', en: 'Org. number' }, value: (i) => i.applicant.orgNumber, kind: 'text', width: 12 },
  { heading: { nb: 'Tittel', en: 'Title' }, value: (i) => i.project.title, kind: 'text', width: 40 },
  { heading: { nb: 'Status', en: 'Status' }, value: (i, lang) => STATUS_LABELS[lang][i.status], kind: 'text', width: 20 },
  { heading: { nb: 'Statuskode', en: 'Status code' }, value: (i) => i.status, kind: 'text', width: 18 },
  {
    heading: { nb: 'Størrelse', en: 'Size class' },
    value: (i, lang) => label(SIZE_CLASS_LABELS, lang, i.sizeClass),
    kind: 'text',
    width: 12,
  },
  {
    heading: { nb: 'Vedtak', en: 'Decision' },
    value: (i, lang) => label(OUTCOME_LABELS, lang, i.decisionOutcome),
    kind: 'text',
    width: 12,
  },
  { heading: { nb: 'Returnert', en: 'Returned' }, value: (i, lang) => YES_NO[lang][i.returned ? 0 : 1], kind: 'text', width: 10 },
  { heading: { nb: 'Saksbehandler', en: 'Assignee' }, value: (i) => i.assignee?.displayName ?? null, kind: 'text', width: 24 },
  { heading: { nb: 'Mottatt', en: 'Received' }, value: (i) => new Date(i.receivedAt), kind: 'datetime', width: 18 },
  { heading: { nb: 'Frist', en: 'SLA due' }, value: (i) => i.slaDueAt, kind: 'date', width: 12 },
  { heading: { nb: 'Omsøkt beløp (NOK)', en: 'Requested amount (NOK)' }, value: (i) => i.requestedAmountNok, kind: 'number', width: 16 },
  { heading: { nb: 'Maks støtte (NOK)', en: 'Max aid (NOK)' }, value: (i) => i.maxAidNok, kind: 'number', width: 16 },
];

/** The dates' formats: the console's (nb: 02.03.2026, en-GB: 02/03/2026), in CSV text and as XLSX number formats. */
const DATE_SEPARATOR: Record<ExportLang, string> = { nb: '.', en: '/' };
const XLSX_DATE: Record<ExportLang, string> = { nb: 'dd.mm.yyyy', en: 'dd/mm/yyyy' };

/** A calendar date (YYYY-MM-DD) as the locale writes it. */
function localDate(isoDate: string, lang: ExportLang): string {
  const [year, month, day] = isoDate.split('-');
  return [day, month, year].join(DATE_SEPARATOR[lang]);
}

/**
 * A text a spreadsheet will not read as a formula: one starting with =, +, -, @ (or a tab or
 * carriage return, which some spreadsheets skip before one) gets a leading apostrophe (OWASP's
 * advice on CSV injection). Applied to every text cell, in CSV and XLSX alike.
 */
export function formulaSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A CSV field: quoted when it holds the separator, a quote or a line break (quotes doubled). */
export function csvField(value: string): string {
  return /[";\r\n,]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const OSLO_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "2026-12-03 14:05" in Norwegian time (one formatter for all rows). */
function osloDateTime(instant: Date): string {
  return `${toOsloDate(instant)} ${OSLO_TIME.format(instant)}`;
}

/** An instant in Norwegian time as the locale writes it: "03.12.2026 14:05" (nb), "03/12/2026 14:05" (en). */
function localDateTime(instant: Date, lang: ExportLang): string {
  return `${localDate(toOsloDate(instant), lang)} ${OSLO_TIME.format(instant)}`;
}

function csvLine(values: (string | null)[]): string {
  return `${values.map((v) => csvField(v ?? '')).join(CSV_SEPARATOR)}\r\n`;
}

function csvRow(item: QueueItem, lang: ExportLang): string {
  return csvLine(
    COLUMNS.map((c) => {
      const v = c.value(item, lang);
      if (v === null) return null;
      if (v instanceof Date) return localDateTime(v, lang);
      if (c.kind === 'date') return localDate(String(v), lang);
      return typeof v === 'number' ? String(v) : formulaSafe(v);
    }),
  );
}

/** The file name: the view (named queue or "utvalg"/"selection") and today's date in Norway. */
export function exportFileName({ format, lang, query }: ExportQuery): string {
  const view = query.queue ?? (lang === 'nb' ? 'utvalg' : 'selection');
  return `${lang === 'nb' ? 'saker' : 'cases'}-${view}-${toOsloDate(new Date())}.${format}`;
}

/**
 * Writes the pages to a stream as CSV or XLSX, one page in memory at a time: it waits for the
 * reader (the HTTP response) to drain before it fetches the next page, so a slow download holds
 * the walk back instead of the rows piling up in memory. Ends (or destroys) the stream.
 */
export async function writeExport(out: PassThrough, { format, lang }: ExportQuery, pages: AsyncIterable<QueueItem[]>): Promise<void> {
  // Whether to go on: after the reader took what was written, or not when it went away.
  const drained = async () => {
    if (out.writableNeedDrain && !out.destroyed) await Promise.race([once(out, 'drain'), once(out, 'close')]);
    return !out.destroyed;
  };
  try {
    if (format === 'csv') {
      // The byte order mark tells Excel the file is UTF-8 (else "Søker" shows as "SÃ¸ker").
      out.write(`\uFEFF${csvLine(COLUMNS.map((c) => c.heading[lang]))}`);
      for await (const page of pages) {
        out.write(page.map((item) => csvRow(item, lang)).join(''));
        if (!(await drained())) return;
      }
      out.end();
      return;
    }
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet(lang === 'nb' ? 'Saker' : 'Cases', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = COLUMNS.map((c, index) => ({
      key: String(index),
      width: c.width,
      style: c.kind === 'date' ? { numFmt: XLSX_DATE[lang] } : c.kind === 'datetime' ? { numFmt: `${XLSX_DATE[lang]} hh:mm` } : {},
    }));
    const heading = sheet.addRow(COLUMNS.map((c) => c.heading[lang]));
    heading.font = { bold: true };
    heading.commit();
    for await (const page of pages) {
      for (const item of page) {
        sheet
          .addRow(
            COLUMNS.map((c) => {
              const v = c.value(item, lang);
              if (v === null) return null;
              if (c.kind === 'date') return new Date(`${String(v)}T00:00:00Z`);
              // Excel has no time zones: the Norwegian wall-clock time, written as if it were UTC.
              if (v instanceof Date) return new Date(`${osloDateTime(v).replace(' ', 'T')}:00Z`);
              return typeof v === 'string' ? formulaSafe(v) : v;
            }),
          )
          .commit();
      }
      if (!(await drained())) return;
    }
    sheet.commit();
    await workbook.commit();
  } catch (error) {
    out.destroy(error as Error);
  }
}
