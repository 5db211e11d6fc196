import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('the JWT secret', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'tilsagn-config-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const problems = (env: Record<string, string>): string[] => {
    try {
      loadConfig({ CONSOLE_DIR: '', DATA_DIR: dataDir, ...env });
      return [];
    } catch (err) {
      return (err as ConfigError).problems;
    }
  };

  it('refuses to start with a short or empty JWT_SECRET, naming the variable', () => {
    expect(problems({ JWT_SECRET: 'x'.repeat(31) })).toEqual(['JWT_SECRET must be at least 32 characters']);
    expect(problems({ JWT_SECRET: '' })).toEqual(['JWT_SECRET must be at least 32 characters (it is set but empty)']);
    expect(problems({ JWT_SECRET: ' '.repeat(40) })).toEqual(['JWT_SECRET must be at least 32 characters (it is set but empty)']);
    expect(problems({ NODE_ENV: 'production', SEED_DEMO: 'false' })).toEqual(['JWT_SECRET is required when NODE_ENV=production']);
    expect(loadConfig({ CONSOLE_DIR: '', DATA_DIR: dataDir, JWT_SECRET: 'x'.repeat(32) }).jwtSecret).toBe('x'.repeat(32));
  });

  it('refuses an empty or short generated secret file in DATA_DIR', () => {
    for (const content of ['', '\n', 'short-secret']) {
      writeFileSync(join(dataDir, 'jwt-secret'), content);
      const [problem, ...more] = problems({});
      expect(more).toEqual([]);
      expect(problem).toMatch(/^JWT_SECRET is not set and the generated secret in .*jwt-secret has \d+ characters, fewer than 32/);
    }
  });

  it('generates a secret of 64 hex characters into DATA_DIR once, and keeps it', () => {
    const first = loadConfig({ CONSOLE_DIR: '', DATA_DIR: dataDir }).jwtSecret;
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(join(dataDir, 'jwt-secret'), 'utf8')).toBe(first);
    expect(loadConfig({ CONSOLE_DIR: '', DATA_DIR: dataDir }).jwtSecret).toBe(first);
  });
});
