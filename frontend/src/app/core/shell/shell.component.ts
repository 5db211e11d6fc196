import { BreakpointObserver, Breakpoints } from '@angular/cdk/layout';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatMenuModule } from '@angular/material/menu';
import { MatSidenav, MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoDirective } from '@jsverse/transloco';
import { filter, map } from 'rxjs';
import { Role } from '../api/models';
import { AuthStore } from '../auth/auth.store';
import { LanguageSwitchComponent } from '../i18n/language-switch.component';
import { Language, LanguageService } from '../i18n/language.service';

interface NavItem {
  path: string;
  labelKey: string;
  icon: string;
  roles: Role[];
}

const NAV_ITEMS: NavItem[] = [
  { path: '/queue/mine', labelKey: 'nav.mine', icon: 'inbox', roles: ['caseworker'] },
  {
    path: '/queue/unassigned',
    labelKey: 'nav.unassigned',
    icon: 'move_to_inbox',
    roles: ['caseworker', 'manager'],
  },
  {
    path: '/queue/all',
    labelKey: 'nav.all',
    icon: 'folder_open',
    roles: ['caseworker', 'approver', 'manager'],
  },
  { path: '/dashboard', labelKey: 'nav.dashboard', icon: 'monitoring', roles: ['manager'] },
  {
    path: '/register-reports',
    labelKey: 'nav.registerReports',
    icon: 'assignment',
    roles: ['manager'],
  },
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
    TranslocoDirective,
    LanguageSwitchComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
})
export class ShellComponent {
  protected readonly auth = inject(AuthStore);
  protected readonly languages = inject(LanguageService);
  /** On small screens the language choice moves from the toolbar into the user menu. */
  protected readonly languageOptions: { id: Language; label: string }[] = [
    { id: 'nb', label: 'Bokmål' },
    { id: 'en', label: 'English' },
  ];
  private readonly router = inject(Router);
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

  constructor() {
    // On small screens the navigation is an overlay; close it once the user has chosen.
    this.router.events.pipe(filter((e) => e instanceof NavigationEnd)).subscribe(() => {
      if (this.isHandset()) void this.sidenav().close();
    });
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
