import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { TranslocoService } from '@jsverse/transloco';
import { Observable, Subject, catchError, defer, finalize, map, of, switchMap, tap } from 'rxjs';
import { ApplicationsApi } from '../core/api/applications.api';
import { CaseworkApi } from '../core/api/casework.api';
import { Evaluation } from '../core/api/evaluation.models';
import { EvaluationsApi } from '../core/api/evaluations.api';
import { CaseView, CorrectionDto } from '../core/api/models';
import { WorkflowApi } from '../core/api/workflow.api';
import {
  NoteAnchor,
  RecommendationRecord,
  StatusChangeDto,
  StatusTarget,
} from '../core/api/workflow.models';
import { AuthStore } from '../core/auth/auth.store';
import { ErrorNotifier } from '../core/errors/error-notifier.service';
import { Problem, toProblem } from '../core/errors/problem';
import { allowedActions, assessmentBlock } from './allowed-actions';
import { LeftItem, lastReturned, whatIsLeft } from './what-is-left.logic';

/** A request to show an element of a tab: the tab opens and the element takes the focus. */
export interface FocusRequest {
  tab: 'rules' | 'costs' | 'decision';
  targetId: string;
}

/** One case on screen, its latest evaluation, and the actions the signed-in user may take on it now. */
@Injectable()
export class CaseStore {
  private readonly api = inject(ApplicationsApi);
  private readonly evaluations = inject(EvaluationsApi);
  private readonly casework = inject(CaseworkApi);
  private readonly workflow = inject(WorkflowApi);
  private readonly auth = inject(AuthStore);
  private readonly notifier = inject(ErrorNotifier);
  private readonly transloco = inject(TranslocoService);

  readonly detail = signal<CaseView | null>(null);
  readonly loading = signal(false);
  readonly error = signal<Problem | null>(null);
  readonly busy = signal(false);

  /** The latest stored evaluation; null before the first one (or while it loads). */
  readonly evaluation = signal<Evaluation | null>(null);
  readonly evaluationLoading = signal(false);
  readonly evaluationError = signal<Problem | null>(null);

  /** A note the user asked to start from a cost line or a rule, for the Notes tab to pick up. */
  readonly noteRequest = signal<NoteAnchor | null>(null);

  /** The recommendations of the case, oldest first; null until loaded. */
  readonly recommendations = signal<RecommendationRecord[] | null>(null);
  /** The last recommendation when it was returned: the case is back with its caseworker. */
  readonly returned = computed(() => lastReturned(this.recommendations()));
  /** What stands in the way of a grant, by the server's list on the latest evaluation. */
  readonly left = computed<LeftItem[]>(() => whatIsLeft(this.evaluation()));
  /** An element the user asked to be taken to (from the what-is-left strip or the form's blockers). */
  readonly focusRequest = signal<FocusRequest | null>(null);
  private recommendationsKey: string | null = null;

  readonly actions = computed<ReadonlySet<string>>(() => {
    const detail = this.detail();
    return detail ? allowedActions(detail) : new Set<string>();
  });
  readonly canTake = computed(() => this.actions().has('take'));
  readonly canAssign = computed(() => this.actions().has('assign'));
  readonly canAssess = computed(() => this.actions().has('assess'));
  /** Why the assessment is read-only for this user (a translation key), or null. */
  readonly assessBlock = computed(() => {
    const detail = this.detail();
    return detail ? assessmentBlock(detail, this.auth.user()) : null;
  });
  readonly canEvaluate = computed(() => this.auth.hasAnyRole('caseworker', 'approver'));

