import type { LetterLang } from './decision-letter.types';

/** The case report's wording, one complete object per language. */
export interface CaseReportTexts {
  lang: string;
  title: string;
  printed: (by: string, at: string) => string;
  page: (n: number, of: number) => string;
  none: string;
  header: {
    reference: string;
    applicant: string;
    orgNo: string;
    status: string;
    assignee: string;
    unassigned: string;
    received: string;
    updated: string;
    sla: string;
    slaLeft: (days: number) => string;
    slaStopped: string;
  };
  statuses: Record<string, string>;
  instruments: Record<string, string>;
  outcomes: Record<string, string>;
  project: { heading: string; title: string; description: string; period: string; instrument: string; requested: string };
  costs: { heading: string; line: string; applied: string; approved: string; total: string; reason: string };
  rules: { heading: string; evaluated: (at: string, version: string) => string; rule: string; outcome: string; eligible: string };
  judgments: { heading: string; by: (name: string, at: string) => string };
  corrections: { heading: string; change: (path: string, from: string, to: string) => string; by: (name: string, at: string) => string };
  notes: { heading: string; by: (name: string, at: string) => string; edited: (at: string) => string; inError: string; reason: string };
  requests: {
    heading: string;
    asked: (name: string, at: string, replyBy: string) => string;
    reply: (at: string) => string;
    noReply: string;
    statuses: Record<string, string>;
  };
  documents: { heading: string; name: string; kind: string; size: string; inError: string; kinds: Record<string, string> };
  recommendation: {
    heading: string;
    by: (name: string, at: string) => string;
    amount: string;
    conditions: string;
    returned: (name: string, at: string) => string;
  };
  decision: { heading: string; decided: (name: string, on: string) => string; recommendedBy: string; amount: string; conditions: string };
  timeline: { heading: string; when: string; who: string; what: string };
}

const NB: CaseReportTexts = {
  lang: 'nb-NO',
  title: 'Saksutskrift',
  printed: (by, at) => `Skrevet ut av ${by} ${at}`,
  page: (n, of) => `Side ${n} av ${of}`,
  none: 'Ingen.',
  header: {
    reference: 'Saksnummer',
    applicant: 'Søker',
    orgNo: 'Org.nr.',
    status: 'Status',
    assignee: 'Saksbehandler',
    unassigned: 'Ikke tildelt',
    received: 'Mottatt',
    updated: 'Sist endret',
    sla: 'Frist',
    slaLeft: (days) => (days === 1 ? '1 virkedag igjen' : `${days} virkedager igjen`),
    slaStopped: 'klokken står',
  },
  statuses: {
    received: 'Mottatt',
    in_review: 'Under behandling',
    awaiting_applicant: 'Venter på søker',
    recommended: 'Innstilt',
    decided: 'Vedtatt',
    withdrawn: 'Trukket',
  },
  instruments: { grant: 'Tilskudd' },
  outcomes: {
    pass: 'Oppfylt',
    fail: 'Ikke oppfylt',
    assess: 'Til vurdering',
    missing: 'Mangler opplysninger',
    refer: 'Henvises',
    na: 'Ikke aktuell',
    grant: 'Innvilgelse',
    granted: 'Innvilget',
    'partly-granted': 'Delvis innvilget',
    reject: 'Avslag',
    rejected: 'Avslått',
  },
  project: {
    heading: 'Prosjekt',
    title: 'Tittel',
    description: 'Beskrivelse',
    period: 'Periode',
    instrument: 'Virkemiddel',
    requested: 'Omsøkt støtte',
  },
  costs: {
    heading: 'Kostnadslinjer',
    line: 'Kostnad',
    applied: 'Omsøkt',
    approved: 'Godkjent',
    total: 'Sum',
    reason: 'Begrunnelse for kutt',
  },
  rules: {
    heading: 'Regelsjekk',
    evaluated: (at, version) => `Siste regelsjekk ${at}, regelverk ${version}.`,
    rule: 'Regel',
    outcome: 'Utfall',
    eligible: 'Godkjente kostnader',
  },
  judgments: { heading: 'Skjønnsvurderinger', by: (name, at) => `Vurdert av ${name} ${at}` },
  corrections: {
    heading: 'Korrigeringer',
    change: (path, from, to) => `${path}: fra ${from} til ${to}`,
    by: (name, at) => `Korrigert av ${name} ${at}`,
  },
  notes: {
    heading: 'Notater',
    by: (name, at) => `${name}, ${at}`,
    edited: (at) => `endret ${at}`,
    inError: 'FEILREGISTRERT',
    reason: 'Årsak:',
  },
  requests: {
    heading: 'Opplysningsforespørsler',
    asked: (name, at, replyBy) => `Sendt av ${name} ${at}, svarfrist ${replyBy}`,
    reply: (at) => `Svar mottatt ${at}:`,
    noReply: 'Ikke besvart.',
    statuses: { open: 'Åpen', answered: 'Besvart', closed: 'Lukket' },
  },
  documents: {
    heading: 'Dokumenter',
    name: 'Navn',
    kind: 'Type',
    size: 'Størrelse',
    inError: 'feilregistrert',
    kinds: { 'annual-accounts': 'Årsregnskap', budget: 'Budsjett', 'project-plan': 'Prosjektplan', reply: 'Svar', other: 'Annet' },
  },
  recommendation: {
    heading: 'Innstilling',
    by: (name, at) => `Innstilt av ${name} ${at}`,
    amount: 'Beløp',
    conditions: 'Vilkår',
    returned: (name, at) => `Returnert av ${name} ${at}`,
  },
  decision: {
    heading: 'Vedtak',
    decided: (name, on) => `Vedtatt av ${name} ${on}`,
    recommendedBy: 'Innstilt av',
    amount: 'Tilsagn',
    conditions: 'Vilkår',
  },
  timeline: { heading: 'Historikk', when: 'Tidspunkt', who: 'Hvem', what: 'Hendelse' },
};

