import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { WorkflowApi } from '../core/api/workflow.api';
import {
  CaseChange,
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
import { NokPipe } from '../shared/nok.pipe';
import { CaseStore } from './case.store';
import { DecisionFormComponent } from './decision-form.component';
import { LetterPreviewComponent } from './letter-preview.component';
import { PartialGrantComponent } from './partial-grant.component';
import { RecommendationFormComponent } from './recommendation-form.component';

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
    MatIconModule,
    MatProgressBarModule,
    TranslocoDirective,
    LocalDatePipe,
    NokPipe,
    RecommendationFormComponent,
    DecisionFormComponent,
    LetterPreviewComponent,
    PartialGrantComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './case-decision.component.html',
  styleUrl: './case-decision.component.scss',
})
export class CaseDecisionComponent {
  protected readonly store = inject(CaseStore);
  private readonly api = inject(WorkflowApi);
  private readonly notifier = inject(ErrorNotifier);
  private readonly transloco = inject(TranslocoService);
  protected readonly lang = inject(LanguageService).language;

  protected readonly status = computed(() => this.store.detail()?.status ?? null);
  protected readonly decision = signal<Decision | null>(null);
  protected readonly changes = signal<ReturnedChanges | null>(null);
  /** The recommendation waiting for a decision. */
  protected readonly recommendation = signal<RecommendationRecord | null>(null);
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
        if (status === 'recommended') this.loadRecommendation(id);
      });
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

  /** What a change is about: the cost line it touched, or its reference. */
  protected changeSummary(change: CaseChange): string {
    const line = this.store.detail()?.costLines.find((l) => l.id === change.ref);
    if (line) {
      return this.transloco.translate('notes.anchor.costLine', {
        no: line.lineNo,
        description: line.description,
      });
    }
    return change.ref ?? '';
  }

  /** A before or after value in short: plain values as they are, objects as "key: value" pairs. */
  protected show(value: unknown): string {
    if (value === null || value === undefined) return '–';
    if (typeof value !== 'object') return String(value);
    if (Array.isArray(value))
      return value.length <= 5 ? value.map((v) => this.show(v)).join(', ') : `(${value.length})`;
    const text = Object.entries(value as Record<string, unknown>)
      .filter(([key, v]) => v !== null && typeof v !== 'object' && !key.endsWith('Id'))
      .map(([key, v]) => `${key}: ${String(v)}`)
      .join(', ');
    return text || '–';
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

  /** The recommendation waiting for a decision: the latest one not returned. */
  private loadRecommendation(id: string): void {
    this.api.recommendations(id).subscribe({
      next: (all) => this.recommendation.set([...all].reverse().find((r) => !r.returned) ?? null),
      error: () => this.recommendation.set(null),
    });
  }
}
