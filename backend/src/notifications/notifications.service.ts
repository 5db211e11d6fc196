import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { CasesService, slaDaysLeft } from '../cases';
import { decodeCursor, encodeCursor } from '../common/cursor';
import { Problem } from '../common/problem';
import { JobsService } from '../jobs/jobs.service';
import { addBusinessDays, isBusinessDay, toOsloDate } from '../sla/business-days';
import { NOTIFICATION_PAGE, NotificationPageResponse, NotificationResponse, NotificationsQuery } from './dto/notifications.dto';
import { NotificationsRepository } from './notifications.repository';

export const DEADLINE_SOON_JOB = 'deadline-soon';
/** "Frist om 5 dager": business days before the SLA due date, as the queue counts them (slaDaysLeft). */
export const DEADLINE_SOON_DAYS = 5;
const CURSOR_SORT = 'newest';

/** The signed-in person's notifications, and the daily job that writes "Frist om 5 dager". */
@Injectable()
export class NotificationsService implements OnModuleInit {
  private readonly log = new Logger('Notifications');

  constructor(
    private readonly repository: NotificationsRepository,
    private readonly cases: CasesService,
    private readonly jobs: JobsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: DEADLINE_SOON_JOB,
      description: `Tells each caseworker of their cases due in ${DEADLINE_SOON_DAYS} business days (Frist om ${DEADLINE_SOON_DAYS} dager), once a day`,
      // 05:00 UTC, before the office opens; safe to run again the same day.
      schedule: '0 5 * * *',
      run: () => this.notifyDeadlines().then(() => undefined),
    });
  }

  async page(actor: Actor, q: NotificationsQuery): Promise<NotificationPageResponse> {
    const limit = q.limit ?? NOTIFICATION_PAGE.default;
    const before = q.cursor ? decodeCursor(q.cursor, CURSOR_SORT, (v) => v === null).id : null;
    const [rows, unreadCount] = await Promise.all([
      this.repository.page(actor.username, q.unread === true, limit, before),
      this.repository.unreadCount(actor.username),
    ]);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items,
      unreadCount,
      nextCursor: rows.length > limit && last ? encodeCursor({ sort: CURSOR_SORT, value: null, id: last.id }) : null,
    };
  }

  async markRead(actor: Actor, id: string): Promise<NotificationResponse> {
    const n = await this.repository.markRead(actor.username, id);
    // Another person's notification is as not there.
    if (!n) throw Problem.notFound('Notification', id);
    return n;
  }

  async markAllRead(actor: Actor): Promise<{ marked: number; unreadCount: number }> {
    const marked = await this.repository.markAllRead(actor.username);
    return { marked, unreadCount: await this.repository.unreadCount(actor.username) };
  }

  /**
   * "Frist om 5 dager": each open case with a caseworker whose SLA due date is 5 business days
   * ahead gets one notification to them a day (the dedupe key names the case and the day, so a
   * second run, on this replica or another, writes nothing). Runs on business days only: over a
   * weekend the count of business days left stands still. Returns how many it wrote.
   */
  async notifyDeadlines(now = new Date()): Promise<number> {
    const today = toOsloDate(now);
    if (!isBusinessDay(today)) return 0;
    const due = await this.repository.dueBetween(
      addBusinessDays(today, DEADLINE_SOON_DAYS - 1),
      addBusinessDays(today, DEADLINE_SOON_DAYS),
    );
    let written = 0;
    for (const c of due) {
      const daysLeft = slaDaysLeft(c.status, c.sla_due_on, today);
      if (daysLeft !== DEADLINE_SOON_DAYS) continue;
      const id = await this.cases.notify(this.dataSource.manager, {
        recipientId: c.assignee_id,
        kind: 'deadline-soon',
        applicationId: c.id,
        actor: null,
        data: { dueOn: c.sla_due_on, daysLeft },
        dedupeKey: `deadline-soon:${c.id}:${today}`,
      });
      if (id) written++;
    }
    if (written) this.log.log(`${written} deadline notification(s)`);
    return written;
  }
}
