import { QueryRunner } from 'typeorm';

/**
 * The application role the migrations grant to (docs/operations.md, "Database roles"). The
 * migrations run as the owner role, which owns every table; the API connects as the application
 * role, which may use a table only as the migration that creates it grants:
 *
 *     await grantToApp(q, 'SELECT, INSERT', ['my_new_table']);
 *
 * A table without a grant is out of the API's reach (every integration test runs the API as the
 * application role), and test/integration/database-roles.spec.ts lists what each table grants:
 * add a new table there too. Append-only tables get SELECT and INSERT only.
 *
 * The role is a cluster-wide object the migrations do not create; its name comes from the
 * configuration (DATABASE_APP_ROLE, default tilsagn_app) through `migrate()`, which calls
 * `setAppRole` before running them.
 */
let configured = 'tilsagn_app';

export function setAppRole(name: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`"${name}" is not a role name the migrations accept`);
  configured = name;
}

/** The application role's name, quoted; a clear error when it does not exist or is the role migrating. */
export async function appRole(q: QueryRunner): Promise<string> {
  const [me] = await q.query(`SELECT current_user AS name`);
  if (me.name === configured) {
    throw new Error(
      `the migrations run as "${configured}", the application role: run them as the owner role ` +
        `(DATABASE_OWNER_URL, see docs/operations.md "Database roles")`,
    );
  }
  const found = await q.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [configured]);
  if (!found.length) {
    throw new Error(
      `the application role "${configured}" does not exist. Create it as an administrator before migrating ` +
        `(CREATE ROLE ${configured} LOGIN PASSWORD '...'; see docs/operations.md "Database roles"), ` +
        `or name the role the API connects as in DATABASE_APP_ROLE`,
    );
  }
  return `"${configured}"`;
}

/** Grants the application role these privileges (e.g. 'SELECT, INSERT') on each table. */
export async function grantToApp(q: QueryRunner, privileges: string, tables: string[]): Promise<void> {
  const role = await appRole(q);
  for (const table of tables) await q.query(`GRANT ${privileges} ON TABLE ${table} TO ${role}`);
}
