import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, ConfigUse, loadConfig, parseRateLimit } from './app-config';

/** A production configuration that passes every check. */
const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://tilsagn_app:9c1f0e6b2d7a4e58b3c6f1a0d9e2b7c4@db.internal:5432/tilsagn',
  JWT_SECRET: '5f2b9c8e1d4a7f3e6b0c9d2a8e5f1b4c7d0a3e6f9b2c5d8e1a4f7b0c3d6e9a2b',
  AUDIT_ANCHOR_KEY: 'a41c7e0f93b25d68e1f4a7c0b39d62e85f1a4c7d0b3e69f2a5c8d1e4b7f0a3c6',
  TLS_TERMINATED_BY_PROXY: 'true',
  TRUSTED_PROXIES: '10.0.4.0/24',
};

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
    const { JWT_SECRET: _secret, ...withoutSecret } = PRODUCTION;
    expect(problems(withoutSecret)).toEqual(['JWT_SECRET is required when NODE_ENV=production']);
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

describe('safe defaults', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'tilsagn-config-'))));
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

  it('accepts a complete production configuration', () => {
    const config = load(PRODUCTION);
    expect(config.env).toBe('production');
    expect(config.seedDemo).toBe(false);
    expect(config.tlsTerminatedByProxy).toBe(true);
  });

  it('listens on loopback in development and test, on every interface in production, and where HOST says', () => {
    expect(load({}).host).toBe('127.0.0.1');
    expect(load({ NODE_ENV: 'test' }).host).toBe('127.0.0.1');
    expect(load(PRODUCTION).host).toBe('::');
    expect(load({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(load({ ...PRODUCTION, HOST: '10.0.1.7' }).host).toBe('10.0.1.7');
  });

  it('runs one API process in development and test, one per core in production, and as many as WORKERS says', () => {
    expect(load({}).workers).toBe(1);
    expect(load({ NODE_ENV: 'test' }).workers).toBe(1);
    expect(load(PRODUCTION).workers).toBe(availableParallelism());
    expect(load({ WORKERS: 'auto' }).workers).toBe(availableParallelism());
    expect(load({ ...PRODUCTION, WORKERS: '3' }).workers).toBe(3);
    for (const bad of ['0', '65', '1.5', '0x10', 'all']) expect(() => load({ WORKERS: bad })).toThrow(/WORKERS must be "auto".*got "/);
  });

  it('seeds the demo office only into the embedded database, unless SEED_DEMO asks, and never in production', () => {
    expect(load({}).seedDemo).toBe(true);
    expect(load({ DATABASE_URL: 'postgres://me@localhost/tilsagn' }).seedDemo).toBe(false);
    expect(load({ DATABASE_OWNER_URL: 'postgres://owner@localhost/tilsagn' }, 'tool').seedDemo).toBe(false);
    expect(load({ DATABASE_URL: 'postgres://me@localhost/tilsagn', SEED_DEMO: 'true' }).seedDemo).toBe(true);
    expect(load({ SEED_DEMO: 'false' }).seedDemo).toBe(false);
    expect(problems({ ...PRODUCTION, SEED_DEMO: 'true' })).toEqual([
      'SEED_DEMO cannot be true when NODE_ENV=production: production has no demo users',
    ]);
  });

  it('refuses production over plain HTTP unless TLS ends at a proxy in front', () => {
    const { TLS_TERMINATED_BY_PROXY: _tls, ...plain } = PRODUCTION;
    expect(problems(plain)).toEqual([
      expect.stringMatching(/^NODE_ENV=production needs HTTPS in front of the app.*TLS_TERMINATED_BY_PROXY=true$/),
    ]);
    expect(problems({ ...plain, TLS_TERMINATED_BY_PROXY: 'false' })).toHaveLength(1);
    expect(problems({ ...plain, TLS_TERMINATED_BY_PROXY: 'maybe' })).toEqual([
      'TLS_TERMINATED_BY_PROXY must be true or false, got "maybe"',
      expect.any(String),
    ]);
    // Development speaks plain HTTP on loopback.
    expect(load({}).tlsTerminatedByProxy).toBe(false);
  });

  it('refuses default and well-known database passwords in production, in every database URL', () => {
    for (const password of ['tilsagn', 'postgres', 'password', 'demo', 'changeme', 'tilsagn_app', '']) {
      expect(problems({ ...PRODUCTION, DATABASE_URL: `postgres://tilsagn_app:${password}@db/tilsagn` })).toEqual([
        'DATABASE_URL has a default or well-known password: give the role "tilsagn_app" a generated one (e.g. openssl rand -hex 24)',
      ]);
    }
    expect(problems({ ...PRODUCTION, DATABASE_OWNER_URL: 'postgres://tilsagn_owner:tilsagn@db/tilsagn' })).toEqual([
      expect.stringMatching(/^DATABASE_OWNER_URL has a default or well-known password/),
    ]);
    expect(problems({ ...PRODUCTION, DATABASE_READ_URL: 'postgres://tilsagn_app:postgres@replica/tilsagn' })).toEqual([
      expect.stringMatching(/^DATABASE_READ_URL has a default or well-known password/),
    ]);
    // No password in the URL (a client certificate, a password file): nothing to judge.
    expect(problems({ ...PRODUCTION, DATABASE_URL: 'postgres://tilsagn_app@db/tilsagn?sslmode=verify-full' })).toEqual([]);
    // Development takes what it is given.
    expect(problems({ DATABASE_URL: 'postgres://tilsagn:tilsagn@localhost/tilsagn' })).toEqual([]);
  });

  it('refuses a JWT secret from the examples, or one with hardly any variety, in production', () => {
    for (const secret of [
      'test-secret-test-secret-test-secret!',
      'x'.repeat(40),
      'abababababababababababababababab',
      'please-change-me-please-change-me',
    ]) {
      expect(problems({ ...PRODUCTION, JWT_SECRET: secret })).toEqual([
        'JWT_SECRET is a well-known or trivial value: use 32 or more random characters (e.g. openssl rand -hex 32)',
      ]);
    }
  });

  it('needs DATABASE_URL, as the application role, for the production server', () => {
    const { DATABASE_URL: _url, ...embedded } = PRODUCTION;
    expect(problems(embedded)).toEqual(['DATABASE_URL is required when NODE_ENV=production (the embedded PostgreSQL is for development)']);
    expect(
      problems({ ...PRODUCTION, DATABASE_OWNER_URL: PRODUCTION.DATABASE_URL.replace('tilsagn_app:9c1f', 'tilsagn_app:0d2e') }),
    ).toEqual([
      'DATABASE_URL and DATABASE_OWNER_URL both connect as "tilsagn_app": the app must connect as the application role, not the owner',
    ]);
    expect(problems({ DATABASE_OWNER_URL: 'postgres://owner@localhost/tilsagn' })).toEqual([
      'DATABASE_OWNER_URL is set but DATABASE_URL is not: the app connects as the application role through DATABASE_URL',
    ]);
  });

  it('migrates as the owner when DATABASE_OWNER_URL is set, else through DATABASE_URL, granting DATABASE_APP_ROLE', () => {
    const both = load({ DATABASE_URL: 'postgres://app@localhost/t', DATABASE_OWNER_URL: 'postgres://owner@localhost/t' });
    expect(both.migrationUrl).toBe('postgres://owner@localhost/t');
    expect(load({ DATABASE_URL: 'postgres://me@localhost/t' }).migrationUrl).toBe('postgres://me@localhost/t');
    expect(load({}).migrationUrl).toBeNull();
    expect(both.databaseAppRole).toBe('tilsagn_app');
    expect(load({ DATABASE_APP_ROLE: 'grants_api' }).databaseAppRole).toBe('grants_api');
    expect(problems({ DATABASE_APP_ROLE: 'Robert"; DROP TABLE' })).toEqual([
      'DATABASE_APP_ROLE must be a lower-case role name (letters, digits, _), got "Robert"; DROP TABLE"',
    ]);
    expect(problems({ DATABASE_OWNER_URL: 'mysql://owner@localhost/t' }, 'tool')).toEqual([
      'DATABASE_OWNER_URL must be a postgres:// connection string',
    ]);
  });

  it('lets a tool (migrate, user:create, db:setup) run in production with only the owner URL: no JWT secret, TLS or app URL', () => {
    const config = load({ NODE_ENV: 'production', DATABASE_OWNER_URL: 'postgres://tilsagn_owner:2b7e91c04d5f@db/tilsagn' }, 'tool');
    expect(config.migrationUrl).toBe('postgres://tilsagn_owner:2b7e91c04d5f@db/tilsagn');
    expect(config.jwtSecret).toBe('');
    expect(existsSync(join(dataDir, 'jwt-secret'))).toBe(false);
    // Known passwords are refused there too.
    expect(problems({ NODE_ENV: 'production', DATABASE_OWNER_URL: 'postgres://tilsagn:tilsagn@db/tilsagn' }, 'tool')).toHaveLength(1);
  });

  it('trusts no proxy by default, and exactly the addresses and ranges TRUSTED_PROXIES names', () => {
    expect(load({}).trustedProxies).toEqual([]);
    expect(load({ TRUSTED_PROXIES: ' 10.0.4.7, 192.168.0.0/16,fd00::/8 ,::1,loopback' }).trustedProxies).toEqual([
      '10.0.4.7',
      '192.168.0.0/16',
      'fd00::/8',
      '::1',
      'loopback',
    ]);
    expect(problems({ TRUSTED_PROXIES: '10.0.0.0/33, proxy.internal, 10.0.0.1/8/8, *' })).toEqual([
      'TRUSTED_PROXIES must be a comma-separated list of IP addresses, CIDR ranges (10.0.0.0/8, fd00::/8) or loopback, linklocal, ' +
        'uniquelocal; not "10.0.0.0/33", "proxy.internal", "10.0.0.1/8/8", "*"',
    ]);
  });

  it('needs TRUSTED_PROXIES in production, where TLS ends at a proxy, so that clients are not all the proxy', () => {
    const { TRUSTED_PROXIES: _proxies, ...noProxies } = PRODUCTION;
    expect(problems(noProxies)).toEqual([
      expect.stringMatching(
        /^TLS_TERMINATED_BY_PROXY=true says a proxy stands in front of the app: name its address\(es\) in TRUSTED_PROXIES/,
      ),
    ]);
    expect(load(PRODUCTION).trustedProxies).toEqual(['10.0.4.0/24']);
    // Development, and a tool in production, need none.
    expect(problems({ TLS_TERMINATED_BY_PROXY: 'true' })).toEqual([]);
    expect(problems({ NODE_ENV: 'production', DATABASE_OWNER_URL: 'postgres://tilsagn_owner:2b7e91c04d5f@db/tilsagn' }, 'tool')).toEqual(
      [],
    );
  });

  it('limits logins per address (30 a minute) and per username (10 failures in 15 minutes) unless told otherwise', () => {
    const defaults = load({});
    expect(defaults.loginLimitPerAddress).toEqual({ attempts: 30, windowSeconds: 60 });
    expect(defaults.loginLimitPerUsername).toEqual({ attempts: 10, windowSeconds: 900 });
    const set = load({ LOGIN_LIMIT_PER_ADDRESS: '100/5m', LOGIN_LIMIT_PER_USERNAME: ' 5 / 1h ' });
    expect(set.loginLimitPerAddress).toEqual({ attempts: 100, windowSeconds: 300 });
    expect(set.loginLimitPerUsername).toEqual({ attempts: 5, windowSeconds: 3600 });
    expect(parseRateLimit('20/30s')).toEqual({ attempts: 20, windowSeconds: 30 });
    for (const bad of ['30', '30/', '0/1m', '30/0m', '30/25h', '30/1d', '-1/1m', '1.5/1m', 'x/1m']) expect(parseRateLimit(bad)).toBeNull();
    expect(problems({ LOGIN_LIMIT_PER_ADDRESS: '30 per minute' })).toEqual([
      'LOGIN_LIMIT_PER_ADDRESS must be attempts/window, such as 30/1m: 1 to 100000 attempts within 1 s to 24 h (a number with s, m or h), got "30 per minute"',
    ]);
    // The old per-process setting is named, not silently ignored.
    expect(problems({ LOGIN_RATE_LIMIT: '10' })).toEqual([
      expect.stringMatching(/^LOGIN_RATE_LIMIT is no longer read: .*LOGIN_LIMIT_PER_ADDRESS/),
    ]);
  });

  it('scans uploads only when CLAMD_HOST names a clamd, on port 3310 unless CLAMD_PORT says otherwise', () => {
    expect(load({}).clamd).toBeNull();
    expect(load({ CLAMD_HOST: 'clamav' }).clamd).toEqual({ host: 'clamav', port: 3310, timeoutMs: 30_000 });
    expect(load({ CLAMD_HOST: '[::1]', CLAMD_PORT: '3311', CLAMD_TIMEOUT_MS: '5000' }).clamd).toEqual({
      host: '::1',
      port: 3311,
      timeoutMs: 5000,
    });
    expect(problems({ CLAMD_HOST: 'clamav', CLAMD_PORT: '70000' })).toEqual(['CLAMD_PORT must be an integer from 1 to 65535, got "70000"']);
    expect(problems({ CLAMD_HOST: 'tcp://clamav:3310' })).toEqual([
      'CLAMD_HOST must be a host name or IP address, got "tcp://clamav:3310"',
    ]);
    expect(problems({ CLAMD_PORT: '3310' })).toEqual([
      'CLAMD_PORT and CLAMD_TIMEOUT_MS need CLAMD_HOST: set it to scan uploads, or leave all three unset',
    ]);
  });

  it('runs the jobs unless JOBS=off (off under NODE_ENV=test), and needs a secret of 32 characters with a portal webhook', () => {
    expect(load({}).jobs).toBe(true);
    expect(load({ NODE_ENV: 'test' }).jobs).toBe(false);
    expect(load({ NODE_ENV: 'test', JOBS: 'on' }).jobs).toBe(true);
    expect(load({ JOBS: 'off' }).jobs).toBe(false);
    expect(problems({ JOBS: 'sometimes' })).toEqual(['JOBS must be on or off, got "sometimes"']);

    const defaults = load({});
    expect([defaults.portalWebhookUrl, defaults.portalWebhookSecret, defaults.portalWebhookRetrySeconds]).toEqual([null, null, 10]);
    const secret = 'c3f1a9e04b7d2e68f5a1c9b3d7e02f46';
    const webhook = load({ PORTAL_WEBHOOK_URL: 'https://portal.example/tilsagn', PORTAL_WEBHOOK_SECRET: secret });
    expect([webhook.portalWebhookUrl, webhook.portalWebhookSecret]).toEqual(['https://portal.example/tilsagn', secret]);
    expect(problems({ PORTAL_WEBHOOK_URL: 'https://portal.example/tilsagn' })).toEqual([
      expect.stringMatching(/^PORTAL_WEBHOOK_SECRET is required with PORTAL_WEBHOOK_URL, at least 32 characters/),
    ]);
    expect(problems({ PORTAL_WEBHOOK_URL: 'https://portal.example/tilsagn', PORTAL_WEBHOOK_SECRET: 'short' })).toHaveLength(1);
    expect(problems({ PORTAL_WEBHOOK_URL: 'ftp://portal.example', PORTAL_WEBHOOK_SECRET: secret })).toEqual([
      'PORTAL_WEBHOOK_URL must be an http:// or https:// URL, got "ftp://portal.example"',
    ]);
    expect(problems({ PORTAL_WEBHOOK_SECRET: secret })).toEqual([
      'PORTAL_WEBHOOK_SECRET is set but PORTAL_WEBHOOK_URL is not: name the webhook, or remove the secret',
    ]);
    expect(problems({ ...PRODUCTION, PORTAL_WEBHOOK_URL: 'http://portal.example/tilsagn', PORTAL_WEBHOOK_SECRET: secret })).toEqual([
      expect.stringMatching(/^PORTAL_WEBHOOK_URL must be https:\/\/ when NODE_ENV=production/),
    ]);
    expect(problems({ PORTAL_WEBHOOK_RETRY_SECONDS: '0' })).toEqual([
      'PORTAL_WEBHOOK_RETRY_SECONDS must be an integer from 1 to 3600, got "0"',
    ]);
  });
});