  private readonly loads = new Subject<string>();
  private readonly evaluationLoads = new Subject<string>();
  private id: string | null = null;

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.loads
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.error.set(null);
        }),
        switchMap((id) =>
          this.api.get(id).pipe(
            map((detail) => ({ detail, problem: null })),
            catchError((err: unknown) => of({ detail: null, problem: toProblem(err) })),
          ),
        ),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe(({ detail, problem }) => {
        this.loading.set(false);
        if (detail) this.apply(detail);
        else {
          this.detail.set(null);
          this.evaluation.set(null);
          this.error.set(problem);
        }
      });

    this.evaluationLoads
      .pipe(
        tap(() => {
          this.evaluationLoading.set(true);
          this.evaluationError.set(null);
        }),
        switchMap((id) =>
          this.evaluations.latest(id).pipe(
            map((evaluation) => ({ evaluation, problem: null as Problem | null })),
            catchError((err: unknown) => {
              const problem = toProblem(err);
              // 404: the case has not been evaluated yet.
              return of({ evaluation: null, problem: problem.status === 404 ? null : problem });
            }),
          ),
        ),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe(({ evaluation, problem }) => {
        this.evaluationLoading.set(false);
        this.evaluation.set(evaluation);
        this.evaluationError.set(problem);
      });
  }

  load(id: string): void {
    this.id = id;
    this.loads.next(id);
  }

  reload(): void {
    if (this.id) this.loads.next(this.id);
  }

  reloadEvaluation(): void {
    const id = this.detail()?.id ?? this.id;
    if (id) this.evaluationLoads.next(id);
  }

  /**
   * Shows the case as the server answered a change. Every change re-evaluates
   * the case on the server, so the evaluation is fetched again when the
   * version moved.
   */
  apply(detail: CaseView): void {
    const before = this.detail();
    this.detail.set(detail);
    if (
      !before ||
      before.id !== detail.id ||
      before.version !== detail.version ||
      !this.evaluation()
    ) {
      this.evaluationLoads.next(detail.id);
    }
    this.syncRecommendations(detail);
  }

  /**
   * Loads the recommendations of the case once for each status it is in (a recommendation, a
   * return and a decision each move the status).
   */
  syncRecommendations(detail: CaseView): void {
    const key = `${detail.id}:${detail.status}`;
    if (key === this.recommendationsKey) return;
    this.recommendationsKey = key;
    this.workflow.recommendations(detail.id).subscribe({
      next: (all) => {
        if (this.recommendationsKey === key) this.recommendations.set(all);
      },
      error: () => {
        if (this.recommendationsKey === key) this.recommendations.set([]);
      },
    });
  }

  /** Opens the tab of an element and puts the focus on it. */
  showItem(request: FocusRequest): void {
    this.focusRequest.set({ ...request });
  }

  take(): void {
    const me = this.auth.user()?.username;
    if (me) this.assign(me, 'case.taken');
  }

  assign(assignee: string | null, messageKey = 'case.assigned'): void {
    const current = this.detail();
    if (!current || this.busy()) return;
    this.busy.set(true);
    this.api.assign(current.id, assignee, current.version).subscribe({
      next: (updated) => {
        this.busy.set(false);
        this.apply(updated);
        this.notifier.success(
          assignee === null
            ? this.transloco.translate('case.unassigned', { reference: updated.reference })
            : this.transloco.translate(messageKey, {
                reference: updated.reference,
                name: updated.assignee?.displayName ?? assignee,
              }),
        );
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.notifier.notify(err, { onReload: () => this.reload() });
      },
    });
  }

  /**
   * Moves the case to another status. Errors are left to the caller, which
   * knows the form (if any) to put field messages on.
   */
  changeStatus(
    status: StatusTarget,
    extra: Omit<StatusChangeDto, 'status' | 'version'> = {},
  ): Observable<CaseView> {
    const current = this.detail();
    if (!current) return of();
    this.busy.set(true);
    return this.api.changeStatus(current.id, { status, version: current.version, ...extra }).pipe(
      tap((updated) => {
        this.apply(updated);
        this.notifier.success(
          this.transloco.translate('statusChange.done', {
            reference: updated.reference,
            status: this.transloco.translate(`status.${updated.status}`),
          }),
        );
      }),
      finalize(() => this.busy.set(false)),
    );
  }

  /** Runs the rulebook again on the case as it stands. */
  runEvaluation(): void {
    const current = this.detail();
    if (!current || this.evaluationLoading()) return;
    this.evaluationLoading.set(true);
    this.evaluations.run(current.id).subscribe({
      next: (evaluation) => {
        this.evaluationLoading.set(false);
        this.evaluation.set(evaluation);
        this.notifier.success(this.transloco.translate('rules.evaluated'));
        // The summary on the case (flags, max aid) follows the new evaluation.
        this.reload();
      },
      error: (err: unknown) => {
        this.evaluationLoading.set(false);
        this.notifier.notify(err, { onReload: () => this.reload() });
      },
    });
  }

  recordJudgment(
    criterionId: string,
    outcome: 'pass' | 'fail',
    rationale: string,
  ): Observable<unknown> {
    const current = this.detail();
    if (!current) return of();
    return this.casework
      .recordJudgment(current.id, criterionId, { outcome, rationale, version: current.version })
      .pipe(tap(() => this.reload()));
  }

  /**
   * Sets (or with null clears) the approved amount of a cost line. The version
   * is read when the request goes out, so several lines can be saved one after
   * the other.
   */
  assessCostLine(
    lineId: string,
    approvedAmountNok: number | null,
    reason: string,
  ): Observable<CaseView> {
    return defer(() => {
      const current = this.detail();
      if (!current) return of();
      return this.casework.assessCostLine(current.id, lineId, {
        approvedAmountNok,
        ...(approvedAmountNok === null ? {} : { reason }),
        version: current.version,
      });
    }).pipe(tap((updated) => this.apply(updated)));
  }

  correctFact(path: string, value: CorrectionDto['value'], reason: string): Observable<CaseView> {
    const current = this.detail();
    if (!current) return of();
    return this.casework
      .correctFact(current.id, { path, value, reason, version: current.version })
      .pipe(tap((updated) => this.apply(updated)));
  }

  setExchangeRate(nokPerEur: number | null, reason: string): Observable<CaseView> {
    const current = this.detail();
    if (!current) return of();
    return this.casework
      .setExchangeRate(current.id, {
        nokPerEur,
        ...(reason ? { reason } : {}),
        version: current.version,
      })
      .pipe(tap((updated) => this.apply(updated)));
  }

  /** Opens the Notes tab with a new note anchored to a cost line, a rule or the case. */
  requestNote(anchor: NoteAnchor): void {
    this.noteRequest.set(anchor);
  }

  reportError(err: unknown): void {
    this.notifier.notify(err, { onReload: () => this.reload() });
  }
}
