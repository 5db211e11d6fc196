import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  forwardRef,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { WorkflowApi } from '../core/api/workflow.api';
import {
  Decision,
  Ground,
  RecommendationRecord,
  ReturnedChanges,
  StandardCondition,
  StoredCondition,
  personName,
} from '../core/api/workflow.models';
import { ErrorNotifier } from '../core/errors/error-notifier.service';
import { toProblem } from '../core/errors/problem';
import { Language, LanguageService } from '../core/i18n/language.service';
import { LocalDatePipe } from '../shared/local-date.pipe';
import { formatFact } from '../shared/corrected-value.component';
import { isoDate } from '../shared/format';
import { NokPipe } from '../shared/nok.pipe';
import { OutcomeChipComponent } from '../shared/outcome-chip.component';
import { CaseStore } from './case.store';
import { ShownChange, describeChange, namesOf } from './changes.logic';
import { factInfo } from './corrections';
import { DecisionFormComponent } from './decision-form.component';
import { LetterPreviewComponent } from './letter-preview.component';
import { PartialGrantComponent } from './partial-grant.component';
import { RecommendationFormComponent } from './recommendation-form.component';
import { conditionDatesIfDecidedOn } from './control.logic';
import {
  CONTROL_MARKS,
  ControlMarks,
  ControlPartHeadingComponent,
} from './control-part-heading.component';
import { isDeviation, sortRules } from './what-is-left.logic';

/** The parts of the approver's control, each marked as seen. */
export type ControlPart =
  | 'recommendation'
  | 'rules'
  | 'judgments'
  | 'costs'
  | 'corrections'
  | 'conditions'
  | 'letter'
  | 'changes';

/** Where the marks are kept: per recommendation, so a new one after a return is seen afresh. */
export const SEEN_STORAGE_PREFIX = 'tilsagn.control-seen.';

type ShownCondition = { code?: string; text?: StoredCondition['text'] };

/**
 * The Decision tab: the recommendation (with its partial grant, its conditions, mandatory first,
 * and a draft of the letter), the approver's decision, changes since a return, the decision as
 * recorded with its condition dates, and the letters.
 */
@Component({
  selector: 'app-case-decision',
  imports: [
    MatButtonModule,
    MatCheckboxModule,
    OutcomeChipComponent,
    MatIconModule,
    MatProgressBarModule,
    TranslocoDirective,
    LocalDatePipe,
    NokPipe,
    RecommendationFormComponent,
    DecisionFormComponent,
    LetterPreviewComponent,
    PartialGrantComponent,
    ControlPartHeadingComponent,
  ],
  providers: [{ provide: CONTROL_MARKS, useExisting: forwardRef(() => CaseDecisionComponent) }],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './case-decision.component.html',
  styleUrl: './case-decision.component.scss',
})
export class CaseDecisionComponent implements ControlMarks {
  protected readonly store = inject(CaseStore);
  private readonly api = inject(WorkflowApi);
  private readonly notifier = inject(ErrorNotifier);
  private readonly transloco = inject(TranslocoService);
  protected readonly lang = inject(LanguageService).language;

  protected readonly status = computed(() => this.store.detail()?.status ?? null);
  protected readonly decision = signal<Decision | null>(null);
  protected readonly changes = signal<ReturnedChanges | null>(null);
  /** The recommendation waiting for a decision: the latest one not returned. */
  protected readonly recommendation = computed<RecommendationRecord | null>(() => {
    if (this.status() !== 'recommended') return null;
    return [...(this.store.recommendations() ?? [])].reverse().find((r) => !r.returned) ?? null;
  });
  /** The approver's control: shown to whoever may decide the recommendation. */
  readonly approving = computed(
    () => this.status() === 'recommended' && this.store.actions().has('decide'),
  );
  /** The parts of the control marked as seen. */
  readonly seen = signal<ReadonlySet<ControlPart>>(new Set());
  /** The parts of the control on screen for this recommendation, in order. */
  protected readonly parts = computed<ControlPart[]>(() => {
    const r = this.recommendation();
    if (!r) return [];
    return [
      'recommendation',
      'rules',
      'judgments',
      'costs',
      'corrections',
      ...(r.outcome === 'grant' ? (['conditions'] as const) : []),
      'letter',
      ...(this.changes() ? (['changes'] as const) : []),
    ];
  });
  protected readonly unseen = computed(
    () => this.parts().filter((p) => !this.seen().has(p)).length,
  );

