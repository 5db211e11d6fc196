import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { readAuditAnchorKeys } from './audit-anchor-key';
import { DocumentStoreConfig, documentStoreConfig } from './document-store';

/** At most `attempts` within a fixed window of `windowSeconds` (the window starts with the first attempt). */
export interface RateLimit {
  attempts: number;
  windowSeconds: number;
}

/**
 * Every setting of the application, typed and documented. Read once at boot
 * from the environment by `loadConfig`, which fails fast with one message per
 * bad variable. The README's configuration table mirrors this class.
 */
export class AppConfig {
  /** `development` (demo users allowed) or `production` (no demo users, JWT_SECRET required). */
  env: 'development' | 'production' | 'test';
  /** HTTP port for API and console. */
  port: number;
  /** Address to listen on: loopback in development and test, every interface (IPv6 and IPv4) in production. */
  host: string;
  /** PostgreSQL connection string, as the application role. Empty: run the embedded PostgreSQL under `dataDir`. */
  databaseUrl: string | null;
  /** PostgreSQL connection string as the owner role, for migrations and the tools; empty: `databaseUrl`. */
  databaseOwnerUrl: string | null;
  /** The role the migrations grant the API's privileges to (database/roles.ts). */
  databaseAppRole: string;
  /** Optional read replica for queue and dashboard reads. */
  databaseReadUrl: string | null;
  /** Connection pool size per process. */
  dbPoolSize: number;
  /** Where the embedded PostgreSQL keeps its data (and the development JWT secret). */
  dataDir: string;
  /** Port of the embedded PostgreSQL. */
  embeddedPgPort: number;
  /** Seed the demo data set into an empty database. */
  seedDemo: boolean;
  /** HMAC secret for access tokens. */
  jwtSecret: string;
  /** The key the audit log's anchors are signed with, never given to the database (config/audit-anchor-key.ts). */
  auditAnchorKey: string;
  /** Earlier anchor keys, after a rotation: anchors they signed still verify. */
  auditAnchorPreviousKeys: string[];
  /** Minutes of inactivity after which a session ends. */
  sessionIdleMinutes: number;
  /** Hours after login after which a session ends, however active. */
  sessionMaxHours: number;
  /**
   * Login attempts per client address (every attempt counts), and failed logins per username
   * (a success starts the count afresh), counted in PostgreSQL across all replicas.
   */
  loginLimitPerAddress: RateLimit;
  loginLimitPerUsername: RateLimit;
  /**
   * The proxies whose X-Forwarded-For is believed (addresses, CIDR ranges, or `loopback`,
   * `linklocal`, `uniquelocal`); empty: none, the client is the connection's peer.
   */
  trustedProxies: string[];
  /** Default NOK per EUR rate for the rulebook, with its source and date. */
  nokPerEur: number;
  nokPerEurSource: string;
  nokPerEurDate: string;
  /** SLA target from receipt to decision, in Norwegian business days. */
  slaBusinessDays: number;
  /** pino log level. */
  logLevel: string;
  /** Directory with the built console, served at `/`. */
  consoleDir: string | null;
  /** Run migrations at boot. */
  migrateOnBoot: boolean;
  /**
   * API processes on the one port (node:cluster): `WORKERS=auto` is one per core, the production
   * default; development and test run one. Every cache and limit they keep is correct across them
   * (revocations by LISTEN/NOTIFY, login limits in PostgreSQL).
   */
  workers: number;
  /** HTTPS ends at a load balancer or reverse proxy in front of the app (production requires it). */
  tlsTerminatedByProxy: boolean;
  /** Where the bytes of documents are kept: PostgreSQL (default) or an S3-compatible bucket (DOCUMENT_STORE). */
  documentStore: DocumentStoreConfig;
  /**
   * The malware scanner every upload streams through (clamd's INSTREAM over TCP: CLAMD_HOST,
   * CLAMD_PORT, CLAMD_TIMEOUT_MS); null: none, and documents are recorded as not scanned.
   */
  clamd: { host: string; port: number; timeoutMs: number } | null;
  /**
   * Run the background jobs in this process (JOBS=on|off; on, except under NODE_ENV=test): the
   * late-reply and preliminary-reply sweeps and the portal webhook's deliveries
   * (docs/jobs-and-outbox.md). Replicas share the work through the queue's locks.
   */
  jobs: boolean;
  /** Where the outbox's messages are POSTed for the portal; null: the portal fetches them (GET /api/portal/outbox). */
  portalWebhookUrl: string | null;
  /** The HMAC-SHA256 key each webhook body is signed with (X-Tilsagn-Signature); required with the URL. */
  portalWebhookSecret: string | null;
  /** Seconds before a failed webhook delivery is tried again, doubling with each failure up to an hour. */
  portalWebhookRetrySeconds: number;

