import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The key the application signs the audit log's anchors with (cases/audit-anchor.ts), kept away
 * from the database: AUDIT_ANCHOR_KEY, required in production, generated once into the data
 * directory in development (like the JWT secret), fixed in tests. After a rotation the old keys
 * go in AUDIT_ANCHOR_PREVIOUS_KEYS (comma-separated), so the anchors they signed still verify.
 *
 * A tool in production (migrate, seed, the verification command) gets an empty key when none is
 * set, and says so itself when it needs one.
 */
export interface AuditAnchorKeys {
  auditAnchorKey: string;
  auditAnchorPreviousKeys: string[];
}

export const MIN_ANCHOR_KEY_LENGTH = 32;

/** The key of the tests and this repository's examples; refused in production. */
export const TEST_AUDIT_ANCHOR_KEY = 'test-audit-anchor-key-test-audit-anchor-key';

export function readAuditAnchorKeys(
  env: Record<string, string | undefined>,
  settings: { env: 'development' | 'production' | 'test'; dataDir: string; jwtSecret: string },
  use: 'server' | 'tool',
  problems: string[],
): AuditAnchorKeys {
  const production = settings.env === 'production';
  const raw = env.AUDIT_ANCHOR_KEY;
  let key: string;
  if (raw !== undefined && raw !== '') {
    key = raw.trim();
    if (key.length < MIN_ANCHOR_KEY_LENGTH) {
      problems.push(`AUDIT_ANCHOR_KEY must be at least ${MIN_ANCHOR_KEY_LENGTH} characters${key ? '' : ' (it is set but empty)'}`);
    } else if (production && isTrivial(key)) {
      problems.push('AUDIT_ANCHOR_KEY is a well-known or trivial value: use 32 or more random characters (e.g. openssl rand -hex 32)');
    }
    if (key && key === settings.jwtSecret) {
      problems.push('AUDIT_ANCHOR_KEY must differ from JWT_SECRET: each key has one purpose');
    }
  } else if (settings.env === 'test') {
    key = TEST_AUDIT_ANCHOR_KEY;
  } else if (production) {
    key = '';
    if (use === 'server') {
      problems.push(
        'AUDIT_ANCHOR_KEY is required when NODE_ENV=production: the key the app signs the audit log anchors with, ' +
          'kept out of the database (e.g. openssl rand -hex 32; the same on every replica)',
      );
    }
  } else {
    key = developmentKey(settings.dataDir, problems);
  }
  const previous = (env.AUDIT_ANCHOR_PREVIOUS_KEYS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  if (previous.some((k) => k.length < MIN_ANCHOR_KEY_LENGTH)) {
    problems.push(`AUDIT_ANCHOR_PREVIOUS_KEYS must list keys of at least ${MIN_ANCHOR_KEY_LENGTH} characters, comma-separated`);
  }
  return { auditAnchorKey: key, auditAnchorPreviousKeys: previous };
}

function isTrivial(key: string): boolean {
  return key === TEST_AUDIT_ANCHOR_KEY || new Set(key).size < 8 || /change.?me|secret.?secret|anchor.?key/i.test(key);
}

/** A per-installation key, so development anchors verify across restarts. */
function developmentKey(dataDir: string, problems: string[]): string {
  const file = join(dataDir, 'audit-anchor-key');
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim();
    if (key.length < MIN_ANCHOR_KEY_LENGTH) {
      problems.push(
        `AUDIT_ANCHOR_KEY is not set and the generated key in ${file} has ${key.length} characters, fewer than ${MIN_ANCHOR_KEY_LENGTH}: ` +
          'set AUDIT_ANCHOR_KEY to the key that signed the anchors, or (development only, the anchors then no longer verify) delete the file',
      );
    }
    return key;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}
