import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import {
  AssignDialogComponent,
  AssignDialogData,
  AssignDialogResult,
} from '../shared/assign-dialog.component';
import { WorkflowApi } from '../core/api/workflow.api';
import { AuthStore } from '../core/auth/auth.store';
import { ErrorNotifier } from '../core/errors/error-notifier.service';
import { LanguageService } from '../core/i18n/language.service';
import { KeyboardShortcuts } from '../core/shortcuts/keyboard-shortcuts.service';
import { LocalDatePipe } from '../shared/local-date.pipe';
import { NokPipe } from '../shared/nok.pipe';
import { SlaBadgeComponent } from '../shared/sla-badge.component';
import { StatusBadgeComponent } from '../shared/status-badge.component';
import { CaseCostsComponent } from './case-costs.component';
import { CaseDecisionComponent } from './case-decision.component';
import { CaseDocumentsComponent } from './documents/case-documents.component';
import { CaseNotesComponent } from './case-notes.component';
import { CaseOverviewComponent } from './case-overview.component';
import { CaseRulesComponent } from './case-rules.component';
import { CaseTimelineComponent } from './case-timeline.component';
import { CaseStore } from './case.store';
import { WhatIsLeftComponent } from './what-is-left.component';
import {
  StatusDialogComponent,
  StatusDialogData,
  StatusDialogKind,
} from './status-dialog.component';

/** The sections of a case, in tab order. */
export const CASE_TABS = [
  'overview',
  'rules',
  'costs',
  'documents',
  'notes',
  'timeline',
  'decision',
] as const;
export type CaseTab = (typeof CASE_TABS)[number];

