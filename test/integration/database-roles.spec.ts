import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { dataSourceOptions, migrate } from '../../backend/src/database/data-source';
import { appRoleProblems, provisionDatabase, withDatabase, withLogin } from '../../backend/src/database/roles';
import { createEmptyDatabase, startTestApp, TEST_APP_ROLE, TEST_OWNER_ROLE, TestContext } from '../support/app';
import { as, newApplication } from '../support/factories';

/**
 * Least privilege in PostgreSQL (docs/operations.md, "Database roles"): the API connects as the
 * application role, which can do the app's work and nothing more. Every other integration suite
 * runs the API as this role too, so they show the grants suffice; this one shows what it cannot do.
 */

/**
 * What the application role may do with each table, and nothing else. A migration that creates a
 * table grants the role what the code needs (migrations/app-role.ts grantToApp) and adds it here.
 */
const TABLE_GRANTS: Record<string, string[]> = {
  app_user: ['SELECT', 'INSERT', 'UPDATE'],
  user_role: ['SELECT', 'INSERT', 'DELETE'],
  app_session: ['SELECT', 'INSERT', 'UPDATE'],
  application: ['SELECT', 'INSERT', 'UPDATE'],
  applicant: ['SELECT', 'INSERT'],
  financial_year: ['SELECT', 'INSERT'],
  related_enterprise: ['SELECT', 'INSERT'],
  collaboration_partner: ['SELECT', 'INSERT'],
  other_public_aid: ['SELECT', 'INSERT'],
  cost_line: ['SELECT', 'INSERT', 'UPDATE'],
  evaluation: ['SELECT', 'INSERT'],
  fact_correction: ['SELECT', 'INSERT'],
  judgment: ['SELECT', 'INSERT', 'UPDATE'],
  judgment_revision: ['SELECT', 'INSERT'],
  information_request: ['SELECT', 'INSERT', 'UPDATE'],
  note: ['SELECT', 'INSERT', 'UPDATE'],
  note_revision: ['SELECT', 'INSERT'],
  recommendation: ['SELECT', 'INSERT', 'UPDATE'],
  decision: ['SELECT', 'INSERT'],
  decision_letter: ['SELECT', 'INSERT'],
  register_report: ['SELECT', 'INSERT', 'UPDATE'],
  audit_event: ['SELECT', 'INSERT'],
  // The app signs each case's anchor as it writes the case's events, and never deletes one.
  audit_anchor: ['SELECT', 'INSERT', 'UPDATE'],
  // Documents are marked as entered in error (an UPDATE the trigger allows once); their bytes and
  // the replies' links to them are append-only.
  document: ['SELECT', 'INSERT', 'UPDATE'],
  document_blob: ['SELECT', 'INSERT'],
  document_blob_chunk: ['SELECT', 'INSERT'],
  information_reply_document: ['SELECT', 'INSERT'],
  // The login limits' counters: a success deletes a username's row, and old windows are swept.
  login_limit: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  // Who read what, sign-ins and refusals: written, never changed (the owner deletes old rows).
  access_log: ['SELECT', 'INSERT'],
  // The dashboard's tallies: kept by triggers that run as the owner; the API only reads them.
  case_tally: ['SELECT'],
  grant_tally: ['SELECT'],
  period_tally: ['SELECT'],
  open_age_tally: ['SELECT'],
  open_due_tally: ['SELECT'],
  // Norway's public holidays, read by business_days_between inside the owner's tally triggers.
  public_holiday: [],
  // The portal's outbox: messages are written once; their delivery (delivered_at, attempts, the
  // last error, the next try) is updated. Their order (seq) is given at commit by a trigger that
  // runs as the owner.
  portal_outbox: ['SELECT', 'INSERT', 'UPDATE'],
  // Staff notifications: written with the change they tell about; the recipient marks them read.
  notification: ['SELECT', 'INSERT', 'UPDATE'],
  // A caseworker's saved queue views: hers to make, rename and delete.
  saved_filter: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  // The migrations' own bookkeeping: the API never reads it.
  schema_migration: [],
};
const SEQUENCE_GRANTS: Record<string, string[]> = { application_reference_seq: ['USAGE'] };
const TABLE_PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER', 'MAINTAIN'];
const SEQUENCE_PRIVILEGES = ['USAGE', 'SELECT', 'UPDATE'];

