import { BreakpointObserver, Breakpoints } from '@angular/cdk/layout';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  inject,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatMenuModule } from '@angular/material/menu';
import { MatSidenav, MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoDirective } from '@jsverse/transloco';
import { filter, interval, map } from 'rxjs';
import { QueueCounts, Role } from '../api/models';
import { AuthStore } from '../auth/auth.store';
import { LanguageSwitchComponent } from '../i18n/language-switch.component';
import { NotificationBellComponent } from '../notifications/notification-bell.component';
import { Language, LanguageService } from '../i18n/language.service';
import { KeyboardShortcuts } from '../shortcuts/keyboard-shortcuts.service';
import { COUNTS_REFRESH_MS, QueueCountsStore } from './queue-counts.store';

interface NavItem {
  path: string;
  labelKey: string;
  icon: string;
  roles: Role[];
  /** The server's count of the queue (GET /api/queues/counts), shown beside it. */
  count?: keyof QueueCounts;
}

/** Each role's queues, in the order of a working day; the manager's home, the dashboard, first. */
const NAV_ITEMS: NavItem[] = [
  { path: '/dashboard', labelKey: 'nav.dashboard', icon: 'monitoring', roles: ['manager'] },
  {
    path: '/queue/mine',
    labelKey: 'nav.mine',
    icon: 'inbox',
    roles: ['caseworker'],
    count: 'mine',
  },
  {
    path: '/queue/unassigned',
    labelKey: 'nav.unassigned',
    icon: 'move_to_inbox',
    roles: ['caseworker', 'manager'],
    count: 'unassigned',
  },
  {
    path: '/queue/awaiting-applicant',
    labelKey: 'nav.awaitingApplicant',
    icon: 'hourglass_top',
    roles: ['caseworker', 'manager'],
    count: 'awaitingApplicant',
  },
  {
    path: '/queue/returned-to-me',
    labelKey: 'nav.returnedToMe',
    icon: 'undo',
    roles: ['caseworker'],
    count: 'returnedToMe',
  },
  {
    path: '/queue/to-approve',
    labelKey: 'nav.toApprove',
    icon: 'approval',
    roles: ['approver'],
    count: 'toApprove',
  },
  {
    path: '/queue/all',
    labelKey: 'nav.all',
    icon: 'folder_open',
    roles: ['caseworker', 'approver', 'manager'],
  },
  {
    path: '/register-reports',
    labelKey: 'nav.registerReports',
    icon: 'assignment',
    roles: ['manager'],
  },
  { path: '/jobs', labelKey: 'nav.jobs', icon: 'manufacturing', roles: ['manager', 'admin'] },
];

@Component({
  selector: 'app-shell',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbarModule,
    MatSidenavModule,
    MatListModule,
    MatIconModule,
    MatButtonModule,
    MatMenuModule,
    MatDividerModule,
    MatTooltipModule,
    TranslocoDirective,
    LanguageSwitchComponent,
    NotificationBellComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
})
export class ShellComponent {
  protected readonly auth = inject(AuthStore);
  protected readonly queueCounts = inject(QueueCountsStore);
  protected readonly languages = inject(LanguageService);
  /** On small screens the language choice moves from the toolbar into the user menu. */
  protected readonly languageOptions: { id: Language; label: string }[] = [
    { id: 'nb', label: 'Bokmål' },
    { id: 'en', label: 'English' },
  ];
  private readonly router = inject(Router);
  private readonly shortcuts = inject(KeyboardShortcuts);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');
  private readonly sidenav = viewChild.required<MatSidenav>('sidenav');

  protected readonly isHandset = toSignal(
    inject(BreakpointObserver)
      .observe([Breakpoints.XSmall, Breakpoints.Small])
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );

  protected readonly navItems = computed(() => {
    const roles = this.auth.roles();
    return NAV_ITEMS.filter((item) => item.roles.some((r) => roles.has(r)));
  });

  /** The count of a queue in the navigation, or null while unknown. */
  protected countOf(item: NavItem): number | null {
    return item.count ? (this.queueCounts.counts()[item.count] ?? null) : null;
  }

  constructor() {
    // On small screens the navigation is an overlay; close it once the user has chosen.
    // Every navigation (the first one too: the shell is made during it), and every minute, the
    // queues' counts are fetched again.
    this.router.events
      .pipe(
        filter((e) => e instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe(() => {
        this.queueCounts.refresh();
        if (this.isHandset()) void this.sidenav().close();
      });
    interval(COUNTS_REFRESH_MS)
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.queueCounts.refresh());
    // The keyboard shortcuts (`?` lists them), while the console is signed in.
    this.shortcuts.start(inject(DestroyRef));
  }

  /** The shortcuts' help, for those who do not know the `?` key. */
  protected openShortcuts(): void {
    this.shortcuts.openHelp();
  }

  protected skipToMain(event: Event): void {
    // A plain "#main" link would resolve against <base href="/"> and leave the page.
    event.preventDefault();
    this.main().nativeElement.focus();
  }

  protected logout(): void {
    this.auth.logout();
  }
}
