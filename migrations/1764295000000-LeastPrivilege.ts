import { MigrationInterface, QueryRunner } from 'typeorm';
import { appRole } from './app-role';

/**
 * What the API may do, table by table (docs/operations.md, "Database roles"). The migrations run as
 * the owner role, which owns every table; the API connects as the application role, which gets
 * exactly what the code needs: SELECT and INSERT everywhere it reads and writes, UPDATE where a row
 * changes (a case, a cost line's assessment, a note, a session), DELETE only on user_role (a user's
 * roles are replaced as a whole), and on the append-only tables (audit_event, evaluations,
 * decisions, letters, revisions, corrections) SELECT and INSERT only, so their triggers are a
 * second line rather than the only one. Owning nothing, the role cannot disable or drop a trigger
 * or a constraint, and it may create nothing in the schema.
 *
 * Grants are explicit, in the migration that creates a table (migrations/app-role.ts grantToApp),
 * not default privileges: a table added without thinking is out of the API's reach rather than
 * open to it, and test/integration/database-roles.spec.ts compares every table with its list.
 */
export const APP_GRANTS: [privileges: string, tables: string[]][] = [
  ['SELECT, INSERT, UPDATE', ['app_user', 'app_session']],
  ['SELECT, INSERT, DELETE', ['user_role']],
  ['SELECT, INSERT, UPDATE', ['application', 'cost_line', 'judgment', 'information_request', 'note', 'recommendation', 'register_report']],
  ['SELECT, INSERT', ['applicant', 'financial_year', 'related_enterprise', 'collaboration_partner', 'other_public_aid']],
  ['SELECT, INSERT', ['audit_event', 'evaluation', 'fact_correction', 'judgment_revision', 'note_revision', 'decision', 'decision_letter']],
];

export class LeastPrivilege1764295000000 implements MigrationInterface {
  name = 'LeastPrivilege1764295000000';

  async up(q: QueryRunner): Promise<void> {
    const role = await appRole(q);
    // A clean slate: whatever was granted by hand before (to the role, or to everyone) goes.
    for (const grantee of [role, 'PUBLIC']) {
      await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${grantee}`);
      await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${grantee}`);
    }
    for (const [privileges, tables] of APP_GRANTS) {
      for (const table of tables) await q.query(`GRANT ${privileges} ON TABLE ${table} TO ${role}`);
    }
    // Intake numbers its references (identity columns need no grant of their own).
    await q.query(`GRANT USAGE ON SEQUENCE application_reference_seq TO ${role}`);

    // The schema: the role uses it and creates nothing in it. PostgreSQL 15 and later make it so
    // for a new database; an older or hand-made one may differ. Revoking works when the owner role
    // owns the database (as provisioning makes it); otherwise the check below names the fix.
    await q.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    await q.query(`REVOKE CREATE ON SCHEMA public FROM ${role}`);
    const [schema] = await q.query(
      `SELECT has_schema_privilege($1, 'public', 'CREATE') AS can_create, has_schema_privilege($1, 'public', 'USAGE') AS can_use`,
      [role.slice(1, -1)],
    );
    if (!schema.can_use) await q.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    if (schema.can_create) {
      throw new Error(
        `the application role ${role} may create objects in schema public and this role cannot take that away: ` +
          `as an administrator, run REVOKE CREATE ON SCHEMA public FROM PUBLIC, ${role}; then migrate again`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const role = await appRole(q);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${role}`);
  }
}
