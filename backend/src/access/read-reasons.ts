/**
 * Why a person read something of a case: one code per route that shows a case, its documents or its
 * letters (`@AccessLogged` names it). The manager's list of a case's reads gives it as `why`.
 */
export const READ_REASONS = [
  'case.view',
  'case.timeline',
  'case.evaluations',
  'case.evaluation',
  'case.evaluation-replay',
  'case.what-if',
  'case.judgments',
  'case.notes',
  'case.note-history',
  'case.recommendations',
  'case.decision',
  'case.changes-since-return',
  'case.information-requests',
  'case.access-log',
  'case.report',
  'document.list',
  'document.content',
  'letter.decision',
  'letter.preview',
] as const;
export type ReadReason = (typeof READ_REASONS)[number];
