import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Subject, catchError, debounceTime, filter, map, of, switchMap } from 'rxjs';
import {
  CostLineResult,
  EvaluationResult,
  EvaluationTotals,
  TotalKey,
  WhatIfResult,
} from '../core/api/evaluation.models';
import { EvaluationsApi } from '../core/api/evaluations.api';
import { Problem, toProblem } from '../core/errors/problem';

/** How long typing must pause before the totals are recalculated. */
export const WHAT_IF_DEBOUNCE_MS = 300;

/** The totals the Costs tab shows, in order. */
export const SHOWN_TOTALS: readonly TotalKey[] = [
  'appliedCostsNok',
  'eligibleCostsNok',
  'pendingAssessmentNok',
  'maxIntensityPct',
  'maxAidNok',
  'requestedAidNok',
];

export interface TotalChange {
  key: TotalKey;
  before: number | null;
  after: number | null;
}

interface Proposal {
  caseId: string;
  lines: { id: string; approvedAmountNok: number | null }[];
  key: string;
}

type Outcome = { ok: true; result: WhatIfResult | null } | { ok: false; problem: Problem };

/** The totals that differ between two evaluations, in the order they are shown. */
export function changedTotals(
  before: EvaluationTotals | null | undefined,
  after: EvaluationTotals | null | undefined,
): TotalChange[] {
  if (!before || !after) return [];
  return SHOWN_TOTALS.filter((key) => (before[key] ?? null) !== (after[key] ?? null)).map(
    (key) => ({
      key,
      before: before[key] ?? null,
      after: after[key] ?? null,
    }),
  );
}

/**
 * Live totals for the caseworker's approved amounts before they are saved.
 * Each change to a draft amount asks the server's what-if (which stores
 * nothing) 300 ms after the last keystroke; a newer draft cancels the request
 * still in flight, so the totals on screen always belong to the latest amounts.
 */
@Injectable()
export class WhatIfStore {
  private readonly api = inject(EvaluationsApi);

  private readonly caseId = signal<string | null>(null);
  /** The evaluation the amounts were saved under: what "before" means. */
  readonly baseline = signal<EvaluationResult | null>(null);
  /** Line id → approved amount as saved (null: none, the computed amount counts). */
  readonly saved = signal<ReadonlyMap<string, number | null>>(new Map());
  /** Line id → approved amount as typed, for the lines the user touched. */
  readonly drafts = signal<ReadonlyMap<string, number | null>>(new Map());

  /** The what-if answer for the drafts on screen, or null when there are none (or it is pending). */
  readonly result = signal<WhatIfResult | null>(null);
  readonly pending = signal(false);
  readonly error = signal<Problem | null>(null);

  /** Drafts that differ from the saved amounts. */
  readonly changedLines = computed(() => {
    const saved = this.saved();
    return [...this.drafts()]
      .filter(([id, amount]) => amount !== (saved.get(id) ?? null))
      .map(([id, approvedAmountNok]) => ({ id, approvedAmountNok }));
  });
  readonly dirty = computed(() => this.changedLines().length > 0);

  /** What the totals panel shows: the what-if totals while there are drafts, else the saved ones. */
  readonly totals = computed<EvaluationTotals | null>(() => {
    const result = this.result();
    if (this.dirty() && result) return result.evaluation.totals;
    return this.baseline()?.totals ?? null;
  });

  readonly changes = computed<TotalChange[]>(() =>
    this.dirty() ? changedTotals(this.baseline()?.totals, this.result()?.evaluation.totals) : [],
  );
  readonly changedKeys = computed(() => new Set(this.changes().map((c) => c.key)));

  private readonly proposals = new Subject<Proposal>();
  private lastKey: string | null = null;
  private inFlight = false;

  constructor() {
    this.proposals
      .pipe(
        debounceTime(WHAT_IF_DEBOUNCE_MS),
        // Typing back and forth to the amounts last asked about needs no new request.
        filter((p) => {
          if (p.key === this.lastKey) {
            this.pending.set(this.inFlight);
            return false;
          }
          this.lastKey = p.key;
          this.inFlight = p.lines.length > 0;
          return true;
        }),
        switchMap((p) =>
          p.lines.length === 0
            ? of<Outcome>({ ok: true, result: null })
            : this.api.whatIf(p.caseId, { costLines: p.lines }).pipe(
                map((result): Outcome => ({ ok: true, result })),
                catchError((err: unknown) => of<Outcome>({ ok: false, problem: toProblem(err) })),
              ),
        ),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((outcome) => {
        this.inFlight = false;
        this.pending.set(false);
        if (outcome.ok) {
          this.result.set(outcome.result);
          this.error.set(null);
        } else {
          this.lastKey = null;
          this.result.set(null);
          this.error.set(outcome.problem);
        }
      });
  }

  /**
   * Starts from a case's saved amounts and its latest evaluation. Drafts that
   * still differ from the (new) saved amounts are kept and asked about again.
   */
  init(
    caseId: string,
    baseline: EvaluationResult | null,
    saved: ReadonlyMap<string, number | null>,
  ): void {
    const sameCase = this.caseId() === caseId;
    this.caseId.set(caseId);
    this.baseline.set(baseline);
    this.saved.set(new Map(saved));
    const kept = new Map<string, number | null>();
    if (sameCase) {
      for (const [id, amount] of this.drafts()) {
        if (saved.has(id) && amount !== (saved.get(id) ?? null)) kept.set(id, amount);
      }
    }
    this.drafts.set(kept);
    this.lastKey = null;
    this.result.set(null);
    this.error.set(null);
    this.propose();
  }

  /** The amount typed on a line (null: no approved amount, the computed one counts). */
  setAmount(lineId: string, amount: number | null): void {
    if (this.drafts().get(lineId) === amount && this.drafts().has(lineId)) return;
    this.drafts.update((d) => new Map(d).set(lineId, amount));
    this.propose();
  }

  /** Forgets every draft. */
  reset(): void {
    this.drafts.set(new Map());
    this.propose();
  }

  /** The line as the what-if sees it while there are drafts, else as last evaluated. */
  line(lineId: string): CostLineResult | undefined {
    const result = this.result();
    const source = this.dirty() && result ? result.evaluation : this.baseline();
    return source?.costLines.find((l) => l.costLineId === lineId);
  }

  private propose(): void {
    const caseId = this.caseId();
    if (!caseId) return;
    const lines = [...this.changedLines()].sort((a, b) => a.id.localeCompare(b.id));
    const key = JSON.stringify(lines);
    this.pending.set(lines.length > 0);
    if (lines.length === 0) {
      this.result.set(null);
      this.error.set(null);
    }
    this.proposals.next({ caseId, lines, key });
  }
}