/**
 * Every way the application role's privileges differ from the lists above, in words: a table
 * without an entry, a privilege too many or missing, and any UPDATE, DELETE or TRUNCATE on a table
 * whose triggers make it append-only. Empty when all is as it should be.
 */
async function grantProblems(db: { query(sql: string, params?: unknown[]): Promise<any> }, role: string): Promise<string[]> {
  const result = await db.query(
    `SELECT c.relname AS name, c.relkind AS kind,
            ARRAY(SELECT p FROM unnest($2::text[]) p WHERE c.relkind IN ('r', 'p') AND has_table_privilege($1, c.oid, p)) AS table_privileges,
            ARRAY(SELECT p FROM unnest($3::text[]) p WHERE c.relkind = 'S' AND has_sequence_privilege($1, c.oid, p)) AS sequence_privileges,
            EXISTS (SELECT 1 FROM pg_trigger t JOIN pg_proc f ON f.oid = t.tgfoid
                     WHERE t.tgrelid = c.oid AND f.proname IN ('refuse_change', 'audit_event_refuse_change')) AS append_only,
            EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')) AS owned_by_column
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'S')
      ORDER BY c.relname`,
    [role, TABLE_PRIVILEGES, SEQUENCE_PRIVILEGES],
  );
  // TypeORM answers rows, pg a result with rows.
  const rows = (Array.isArray(result) ? result : result.rows) as {
    name: string;
    kind: string;
    table_privileges: string[];
    sequence_privileges: string[];
    append_only: boolean;
    owned_by_column: boolean;
  }[];
  const problems: string[] = [];
  const listed = (name: string, kind: string) => (kind === 'S' ? SEQUENCE_GRANTS[name] : TABLE_GRANTS[name]);
  for (const row of rows) {
    const has = row.kind === 'S' ? row.sequence_privileges : row.table_privileges;
    // Identity sequences need no grant (an INSERT draws from them); the role has none on them.
    const expected = row.kind === 'S' && row.owned_by_column && !(row.name in SEQUENCE_GRANTS) ? [] : listed(row.name, row.kind);
    if (!expected) {
      problems.push(
        `${row.name}: not in database-roles.spec.ts (the application role has ${has.join(', ') || 'no privileges'}); ` +
          'grant what the API needs in the migration that creates it (grantToApp) and list it here',
      );
      continue;
    }
    const extra = has.filter((p) => !expected.includes(p));
    const missing = expected.filter((p) => !has.includes(p));
    if (extra.length) problems.push(`${row.name}: the application role also has ${extra.join(', ')}`);
    if (missing.length) problems.push(`${row.name}: the application role lacks ${missing.join(', ')}`);
    const changes = has.filter((p) => ['UPDATE', 'DELETE', 'TRUNCATE'].includes(p));
    if (row.append_only && changes.length) problems.push(`${row.name} is append-only, yet the application role has ${changes.join(', ')}`);
  }
  return problems;
}

let ctx: TestContext;
/** A plain connection as the application role, as the API has. */
let app: Client;

beforeAll(async () => {
  ctx = await startTestApp();
  app = new Client({ connectionString: ctx.databaseUrl });
  await app.connect();
});
afterAll(async () => {
  await app?.end();
  await ctx?.close();
});

/** Runs one statement as the application role in a transaction of its own, so a refusal leaves the connection usable. */
async function asApp(sql: string, params: unknown[] = []): Promise<unknown> {
  await app.query('BEGIN');
  try {
    return await app.query(sql, params);
  } finally {
    await app.query('ROLLBACK');
  }
}

