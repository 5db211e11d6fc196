import type { Pool, PoolClient } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Runs a statement as a named prepared statement: PostgreSQL parses and plans it once per
 * connection instead of on every call. For the hot statements whose planning costs as much as a
 * good part of their execution (intake's single insert, the case view). Inside a transaction
 * (an EntityManager with a query runner) it runs on that transaction's connection.
 *
 * The name must be unique per statement text across the application.
 */
export async function preparedQuery<T = Record<string, unknown>>(
  source: DataSource | EntityManager,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const runner = source instanceof EntityManager ? source.queryRunner : undefined;
  const client: Pool | PoolClient = runner
    ? ((await runner.connect()) as PoolClient)
    : ((source instanceof EntityManager ? source.connection : source).driver as PostgresDriver).master;
  const result = await client.query<T & Record<string, unknown>>({ name, text, values });
  return result.rows;
}
