import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, effect, inject, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router } from '@angular/router';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { Notification } from '../../api/models';
import { LanguageService } from '../i18n/language.service';
import { formatLocalDate } from '../../shared/format';
import { localeOf } from '../i18n/locales';
import { QueueCountsStore } from '../shell/queue-counts.store';
import { NotificationsStore } from './notifications.store';

/** A notification's title and text in the console's language (the case's reference and who acted, by display name). */
export function notificationTexts(
  n: Notification,
  t: (key: string, params?: Record<string, unknown>) => string,
  formatDate: (iso: string) => string,
): { title: string; text: string } {
  const actor = n.actorName ?? n.actor ?? '';
  switch (n.kind) {
    case 'returned':
      return {
        title: t('notifications.kind.returned'),
        text: n.data.reasonCode
          ? t('notifications.text.returnedWithReason', {
              actor,
              reference: n.reference,
              reason: t(`decision.reasons.${n.data.reasonCode}`),
            })
          : t('notifications.text.returned', { actor, reference: n.reference }),
      };
    case 'reply-received':
      return {
        title: t('notifications.kind.reply-received'),
        text: t('notifications.text.reply-received', {
          reference: n.reference,
          documents: n.data.documents ?? 0,
        }),
      };
    case 'deadline-soon':
      return {
        title: t('notifications.kind.deadline-soon', { days: n.data.daysLeft ?? 5 }),
        text: t('notifications.text.deadline-soon', {
          reference: n.reference,
          date: n.data.dueOn ? formatDate(n.data.dueOn) : '',
        }),
      };
    case 'assigned':
    default:
      return {
        title: t('notifications.kind.assigned'),
        text: t('notifications.text.assigned', { actor, reference: n.reference }),
      };
  }
}

/** "5 minutes ago" / "for 5 minutter siden", from the language's own rules. */
export function relativeTime(iso: string, now: number, locale: string): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 45) return format.format(0, 'second');
  if (abs < 45 * 60) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 22 * 3600) return format.format(Math.round(seconds / 3600), 'hour');
  return format.format(Math.round(seconds / 86_400), 'day');
}

/**
 * The bell in the toolbar: how many notifications are unread (said as a number in the button's
 * name, and a new one announced politely as it arrives), and a menu of the newest ones. Choosing
 * one opens its case and marks it read; "Marker alle som lest" marks them all. The menu is
 * Material's: arrow keys move between the items, Escape closes it and the focus goes back to the bell.
 */
@Component({
  selector: 'app-notification-bell',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatMenuModule,
    MatDividerModule,
    MatTooltipModule,
    TranslocoDirective,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-container *transloco="let t">
      @let unread = store.unreadCount();
      <button
        mat-icon-button
        type="button"
        class="bell"
        data-testid="notification-bell"
        [matMenuTriggerFor]="panel"
        [attr.aria-label]="t('notifications.bell', { count: unread })"
        [matTooltip]="t('notifications.title')"
      >
        <mat-icon aria-hidden="true">{{
          unread ? 'notifications_active' : 'notifications'
        }}</mat-icon>
        @if (unread) {
          <span class="badge" aria-hidden="true" data-testid="notification-count">{{
            unread > 99 ? '99+' : unread
          }}</span>
        }
      </button>
      <mat-menu #panel="matMenu" xPosition="before" class="notification-panel">
        <div class="panel-head" role="presentation" (click)="$event.stopPropagation()">
          <span class="panel-title">{{ t('notifications.title') }}</span>
        </div>
        @if (unread) {
          <button mat-menu-item type="button" class="mark-all" (click)="markAllRead()">
            <mat-icon aria-hidden="true">done_all</mat-icon>
            <span>{{ t('notifications.markAllRead') }}</span>
          </button>
        }
        <mat-divider />
        @for (n of store.items(); track n.id) {
          @let texts = textsOf(n, t);
          <button
            mat-menu-item
            type="button"
            class="item"
            [class.item--unread]="!n.readAt"
            (click)="open(n)"
          >
            <span class="item-body">
              <span class="item-title">
                @if (!n.readAt) {
                  <span class="dot" aria-hidden="true"></span>
                  <span class="cdk-visually-hidden">{{ t('notifications.unread') }}:</span>
                }
                {{ texts.title }}
              </span>
              <span class="item-text">{{ texts.text }}</span>
              <time
                class="item-time"
                [attr.datetime]="n.createdAt"
                [attr.title]="absolute(n.createdAt)"
                >{{ relative(n.createdAt)
                }}<span class="cdk-visually-hidden"> ({{ absolute(n.createdAt) }})</span></time
              >
            </span>
          </button>
        } @empty {
          <div class="empty" role="presentation">{{ t('notifications.empty') }}</div>
        }
      </mat-menu>
    </ng-container>
  `,
  styles: `
    .bell {
      position: relative;
      color: inherit;
    }
    .badge {
      position: absolute;
      top: 2px;
      right: 0;
      min-width: 18px;
      height: 18px;
      padding: 0 4px;
      box-sizing: border-box;
      border-radius: 9px;
      background: var(--mat-sys-error);
      color: var(--mat-sys-on-error);
      font:
        600 11px/18px Roboto,
        sans-serif;
      text-align: center;
    }
    .panel-head {
      padding: 8px 16px;
      font: var(--mat-sys-title-small);
    }
    .item {
      height: auto;
      min-height: 64px;
      max-width: 360px;
      white-space: normal;
      padding-top: 8px;
      padding-bottom: 8px;
    }
    .item-body {
      display: flex;
      flex-direction: column;
      gap: 2px;
    }
    .item-title {
      font: var(--mat-sys-title-small);
      display: flex;
      align-items: center;
      gap: 6px;
    }
    .item--unread .item-title {
      font-weight: 700;
    }
    .dot {
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: var(--mat-sys-primary);
      flex: none;
    }
    .item-text {
      font: var(--mat-sys-body-medium);
    }
    .item-time {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .empty {
      padding: 12px 16px;
      font: var(--mat-sys-body-medium);
    }
  `,
})
export class NotificationBellComponent {
  protected readonly store = inject(NotificationsStore);
  private readonly router = inject(Router);
  private readonly languages = inject(LanguageService);
  private readonly transloco = inject(TranslocoService);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly queueCounts = inject(QueueCountsStore);

  constructor() {
    // A new notification is said politely, once, as it arrives.
    effect(() => {
      const n = this.store.arrived();
      if (!n) return;
      untracked(() => {
        // What came may move a case between her queues (returned, assigned): the navigation's counts follow.
        this.queueCounts.refresh();
        const texts = this.textsOf(n, (key, params) => this.transloco.translate(key, params));
        void this.announcer.announce(
          this.transloco.translate('notifications.announce', {
            title: texts.title,
            text: texts.text,
          }),
          'polite',
        );
      });
    });
  }

  protected textsOf(n: Notification, t: (key: string, params?: Record<string, unknown>) => string) {
    return notificationTexts(n, t, (iso) =>
      formatLocalDate(iso, 'mediumDate', this.languages.language()),
    );
  }

  protected relative(iso: string): string {
    return relativeTime(iso, Date.now(), localeOf(this.languages.language()));
  }

  protected absolute(iso: string): string {
    return formatLocalDate(iso, 'dateTime', this.languages.language());
  }

  protected open(n: Notification): void {
    this.store.markRead(n)?.subscribe({ error: () => undefined });
    void this.router.navigate(['/cases', n.applicationId]);
  }

  protected markAllRead(): void {
    this.store.markAllRead().subscribe({ error: () => undefined });
  }
}
