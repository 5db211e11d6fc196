import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoDirective, TranslocoService } from '@jsverse/transloco';
import { RecordedJudgment } from '../core/api/models';
import { LanguageService } from '../core/i18n/language.service';
import { LocalDatePipe } from '../shared/local-date.pipe';
import { LocalNumberPipe } from '../shared/local-number.pipe';
import { OutcomeChipComponent } from '../shared/outcome-chip.component';
import { CaseStore } from './case.store';
import { EvaluationHistoryComponent } from './evaluation-history.component';
import { ExchangeRateFormComponent } from './exchange-rate-form.component';
import { JudgmentFormComponent } from './judgment-form.component';
import { isDeviation, sortRules } from './what-is-left.logic';

/** The Rules tab: every case-level rule with its outcome and explanation, and the judgments. */
@Component({
  selector: 'app-case-rules',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatSlideToggleModule,
    MatTooltipModule,
    TranslocoDirective,
    LocalDatePipe,
    LocalNumberPipe,
    OutcomeChipComponent,
    JudgmentFormComponent,
    ExchangeRateFormComponent,
    EvaluationHistoryComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './case-rules.component.html',
  styleUrl: './case-rules.component.scss',
})
export class CaseRulesComponent {
  protected readonly store = inject(CaseStore);
  protected readonly lang = inject(LanguageService).language;
  private readonly transloco = inject(TranslocoService);

  /**
   * Where the exchange rate comes from: the server's default source names a developer document
   * ("Scheme default (docs/rules.md section 4)"), which the user reads as the scheme's default
   * rate in the console's language; a source an operator set is shown as it is.
   */
  protected fxSource(source: string): string {
    return /^Scheme default\b/.test(source) ? this.transloco.translate('rules.fxDefault') : source;
  }

  protected readonly evaluation = this.store.evaluation;
  /** "Only deviations": the rules not met, not settled or to assess. */
  protected readonly onlyDeviations = signal(false);
  /** Failures first (then missing facts, referrals, what is to assess), then the rest. */
  private readonly sortedRules = computed(() => sortRules(this.evaluation()?.rules ?? []));
  protected readonly deviationCount = computed(
    () => this.sortedRules().filter((r) => isDeviation(r.outcome)).length,
  );
  protected readonly shownRules = computed(() =>
    this.onlyDeviations()
      ? this.sortedRules().filter((r) => isDeviation(r.outcome))
      : this.sortedRules(),
  );
  protected readonly deviates = isDeviation;
  protected readonly applicable = computed(() =>
    (this.evaluation()?.judgments ?? []).filter((j) => j.applies),
  );
  protected readonly notApplicable = computed(() =>
    (this.evaluation()?.judgments ?? []).filter((j) => !j.applies),
  );
  private readonly recordedById = computed(
    () =>
      new Map<string, RecordedJudgment>(
        (this.store.detail()?.judgments ?? []).map((j) => [j.criterionId, j]),
      ),
  );

  protected recorded(criterionId: string): RecordedJudgment | undefined {
    return this.recordedById().get(criterionId);
  }

  protected noteOnRule(ruleId: string): void {
    this.store.requestNote({ type: 'rule', ref: ruleId });
  }
}