@Component({
  selector: 'app-case-page',
  imports: [
    RouterLink,
    MatTabsModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    TranslocoDirective,
    StatusBadgeComponent,
    SlaBadgeComponent,
    LocalDatePipe,
    NokPipe,
    CaseOverviewComponent,
    CaseRulesComponent,
    CaseCostsComponent,
    CaseNotesComponent,
    CaseTimelineComponent,
    CaseDecisionComponent,
    CaseDocumentsComponent,
    WhatIsLeftComponent,
  ],
  providers: [CaseStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './case-page.component.html',
  styleUrl: './case-page.component.scss',
})
export class CasePageComponent {
  protected readonly store = inject(CaseStore);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly workflow = inject(WorkflowApi);
  private readonly notifier = inject(ErrorNotifier);
  private readonly transloco = inject(TranslocoService);
  private readonly language = inject(LanguageService).language;
  private readonly auth = inject(AuthStore);

  /** The case report (saksutskrift) is for the roles that read a whole case. */
  protected readonly canPrint = computed(() =>
    this.auth.hasAnyRole('caseworker', 'approver', 'manager'),
  );
  protected readonly printing = signal(false);

  private readonly caseTitle = viewChild<ElementRef<HTMLElement>>('caseTitle');

  /** Route parameter and query parameter, bound by the router. */
  readonly id = input.required<string>();
  readonly tab = input<string | undefined>();

  protected readonly tabs = CASE_TABS;
  protected readonly tabIndex = computed(() =>
    Math.max(0, CASE_TABS.indexOf((this.tab() ?? 'overview') as CaseTab)),
  );

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.store.load(id));
    });

    // An item of "what is left" (or a blocker in the form): its tab opens and it takes the focus.
    effect(() => {
      const request = this.store.focusRequest();
      if (!request) return;
      untracked(() => {
        this.store.focusRequest.set(null);
        this.goTo(request.tab);
        focusWhenShown(request.targetId);
      });
    });

    // A note started from a cost line or a rule is written in the Notes tab.
    effect(() => {
      if (this.store.noteRequest()) untracked(() => this.goTo('notes'));
    });

    // Keyboard shortcuts (`?` lists them): [ and ] the tabs, n a new note, r the recommendation.
    const step = (by: number) =>
      this.selectTab(Math.min(CASE_TABS.length - 1, Math.max(0, this.tabIndex() + by)));
    inject(KeyboardShortcuts).register(
      {
        previousTab: () => step(-1),
        nextTab: () => step(1),
        newNote: () => this.store.requestNote({ type: 'application', ref: null }),
        recommendation: () => this.goTo('decision'),
      },
      inject(DestroyRef),
    );
  }

  /** A recommended case whose earlier recommendation was returned: it comes back to the approver. */
  protected readonly resubmitted = computed(
    () =>
      this.store.detail()?.status === 'recommended' &&
      (this.store.recommendations() ?? []).some((r) => r.returned),
  );

  /** The return is news while the case is back with its caseworker. */
  protected returnedShown(status: string): boolean {
    return status === 'in_review' || status === 'awaiting_applicant' || status === 'received';
  }

  protected can(action: string): boolean {
    return this.store.actions().has(action);
  }

  protected selectTab(index: number): void {
    this.goTo(CASE_TABS[index] ?? 'overview');
  }

  protected goTo(tab: CaseTab): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { tab: tab === 'overview' ? null : tab },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected changeStatus(status: 'in_review'): void {
    this.store.changeStatus(status).subscribe({
      // The button just pressed is gone with the old status; keep the keyboard user on the case.
      next: () => this.caseTitle()?.nativeElement.focus(),
      error: (err) => this.store.reportError(err),
    });
  }

  /**
   * "Skriv ut saken": the server's case report (saksutskrift) of the whole case, in the console's
   * language, handed to the browser as a PDF file (it comes with the token, so not as a plain link).
   * Ctrl+P prints the page itself with the print stylesheet (styles/_print.scss).
   */
  protected printCase(): void {
    const detail = this.store.detail();
    if (!detail || this.printing()) return;
    const lang = this.language() === 'en' ? 'en' : 'nb';
    this.printing.set(true);
    this.workflow.caseReport(detail.id, lang).subscribe({
      next: (blob) => {
        this.printing.set(false);
        const url = URL.createObjectURL(blob);
        const link = document.createElement('a');
        link.href = url;
        link.download = `${detail.reference}-${lang === 'nb' ? 'saksutskrift' : 'case-report'}-${lang}.pdf`;
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        this.notifier.success(this.transloco.translate('actions.printCaseDone'));
      },
      error: (err: unknown) => {
        this.printing.set(false);
        this.notifier.notify(err);
      },
    });
  }

  protected openStatusDialog(kind: StatusDialogKind): void {
    const detail = this.store.detail();
    if (!detail) return;
    const status = kind === 'withdraw' ? 'withdrawn' : 'awaiting_applicant';
    this.dialog.open<StatusDialogComponent, StatusDialogData, boolean>(StatusDialogComponent, {
      data: {
        kind,
        reference: detail.reference,
        submit: (value) => this.store.changeStatus(status, value),
        onReload: () => this.store.reload(),
      },
    });
  }

  protected openAssign(): void {
    const detail = this.store.detail();
    if (!detail) return;
    this.dialog
      .open<AssignDialogComponent, AssignDialogData, AssignDialogResult>(AssignDialogComponent, {
        data: {
          count: 1,
          reference: detail.reference,
          current: detail.assignee?.username ?? null,
          allowUnassign: true,
        },
      })
      .afterClosed()
      .subscribe((result) => {
        if (result) this.store.assign(result.assignee);
      });
  }
}

/**
 * Puts the focus on an element once its tab has drawn it: on the element when it takes the focus
 * itself (tabindex), else on the first control inside it. Gives up after about three seconds.
 */
export function focusWhenShown(targetId: string, attempts = 60): void {
  const el = document.getElementById(targetId);
  if (!el) {
    if (attempts > 0) setTimeout(() => focusWhenShown(targetId, attempts - 1), 50);
    return;
  }
  let target: HTMLElement | null = el.hasAttribute('tabindex')
    ? el
    : el.querySelector<HTMLElement>(
        'input:not([disabled]), textarea:not([disabled]), button:not([disabled]), [tabindex="-1"]',
      );
  if (!target) {
    el.setAttribute('tabindex', '-1');
    target = el;
  }
  el.scrollIntoView?.({ block: 'center' });
  target.focus();
}