describe('the application role the API connects as', () => {
  it('is the application role: no superuser, no owner, none of the predefined roles that reach the server', async () => {
    const [me] = await ctx.app.get(DataSource).query(`SELECT current_user AS name`);
    expect(me.name).toBe(TEST_APP_ROLE);
    const { rows } = await app.query(
      `SELECT rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls,
              pg_has_role($1, 'MEMBER') AS can_become_owner,
              ARRAY(SELECT g FROM unnest($2::text[]) g WHERE pg_has_role(g, 'MEMBER')) AS predefined
         FROM pg_roles WHERE rolname = current_user`,
      [TEST_OWNER_ROLE, ['pg_execute_server_program', 'pg_read_server_files', 'pg_write_server_files', 'pg_write_all_data']],
    );
    expect(rows[0]).toEqual({
      rolsuper: false,
      rolcreaterole: false,
      rolcreatedb: false,
      rolreplication: false,
      rolbypassrls: false,
      can_become_owner: false,
      predefined: [],
    });
    // The check main.ts runs at start-up (production refuses on any of these) finds nothing.
    expect(await appRoleProblems(ctx.app.get(DataSource))).toEqual([]);
  });

  it('cannot UPDATE, DELETE or TRUNCATE the audit log', async () => {
    await newApplication(ctx);
    await expect(asApp(`UPDATE audit_event SET actor = 'mallory'`)).rejects.toThrow(/permission denied for table audit_event/);
    await expect(asApp(`DELETE FROM audit_event`)).rejects.toThrow(/permission denied for table audit_event/);
    await expect(asApp(`TRUNCATE audit_event`)).rejects.toThrow(/permission denied for table audit_event/);
    // Nor the other append-only records.
    await expect(asApp(`UPDATE access_log SET username = 'mallory'`)).rejects.toThrow(/permission denied for table access_log/);
    await expect(asApp(`DELETE FROM access_log`)).rejects.toThrow(/permission denied for table access_log/);
    await expect(asApp(`DELETE FROM evaluation`)).rejects.toThrow(/permission denied for table evaluation/);
    await expect(asApp(`UPDATE decision SET outcome = 'granted'`)).rejects.toThrow(/permission denied for table decision/);
  });

  it('cannot switch off or drop the triggers and constraints that guard the records', async () => {
    const notOwner = /must be owner of (table|relation) /;
    await expect(asApp(`ALTER TABLE audit_event DISABLE TRIGGER tg_audit_event_append_only`)).rejects.toThrow(notOwner);
    await expect(asApp(`ALTER TABLE audit_event DISABLE TRIGGER ALL`)).rejects.toThrow(notOwner);
    await expect(asApp(`ALTER TABLE evaluation DISABLE TRIGGER tg_evaluation_append_only`)).rejects.toThrow(notOwner);
    // Four-eyes: the trigger that the approver took no part, and the check that decider and recommender differ.
    await expect(asApp(`DROP TRIGGER decision_decider_took_no_part ON decision`)).rejects.toThrow(notOwner);
    await expect(asApp(`ALTER TABLE decision DROP CONSTRAINT ck_decision_four_eyes`)).rejects.toThrow(notOwner);
    await expect(asApp(`ALTER TABLE decision DROP CONSTRAINT fk_decision_recommendation`)).rejects.toThrow(notOwner);
    await expect(asApp(`DROP FUNCTION decision_decider_took_no_part() CASCADE`)).rejects.toThrow(/must be owner of function/);
    await expect(asApp(`SET session_replication_role = replica`)).rejects.toThrow(/permission denied to set parameter/);
  });

  it('cannot run programs or read and write files on the server', async () => {
    await expect(asApp(`COPY (SELECT 1) TO PROGRAM 'id'`)).rejects.toThrow(/permission denied to COPY to or from an external program/);
    await expect(asApp(`COPY audit_event FROM PROGRAM 'id'`)).rejects.toThrow(/permission denied to COPY to or from an external program/);
    await expect(asApp(`COPY audit_event TO '/tmp/tilsagn-audit.csv'`)).rejects.toThrow(/permission denied to COPY to a file/);
    await expect(asApp(`SELECT pg_read_file('/etc/passwd')`)).rejects.toThrow(/permission denied for function pg_read_file/);
    await expect(asApp(`SELECT pg_ls_dir('.')`)).rejects.toThrow(/permission denied for function pg_ls_dir/);
    await expect(asApp(`SELECT lo_import('/etc/passwd')`)).rejects.toThrow(/permission denied for function lo_import/);
  });

  it('creates nothing in the schema or the database', async () => {
    await expect(asApp(`CREATE TABLE mine (id int)`)).rejects.toThrow(/permission denied for schema public/);
    await expect(asApp(`CREATE VIEW every_event AS SELECT * FROM audit_event`)).rejects.toThrow(/permission denied for schema public/);
    await expect(asApp(`CREATE FUNCTION public.mine() RETURNS int LANGUAGE sql AS 'SELECT 1'`)).rejects.toThrow(
      /permission denied for schema public/,
    );
    await expect(asApp(`CREATE SCHEMA mine`)).rejects.toThrow(/permission denied for database/);
  });

  it('cannot become the owner or anyone else', async () => {
    await expect(asApp(`SET ROLE ${TEST_OWNER_ROLE}`)).rejects.toThrow(/permission denied to set role/);
    await expect(asApp(`SET SESSION AUTHORIZATION ${TEST_OWNER_ROLE}`)).rejects.toThrow(/permission denied to set session authorization/);
    // Granting itself more does nothing (PostgreSQL warns that no privileges were granted).
    await app.query('BEGIN');
    try {
      await app.query(`GRANT UPDATE, DELETE ON audit_event TO ${TEST_APP_ROLE}`);
      const { rows } = await app.query(
        `SELECT has_table_privilege('audit_event', 'UPDATE') OR has_table_privilege('audit_event', 'DELETE') AS can`,
      );
      expect(rows[0].can).toBe(false);
    } finally {
      await app.query('ROLLBACK');
    }
    await expect(asApp(`ALTER ROLE ${TEST_APP_ROLE} SUPERUSER`)).rejects.toThrow(/permission denied to alter role/);
  });

  it('has exactly the grants listed for each table, so a table without grants (or with too many) fails here', async () => {
    expect(await grantProblems(ctx.db, TEST_APP_ROLE)).toEqual([]);
    // The check itself: a table the owner adds without a grant, or grants too much, is named.
    await ctx.db.query(`CREATE TABLE forgotten (id int)`);
    try {
      expect(await grantProblems(ctx.db, TEST_APP_ROLE)).toEqual([
        expect.stringMatching(/^forgotten: not in database-roles.spec.ts \(.*no privileges\)/),
      ]);
      await ctx.db.query(`GRANT UPDATE, DELETE ON audit_event TO ${TEST_APP_ROLE}`);
      expect(await grantProblems(ctx.db, TEST_APP_ROLE)).toEqual(
        expect.arrayContaining([
          'audit_event: the application role also has UPDATE, DELETE',
          'audit_event is append-only, yet the application role has UPDATE, DELETE',
        ]),
      );
    } finally {
      await ctx.db.query(`REVOKE UPDATE, DELETE ON audit_event FROM ${TEST_APP_ROLE}`);
      await ctx.db.query(`DROP TABLE forgotten`);
    }
  });

  it('does the ordinary work: intake, casework, sessions, the audit log and its check', async () => {
    const created = await newApplication(ctx);
    const leder = await as(ctx, 'leder');
    expect((await leder.post(`/api/applications/${created.id}/assign`, { assignee: 'kari' })).status).toBe(200);
    const kari = await as(ctx, 'kari');
    const page = await kari.get('/api/applications?assignee=kari');
    expect(page.status).toBe(200);
    expect(page.body.items.map((i: { id: string }) => i.id)).toContain(created.id);
    const caseView = await kari.get(`/api/applications/${created.id}`);
    expect(caseView.status).toBe(200);
    const verify = await leder.get('/api/audit/verify');
    expect(verify.status).toBe(200);
    expect(verify.body.ok).toBe(true);
    // A new login writes a session row; logout changes it.
    const login = await ctx.http.post('/api/auth/login').send({ username: 'ola', password: 'demo' });
    expect(login.status).toBe(200);
    const logout = await ctx.http.post('/api/auth/logout').set('authorization', `Bearer ${login.body.accessToken}`);
    expect(logout.status).toBe(204);
  });
});

