import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, ConfigUse, loadConfig } from './app-config';
import { TEST_AUDIT_ANCHOR_KEY } from './audit-anchor-key';

/** A production configuration that passes every check but the one under test. */
const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://tilsagn_app:9c1f0e6b2d7a4e58b3c6f1a0d9e2b7c4@db.internal:5432/tilsagn',
  JWT_SECRET: '5f2b9c8e1d4a7f3e6b0c9d2a8e5f1b4c7d0a3e6f9b2c5d8e1a4f7b0c3d6e9a2b',
  TLS_TERMINATED_BY_PROXY: 'true',
  TRUSTED_PROXIES: '10.0.4.0/24',
};
const KEY = '0d8e3b6f1a4c7e2b5d9f0a3c6e8b1d4f7a0c3e5b8d1f4a6c9e2b5d7f0a3c6e9b';

describe('the audit anchor key (AUDIT_ANCHOR_KEY)', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'tilsagn-anchor-key-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const load = (env: Record<string, string>, use: ConfigUse = 'server') => loadConfig({ CONSOLE_DIR: '', DATA_DIR: dataDir, ...env }, use);
  const problems = (env: Record<string, string>, use: ConfigUse = 'server'): string[] => {
    try {
      load(env, use);
      return [];
    } catch (err) {
      return (err as ConfigError).problems;
    }
  };

  it('is required by the production server, and a tool in production starts without it', () => {
    expect(problems(PRODUCTION)).toEqual([expect.stringMatching(/^AUDIT_ANCHOR_KEY is required when NODE_ENV=production/)]);
    expect(load({ ...PRODUCTION, AUDIT_ANCHOR_KEY: KEY }).auditAnchorKey).toBe(KEY);
    expect(
      load({ NODE_ENV: 'production', DATABASE_OWNER_URL: 'postgres://tilsagn_owner:2b7e91c04d5f@db/tilsagn' }, 'tool').auditAnchorKey,
    ).toBe('');
  });

  it('refuses a short, empty, trivial or example key, and one equal to the JWT secret', () => {
    expect(problems({ ...PRODUCTION, AUDIT_ANCHOR_KEY: 'k'.repeat(31) })).toEqual(['AUDIT_ANCHOR_KEY must be at least 32 characters']);
    expect(problems({ ...PRODUCTION, AUDIT_ANCHOR_KEY: '   ' })).toEqual([
      'AUDIT_ANCHOR_KEY must be at least 32 characters (it is set but empty)',
    ]);
    for (const trivial of ['x'.repeat(40), TEST_AUDIT_ANCHOR_KEY, 'change-me-change-me-change-me-change-me']) {
      expect(problems({ ...PRODUCTION, AUDIT_ANCHOR_KEY: trivial })).toEqual([expect.stringMatching(/well-known or trivial/)]);
    }
    expect(problems({ ...PRODUCTION, AUDIT_ANCHOR_KEY: PRODUCTION.JWT_SECRET })).toEqual([
      'AUDIT_ANCHOR_KEY must differ from JWT_SECRET: each key has one purpose',
    ]);
  });

  it('is generated once into the data directory in development, readable by its owner only, and kept', () => {
    const first = load({ NODE_ENV: 'development' }).auditAnchorKey;
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    const file = join(dataDir, 'audit-anchor-key');
    expect(readFileSync(file, 'utf8')).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(load({ NODE_ENV: 'development' }).auditAnchorKey).toBe(first);
    expect(load({ NODE_ENV: 'development', AUDIT_ANCHOR_KEY: KEY }).auditAnchorKey).toBe(KEY);
    writeFileSync(file, 'short');
    expect(problems({ NODE_ENV: 'development' })).toEqual([expect.stringMatching(/generated key in .* has 5 characters/)]);
  });

  it('is fixed in tests, and takes the previous keys of a rotation', () => {
    expect(load({ NODE_ENV: 'test' }).auditAnchorKey).toBe(TEST_AUDIT_ANCHOR_KEY);
    const rotated = load({
      ...PRODUCTION,
      AUDIT_ANCHOR_KEY: KEY,
      AUDIT_ANCHOR_PREVIOUS_KEYS: ` ${PRODUCTION.JWT_SECRET.slice(1)}, ${'7'.repeat(8)}${KEY.slice(8)} `,
    });
    expect(rotated.auditAnchorPreviousKeys).toHaveLength(2);
    expect(problems({ ...PRODUCTION, AUDIT_ANCHOR_KEY: KEY, AUDIT_ANCHOR_PREVIOUS_KEYS: 'short' })).toEqual([
      'AUDIT_ANCHOR_PREVIOUS_KEYS must list keys of at least 32 characters, comma-separated',
    ]);
  });
});
