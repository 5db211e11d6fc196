import type { Pool, PoolClient } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

export interface QueryOptions {
  /**
   * Read from the replica (DATABASE_READ_URL) when there is one: for reads that may lag the
   * primary by the replication delay (the queue, the dashboard). Inside a transaction the
   * transaction's own connection is always used.
   */
  replica?: boolean;
}

function pool(source: DataSource | EntityManager, options: QueryOptions): Pool {
  const driver = (source instanceof EntityManager ? source.connection : source).driver as PostgresDriver;
  const replicas = driver.slaves as Pool[];
  return options.replica && replicas.length ? replicas[Math.floor(Math.random() * replicas.length)] : (driver.master as Pool);
}

async function client(source: DataSource | EntityManager, options: QueryOptions): Promise<Pool | PoolClient> {
  const runner = source instanceof EntityManager ? source.queryRunner : undefined;
  return runner ? ((await runner.connect()) as PoolClient) : pool(source, options);
}

/**
 * Runs a statement as a named prepared statement: PostgreSQL parses and plans it once per
 * connection instead of on every call. For the hot statements whose planning costs as much as a
 * good part of their execution (intake's single insert, the case view, queue pages). Inside a
 * transaction (an EntityManager with a query runner) it runs on that transaction's connection.
 *
 * The name must be unique per statement text across the application.
 */
export async function preparedQuery<T = Record<string, unknown>>(
  source: DataSource | EntityManager,
  name: string,
  text: string,
  values: unknown[],
  options: QueryOptions = {},
): Promise<T[]> {
  const result = await (await client(source, options)).query<T & Record<string, unknown>>({ name, text, values });
  return result.rows;
}

/** A read on the replica when there is one (see QueryOptions.replica), else on the primary. */
export async function replicaQuery<T = Record<string, unknown>>(source: DataSource, text: string, values: unknown[] = []): Promise<T[]> {
  const result = await pool(source, { replica: true }).query<T & Record<string, unknown>>(text, values);
  return result.rows;
}
