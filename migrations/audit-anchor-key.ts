import { loadConfig } from '../backend/src/config/app-config';

/**
 * The key the migration AuditAnchors signs the anchors of the audit streams that already exist
 * with (migrations/1764330000000-AuditAnchors.ts): the configured AUDIT_ANCHOR_KEY (or, in
 * development, the key generated in DATA_DIR), the one the application signs with afterwards. A
 * program that migrates with a key of its own (the benchmark) sets it first.
 */
let configured: string | null = null;

export function setMigrationAnchorKey(key: string | null): void {
  configured = key;
}

export function migrationAnchorKey(): string {
  const key = configured ?? loadConfig(process.env, 'tool').auditAnchorKey;
  if (!key) {
    throw new Error(
      'AUDIT_ANCHOR_KEY must be set where the migrations run: the migration AuditAnchors signs the anchors of the ' +
        'audit events that exist already with it (the same key as the application; docs/operations.md, "The audit log")',
    );
  }
  return key;
}
