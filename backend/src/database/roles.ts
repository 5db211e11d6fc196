import { Client } from 'pg';

/**
 * Least privilege in PostgreSQL (docs/operations.md, "Database roles"): two roles per installation.
 *
 * - The **owner** owns the schema: it runs the migrations, which create the tables, triggers and
 *   constraints and grant the application role what it needs, table by table.
 * - The **application role** is what the API connects as. It may SELECT, INSERT and UPDATE (and
 *   DELETE from user_role) only as each table's grants in the migrations say; append-only tables
 *   such as audit_event are SELECT and INSERT only. As it owns nothing it cannot disable or drop a
 *   trigger or constraint, and it can create nothing in the schema.
 *
 * Roles are cluster-wide, so they are made by whoever sets the server up: `provisionDatabase` below
 * for the embedded PostgreSQL, the compose file's `db-setup` service and `npm run db:setup`; an
 * operator of a managed PostgreSQL runs the equivalent SQL in docs/operations.md.
 */
export const OWNER_ROLE = 'tilsagn_owner';
export const APP_ROLE = 'tilsagn_app';

/**
 * Predefined roles the application role must not hold: the first three reach the server's
 * programs and files (`COPY ... FROM PROGRAM`, `pg_read_file`), pg_write_all_data reaches past the
 * table grants (UPDATE and DELETE on the audit log).
 */
export const FORBIDDEN_MEMBERSHIPS = ['pg_execute_server_program', 'pg_read_server_files', 'pg_write_server_files', 'pg_write_all_data'];

/** A role name as the configuration accepts it: a plain lower-case SQL identifier. */
export const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface RoleLogin {
  name: string;
  password: string;
}

/**
 * Creates (or brings up to date) the owner and application roles with these passwords, and the
 * database owned by the owner, on a server reached as an administrator (a superuser, or a role with
 * CREATEROLE and CREATEDB). Safe to run again: it sets the passwords (so changing them in the
 * configuration rotates them), takes away anything the application role must not have, and hands
 * the owner whatever an older installation made as another role (before the roles existed,
 * everything was made by the superuser).
 */
export async function provisionDatabase(
  adminUrl: string,
  spec: { database: string; owner: RoleLogin; app: RoleLogin },
  log: (message: string) => void = () => undefined,
): Promise<void> {
  const { database, owner, app } = spec;
  for (const role of [owner.name, app.name]) {
    if (!ROLE_NAME.test(role)) throw new Error(`"${role}" is not a role name this setup accepts (lower-case letters, digits, _)`);
  }
  if (owner.name === app.name) throw new Error(`the owner and the application role must differ (both are "${owner.name}")`);
  for (const login of [owner, app]) {
    if (!login.password) throw new Error(`no password for the role "${login.name}"`);
  }

  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const ident = (name: string) => admin.escapeIdentifier(name);
    const [{ user: adminUser, superuser }] = (
      await admin.query<{ user: string; superuser: boolean }>(
        'SELECT current_user AS user, rolsuper AS superuser FROM pg_roles WHERE rolname = current_user',
      )
    ).rows;
    for (const login of [owner, app]) {
      if (login.name === adminUser) throw new Error(`the administrator "${adminUser}" cannot also be the role "${login.name}"`);
      const { rowCount } = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [login.name]);
      // Utility statements take no parameters: the password goes in as an escaped literal (and the
      // server stores its SCRAM hash).
      // Only a superuser may name the superuser, replication and RLS attributes at all (even to say no).
      const attributes =
        `LOGIN PASSWORD ${admin.escapeLiteral(login.password)} NOCREATEDB NOCREATEROLE` +
        (superuser ? ' NOSUPERUSER NOREPLICATION NOBYPASSRLS' : '');
      if (rowCount) {
        await admin.query(`ALTER ROLE ${ident(login.name)} WITH ${attributes}`);
      } else {
        await admin.query(`CREATE ROLE ${ident(login.name)} WITH ${attributes}`);
        log(`created the database role ${login.name}`);
      }
    }
    // The application role may act as nobody else: not as the owner, not as a predefined role
    // that reaches the server's files and programs.
    const { rows: memberships } = await admin.query<{ rolname: string }>(
      `SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
        WHERE u.rolname = $1 AND g.rolname = ANY($2)`,
      [app.name, [owner.name, ...FORBIDDEN_MEMBERSHIPS]],
    );
    for (const { rolname } of memberships) {
      await admin.query(`REVOKE ${ident(rolname)} FROM ${ident(app.name)}`);
      log(`took ${rolname} away from ${app.name}`);
    }

    // An administrator short of superuser (a managed PostgreSQL's) must be able to act as the
    // owner to give it a database.
    if (!superuser) await admin.query(`GRANT ${ident(owner.name)} TO CURRENT_USER`).catch(() => undefined);
    const { rows: dbs } = await admin.query<{ owner: string }>(
      'SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1',
      [database],
    );
    if (!dbs.length) {
      await admin.query(`CREATE DATABASE ${ident(database)} OWNER ${ident(owner.name)}`);
      log(`created the database ${database}, owned by ${owner.name}`);
    } else if (dbs[0].owner !== owner.name) {
      await admin.query(`ALTER DATABASE ${ident(database)} OWNER TO ${ident(owner.name)}`);
      log(`the database ${database} is now owned by ${owner.name} (was ${dbs[0].owner})`);
    }
    // Only the application role (and the owner) may connect; nobody else gets temporary tables.
    await admin.query(`REVOKE ALL ON DATABASE ${ident(database)} FROM PUBLIC`);
    await admin.query(`GRANT CONNECT ON DATABASE ${ident(database)} TO ${ident(app.name)}`);
  } finally {
    await admin.end();
  }

  const db = new Client({ connectionString: withDatabase(adminUrl, database) });
  await db.connect();
  try {
    const adopted = await adoptObjects(db, owner.name);
    if (adopted) log(`handed ${adopted} object(s) in ${database} to ${owner.name}`);
    // PostgreSQL 15 and later create the schema so; a cluster upgraded from an older one may not.
    await db.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
  } finally {
    await db.end();
  }
}

