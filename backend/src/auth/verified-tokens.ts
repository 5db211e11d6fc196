import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { Actor } from './actor';

/** The channel the triggers of migration Sessions1764280000000 notify on. */
export const AUTH_CHANNEL = 'tilsagn_auth';

/** A token this process verified: its signature, its session (live, current token) and its user (active, roles). */
export interface VerifiedToken {
  actor: Actor;
  sessionId: string;
  tokenId: string;
  /** Unix seconds: the token's own expiry and the session's absolute end. */
  exp: number;
  sessionEndsAt: number;
}

const MAX_ENTRIES = 10_000;

/**
 * The guard's cache of verified tokens, and how revocation reaches it on every replica.
 *
 * A session sends the same token with every request until it refreshes, so the guard checks a
 * token once (signature, then one query: session live and current, user active, their roles) and
 * remembers the answer until the token expires; the queue's requests then cost no database round
 * trip for authentication. What would make a remembered answer wrong is a change in PostgreSQL:
 * a logout or refresh (app_session), a deactivation or a change of roles (app_user, user_role,
 * by the application or by hand). Triggers on those tables NOTIFY `tilsagn_auth` with
 * `session:<id>` or `user:<id>`, and each API process LISTENs on one dedicated connection and
 * forgets the matching tokens; the next request checks them again. While that connection is down
 * (and until it is back and listening) nothing is remembered, so every request is checked in the
 * database: slower, never stale. A change made through this process is also forgotten here at
 * once, without waiting for the notification.
 */
@Injectable()
export class VerifiedTokens implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly entries = new Map<string, VerifiedToken>();
  private readonly log = new Logger('VerifiedTokens');
  private client: Client | null = null;
  private listening = false;
  private closing = false;
  private retryMs = 500;
  private retryTimer: NodeJS.Timeout | null = null;
  /** Bumped whenever entries are forgotten, so a check that raced a notification is not remembered. */
  private epoch = 0;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A remembered token, while it is unexpired and revocations can reach this process. */
  get(token: string, nowMs: number): VerifiedToken | undefined {
    if (!this.listening) return undefined;
    const entry = this.entries.get(token);
    if (entry && entry.exp * 1000 > nowMs && entry.sessionEndsAt * 1000 > nowMs) return entry;
    if (entry) this.entries.delete(token);
    return undefined;
  }

  /** The epoch to pass to `remember`, taken before the token is checked. */
  get currentEpoch(): number {
    return this.epoch;
  }

  remember(token: string, entry: VerifiedToken, epoch: number): void {
    if (!this.listening || epoch !== this.epoch) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(token, Object.freeze(entry));
  }

  forgetSession(sessionId: string): void {
    this.forget((e) => e.sessionId === sessionId);
  }

  forgetUser(userId: string): void {
    this.forget((e) => e.actor.id === userId);
  }

  forgetAll(): void {
    this.epoch++;
    this.entries.clear();
  }

  /** Whether revocations reach this process (tests wait for it). */
  get isListening(): boolean {
    return this.listening;
  }

  private forget(match: (entry: VerifiedToken) => boolean): void {
    this.epoch++;
    for (const [token, entry] of this.entries) if (match(entry)) this.entries.delete(token);
  }

  private onNotification(payload: string | undefined): void {
    const [kind, id] = (payload ?? '').split(':');
    if (kind === 'session' && id) this.forgetSession(id);
    else if (kind === 'user' && id) this.forgetUser(id);
    else this.forgetAll();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.listening = false;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.closing) return;
    const client = new Client({ connectionString: primaryUrl(this.dataSource), application_name: 'tilsagn-auth-listener' });
    this.client = client;
    const lost = (err?: Error) => {
      if (this.client !== client) return;
      this.client = null;
      this.listening = false;
      this.forgetAll();
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      if (this.closing) return;
      this.log.warn({ err }, `lost the ${AUTH_CHANNEL} listener; checking every token in the database until it is back`);
      this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 30_000);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => this.onNotification(message.payload));
    try {
      await client.connect();
      await client.query(`LISTEN ${AUTH_CHANNEL}`);
      if (this.client !== client) return;
      // Anything remembered before is from before we listened: start afresh.
      this.forgetAll();
      this.listening = true;
      this.retryMs = 500;
    } catch (err) {
      lost(err as Error);
    }
  }
}

function primaryUrl(dataSource: DataSource): string {
  const options = dataSource.options as { url?: string; replication?: { master: { url?: string } } };
  const url = options.replication?.master.url ?? options.url;
  if (!url) throw new Error('The data source has no connection URL to listen on');
  return url;
}
