import { DataSource, EntityManager } from 'typeorm';

/** Where a statement runs: the pool, or a transaction's connection. */
export type Db = DataSource | EntityManager;

/**
 * The rows of a statement, typed by the caller's row interface. TypeORM's PostgreSQL driver
 * answers UPDATE and DELETE with `[rows, rowCount]` but INSERT and SELECT with `rows`.
 */
export async function query<Row>(db: Db, sql: string, params: unknown[] = []): Promise<Row[]> {
  const result: unknown[] = await db.query(sql, params);
  return (Array.isArray(result[0]) ? result[0] : result) as Row[];
}

/** The first row of a statement, or undefined. */
export async function queryOne<Row>(db: Db, sql: string, params: unknown[] = []): Promise<Row | undefined> {
  return (await query<Row>(db, sql, params))[0];
}

/** An ISO timestamp (milliseconds, UTC) from a timestamptz column. */
export function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** SQL: a timestamptz as the API writes it (ISO 8601, milliseconds, UTC). */
export const isoUtc = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