/**
 * Gives the owner every table, view, sequence and function in schema public that another role
 * owns (an installation from before the roles, where the superuser made everything). Members of
 * extensions stay with the extension; identity sequences follow their table.
 */
async function adoptObjects(db: Client, owner: string): Promise<number> {
  const ident = (name: string) => db.escapeIdentifier(name);
  const { rows: relations } = await db.query<{ name: string; relkind: string }>(
    `SELECT c.relname AS name, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'f', 'v', 'm', 'S') AND pg_get_userbyid(c.relowner) <> $1
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('e', 'a', 'i'))
      ORDER BY c.relkind = 'S', c.relname`,
    [owner],
  );
  const statement: Record<string, string> = {
    r: 'TABLE',
    p: 'TABLE',
    f: 'FOREIGN TABLE',
    v: 'VIEW',
    m: 'MATERIALIZED VIEW',
    S: 'SEQUENCE',
  };
  for (const r of relations) await db.query(`ALTER ${statement[r.relkind]} public.${ident(r.name)} OWNER TO ${ident(owner)}`);
  const { rows: routines } = await db.query<{ signature: string }>(
    `SELECT p.oid::regprocedure::text AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> $1
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')`,
    [owner],
  );
  for (const r of routines) await db.query(`ALTER ROUTINE ${r.signature} OWNER TO ${ident(owner)}`);
  return relations.length + routines.length;
}

/** Anything a query can run on: a pg Client, or TypeORM's DataSource. */
interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * What is wrong with the role the API is connected as, measured in the database itself: empty
 * for an application role as `provisionDatabase` and the migrations make it. main.ts refuses to
 * start in production on any of these, and warns in development.
 */
export async function appRoleProblems(db: Queryable): Promise<string[]> {
  const result = await db.query(
    `SELECT r.rolname::text AS role, r.rolsuper AS superuser, r.rolcreaterole AS createrole, r.rolcreatedb AS createdb,
            r.rolreplication AS replication, r.rolbypassrls AS bypassrls,
            has_schema_privilege('public', 'CREATE') AS create_in_public,
            ARRAY(SELECT DISTINCT pg_get_userbyid(c.relowner)::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND pg_has_role(c.relowner, 'MEMBER')) AS acts_as_owner,
            ARRAY(SELECT g.rolname::text FROM pg_roles g WHERE g.rolname = ANY($1) AND pg_has_role(g.oid, 'MEMBER')) AS forbidden,
            CASE WHEN to_regclass('public.audit_event') IS NULL THEN false
                 ELSE has_table_privilege('public.audit_event', 'UPDATE') OR has_table_privilege('public.audit_event', 'DELETE')
                   OR has_table_privilege('public.audit_event', 'TRUNCATE') END AS audit_writable
       FROM pg_roles r WHERE r.rolname = current_user`,
    [FORBIDDEN_MEMBERSHIPS],
  );
  const [row] = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    role: string;
    superuser: boolean;
    createrole: boolean;
    createdb: boolean;
    replication: boolean;
    bypassrls: boolean;
    create_in_public: boolean;
    acts_as_owner: string[];
    forbidden: string[];
    audit_writable: boolean;
  }[];
  const who = `the database role "${row.role}"`;
  // A superuser may do all of what follows and more: that says it all.
  if (row.superuser) return [`${who} is a superuser`];
  const problems: string[] = [];
  if (row.acts_as_owner.length) problems.push(`${who} owns the tables or may act as their owner (${row.acts_as_owner.join(', ')})`);
  for (const [flag, attribute] of [
    [row.createrole, 'CREATEROLE'],
    [row.createdb, 'CREATEDB'],
    [row.replication, 'REPLICATION'],
    [row.bypassrls, 'BYPASSRLS'],
  ] as const) {
    if (flag) problems.push(`${who} has ${attribute}`);
  }
  if (row.create_in_public) problems.push(`${who} may create objects in schema public`);
  if (row.forbidden.length) problems.push(`${who} holds ${row.forbidden.join(', ')}`);
  if (row.audit_writable && !row.acts_as_owner.length) {
    problems.push(`${who} may UPDATE, DELETE or TRUNCATE audit_event`);
  }
  return problems;
}

/** The URL with another database (path). */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** The URL with another login (user and password), same server and database. */
export function withLogin(url: string, login: RoleLogin): string {
  const u = new URL(url);
  u.username = encodeURIComponent(login.name);
  u.password = encodeURIComponent(login.password);
  return u.toString();
}
