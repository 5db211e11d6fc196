import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AUTH_CHANNEL } from '../auth/verified-tokens';
import type { NotificationResponse } from './dto/notifications.dto';
import { NotificationsRepository } from './notifications.repository';

/** The channel the notification table's trigger NOTIFYs on (migration Notifications1764570000000). */
export const NOTIFICATION_CHANNEL = 'tilsagn_notification';

/** A comment line on every open stream this often, so proxies and browsers keep it open. */
export const HEARTBEAT_MS = 25_000;

/** One open event stream: whose it is, how to send on it, and the ids it has sent (the replay's and the live ones meet). */
export interface OpenStream {
  recipient: string;
  /** The person's id and the session the stream was opened in: a revocation of either ends it. */
  userId: string | null;
  sessionId: string | null;
  send(notification: NotificationResponse): void;
  /** Ends the stream (the process is stopping, its session or person was revoked, or its time is up). */
  end(): void;
  /** A comment line. */
  ping(): void;
  lastId: string | null;
}

/**
 * Delivery of notifications to the open event streams of this process (docs/notifications.md).
 *
 * A notification is written in the transaction of the change it tells about; its table's trigger
 * NOTIFYs `tilsagn_notification` with its id and recipient, which PostgreSQL delivers at commit to
 * every process that LISTENs, on every replica. This process LISTENs on one dedicated connection,
 * and for a recipient with a stream open here reads the notification and sends it on each of their
 * streams; a recipient with none here costs nothing. While that connection is down no event can
 * arrive: when it is back, each open stream is sent what it missed since its last event, as a
 * browser's reconnect with Last-Event-ID would be.
 *
 * The same connection LISTENs on `tilsagn_auth` (the triggers on app_session, app_user and
 * user_role; migrations/1764280000000-Sessions.ts), so a logout, a refresh, a deactivation or a
 * change of roles ends that session's or person's open streams at once, on every replica, instead
 * of at the stream's own end: a stream is authenticated once, as it opens, and must not outlive
 * what authenticated it. The console opens a new one with the token it has then (or none).
 */
@Injectable()
export class NotificationStreams implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('NotificationStreams');
  private readonly streams = new Map<string, Set<OpenStream>>();
  private client: Client | null = null;
  private listening = false;
  private closing = false;
  private retryMs = 500;
  private retryTimer: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: NotificationsRepository,
  ) {}

  /** Whether notifications reach this process (tests wait for it). */
  get isListening(): boolean {
    return this.listening;
  }

  /** How many streams are open here. */
  get openCount(): number {
    let n = 0;
    for (const set of this.streams.values()) n += set.size;
    return n;
  }

  add(stream: OpenStream): () => void {
    let set = this.streams.get(stream.recipient);
    if (!set) this.streams.set(stream.recipient, (set = new Set()));
    set.add(stream);
    return () => {
      set.delete(stream);
      if (!set.size && this.streams.get(stream.recipient) === set) this.streams.delete(stream.recipient);
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    this.heartbeat = setInterval(() => this.each((s) => s.ping()), HEARTBEAT_MS);
    this.heartbeat.unref();
    await this.connect();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.heartbeat) clearInterval(this.heartbeat);
    // Open streams would hold the server's close: each is ended (the browser reconnects elsewhere).
    this.each((s) => s.end());
    this.streams.clear();
    this.listening = false;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private each(act: (stream: OpenStream) => void): void {
    for (const set of this.streams.values()) for (const stream of [...set]) act(stream);
  }

  private async deliver(payload: string | undefined): Promise<void> {
    let message: { id?: unknown; recipient?: unknown };
    try {
      message = JSON.parse(payload ?? '') as typeof message;
    } catch {
      return;
    }
    if (typeof message.id !== 'string' || typeof message.recipient !== 'string') return;
    const set = this.streams.get(message.recipient);
    if (!set?.size) return;
    const notification = await this.repository.one(message.recipient, message.id);
    if (notification) for (const stream of [...set]) stream.send(notification);
  }

  /** A session or person revoked (`session:<id>`, `user:<id>`; anything else, as TRUNCATE's `all`, ends every stream). */
  private revoked(payload: string | undefined): void {
    const [kind, id] = (payload ?? '').split(':');
    const ends = (s: OpenStream): boolean => {
      if (kind === 'session' && id) return s.sessionId === id;
      if (kind === 'user' && id) return s.userId === id;
      return true;
    };
    this.each((s) => {
      if (ends(s)) s.end();
    });
  }

  /** After the listener was down: each open stream gets what it missed. */
  private async catchUp(): Promise<void> {
    for (const set of [...this.streams.values()]) {
      for (const stream of [...set]) {
        if (!stream.lastId) continue;
        for (const n of await this.repository.since(stream.recipient, stream.lastId)) stream.send(n);
      }
    }
  }

  private async connect(): Promise<void> {
    if (this.closing) return;
    const client = new Client({ connectionString: primaryUrl(this.dataSource), application_name: 'tilsagn-notification-listener' });
    this.client = client;
    const lost = (err?: Error) => {
      if (this.client !== client) return;
      this.client = null;
      this.listening = false;
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      if (this.closing) return;
      this.log.warn({ err }, `lost the ${NOTIFICATION_CHANNEL} listener; trying again`);
      this.retryTimer = setTimeout(() => void this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 30_000);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.channel === AUTH_CHANNEL) return this.revoked(message.payload);
      this.deliver(message.payload).catch((err: Error) => this.log.warn({ err }, 'a notification could not be delivered'));
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${NOTIFICATION_CHANNEL}`);
      await client.query(`LISTEN ${AUTH_CHANNEL}`);
      if (this.client !== client) return;
      const wasDown = this.retryMs > 500;
      this.listening = true;
      this.retryMs = 500;
      if (wasDown) await this.catchUp().catch((err: Error) => this.log.warn({ err }, 'catching up the open streams failed'));
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
