import { EvaluationResult } from '../core/api/evaluation.models';
import { CaseView, FactCorrection } from '../core/api/models';
import { CaseChange, RecommendationRecord } from '../core/api/workflow.models';
import { Language } from '../core/i18n/language.service';
import { formatFact } from '../shared/corrected-value.component';
import { formatLocalDate, formatLocalNumber, formatNok } from '../shared/format';
import { factInfo } from './corrections';

/** A change since a return as the approver reads it: what, before, after, who. */
export interface ShownChange {
  kind: string;
  what: string;
  before: string;
  after: string;
  by: string;
  at: string;
}

export interface ChangeContext {
  detail: CaseView;
  evaluation: EvaluationResult | null;
  lang: Language;
  translate: (key: string, params?: Record<string, unknown>) => string;
  names: ReadonlyMap<string, string>;
}

/**
 * The display names of the people the case knows, by username: its assignee, who recorded its
 * judgments, assessed its lines, corrected its facts, recommended and returned it.
 */
export function namesOf(
  detail: CaseView | null,
  recommendations: readonly RecommendationRecord[] | null,
): Map<string, string> {
  const names = new Map<string, string>();
  const add = (username: string | null | undefined, name: string | null | undefined) => {
    if (username && name) names.set(username, name);
  };
  if (detail) {
    add(detail.assignee?.username, detail.assignee?.displayName);
    for (const j of detail.judgments ?? []) add(j.recordedBy, j.recordedByName);
    for (const c of detail.corrections ?? []) add(c.correctedBy, c.correctedByName);
    for (const l of detail.costLines ?? [])
      add(l.assessment?.assessedBy, l.assessment?.assessedByName);
  }
  for (const r of recommendations ?? []) {
    add(r.recommendedBy, r.recommendedByName);
    add(r.returned?.by, r.returned?.byName);
  }
  return names;
}

type Values = Record<string, unknown> | null;

function asRecord(value: unknown): Values {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** A change since a return with its subject named and its values written as the console writes them. */
export function describeChange(change: CaseChange, ctx: ChangeContext): ShownChange {
  const { translate: t, lang } = ctx;
  const before = asRecord(change.before);
  const after = asRecord(change.after);
  let what = '';
  let value: (v: Values) => string = (v) => generic(v, t);
  switch (change.kind) {
    case 'judgment': {
      const j = ctx.evaluation?.judgments.find((x) => x.criterionId === change.ref);
      what = `${change.ref ?? ''} ${j?.title[lang] ?? ''}`.trim();
      value = (v) => {
        if (!v || !v['outcome']) return t('changes.notJudged');
        const outcome = t(v['outcome'] === 'pass' ? 'outcome.pass' : 'outcome.fail');
        return v['rationale'] ? `${outcome}: ${String(v['rationale'])}` : outcome;
      };
      break;
    }
    case 'assessment': {
      const line = ctx.detail.costLines.find((l) => l.id === change.ref);
      what = line
        ? t('notes.anchor.costLine', { no: line.lineNo, description: line.description })
        : '';
      value = (v) => {
        const amount = v?.['approvedAmountNok'];
        if (amount === null || amount === undefined) return t('changes.asComputed');
        const text = formatNok(Number(amount), lang);
        return v?.['reason'] ? `${text} (${String(v['reason'])})` : text;
      };
      break;
    }
    case 'correction': {
      const correction = { path: change.ref ?? '' } as FactCorrection;
      const info = factInfo(correction, ctx.detail);
      const label = info.labelKey ? t(info.labelKey) : '';
      what = [label, info.context].filter(Boolean).join(', ');
      value = (v) => formatFact(v?.['value'], info.kind, lang, (key) => t(key));
      break;
    }
    case 'exchange-rate':
      value = (v) => {
        const rate = v?.['nokPerEur'];
        if (rate === null || rate === undefined) return t('changes.standardRate');
        const date = v?.['date']
          ? ` (${formatLocalDate(String(v['date']), 'mediumDate', lang)})`
          : '';
        return `${t('rules.rate', { rate: formatLocalNumber(Number(rate), lang, '1.2-4') })}${date}`;
      };
      break;
    case 'recommendation':
      // The recommendation itself is shown in full beside the changes: here its status and gist.
      value = (v) => {
        if (!v) return '–';
        const parts: string[] = [];
        if (typeof v['status'] === 'string') parts.push(t(`status.${v['status']}`));
        if (v['outcome'] === 'grant' || v['outcome'] === 'reject') {
          parts.push(t(`recommendation.${v['outcome']}`));
        }
        if (typeof v['amountNok'] === 'number') parts.push(formatNok(v['amountNok'], lang));
        return parts.join(', ') || '–';
      };
      break;
    case 'note':
      value = (v) => {
        if (!v) return '–';
        if (typeof v['body'] === 'string') return v['body'];
        if (v['enteredInError'] === true) return t('changes.enteredInError');
        if (v['enteredInError'] === false) return t('changes.inForce');
        return generic(v, t);
      };
      break;
  }
  return {
    kind: change.kind,
    what,
    before: change.before === null ? '–' : value(before),
    after: change.after === null ? '–' : value(after),
    by: ctx.names.get(change.actor) ?? change.actor,
    at: change.at,
  };
}

/** Any other value: its plain fields, labelled where the console knows the label. */
function generic(v: Values, t: ChangeContext['translate']): string {
  if (!v) return '–';
  const text = Object.entries(v)
    .filter(([key, x]) => x !== null && typeof x !== 'object' && !key.endsWith('Id'))
    .map(([key, x]) => {
      const label = t(`changes.fields.${key}`);
      const shown = key === 'status' ? t(`status.${String(x)}`) : String(x);
      return `${label === `changes.fields.${key}` ? key : label}: ${shown}`;
    })
    .join(', ');
  return text || '–';
}
