import { formatNok, type LocalizedText } from '../rulebook';

/** An amount as the console writes it ("1 250 000 kr", "NOK 1,250,000"); a missing one as `none`. */
function kr(value: unknown, lang: 'nb' | 'en', none: string): string {
  return typeof value === 'number' ? formatNok(lang, value) : none;
}

const EVALUATION_REASONS: Record<string, LocalizedText> = {
  intake: { nb: 'ved mottak', en: 'on intake' },
  requested: { nb: 'på forespørsel', en: 'on request' },
  change: { nb: 'etter en endring', en: 'after a change' },
  decision: { nb: 'ved vedtak', en: 'at the decision' },
};

/** An audit event's data, as the timeline reads it (every field optional: events of each kind differ). */
export interface EventData {
  before?: Record<string, string | number | boolean | null>;
  after?: Record<string, string | number | boolean | null>;
  reason?: string;
  criterionId?: string;
  lineNo?: number;
  path?: string;
  enteredInError?: boolean;
  edit?: boolean;
  reasonCode?: string;
  lang?: string;
  /** db-change: the table and the operation (INSERT, UPDATE, DELETE, TRUNCATE) made in the database, not through the application. */
  table?: string;
  operation?: string;
}

/** What each kind of audit event says in the timeline, in bokmål and English. */
export const SUMMARIES: Record<string, (d: EventData) => LocalizedText> = {
  intake: (d) => ({ nb: `Søknad mottatt (${d.after?.reference ?? ''})`, en: `Application received (${d.after?.reference ?? ''})` }),
  assignment: (d) => ({
    nb: d.after?.assignee ? `Tildelt ${d.after.assignee}` : 'Tildeling fjernet',
    en: d.after?.assignee ? `Assigned to ${d.after.assignee}` : 'Unassigned',
  }),
  evaluation: (d) => ({
    nb: `Regelsjekk kjørt ${EVALUATION_REASONS[d.reason ?? '']?.nb ?? ''}`.trim(),
    en: `Rulebook check run ${EVALUATION_REASONS[d.reason ?? '']?.en ?? ''}`.trim(),
  }),
  judgment: (d) => ({ nb: `Vurdering ${d.criterionId}: ${d.after?.outcome}`, en: `Judgment ${d.criterionId}: ${d.after?.outcome}` }),
  assessment: (d) => ({
    nb: `Kostnadslinje ${d.lineNo}: godkjent beløp ${kr(d.after?.approvedAmountNok, 'nb', 'fjernet')}`,
    en: `Cost line ${d.lineNo}: approved amount ${kr(d.after?.approvedAmountNok, 'en', 'cleared')}`,
  }),
  correction: (d) => ({ nb: `Opplysning rettet: ${d.path}`, en: `Fact corrected: ${d.path}` }),
  'exchange-rate': (d) => ({
    nb: `Valutakurs for saken: ${d.after?.nokPerEur ?? 'standard'}`,
    en: `Exchange rate for the case: ${d.after?.nokPerEur ?? 'default'}`,
  }),
  note: (d) => ({
    nb: d.enteredInError ? 'Notat markert som feilført' : d.edit ? 'Notat endret' : 'Notat skrevet',
    en: d.enteredInError ? 'Note marked as entered in error' : d.edit ? 'Note edited' : 'Note written',
  }),
  status: (d) => ({ nb: `Status: ${d.before?.status} → ${d.after?.status}`, en: `Status: ${d.before?.status} → ${d.after?.status}` }),
  document: (d) =>
    d.enteredInError
      ? { nb: 'Dokument markert som feilført', en: 'Document marked as entered in error' }
      : { nb: `Dokument lagt til: ${d.after?.fileName ?? ''}`, en: `Document added: ${d.after?.fileName ?? ''}` },
  'information-reply': () => ({ nb: 'Svar fra søker mottatt', en: 'Reply from the applicant received' }),
  recommendation: (d) => ({
    nb: `Innstilling: ${d.after?.outcome === 'grant' ? `tilskudd ${kr(d.after?.amountNok, 'nb', '')}` : 'avslag'}`,
    en: `Recommendation: ${d.after?.outcome === 'grant' ? `grant ${kr(d.after?.amountNok, 'en', '')}` : 'rejection'}`,
  }),
  return: (d) => ({ nb: `Returnert (${d.reasonCode})`, en: `Returned (${d.reasonCode})` }),
  decision: (d) => ({
    nb: `Vedtak: ${d.after?.outcome === 'granted' ? `innvilget ${kr(d.after?.amountNok, 'nb', '')}` : 'avslått'}`,
    en: `Decision: ${d.after?.outcome === 'granted' ? `granted ${kr(d.after?.amountNok, 'en', '')}` : 'rejected'}`,
  }),
  letter: (d) => ({ nb: `Vedtaksbrev laget (${d.lang})`, en: `Decision letter created (${d.lang})` }),
  'db-change': (d) => ({
    nb: `Endret direkte i databasen, ikke gjennom Tilsagn: ${d.operation} i ${d.table}`,
    en: `Changed directly in the database, not through Tilsagn: ${d.operation} on ${d.table}`,
  }),
};
