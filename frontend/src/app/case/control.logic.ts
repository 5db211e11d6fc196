import { ConditionDates } from '../core/api/workflow.models';

/** A calendar date (YYYY-MM-DD) `days` later. */
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A calendar date `months` later; a day the target month lacks becomes its last day. */
function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${year}-${pad(month)}-${pad(Math.min(d, last))}`;
}

/**
 * The dates the mandatory conditions will name if the grant is decided on `decisionDate`, as the
 * server sets them (RULEBOOK 5, backend/src/letters/decision-letter.wording.ts): acceptance four
 * weeks after the decision, the final report three months and the lapse six months after the
 * project's end date. Null without an end date.
 */
export function conditionDatesIfDecidedOn(
  decisionDate: string,
  projectEndDate: string | null | undefined,
): ConditionDates | null {
  if (!projectEndDate) return null;
  return {
    acceptBy: addDays(decisionDate, 28),
    finalReportBy: addMonths(projectEndDate, 3),
    lapsesOn: addMonths(projectEndDate, 6),
  };
}