  /** The dates the mandatory conditions will name if the grant is decided today. */
  protected readonly datesIfToday = computed(() =>
    conditionDatesIfDecidedOn(isoDate(new Date()), this.store.detail()?.project.endDate),
  );

  /** The rules of the latest evaluation with what deviates first. */
  protected readonly rules = computed(() => sortRules(this.store.evaluation()?.rules ?? []));
  protected readonly deviates = isDeviation;
  /** The amount the amount rules were evaluated at, as the evaluation states it. */
  protected readonly evaluatedAt = computed(() => {
    const inputs = this.store.evaluation()?.rules.find((r) => r.ruleId === 'INT-01')?.inputs;
    const basis = inputs?.['amountBasis'];
    if (basis === 'recommended' || basis === 'granted') {
      return { basis, amountNok: Number(inputs?.['aidAmountNok']) };
    }
    return { basis: 'requested', amountNok: (inputs?.['requestedAidNok'] as number) ?? null };
  });
  protected readonly judgments = computed(() => {
    const recorded = new Map(
      (this.store.detail()?.judgments ?? []).map((j) => [j.criterionId, j] as const),
    );
    return (this.store.evaluation()?.judgments ?? [])
      .filter((j) => j.applies)
      .map((j) => ({ result: j, recorded: recorded.get(j.criterionId) ?? null }));
  });
  protected readonly costLines = computed(() => {
    const results = new Map(
      (this.store.evaluation()?.costLines ?? []).map((l) => [l.costLineId, l] as const),
    );
    return (this.store.detail()?.costLines ?? []).map((line) => {
      const result = results.get(line.id) ?? null;
      const eligible = result?.eligibleNok ?? null;
      const cut = eligible === null ? null : Math.max(0, line.amountNok - eligible);
      return { line, result, eligible, cut };
    });
  });
  private readonly names = computed(() =>
    namesOf(this.store.detail(), this.store.recommendations()),
  );
  /** The changes since the return, named and formatted. */
  protected readonly shownChanges = computed<ShownChange[]>(() => {
    const detail = this.store.detail();
    const ch = this.changes();
    if (!detail || !ch) return [];
    return ch.changes.map((c) =>
      describeChange(c, {
        detail,
        evaluation: this.store.evaluation(),
        lang: this.lang(),
        translate: (key, params) => this.transloco.translate(key, params),
        names: this.names(),
      }),
    );
  });
  protected readonly conditions = signal<StandardCondition[]>([]);
  protected readonly downloading = signal<string | null>(null);
  protected readonly reference = computed(() => this.store.detail()?.reference ?? 'draft');
  /** The codes of the conditions every grant carries, in their order. */
  private readonly mandatoryCodes = computed(() =>
    this.conditions()
      .filter((c) => c.mandatory)
      .map((c) => c.code),
  );

  /** The draft letter of the open recommendation. */
  protected readonly previewSource = (lang: Language) => {
    const detail = this.store.detail();
    return detail ? this.api.letterPreview(detail.id, lang) : null;
  };

  constructor() {
    effect(() => {
      const detail = this.store.detail();
      if (!detail) return;
      untracked(() => {
        const { id, status } = detail;
        if (status !== 'decided') this.decision.set(null);
        if (status !== 'in_review' && status !== 'recommended') this.changes.set(null);
        if (status === 'decided') this.loadDecision(id);
        if (status === 'in_review' || status === 'recommended') this.loadChanges(id);
        this.store.syncRecommendations(detail);
      });
    });
    // The marks of the recommendation on screen, as left in this browser.
    effect(() => {
      const id = this.recommendation()?.id;
      untracked(() => this.seen.set(new Set(id ? readSeen(id) : [])));
    });
    this.api.conditions().subscribe({
      next: (c) => this.conditions.set(c),
      error: () => this.conditions.set([]),
    });
  }

  protected can(action: string): boolean {
    return this.store.actions().has(action);
  }

  protected person(p: Decision['decidedBy'] | undefined, displayName?: string | null): string {
    return personName(p, displayName);
  }

  /** A condition's text in the chosen language: its own text, or the standard text of its code. */
  protected conditionText(c: ShownCondition): string {
    if (c.text && typeof c.text === 'object') return c.text[this.lang()];
    if (typeof c.text === 'string') return c.text;
    const standard = this.conditions().find((s) => s.code === c.code);
    return standard ? standard.text[this.lang()] : (c.code ?? '');
  }

