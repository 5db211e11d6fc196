import { MigrationInterface, QueryRunner } from 'typeorm';
import { NO_CASE_STREAM } from '../backend/src/cases/audit-anchor';
import { anchorUnanchoredStreams } from '../backend/src/cases/audit-anchor-backfill';
import { grantToApp } from './app-role';
import { migrationAnchorKey } from './audit-anchor-key';
import { auditCaseChanges, CaseKey, dropCaseAudit } from './audit-case-changes';

/**
 * An audit log that cannot be trimmed or rewritten unseen (docs/architecture.md, "The audit log").
 *
 * - `audit_anchor`: per stream of audit events (a case, or the stream of events about no case),
 *   what the application vouches for: a prefix of the hash of every event it wrote, position by
 *   position, signed with AUDIT_ANCHOR_KEY, which the database never holds. The application
 *   writes it in the transaction that writes the events (cases/audit-anchors.ts). The API may
 *   insert and update anchors (it signs them) but not delete them.
 * - Every table of case data audits its changes itself (migrations/audit-case-changes.ts): a row
 *   inserted, updated or deleted in a transaction that wrote no audit event for its case makes
 *   the database write a `db-change` event, which verification reports (it has no anchor).
 * - The streams that exist already are anchored as they stand, with the configured key: from
 *   now on a change to them shows.
 */
const ZERO = `'${NO_CASE_STREAM}'::uuid`;

/** The tables of case data, and how a row leads to its case. Every other table with an application_id column is one too. */
const CASE_TABLES: [string, CaseKey][] = [
  ['application', 'id'],
  ['note_revision', 'note_id'],
  ['decision_letter', 'decision_id'],
  ['register_report', 'decision_id'],
];

export class AuditAnchors1764330000000 implements MigrationInterface {
  name = 'AuditAnchors1764330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_anchor (
        stream       uuid PRIMARY KEY,
        seq          integer NOT NULL,
        hashes       bytea NOT NULL,
        broken_from  integer,
        key_id       text NOT NULL,
        mac          bytea NOT NULL,
        anchored_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_audit_anchor_hashes CHECK (seq >= 0 AND octet_length(hashes) = seq * 8)
      ) WITH (fillfactor = 80)`);
    await q.query(
      `COMMENT ON TABLE audit_anchor IS 'Per audit stream: the hash prefixes of the events the application wrote, HMAC-signed with a key the database does not hold'`,
    );
    await grantToApp(q, 'SELECT, INSERT, UPDATE', ['audit_anchor']);

    // A value as a db-change event keeps it: whole when short, its length when long (documents, snapshots).
    await q.query(`
      CREATE FUNCTION audit_brief(value jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN length(value::text) > 200 THEN to_jsonb(format('(%s characters)', length(value::text))) ELSE value END
      $$`);
    await q.query(`
      CREATE FUNCTION audit_case_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        case_id uuid;
        newest record;
        details jsonb;
      BEGIN
        IF TG_ARGV[0] = 'id' THEN
          IF TG_OP = 'DELETE' THEN case_id := OLD.id; ELSE case_id := NEW.id; END IF;
        ELSIF TG_ARGV[0] = 'application_id' THEN
          IF TG_OP = 'DELETE' THEN case_id := OLD.application_id; ELSE case_id := NEW.application_id; END IF;
        ELSIF TG_ARGV[0] = 'note_id' THEN
          IF TG_OP = 'DELETE' THEN
            SELECT n.application_id INTO case_id FROM note n WHERE n.id = OLD.note_id;
          ELSE
            SELECT n.application_id INTO case_id FROM note n WHERE n.id = NEW.note_id;
          END IF;
        ELSIF TG_ARGV[0] = 'decision_id' THEN
          IF TG_OP = 'DELETE' THEN
            SELECT d.application_id INTO case_id FROM decision d WHERE d.id = OLD.decision_id;
          ELSE
            SELECT d.application_id INTO case_id FROM decision d WHERE d.id = NEW.decision_id;
          END IF;
        END IF;
        -- Audited when this transaction wrote the case's newest event (and not this trigger).
        SELECT e.xmin = pg_current_xact_id()::xid AS mine, e.kind INTO newest
          FROM audit_event e
         WHERE coalesce(e.application_id, ${ZERO}) = coalesce(case_id, ${ZERO})
         ORDER BY coalesce(e.application_id, ${ZERO}) DESC, e.stream_seq DESC
         LIMIT 1;
        IF FOUND AND newest.mine AND newest.kind <> 'db-change' THEN
          RETURN NULL;
        END IF;
        IF TG_OP = 'UPDATE' THEN
          SELECT jsonb_object_agg(o.key, jsonb_build_object('before', audit_brief(o.value), 'after', audit_brief(n.value)))
            INTO details
            FROM jsonb_each(to_jsonb(OLD)) o JOIN jsonb_each(to_jsonb(NEW)) n ON n.key = o.key
           WHERE o.value IS DISTINCT FROM n.value;
          IF details IS NULL THEN
            RETURN NULL; -- nothing changed
          END IF;
          details := jsonb_build_object('changed', details);
        ELSIF TG_OP = 'INSERT' THEN
          SELECT jsonb_build_object('row', jsonb_object_agg(r.key, audit_brief(r.value))) INTO details FROM jsonb_each(to_jsonb(NEW)) r;
        ELSE
          SELECT jsonb_build_object('row', jsonb_object_agg(r.key, audit_brief(r.value))) INTO details FROM jsonb_each(to_jsonb(OLD)) r;
        END IF;
        INSERT INTO audit_event (actor, application_id, kind, data)
        VALUES ('db:' || session_user, case_id, 'db-change',
                jsonb_build_object('table', TG_TABLE_NAME, 'operation', TG_OP, 'role', current_user) || details);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION audit_case_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO audit_event (actor, application_id, kind, data)
        VALUES ('db:' || session_user, NULL, 'db-change',
                jsonb_build_object('table', TG_TABLE_NAME, 'operation', 'TRUNCATE', 'role', current_user));
        RETURN NULL;
      END $$`);
    for (const [table, key] of await caseTables(q)) await auditCaseChanges(q, table, key);

    // The chains written so far are anchored as they stand (a break in them stays visible).
    const [{ any }] = await q.query(`SELECT EXISTS (SELECT 1 FROM audit_event) AS any`);
    if (any) await anchorUnanchoredStreams(q, migrationAnchorKey());
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table] of await caseTables(q)) await dropCaseAudit(q, table);
    await q.query(`DROP FUNCTION audit_case_truncate, audit_case_change, audit_brief`);
    await q.query(`DROP TABLE audit_anchor`);
  }
}

/** The listed tables and every other table in public with an application_id column (the audit log itself aside). */
async function caseTables(q: QueryRunner): Promise<[string, CaseKey][]> {
  const rows: { table: string }[] = await q.query(
    `SELECT c.table_name AS table FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = 'public' AND c.column_name = 'application_id' AND t.table_type = 'BASE TABLE'
        AND c.table_name <> ALL ($1) ORDER BY 1`,
    [['audit_event', ...CASE_TABLES.map(([t]) => t)]],
  );
  return [...CASE_TABLES, ...rows.map((r): [string, CaseKey] => [r.table, 'application_id'])];
}
