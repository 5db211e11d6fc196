import { TimelineEvent } from '../core/api/workflow.models';
import { Language } from '../core/i18n/language.service';
import { formatLocalDate, formatLocalNumber, formatNok } from '../shared/format';

/** The order the history is read in; newest first unless the reader turned it. */
export type TimelineOrder = 'newest' | 'oldest';

export const TIMELINE_ORDER_KEY = 'tilsagn.timeline.order';

/** A row of the history: a change, with the rulebook run it caused folded into it. */
export interface TimelineRow {
  event: TimelineEvent;
  reevaluation: TimelineEvent | null;
}

function dataOf(e: TimelineEvent): Record<string, unknown> {
  const d = e.data as unknown;
  return d && typeof d === 'object' && !Array.isArray(d) ? (d as Record<string, unknown>) : {};
}

/** An automatic re-evaluation: the rulebook run a change makes after it, in the same transaction. */
export function isReevaluation(e: TimelineEvent): boolean {
  return e.kind === 'evaluation' && dataOf(e)['reason'] === 'change';
}

/**
 * The events (oldest first, as the server gives them) as rows: each automatic re-evaluation is
 * folded into the change just before it by the same person; any other evaluation (at intake, on
 * request) stays a row of its own.
 */
export function foldReevaluations(events: readonly TimelineEvent[]): TimelineRow[] {
  const rows: TimelineRow[] = [];
  for (const e of events) {
    const last = rows[rows.length - 1];
    if (
      isReevaluation(e) &&
      last &&
      last.event.kind !== 'evaluation' &&
      last.reevaluation === null &&
      last.event.actor === e.actor
    ) {
      last.reevaluation = e;
    } else {
      rows.push({ event: e, reevaluation: null });
    }
  }
  return rows;
}

export function orderRows<T>(rows: readonly T[], order: TimelineOrder): T[] {
  return order === 'newest' ? [...rows].reverse() : [...rows];
}

export function readOrder(value: string | null | undefined): TimelineOrder {
  return value === 'oldest' ? 'oldest' : 'newest';
}

/** One field of a change, labelled and with its values written as the console writes them. */
export interface FieldChange {
  field: string;
  label: string;
  before: string | null;
  after: string;
}

export interface FormatContext {
  lang: Language;
  translate: (key: string, params?: Record<string, unknown>) => string;
  /** A person's display name from their username. */
  name: (username: string) => string;
}

/** Fields that identify or fingerprint rather than tell: never shown. */
const HIDDEN = /(^id$|Id$|Ids$|^sha256$|^inputHash$|^bytes$|^anchor$)/;

/** The label of a field: timeline.fields.<key>, else the key in words. */
export function fieldLabel(key: string, ctx: FormatContext): string {
  const k = `timeline.fields.${key}`;
  const label = ctx.translate(k);
  if (label && label !== k) return label;
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A value of a field as text: amounts in kroner, dates in the language's style, names, words for codes; never JSON. */
export function formatValue(key: string, value: unknown, ctx: FormatContext): string {
  const { lang, translate: t } = ctx;
  if (value === null || value === undefined || value === '') return '–';
  if (Array.isArray(value)) {
    return value.length ? value.map((v) => formatValue(key, v, ctx)).join(', ') : '–';
  }
  if (typeof value === 'object') {
    return (
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !HIDDEN.test(k))
        .map(([k, v]) => `${fieldLabel(k, ctx)}: ${formatValue(k, v, ctx)}`)
        .join(', ') || '–'
    );
  }
  if (typeof value === 'boolean') return t(value ? 'timeline.yes' : 'timeline.no');
  if (typeof value === 'number') {
    if (/Nok$/.test(key)) return formatNok(value, lang);
    if (key === 'nokPerEur') return formatLocalNumber(value, lang, '1.2-4');
    return formatLocalNumber(value, lang);
  }
  const text = String(value);
  if (key === 'status') return translated(`status.${text}`, text, t);
  if (key === 'outcome') {
    return translated(`timeline.outcomes.${text}`, translated(`outcome.${text}`, text, t), t);
  }
  if (key === 'assignee' || /By$/.test(key)) return ctx.name(text);
  if (ISO_DATE.test(text)) return formatLocalDate(text, 'mediumDate', lang);
  if (ISO_DATE_TIME.test(text)) return formatLocalDate(text, 'dateTime', lang);
  return text;
}

function translated(key: string, fallback: string, t: FormatContext['translate']): string {
  const text = t(key);
  return text && text !== key ? text : fallback;
}

/** What an event changed, field by field (before → after), for fields whose value differs. */
export function fieldChanges(e: TimelineEvent, ctx: FormatContext): FieldChange[] {
  const data = dataOf(e);
  const rec = (v: unknown): Record<string, unknown> | null =>
    v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  const before = rec(data['before']);
  const after = rec(data['after']);
  if (!after && !before) return [];
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return keys
    .filter((k) => !HIDDEN.test(k))
    .filter((k) => !before || !sameValue(before[k], after?.[k]))
    .map((k) => ({
      field: k,
      label: fieldLabel(k, ctx),
      before: before ? formatValue(k, before[k], ctx) : null,
      after: formatValue(k, after?.[k], ctx),
    }));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return (a ?? null) === (b ?? null);
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return (
    ka.length === kb.length &&
    ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/** The event's other facts (not before/after), labelled and formatted: the line, the criterion, the reason. */
export function otherFacts(
  e: TimelineEvent,
  ctx: FormatContext,
): { field: string; label: string; value: string }[] {
  return Object.entries(dataOf(e))
    .filter(([k, v]) => k !== 'before' && k !== 'after' && !HIDDEN.test(k) && v !== undefined)
    .map(([k, v]) => ({ field: k, label: fieldLabel(k, ctx), value: formatValue(k, v, ctx) }));
}

/** The revisions of one cost line's approved amount or one judgment, oldest first, from the history. */
export function revisionsOf(
  events: readonly TimelineEvent[],
  subject: { kind: 'assessment'; costLineId: string } | { kind: 'judgment'; criterionId: string },
): TimelineEvent[] {
  return events.filter((e) => {
    if (e.kind !== subject.kind) return false;
    const d = dataOf(e);
    return subject.kind === 'assessment'
      ? d['costLineId'] === subject.costLineId
      : d['criterionId'] === subject.criterionId;
  });
}
