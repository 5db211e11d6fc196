import { Logger, runMigrations } from 'graphile-worker';
import { Client } from 'pg';

/** The schema the job queue (graphile-worker) keeps its tables and functions in. */
export const JOB_SCHEMA = 'graphile_worker';

/**
 * Installs or upgrades the job queue's schema as the owner role, then grants the application role
 * what the queue needs at run time (docs/jobs-and-outbox.md): it takes, locks, finishes and
 * reschedules jobs through the schema's functions and tables (every row: the tables' row-level
 * security is opened to it by a policy), and creates nothing. The API's
 * worker finds the schema up to date at start and so never needs to create a schema itself.
 * Safe to run again: graphile-worker applies only its own migrations it has not yet applied.
 */
export async function installJobSchema(ownerUrl: string, appRole: string, log: (message: string) => void = () => undefined): Promise<void> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const before = await schemaRevision(client);
    await runMigrations({ connectionString: ownerUrl, schema: JOB_SCHEMA, logger: silentLogger() });
    const after = await schemaRevision(client);
    if (after !== before) log(`job queue schema ${JOB_SCHEMA} at revision ${after}`);
    const role = client.escapeIdentifier(appRole);
    const schema = client.escapeIdentifier(JOB_SCHEMA);
    await client.query(`REVOKE CREATE ON SCHEMA ${schema} FROM PUBLIC`);
    await client.query(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role}`);
    await client.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role}`);
    await client.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${schema} TO ${role}`);
    // graphile-worker turns on row-level security on its tables (and adds no policy), so that only
    // their owner sees their rows: the application role is let see and change every row.
    const { rows: secured } = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relrowsecurity`,
      [JOB_SCHEMA],
    );
    for (const { name } of secured) {
      const table = `${schema}.${client.escapeIdentifier(name)}`;
      await client.query(`DROP POLICY IF EXISTS tilsagn_app_all ON ${table}`);
      await client.query(`CREATE POLICY tilsagn_app_all ON ${table} TO ${role} USING (true) WITH CHECK (true)`);
    }
  } finally {
    await client.end();
  }
}

async function schemaRevision(client: Client): Promise<number | null> {
  const { rows } = await client.query<{ present: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS present`, [`${JOB_SCHEMA}.migrations`]);
  if (!rows[0].present) return null;
  const { rows: revision } = await client.query<{ id: number }>(`SELECT max(id) AS id FROM ${JOB_SCHEMA}.migrations`);
  return revision[0].id;
}

/** graphile-worker's logger, quiet: the migrate tool says what changed itself. */
const silentLogger = () => new Logger(() => () => undefined);