  /** The database the migrations and the tools connect to: the owner role's, or the app's own when no owner URL is set. */
  get migrationUrl(): string | null {
    return this.databaseOwnerUrl ?? this.databaseUrl;
  }
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

type Env = Record<string, string | undefined>;

/**
 * `server` (the default) is the app itself; `tool` is a command-line tool (migrate, user:create,
 * db:setup, seed), which needs no JWT secret, TLS or application-role URL, even in production.
 */
export type ConfigUse = 'server' | 'tool';

export function loadConfig(env: Env = process.env, use: ConfigUse = 'server'): AppConfig {
  const problems: string[] = [];
  const str = (name: string, fallback: string): string => {
    const value = env[name];
    return value === undefined || value === '' ? fallback : value;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
    if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
    problems.push(`${name} must be true or false, got "${raw}"`);
    return fallback;
  };

  const nodeEnv = str('NODE_ENV', 'development');
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    problems.push(`NODE_ENV must be development, production or test, got "${nodeEnv}"`);
  }
  const config = new AppConfig();
  config.env = nodeEnv as AppConfig['env'];
  config.port = int('PORT', 3000, 0, 65535);
  const production = config.env === 'production';
  // A development server is for this machine: other machines reach it only when HOST says so.
  config.host = str('HOST', production ? '::' : '127.0.0.1');
  config.databaseUrl = env.DATABASE_URL || null;
  config.databaseOwnerUrl = env.DATABASE_OWNER_URL || null;
  config.databaseReadUrl = env.DATABASE_READ_URL || null;
  const urls = [
    ['DATABASE_URL', config.databaseUrl],
    ['DATABASE_OWNER_URL', config.databaseOwnerUrl],
    ['DATABASE_READ_URL', config.databaseReadUrl],
  ] as const;
  const users: Record<string, string> = {};
  for (const [name, url] of urls) {
    if (!url) continue;
    const parsed = parseDatabaseUrl(url);
    if (!parsed) {
      problems.push(`${name} must be a postgres:// connection string`);
      continue;
    }
    users[name] = parsed.user;
    if (production && parsed.password !== null && isKnownPassword(parsed.password, parsed.user)) {
      problems.push(
        `${name} has a default or well-known password: give the role "${parsed.user}" a generated one (e.g. openssl rand -hex 24)`,
      );
    }
  }
  config.databaseAppRole = str('DATABASE_APP_ROLE', 'tilsagn_app');
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(config.databaseAppRole)) {
    problems.push(`DATABASE_APP_ROLE must be a lower-case role name (letters, digits, _), got "${config.databaseAppRole}"`);
  }
  if (use === 'server' && config.databaseOwnerUrl && !config.databaseUrl) {
    problems.push('DATABASE_OWNER_URL is set but DATABASE_URL is not: the app connects as the application role through DATABASE_URL');
  }
  if (use === 'server' && production && !config.databaseUrl) {
    problems.push('DATABASE_URL is required when NODE_ENV=production (the embedded PostgreSQL is for development)');
  }
  if (production && users.DATABASE_URL && users.DATABASE_URL === users.DATABASE_OWNER_URL) {
    problems.push(
      `DATABASE_URL and DATABASE_OWNER_URL both connect as "${users.DATABASE_URL}": the app must connect as the application role, not the owner`,
    );
  }
  config.dbPoolSize = int('DB_POOL_SIZE', 10, 1, 200);
  config.dataDir = resolve(str('DATA_DIR', './.data'));
  config.embeddedPgPort = int('EMBEDDED_PG_PORT', 54329, 1024, 65535);
  // The demo office belongs to the embedded database `npm start` runs; any other database gets it only when asked.
  config.seedDemo = bool('SEED_DEMO', !config.databaseUrl && !config.databaseOwnerUrl && !production);
  if (config.seedDemo && config.env === 'production') {
    problems.push('SEED_DEMO cannot be true when NODE_ENV=production: production has no demo users');
  }
  config.sessionIdleMinutes = int('SESSION_IDLE_MINUTES', 30, 1, 24 * 60);
  config.sessionMaxHours = int('SESSION_MAX_HOURS', 12, 1, 24 * 7);
  const limit = (name: string, fallback: RateLimit): RateLimit => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const parsed = parseRateLimit(raw);
    if (!parsed) {
      problems.push(
        `${name} must be attempts/window, such as 30/1m: 1 to 100000 attempts within 1 s to 24 h (a number with s, m or h), got "${raw}"`,
      );
      return fallback;
    }
    return parsed;
  };
  config.loginLimitPerAddress = limit('LOGIN_LIMIT_PER_ADDRESS', { attempts: 30, windowSeconds: 60 });
  config.loginLimitPerUsername = limit('LOGIN_LIMIT_PER_USERNAME', { attempts: 10, windowSeconds: 15 * 60 });
  if (env.LOGIN_RATE_LIMIT !== undefined && env.LOGIN_RATE_LIMIT !== '') {
    problems.push(
      'LOGIN_RATE_LIMIT is no longer read: the login limits are LOGIN_LIMIT_PER_ADDRESS (default 30/1m) and ' +
        'LOGIN_LIMIT_PER_USERNAME (default 10/15m); set those instead and remove LOGIN_RATE_LIMIT',
    );
  }
  config.slaBusinessDays = int('SLA_BUSINESS_DAYS', 40, 1, 365);
  config.logLevel = str('LOG_LEVEL', config.env === 'test' ? 'silent' : 'info');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(config.logLevel)) {
    problems.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent`);
  }
  config.migrateOnBoot = bool('MIGRATE_ON_BOOT', true);
  const workers = (env.WORKERS ?? '').trim().toLowerCase() || (production ? 'auto' : '1');
  config.workers = workers === 'auto' ? availableParallelism() : Number(workers);
  if (workers !== 'auto' && !(/^\d{1,2}$/.test(workers) && config.workers >= 1 && config.workers <= 64)) {
    problems.push(`WORKERS must be "auto" (one API process per core) or a number from 1 to 64, got "${env.WORKERS}"`);
    config.workers = 1;
  }
  config.tlsTerminatedByProxy = bool('TLS_TERMINATED_BY_PROXY', false);
  if (use === 'server' && production && !config.tlsTerminatedByProxy) {
    problems.push(
      'NODE_ENV=production needs HTTPS in front of the app, which speaks plain HTTP: put it behind a load balancer or reverse proxy ' +
        'that ends TLS and set TLS_TERMINATED_BY_PROXY=true',
    );
  }
  config.trustedProxies = str('TRUSTED_PROXIES', '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const badProxies = config.trustedProxies.filter((entry) => !isProxyEntry(entry));
  if (badProxies.length) {
    problems.push(
      `TRUSTED_PROXIES must be a comma-separated list of IP addresses, CIDR ranges (10.0.0.0/8, fd00::/8) or loopback, linklocal, ` +
        `uniquelocal; not ${badProxies.map((entry) => `"${entry}"`).join(', ')}`,
    );
  }
  // Behind the proxy that ends TLS every connection comes from that proxy: unless the app knows
  // its address, every client would share one address and one login limit.
  if (use === 'server' && production && config.tlsTerminatedByProxy && !config.trustedProxies.length) {
    problems.push(
      'TLS_TERMINATED_BY_PROXY=true says a proxy stands in front of the app: name its address(es) in TRUSTED_PROXIES, ' +
        "so that the client's own address is taken from its X-Forwarded-For (otherwise every client shares the proxy's address and its login limit)",
    );
  }
  config.consoleDir = env.CONSOLE_DIR === undefined ? defaultConsoleDir() : env.CONSOLE_DIR || null;
  config.documentStore = documentStoreConfig(env, problems);
  const clamdHost = str('CLAMD_HOST', '');
  if (clamdHost && !/^[A-Za-z0-9.:[\]-]+$/.test(clamdHost)) {
    problems.push(`CLAMD_HOST must be a host name or IP address, got "${clamdHost}"`);
  }
  const clamdPort = int('CLAMD_PORT', 3310, 1, 65535);
  const clamdTimeoutMs = int('CLAMD_TIMEOUT_MS', 30_000, 100, 600_000);
  if (!clamdHost && (env.CLAMD_PORT || env.CLAMD_TIMEOUT_MS)) {
    problems.push('CLAMD_PORT and CLAMD_TIMEOUT_MS need CLAMD_HOST: set it to scan uploads, or leave all three unset');
  }
  config.clamd = clamdHost ? { host: clamdHost.replace(/^\[(.*)\]$/, '$1'), port: clamdPort, timeoutMs: clamdTimeoutMs } : null;
  const jobs = str('JOBS', config.env === 'test' ? 'off' : 'on').toLowerCase();
  if (!['on', 'off', 'true', 'false'].includes(jobs)) problems.push(`JOBS must be on or off, got "${env.JOBS}"`);
  config.jobs = jobs === 'on' || jobs === 'true';
  config.portalWebhookUrl = env.PORTAL_WEBHOOK_URL || null;
  config.portalWebhookSecret = env.PORTAL_WEBHOOK_SECRET || null;
  config.portalWebhookRetrySeconds = int('PORTAL_WEBHOOK_RETRY_SECONDS', 10, 1, 3600);
  if (config.portalWebhookUrl) {
    let url: URL | null = null;
    try {
      url = new URL(config.portalWebhookUrl);
    } catch {
      url = null;
    }
    if (!url || !['http:', 'https:'].includes(url.protocol)) {
      problems.push(`PORTAL_WEBHOOK_URL must be an http:// or https:// URL, got "${config.portalWebhookUrl}"`);
    } else if (production && url.protocol !== 'https:') {
      problems.push('PORTAL_WEBHOOK_URL must be https:// when NODE_ENV=production: the messages carry what the applicant is told');
    }
    const webhookSecret = config.portalWebhookSecret ?? '';
    if (webhookSecret.trim().length < MIN_SECRET_LENGTH) {
      problems.push(
        `PORTAL_WEBHOOK_SECRET is required with PORTAL_WEBHOOK_URL, at least ${MIN_SECRET_LENGTH} characters (e.g. openssl rand -hex 32): ` +
          'the portal checks each message’s signature with it',
      );
    } else if (production && isKnownSecret(webhookSecret)) {
      problems.push('PORTAL_WEBHOOK_SECRET is a well-known or trivial value: use 32 or more random characters (e.g. openssl rand -hex 32)');
    }
  } else if (config.portalWebhookSecret) {
    problems.push('PORTAL_WEBHOOK_SECRET is set but PORTAL_WEBHOOK_URL is not: name the webhook, or remove the secret');
  }

  const rate = Number(str('NOK_PER_EUR', '11.50'));
  if (!Number.isFinite(rate) || rate <= 0) problems.push('NOK_PER_EUR must be a positive number');
  config.nokPerEur = rate;
  config.nokPerEurSource = str('NOK_PER_EUR_SOURCE', 'Scheme default (docs/rules.md section 4)');
  config.nokPerEurDate = str('NOK_PER_EUR_DATE', '2026-01-02');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(config.nokPerEurDate)) problems.push('NOK_PER_EUR_DATE must be YYYY-MM-DD');

  // An empty or short key would let anyone who guesses it sign tokens: refuse to start instead.
  const secret = env.JWT_SECRET;
  if (secret !== undefined && secret.trim().length < MIN_SECRET_LENGTH) {
    problems.push(`JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters${secret.trim() ? '' : ' (it is set but empty)'}`);
  } else if (!secret && production && use === 'server') {
    problems.push('JWT_SECRET is required when NODE_ENV=production');
  } else if (secret && production && isKnownSecret(secret)) {
    problems.push('JWT_SECRET is a well-known or trivial value: use 32 or more random characters (e.g. openssl rand -hex 32)');
  }
  config.jwtSecret =
    secret ||
    (config.env === 'test'
      ? 'test-secret-test-secret-test-secret!'
      : production // a tool in production signs nothing and must not write a secret file
        ? ''
        : developmentSecret(config.dataDir, problems));
  Object.assign(config, readAuditAnchorKeys(env, config, use, problems));

  if (problems.length) throw new ConfigError(problems);
  return config;
}