const EN: CaseReportTexts = {
  lang: 'en-GB',
  title: 'Case report',
  printed: (by, at) => `Printed by ${by} ${at}`,
  page: (n, of) => `Page ${n} of ${of}`,
  none: 'None.',
  header: {
    reference: 'Reference',
    applicant: 'Applicant',
    orgNo: 'Org. no.',
    status: 'Status',
    assignee: 'Caseworker',
    unassigned: 'Unassigned',
    received: 'Received',
    updated: 'Last changed',
    sla: 'Due',
    slaLeft: (days) => (days === 1 ? '1 business day left' : `${days} business days left`),
    slaStopped: 'clock stopped',
  },
  statuses: {
    received: 'Received',
    in_review: 'In review',
    awaiting_applicant: 'Awaiting applicant',
    recommended: 'Recommended',
    decided: 'Decided',
    withdrawn: 'Withdrawn',
  },
  instruments: { grant: 'Grant' },
  outcomes: {
    pass: 'Met',
    fail: 'Not met',
    assess: 'To be assessed',
    missing: 'Information missing',
    refer: 'Referred',
    na: 'Not applicable',
    grant: 'Grant',
    granted: 'Granted',
    'partly-granted': 'Partly granted',
    reject: 'Rejection',
    rejected: 'Rejected',
  },
  project: {
    heading: 'Project',
    title: 'Title',
    description: 'Description',
    period: 'Period',
    instrument: 'Instrument',
    requested: 'Aid applied for',
  },
  costs: {
    heading: 'Cost lines',
    line: 'Cost',
    applied: 'Applied',
    approved: 'Approved',
    total: 'Total',
    reason: 'Reason for the cut',
  },
  rules: {
    heading: 'Rulebook check',
    evaluated: (at, version) => `Latest check ${at}, rulebook ${version}.`,
    rule: 'Rule',
    outcome: 'Outcome',
    eligible: 'Eligible costs',
  },
  judgments: { heading: 'Assessments', by: (name, at) => `Assessed by ${name} ${at}` },
  corrections: {
    heading: 'Corrections',
    change: (path, from, to) => `${path}: from ${from} to ${to}`,
    by: (name, at) => `Corrected by ${name} ${at}`,
  },
  notes: {
    heading: 'Notes',
    by: (name, at) => `${name}, ${at}`,
    edited: (at) => `edited ${at}`,
    inError: 'ENTERED IN ERROR',
    reason: 'Reason:',
  },
  requests: {
    heading: 'Information requests',
    asked: (name, at, replyBy) => `Sent by ${name} ${at}, reply by ${replyBy}`,
    reply: (at) => `Reply received ${at}:`,
    noReply: 'Not answered.',
    statuses: { open: 'Open', answered: 'Answered', closed: 'Closed' },
  },
  documents: {
    heading: 'Documents',
    name: 'Name',
    kind: 'Kind',
    size: 'Size',
    inError: 'entered in error',
    kinds: { 'annual-accounts': 'Annual accounts', budget: 'Budget', 'project-plan': 'Project plan', reply: 'Reply', other: 'Other' },
  },
  recommendation: {
    heading: 'Recommendation',
    by: (name, at) => `Recommended by ${name} ${at}`,
    amount: 'Amount',
    conditions: 'Conditions',
    returned: (name, at) => `Returned by ${name} ${at}`,
  },
  decision: {
    heading: 'Decision',
    decided: (name, on) => `Decided by ${name} ${on}`,
    recommendedBy: 'Recommended by',
    amount: 'Grant',
    conditions: 'Conditions',
  },
  timeline: { heading: 'History', when: 'When', who: 'Who', what: 'Event' },
};

export const CASE_REPORT_TEXTS: Record<LetterLang, CaseReportTexts> = { nb: NB, en: EN };
