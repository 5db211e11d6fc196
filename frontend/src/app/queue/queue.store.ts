import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { TranslocoService } from '@jsverse/transloco';
import { Observable, Subject, catchError, debounceTime, map, of, switchMap, tap } from 'rxjs';
import { ApplicationsApi } from '../core/api/applications.api';
import {
  CaseStatus,
  OPEN_STATUSES,
  QueueItem,
  QueueQuery,
  QueueSort,
  QueueSortKey,
  SizeClass,
} from '../core/api/models';
import { AuthStore } from '../core/auth/auth.store';
import { ErrorNotifier } from '../core/errors/error-notifier.service';

export type QueueView = 'mine' | 'unassigned' | 'all';
export const PAGE_SIZE = 50;
export const SEARCH_DEBOUNCE_MS = 300;

export interface QueueFilters {
  statuses: CaseStatus[];
  sizeClass: SizeClass | null;
  overdue: boolean;
  /** Only cases whose latest evaluation has a rule at this outcome. */
  flag: RuleFlag | null;
  q: string;
}

export const RULE_FLAGS = ['fail', 'missing', 'refer', 'assess'] as const;
export type RuleFlag = (typeof RULE_FLAGS)[number];

export interface QueueSortState {
  active: QueueSortKey;
  direction: 'asc' | 'desc';
}

export const DEFAULT_FILTERS: QueueFilters = {
  statuses: [...OPEN_STATUSES],
  sizeClass: null,
  overdue: false,
  flag: null,
  q: '',
};

/** The most urgent first. */
export const DEFAULT_SORT: QueueSortState = { active: 'slaDueAt', direction: 'asc' };

export function toSortParam(sort: QueueSortState): QueueSort {
  return sort.direction === 'desc' ? `-${sort.active}` : sort.active;
}

const ASSIGNEE_BY_VIEW: Record<QueueView, string | undefined> = {
  mine: 'me',
  unassigned: 'unassigned',
  all: undefined,
};

type LoadResult =
  { ok: true; items: QueueItem[]; nextCursor: string | null } | { ok: false; error: unknown };

/**
 * One queue (mine, unassigned or all) with its filters, sort and keyset paging.
 * The server pages by opaque cursor; going back is done with a stack of the
 * cursors that led to each page shown so far.
 */
@Injectable()
export class QueueStore {
  private readonly api = inject(ApplicationsApi);
  private readonly auth = inject(AuthStore);
  private readonly notifier = inject(ErrorNotifier);
  private readonly transloco = inject(TranslocoService);

  readonly view = signal<QueueView>('all');
  readonly filters = signal<QueueFilters>(DEFAULT_FILTERS);
  readonly sort = signal<QueueSortState>(DEFAULT_SORT);

  /** cursors[i] fetched page i; the last one is the page on screen (page 0 has none). */
  private readonly cursors = signal<(string | null)[]>([null]);
  readonly items = signal<QueueItem[]>([]);
  readonly nextCursor = signal<string | null>(null);
  readonly loading = signal(false);
  readonly loaded = signal(false);
  readonly error = signal<unknown>(null);
  readonly selected = signal<ReadonlySet<string>>(new Set());
  readonly busy = signal(false);

  readonly pageIndex = computed(() => this.cursors().length - 1);
  readonly hasPrevious = computed(() => this.pageIndex() > 0);
  readonly hasNext = computed(() => this.nextCursor() !== null);
  readonly selectedCount = computed(() => this.selected().size);
  readonly allSelected = computed(() => {
    const items = this.items();
    const selected = this.selected();
    return items.length > 0 && items.every((i) => selected.has(i.id));
  });
  readonly hasActiveFilters = computed(() => {
    const f = this.filters();
    return f.sizeClass !== null || f.overdue || f.flag !== null || f.q !== '';
  });