  protected isMandatory(c: ShownCondition): boolean {
    return c.code !== undefined && this.mandatoryCodes().includes(c.code);
  }

  /** The conditions of a grant with the mandatory ones first, in their order; the rest as given. */
  protected ordered<T extends ShownCondition>(conditions: readonly T[]): T[] {
    const codes = this.mandatoryCodes();
    const rank = (c: T) =>
      c.code !== undefined && codes.includes(c.code) ? codes.indexOf(c.code) : codes.length;
    return conditions
      .map((c, i) => ({ c, i }))
      .sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i)
      .map(({ c }) => c);
  }

  protected groundText(g: string | Ground): string {
    const id = typeof g === 'string' ? g : g.id;
    const title = typeof g === 'string' ? undefined : g.title?.[this.lang()];
    return `${id} ${title ?? this.transloco.translate(`rule.${id}`)}`;
  }

  /** The letter comes with the token; it is handed to the browser as a file. */
  protected download(lang: 'nb' | 'en'): void {
    const detail = this.store.detail();
    if (!detail) return;
    this.downloading.set(lang);
    this.api.letter(detail.id, lang).subscribe({
      next: (blob) => {
        this.downloading.set(null);
        const url = URL.createObjectURL(blob);
        const link = document.createElement('a');
        link.href = url;
        link.download = `${detail.reference}-${lang}.pdf`;
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        this.notifier.success(this.transloco.translate('decision.letterDownloaded'));
      },
      error: (err: unknown) => {
        this.downloading.set(null);
        this.notifier.notify(err);
      },
    });
  }

  private loadDecision(id: string): void {
    this.api.decision(id).subscribe({
      next: (d) => this.decision.set(d),
      error: (err: unknown) => {
        if (toProblem(err).status !== 404) this.notifier.notify(err);
      },
    });
  }

  private loadChanges(id: string): void {
    this.api.changesSinceReturn(id).subscribe({
      next: (c) => this.changes.set(c),
      error: () => this.changes.set(null),
    });
  }

  markSeen(part: ControlPart, on: boolean): void {
    const next = new Set(this.seen());
    if (on) next.add(part);
    else next.delete(part);
    this.seen.set(next);
    const id = this.recommendation()?.id;
    if (id) writeSeen(id, [...next]);
  }

  /** Who, by display name where the case knows it. */
  protected nameOf(username: string | null | undefined, displayName?: string | null): string {
    if (!username) return '–';
    return displayName || this.names().get(username) || username;
  }

  /** Why a cost line is cut: the caseworker's assessment with its reason, or the rules that cut it. */
  protected cutReason(item: ReturnType<typeof this.costLines>[number]): string {
    const { line, result } = item;
    if (line.assessment) {
      return `${this.transloco.translate('rule.ASSESSMENT')}: ${line.assessment.reason}`;
    }
    return (result?.reasons ?? [])
      .filter((r) => r.outcome === 'ineligible' || r.outcome === 'partly')
      .map((r) => `${r.ruleId} ${this.transloco.translate('rule.' + r.ruleId)}`)
      .join('; ');
  }

  /** A corrected fact: its label, and both values as the console writes them. */
  protected correction(
    c: NonNullable<ReturnType<typeof this.store.detail>>['corrections'][number],
  ) {
    const detail = this.store.detail()!;
    const info = factInfo(c, detail);
    const t = (key: string) => this.transloco.translate(key);
    const label = [info.labelKey ? t(info.labelKey) : c.path, info.context]
      .filter(Boolean)
      .join(', ');
    return {
      label,
      before: formatFact(c.submittedValue, info.kind, this.lang(), t),
      after: formatFact(c.correctedValue, info.kind, this.lang(), t),
    };
  }
}

function readSeen(recommendationId: string): ControlPart[] {
  try {
    const raw = localStorage.getItem(SEEN_STORAGE_PREFIX + recommendationId);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? (parsed as ControlPart[]) : [];
  } catch {
    return [];
  }
}

function writeSeen(recommendationId: string, parts: ControlPart[]): void {
  try {
    localStorage.setItem(SEEN_STORAGE_PREFIX + recommendationId, JSON.stringify(parts));
  } catch {
    // Storage full or refused: the marks last as long as the page.
  }
}
