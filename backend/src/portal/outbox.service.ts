import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Problem } from '../common/problem';
import { AppConfig } from '../config/app-config';
import { JobsService } from '../jobs/jobs.service';
import { OUTBOX_PAGE, OutboxPageResponse } from './dto/outbox.dto';
import { OutboxRepository } from './outbox.repository';
import { postMessage } from './webhook';

export const PORTAL_DELIVERY_JOB = 'portal-delivery';

/**
 * How long a delivery holds the message it sends (the POST times out after 10 s): when its process
 * dies mid-delivery, the message is due again after this.
 */
const LEASE_SECONDS = 30;
const MAX_RETRY_SECONDS = 3600;
/** Retries due sooner than the schedule's next tick (every minute) are not left waiting for it. */
const FOLLOW_UP_WITHIN_MS = 60_000;

/**
 * The portal's outbox (docs/jobs-and-outbox.md, "The outbox"): the portal reads it page by page
 * (GET /api/portal/outbox?after=), and, when PORTAL_WEBHOOK_URL is set, a job POSTs each message
 * to the webhook, signed, until the portal answers 2xx, waiting longer after each failure. At
 * least once: a message may arrive twice (a delivery whose answer was lost, a process that died
 * mid-delivery), never not at all; the portal deduplicates on its id.
 */
@Injectable()
export class OutboxService implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('PortalOutbox');
  /** Set when the process stops: a delivery finishes the message it is sending and takes no more. */
  private stopping = false;

  constructor(
    private readonly repository: OutboxRepository,
    private readonly config: AppConfig,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    if (!this.config.portalWebhookUrl) return;
    this.jobs.register({
      name: PORTAL_DELIVERY_JOB,
      description: 'Delivers the outbox’s messages to the portal’s webhook (PORTAL_WEBHOOK_URL), signed, until it answers 2xx',
      schedule: '* * * * *',
      run: () => this.deliver().then(() => undefined),
      backlog: () => this.repository.backlog(),
    });
  }

  onModuleDestroy(): void {
    this.stopping = true;
  }

  async page(after: string | undefined, limit: number = OUTBOX_PAGE.default): Promise<OutboxPageResponse> {
    let afterSeq: string | null = null;
    if (after) {
      const seq = await this.repository.seqOf(after);
      if (!seq) throw Problem.validation([{ path: '$.after', message: 'no message has this id' }]);
      afterSeq = seq;
    }
    const items = await this.repository.page(afterSeq, limit);
    return { items, nextAfter: items.at(-1)?.id ?? after ?? null };
  }

  /**
   * Delivers every message that is due, one at a time; throws when any delivery failed (the job
   * shows the error in the admin view, and each failed message waits for its own next try).
   * Returns how many were delivered.
   */
  async deliver(): Promise<number> {
    const url = this.config.portalWebhookUrl;
    const secret = this.config.portalWebhookSecret;
    if (!url || !secret) return 0;
    let delivered = 0;
    const failures: string[] = [];
    // One message at a time: only the one being sent is held, so a process that dies holds one.
    while (!this.stopping) {
      const [due] = await this.repository.take(1, LEASE_SECONDS);
      if (!due) break;
      const { message, attempts } = due;
      try {
        await postMessage(url, secret, message.id, JSON.stringify(message), attempts + 1);
        await this.repository.delivered(message.id);
        delivered++;
      } catch (error) {
        const text = (error as Error).message;
        const retryIn = Math.min(this.config.portalWebhookRetrySeconds * 2 ** attempts, MAX_RETRY_SECONDS);
        await this.repository.failed(message.id, text, retryIn);
        failures.push(`${message.id}: ${text}`);
      }
    }
    // A message due again before the schedule's next tick gets a delivery of its own then. (A run
    // that failed is tried again by the queue itself, with its backoff.)
    const next = this.stopping || failures.length ? null : await this.repository.nextDue();
    if (next && next.getTime() < Date.now() + FOLLOW_UP_WITHIN_MS) await this.jobs.enqueue(PORTAL_DELIVERY_JOB, next);
    if (failures.length) {
      this.log.warn(`${failures.length} message(s) not delivered to the portal: ${failures[0]}`);
      throw new Error(`${failures.length} message(s) not delivered, each tried again later; the first: ${failures[0]}`);
    }
    return delivered;
  }
}
