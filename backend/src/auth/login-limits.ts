import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { AppConfig, RateLimit } from '../config/app-config';
import { authProblem } from './auth.errors';

/** The table both limits count in (migrations/1764300000000-LoginLimits.ts), shared by every replica. */
export const LOGIN_LIMIT_TABLE = 'login_limit';

/** How often a replica deletes windows that ended more than an hour ago. */
const SWEEP_EVERY_MS = 5 * 60_000;

/** A login admitted by both limits; say how it went, so that a success forgives the username's failures. */
export interface AdmittedLogin {
  succeeded(): Promise<void>;
}

/**
 * The login limits (docs/operations.md, "Login limits"), counted in PostgreSQL so that they hold
 * across replicas:
 *
 * - **per client address**: every attempt counts (LOGIN_LIMIT_PER_ADDRESS, 30 a minute), so one
 *   address cannot try many usernames; IPv6 clients count per /64, the block one subscriber gets;
 * - **per username**: every attempt counts until one succeeds, which clears the count
 *   (LOGIN_LIMIT_PER_USERNAME, 10 in 15 minutes), so many addresses cannot share out the guesses
 *   at one user's password. Counted for any name, existing or not, so the answer tells nothing
 *   about which users exist; the table holds a hash of the name, not the name.
 *
 * An attempt is counted before the password is checked, in one atomic upsert per limit
 * (rate-limiter-flexible's PostgreSQL store), so parallel requests on any number of replicas get
 * no more than the limit between them. Once a key is over its limit, the replica that saw it
 * answers 429 from memory until the window ends, without asking the database.
 */
@Injectable()
export class LoginLimits implements OnModuleDestroy {
  private readonly perAddress: RateLimiterPostgres;
  private readonly perUsername: RateLimiterPostgres;
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {
    this.perAddress = limiter(db, 'address', config.loginLimitPerAddress);
    this.perUsername = limiter(db, 'username', config.loginLimitPerUsername);
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_EVERY_MS).unref();
  }

  /**
   * Counts an attempt against the client's address and the username; a 429 problem (with
   * Retry-After) when either is over its limit. The address is counted first: a client over its
   * own limit adds nothing to a username's count.
   */
  async admit(clientAddress: string, username: string): Promise<AdmittedLogin> {
    await consume(this.perAddress, addressKey(clientAddress), (wait) =>
      tooMany(
        `Too many login attempts from your network address (more than ${this.config.loginLimitPerAddress.attempts} ` +
          `within ${duration(this.config.loginLimitPerAddress.windowSeconds)}): try again in ${duration(wait)}.`,
        wait,
      ),
    );
    const user = usernameKey(username);
    await consume(this.perUsername, user, (wait) =>
      tooMany(
        `Too many failed logins for this username (${this.config.loginLimitPerUsername.attempts} within ` +
          `${duration(this.config.loginLimitPerUsername.windowSeconds)}): try again in ${duration(wait)}. ` +
          'If you have forgotten your password, ask an administrator to set a new one.',
        wait,
      ),
    );
    return { succeeded: async () => void (await this.perUsername.delete(user)) };
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  /** Deletes the windows that ended an hour ago or more (a failed sweep is tried again next time). */
  private async sweep(): Promise<void> {
    if (!this.db.isInitialized) return;
    await this.db.query(`DELETE FROM ${LOGIN_LIMIT_TABLE} WHERE expire < $1`, [Date.now() - 3_600_000]).catch(() => undefined);
  }
}

function limiter(db: DataSource, keyPrefix: string, limit: RateLimit): RateLimiterPostgres {
  return new RateLimiterPostgres({
    storeClient: db,
    storeType: 'typeorm',
    tableName: LOGIN_LIMIT_TABLE,
    // Made by the migration, as the owner: the API's role creates nothing.
    tableCreated: true,
    clearExpiredByTimeout: false,
    keyPrefix,
    points: limit.attempts,
    duration: limit.windowSeconds,
    inMemoryBlockOnConsumed: limit.attempts + 1,
  });
}

/** Consumes one attempt; over the limit, the problem `refuse` makes of the seconds to wait. */
async function consume(limiter: RateLimiterPostgres, key: string, refuse: (waitSeconds: number) => Error): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw refuse(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
    throw error;
  }
}

function tooMany(detail: string, waitSeconds: number): Error {
  return authProblem('too-many-logins', detail, { retryAfterSeconds: waitSeconds }).withHeader('Retry-After', String(waitSeconds));
}

/** "1 second", "40 seconds", "1 minute", "15 minutes", "1 hour" (whole minutes and hours rounded up). */
export function duration(seconds: number): string {
  const [n, unit] =
    seconds < 60 ? [seconds, 'second'] : seconds < 3600 ? [Math.ceil(seconds / 60), 'minute'] : [Math.ceil(seconds / 3600), 'hour'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * The key a client address counts under: an IPv4 address as it is (an IPv4-mapped IPv6 address
 * as its IPv4 address), an IPv6 address by its /64 network, since one subscriber is given a whole
 * /64 and could otherwise take a new address for every attempt.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(address)) return address;
  const plain = address.replace(/%.*$/, '');
  if (!isIPv6(plain)) return address;
  return `${expandIPv6(plain).slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address, each as lower-case hex without leading zeros. */
function expandIPv6(address: string): string[] {
  let text = address.toLowerCase();
  // A trailing dotted quad (::1.2.3.4) is the last two groups.
  const quad = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number);
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, null];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === null ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.map((group) => parseInt(group, 16).toString(16));
}

/**
 * The key a username counts under: a hash of the name as typed, trimmed and in lower case, so
 * the table never holds what people type (now and then a password in the wrong field).
 */
export function usernameKey(username: string): string {
  return createHash('sha256').update(username.normalize('NFKC').trim().toLowerCase()).digest('hex').slice(0, 32);
}