const MIN_SECRET_LENGTH = 32;

/** `30/1m`, `10/15m`, `100/1h`, `5/30s`: attempts within a window, or null when it is no such thing. */
export function parseRateLimit(raw: string): RateLimit | null {
  const match = /^\s*(\d{1,6})\s*\/\s*(\d{1,5})\s*([smh])\s*$/.exec(raw);
  if (!match) return null;
  const attempts = Number(match[1]);
  const windowSeconds = Number(match[2]) * { s: 1, m: 60, h: 3600 }[match[3] as 's' | 'm' | 'h'];
  if (attempts < 1 || attempts > 100_000 || windowSeconds < 1 || windowSeconds > 24 * 3600) return null;
  return { attempts, windowSeconds };
}

/** An entry of TRUSTED_PROXIES as Fastify's trustProxy (proxy-addr) reads it: an address, a CIDR range or a named range. */
function isProxyEntry(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** The user and password of a postgres:// URL (password null when the URL has none), or null when it is no such URL. */
function parseDatabaseUrl(url: string): { user: string; password: string | null } | null {
  if (!/^postgres(ql)?:\/\//.test(url)) return null;
  try {
    const u = new URL(url);
    return {
      user: decodeURIComponent(u.username),
      password: u.password === '' && !url.includes(':@') ? null : decodeURIComponent(u.password),
    };
  } catch {
    return null;
  }
}

/** Passwords that come with images, examples and this repository (the old compose default was tilsagn/tilsagn). */
const KNOWN_PASSWORDS = ['', 'postgres', 'tilsagn', 'password', 'demo', 'changeme', 'change-me', 'secret', 'admin', 'test', 'root'];

function isKnownPassword(password: string, user: string): boolean {
  const p = password.toLowerCase();
  return KNOWN_PASSWORDS.includes(p) || p === user.toLowerCase();
}

/** Secrets written in this repository's tests and examples, and keys with hardly any variety ('x' times 32). */
const KNOWN_SECRETS = [
  'test-secret-test-secret-test-secret!',
  'bench-secret-bench-secret-bench-secret',
  'server-process-test-secret-of-32+chars',
];

function isKnownSecret(secret: string): boolean {
  return KNOWN_SECRETS.includes(secret) || new Set(secret).size < 8 || /change.?me|secret.?secret/i.test(secret);
}

/** A per-installation secret so development sessions survive restarts. */
function developmentSecret(dataDir: string, problems: string[]): string {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length < MIN_SECRET_LENGTH) {
      problems.push(
        `JWT_SECRET is not set and the generated secret in ${file} has ${secret.length} characters, fewer than ${MIN_SECRET_LENGTH}: ` +
          'delete the file to generate a new one, or set JWT_SECRET',
      );
    }
    return secret;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function defaultConsoleDir(): string | null {
  const dir = resolve(__dirname, '../../../../../frontend/dist/tilsagn-console/browser');
  const fromSource = resolve(__dirname, '../../../frontend/dist/tilsagn-console/browser');
  if (existsSync(dir)) return dir;
  if (existsSync(fromSource)) return fromSource;
  return null;
}
