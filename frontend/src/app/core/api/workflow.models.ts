/**
 * Status changes, notes, timeline, recommendation and decision, statistics and
 * register reports, as the console reads them.
 */
import { LocalizedText } from './evaluation.models';
import { DecisionOutcome, RecommendationCondition, UserRef } from './models';

/** A person as the API names them: a username, or a username with a display name. */
export type Person = string | UserRef;

export type StatusTarget = 'in_review' | 'awaiting_applicant' | 'withdrawn';

export interface StatusChange {
  status: StatusTarget;
  version: number;
  comment?: string;
  /** To the applicant; required when asking for information. */
  message?: string;
  /** YYYY-MM-DD; required when asking for information. */
  replyBy?: string;
}

export const NOTE_ANCHOR_TYPES = ['application', 'costLine', 'rule'] as const;
export type NoteAnchorType = (typeof NOTE_ANCHOR_TYPES)[number];

export interface NoteAnchor {
  type: NoteAnchorType;
  /** The cost line id or the rule / criterion id; the case id (or empty) for the case itself. */
  ref: string | null;
}

export interface Note {
  id: string;
  anchor: NoteAnchor;
  body: string;
  /** Username (with `authorName` beside it), or a username with a display name. */
  author: Person;
  authorName?: string | null;
  createdAt: string;
  editedAt?: string | null;
  version: number;
  enteredInError: boolean;
  errorReason?: string | null;
}

export interface NoteRevision {
  version: number;
  body: string;
  writtenBy: Person;
  writtenAt: string;
}

export const TIMELINE_KINDS = [
  'intake',
  'assignment',
  'evaluation',
  'judgment',
  'assessment',
  'correction',
  'exchange-rate',
  'note',
  'status',
  'recommendation',
  'decision',
  'return',
  'letter',
  'register-report',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEvent {
  id: string | number;
  occurredAt: string;
  actor: Person | null;
  /** The actor's display name (the username for the portal and the system). */
  actorName?: string | null;
  kind: TimelineKind | string;
  summary?: LocalizedText | null;
  data?: Record<string, unknown> | null;
}

export interface StandardCondition {
  code: string;
  text: LocalizedText;
}

export interface RecommendationRequest {
  outcome: 'grant' | 'reject';
  amountNok?: number;
  justification: string;
  conditions: RecommendationCondition[];
  grounds: string[];
  version: number;
}

export const RETURN_REASONS = [
  'missing-investigation',
  'missing-justification',
  'wrong-result',
  'other',
] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

export interface DecisionRequest {
  action: 'approve' | 'return';
  reasonCode?: ReturnReason;
  comment: string;
  version: number;
}

/** A rule or judgment a recommendation or decision rests on, with its text as shown then. */
export interface Ground {
  id: string;
  kind?: 'rule' | 'judgment';
  outcome?: string;
  title?: LocalizedText;
  text?: LocalizedText;
  rationale?: string;
}

/** A condition as stored with a recommendation or decision: a standard one keeps its code. */
export interface StoredCondition {
  code?: string;
  text: LocalizedText | string;
}

export interface Decision {
  id?: string;
  outcome: DecisionOutcome;
  amountNok: number | null;
  amountEur?: number | null;
  eligibleCostsNok?: number | null;
  intensityPct?: number | null;
  legalBasis?: string;
  decidedBy: Person;
  decidedByName?: string | null;
  decidedAt: string;
  decisionDate?: string;
  recommendedBy: Person;
  recommendedByName?: string | null;
  conditions?: (StoredCondition | RecommendationCondition)[];
  grounds?: (Ground | string)[];
  justification?: string;
  registerObligation?: boolean;
  /** Language → SHA-256 of the stored letter. */
  letters?: Partial<Record<'nb' | 'en', string>>;
}

/** One recommendation of the case, as GET /recommendations lists them (oldest first). */
export interface RecommendationRecord {
  id: string;
  outcome: 'grant' | 'reject';
  amountNok: number | null;
  justification: string;
  conditions: (StoredCondition | RecommendationCondition)[];
  grounds: (Ground | string)[];
  recommendedBy: Person;
  recommendedByName?: string | null;
  recommendedAt: string;
  returned: {
    at: string;
    by: Person;
    byName?: string | null;
    reasonCode: ReturnReason;
    comment: string;
  } | null;
}

export interface CaseChange {
  kind: string;
  /** What the change is about: a criterion, cost line, fact path or note. */
  ref?: string | null;
  summary?: LocalizedText | string | null;
  before: unknown;
  after: unknown;
  actor: Person;
  at: string;
}

export interface ChangesSinceReturn {
  returnedAt: string;
  returnedBy?: Person;
  reasonCode: ReturnReason;
  comment: string;
  changes: CaseChange[];
}

export const AGEING_BUCKETS = ['0-10', '11-20', '21-40', '>40'] as const;

export interface StatsOverview {
  countsByStatus: Record<string, number>;
  ageing: { bucket: string; count: number }[];
  workload: { username: string; displayName: string; open: number; overdue: number }[];
  decisionsPerWeek: { week: string; granted: number; rejected: number }[];
  grantedThisYear: { count: number; amountNok: number };
  overdue: number;
}

export interface RegisterReport {
  overdue?: boolean;
  decisionId: string;
  applicationId: string;
  reference: string;
  applicant: { name: string; orgNumber: string };
  amountNok: number;
  amountEur: number;
  decidedAt: string;
  dueOn: string;
  reportedAt?: string | null;
  registerReference?: string | null;
}

export function personName(person: Person | null | undefined, displayName?: string | null): string {
  if (!person) return '–';
  if (typeof person === 'string') return displayName || person;
  return person.displayName || person.username;
}

export function personId(person: Person | null | undefined): string | null {
  if (!person) return null;
  return typeof person === 'string' ? person : person.username;
}