  private readonly requests = new Subject<QueueQuery>();
  private readonly searchTerms = new Subject<string>();

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.requests
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.error.set(null);
        }),
        // A newer query wins; the answer to an older one is dropped.
        switchMap((query) => this.fetch(query)),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe((result) => {
        this.loading.set(false);
        this.loaded.set(true);
        if (result.ok) {
          this.items.set(result.items);
          this.nextCursor.set(result.nextCursor);
          this.selected.set(new Set());
        } else {
          this.items.set([]);
          this.nextCursor.set(null);
          this.selected.set(new Set());
          this.error.set(result.error);
        }
      });

    this.searchTerms
      .pipe(debounceTime(SEARCH_DEBOUNCE_MS), takeUntilDestroyed(destroyRef))
      .subscribe((q) => {
        if (q !== this.filters().q) this.setFilters({ q });
      });
  }

  init(
    view: QueueView,
    filters: Partial<QueueFilters> = {},
    sort: QueueSortState = DEFAULT_SORT,
  ): void {
    this.view.set(view);
    this.filters.set({ ...DEFAULT_FILTERS, ...filters });
    this.sort.set(sort);
    this.firstPage();
  }

  setFilters(patch: Partial<QueueFilters>): void {
    this.filters.update((f) => ({ ...f, ...patch }));
    this.firstPage();
  }

  clearFilters(): void {
    this.filters.set({ ...DEFAULT_FILTERS });
    this.firstPage();
  }

  setSort(sort: QueueSortState): void {
    this.sort.set(sort);
    this.firstPage();
  }

  /** Search as the user types; the query goes out 300 ms after the last keystroke. */
  search(term: string): void {
    this.searchTerms.next(term.trim());
  }

  next(): void {
    const cursor = this.nextCursor();
    if (cursor === null || this.loading()) return;
    this.cursors.update((stack) => [...stack, cursor]);
    this.load();
  }

  previous(): void {
    if (!this.hasPrevious() || this.loading()) return;
    this.cursors.update((stack) => stack.slice(0, -1));
    this.load();
  }

  /** Fetches the page on screen again. */
  reload(): void {
    this.load();
  }

  toggle(id: string): void {
    this.selected.update((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  clearSelection(): void {
    this.selected.set(new Set());
  }

  toggleAll(): void {
    this.selected.set(this.allSelected() ? new Set() : new Set(this.items().map((i) => i.id)));
  }

  /** The signed-in caseworker takes an unassigned case. */
  take(item: QueueItem): Observable<boolean> {
    const me = this.auth.user()?.username;
    if (!me) return of(false);
    this.busy.set(true);
    return this.api.assign(item.id, me, item.version).pipe(
      map(() => {
        this.busy.set(false);
        this.notifier.success(
          this.transloco.translate('queue.taken', { reference: item.reference }),
        );
        this.reload();
        return true;
      }),
      catchError((err: unknown) => {
        this.busy.set(false);
        this.notifier.notify(err, { onReload: () => this.reload() });
        return of(false);
      }),
    );
  }

  /** Assigns every selected case to one caseworker (or to nobody), and reports how it went. */
  assignSelected(assignee: string | null): Observable<boolean> {
    const ids = [...this.selected()];
    if (!ids.length) return of(false);
    this.busy.set(true);
    return this.api.bulkAssign(assignee, ids).pipe(
      map(({ results }) => {
        this.busy.set(false);
        const failed = results.filter((r) => !r.ok).length;
        const ok = results.length - failed;
        this.notifier.success(
          failed
            ? this.transloco.translate(ok === 1 ? 'queue.bulk.partialOne' : 'queue.bulk.partial', {
                ok,
                failed,
              })
            : this.transloco.translate(ok === 1 ? 'queue.bulk.doneOne' : 'queue.bulk.done', { ok }),
        );
        this.reload();
        return failed === 0;
      }),
      catchError((err: unknown) => {
        this.busy.set(false);
        this.notifier.notify(err, { onReload: () => this.reload() });
        return of(false);
      }),
    );
  }

  private firstPage(): void {
    this.cursors.set([null]);
    this.load();
  }

  private load(): void {
    const filters = this.filters();
    const stack = this.cursors();
    this.requests.next({
      assignee: ASSIGNEE_BY_VIEW[this.view()],
      status: filters.statuses,
      sizeClass: filters.sizeClass,
      overdue: filters.overdue,
      flag: filters.flag,
      q: filters.q,
      sort: toSortParam(this.sort()),
      limit: PAGE_SIZE,
      cursor: stack[stack.length - 1],
    });
  }

  private fetch(query: QueueQuery): Observable<LoadResult> {
    return this.api.list(query).pipe(
      map((page): LoadResult => ({ ok: true, items: page.items, nextCursor: page.nextCursor })),
      catchError((error: unknown) => of<LoadResult>({ ok: false, error })),
    );
  }
}