describe('the migrations', () => {
  it('refuse to run when the application role they grant to does not exist, naming it', async () => {
    const db = await createEmptyDatabase();
    try {
      await expect(migrate(db.url, undefined, { appRole: 'tilsagn_nobody' })).rejects.toThrow(
        /the application role "tilsagn_nobody" does not exist/,
      );
    } finally {
      await db.drop();
    }
  });
});

describe('provisioning (npm start, db:setup, compose)', () => {
  it('makes the roles and the database, and hands an installation from before the roles to the owner', async () => {
    const adminUrl = process.env.TEST_PG_ADMIN_URL!;
    const suffix = randomBytes(4).toString('hex');
    const database = `legacy_${suffix}`;
    const owner = { name: `legacy_owner_${suffix}`, password: randomBytes(12).toString('hex') };
    const appRole = { name: `legacy_app_${suffix}`, password: randomBytes(12).toString('hex') };
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      // As before the roles: the superuser made and migrated everything up to the roles' migration,
      // and the app connected as it.
      await admin.query(`CREATE DATABASE ${database}`);
      const legacyUrl = withDatabase(adminUrl, database);
      const legacy = new DataSource({
        ...dataSourceOptions(legacyUrl, 1),
        migrations: MIGRATIONS.slice(
          0,
          MIGRATIONS.findIndex((m) => m.name === 'LeastPrivilege1764295000000'),
        ),
      });
      await legacy.initialize();
      await legacy.runMigrations({ transaction: 'each' });
      await legacy.destroy();

      await provisionDatabase(adminUrl, { database, owner, app: appRole });
      const asOwner = new Client({ connectionString: withLogin(legacyUrl, owner) });
      await asOwner.connect();
      try {
        const { rows } = await asOwner.query(
          `SELECT count(*) FILTER (WHERE pg_get_userbyid(relowner) <> current_user)::int AS others
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND relkind IN ('r', 'S')`,
        );
        expect(rows[0].others).toBe(0);
      } finally {
        await asOwner.end();
      }
      // The owner migrates from now on, granting the new application role.
      await migrate(withLogin(legacyUrl, owner), undefined, { appRole: appRole.name });
      const asApplication = new Client({ connectionString: withLogin(legacyUrl, appRole) });
      await asApplication.connect();
      try {
        expect(await appRoleProblems(asApplication)).toEqual([]);
        expect(await grantProblems(asApplication, appRole.name)).toEqual([]);
        await expect(asApplication.query(`DELETE FROM audit_event`)).rejects.toThrow(/permission denied/);
      } finally {
        await asApplication.end();
      }
      // Run again (a restart, a password change): nothing to do, and the new password works.
      appRole.password = randomBytes(12).toString('hex');
      await provisionDatabase(adminUrl, { database, owner, app: appRole });
      const again = new Client({ connectionString: withLogin(legacyUrl, appRole) });
      await again.connect();
      await again.end();
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      for (const role of [owner.name, appRole.name]) {
        await admin.query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
      }
      await admin.end();
    }
  });
});
