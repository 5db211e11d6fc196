import { QueryRunner } from 'typeorm';

/**
 * Every change of a case's data is audited by the database itself (docs/architecture.md, "The
 * audit log"). A table that holds case data gets, in the migration that creates it:
 *
 *     await auditCaseChanges(q, 'my_case_table', 'application_id');
 *
 * `key` says how a row leads to its case: `id` (the application row itself), `application_id`, or
 * `note_id` / `decision_id` (through the note or the decision). At commit, each row inserted,
 * updated or deleted checks that the same transaction wrote an audit event for the case (the
 * application does, through CasesService.change and intake); when none was written, the database
 * writes a `db-change` event itself, naming the table, the operation, the role and the columns
 * changed. Such an event is not the application's, so it carries no anchor, and verification
 * reports it. A TRUNCATE writes one `db-change` event about no case.
 */
export type CaseKey = 'id' | 'application_id' | 'note_id' | 'decision_id';

export async function auditCaseChanges(q: QueryRunner, table: string, key: CaseKey): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(table)) throw new Error(`"${table}" is not a table name auditCaseChanges accepts`);
  // Deferred to the commit: the application writes its audit events after the rows they describe.
  await q.query(`CREATE CONSTRAINT TRIGGER tg_${table}_audited AFTER INSERT OR UPDATE OR DELETE ON ${table}
                 DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_case_change('${key}')`);
  await q.query(`CREATE TRIGGER tg_${table}_audited_truncate AFTER TRUNCATE ON ${table}
                 FOR EACH STATEMENT EXECUTE FUNCTION audit_case_truncate()`);
}

export async function dropCaseAudit(q: QueryRunner, table: string): Promise<void> {
  await q.query(`DROP TRIGGER IF EXISTS tg_${table}_audited ON ${table}`);
  await q.query(`DROP TRIGGER IF EXISTS tg_${table}_audited_truncate ON ${table}`);
}
