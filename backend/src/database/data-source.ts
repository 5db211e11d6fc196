import { types } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import { setAppRole } from '../../../migrations/app-role';
import { installJobSchema } from './job-schema';
import { APP_ROLE } from './roles';
// Money is whole NOK in bigint columns, far below 2^53: read it as a number.
// Dates stay 'YYYY-MM-DD' strings (no time zone games with date columns).
types.setTypeParser(types.builtins.INT8, (v) => Number(v));
types.setTypeParser(types.builtins.NUMERIC, (v) => Number(v));
types.setTypeParser(types.builtins.DATE, (v) => v);

/**
 * `readUrl` (DATABASE_READ_URL) adds a read replica: TypeORM then keeps a second pool, which the
 * queue and the dashboard read from (common/prepared.ts); everything else, and every read inside
 * a change, stays on the primary.
 */
export function dataSourceOptions(url: string, poolSize = 10, readUrl: string | null = null): DataSourceOptions {
  return {
    type: 'postgres',
    // defaultMode master: TypeORM would otherwise send every repository read outside a transaction
    // (logins, token refresh) to the replica; only reads that ask for it go there.
    ...(readUrl ? { replication: { master: { url }, slaves: [{ url: readUrl }], defaultMode: 'master' as const } } : { url }),
    // No entity classes: SQL lives in each module's repository, with typed rows.
    entities: [],
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: { max: poolSize, application_name: 'tilsagn' },
  };
}

/** The advisory lock migrations hold: any fixed 64-bit number of our own ("tilsagn" in ASCII). */
const MIGRATION_LOCK = 0x74696c7361676en;

/**
 * Applies pending migrations. Safe to run from several replicas at once: TypeORM's runner takes no
 * lock of its own, so each run holds a PostgreSQL advisory lock for its duration, and a replica
 * that starts while another migrates waits, then finds nothing left to apply.
 *
 * `url` connects as the owner role (database/roles.ts): the migrations create the tables it owns
 * and grant `appRole`, the role the API connects as, what it needs of each; then the job queue's
 * schema is brought up to date and granted the same way.
 */
export async function migrate(
  url: string,
  log: (message: string) => void = () => undefined,
  options: {
    appRole?: string;
    /** Only these migrations (by name), as a restore does to build the schema its backup was made on. */
    only?: string[];
  } = {},
): Promise<string[]> {
  setAppRole(options.appRole ?? APP_ROLE);
  const only = options.only ? new Set(options.only) : null;
  const dataSource = new DataSource({
    ...dataSourceOptions(url, 2),
    ...(only ? { migrations: MIGRATIONS.filter((m) => only.has(m.name)) } : {}),
  });
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query(`SELECT pg_advisory_lock($1)`, [MIGRATION_LOCK.toString()]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const m of applied) log(`applied migration ${m.name}`);
    // The job queue's schema, installed and upgraded by its library, as the owner (job-schema.ts).
    await installJobSchema(url, options.appRole ?? APP_ROLE, log);
    return applied.map((m) => m.name);
  } finally {
    await lock.release();
    await dataSource.destroy();
  }
}
