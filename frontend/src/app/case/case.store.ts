import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { TranslocoService } from '@jsverse/transloco';
import { Subject, catchError, map, of, switchMap, tap } from 'rxjs';
import { ApplicationsApi } from '../core/api/applications.api';
import { CaseDetail } from '../core/api/models';
import { AuthStore } from '../core/auth/auth.store';
import { ErrorNotifier } from '../core/errors/error-notifier.service';
import { Problem, toProblem } from '../core/errors/problem';

/** One case on screen, and the actions the signed-in user may take on it now. */
@Injectable()
export class CaseStore {
  private readonly api = inject(ApplicationsApi);
  private readonly auth = inject(AuthStore);
  private readonly notifier = inject(ErrorNotifier);
  private readonly transloco = inject(TranslocoService);

  readonly detail = signal<CaseDetail | null>(null);
  readonly loading = signal(false);
  readonly error = signal<Problem | null>(null);
  readonly busy = signal(false);

  readonly isOpen = computed(() => {
    const status = this.detail()?.status;
    return !!status && status !== 'decided' && status !== 'withdrawn';
  });
  readonly canTake = computed(
    () => this.auth.isCaseworker() && this.isOpen() && !this.detail()?.assignee,
  );
  readonly canAssign = computed(() => this.auth.isManager() && this.isOpen());

  private readonly loads = new Subject<string>();
  private id: string | null = null;

  constructor() {
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
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe(({ detail, problem }) => {
        this.loading.set(false);
        if (detail) this.detail.set(detail);
        else {
          this.detail.set(null);
          this.error.set(problem);
        }
      });
  }

  load(id: string): void {
    this.id = id;
    this.loads.next(id);
  }

  reload(): void {
    if (this.id) this.loads.next(this.id);
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
        this.detail.set(updated);
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
}
