import { businessDaysBetween } from '../sla/business-days';
import type { CaseAction } from './case-policy';
import { CaseStatus, SLA_RUNNING_STATUSES } from './case-status';

/** How many rule results of each kind need attention, from the latest evaluation. */
export interface RuleFlags {
  fail: number;
  missing: number;
  refer: number;
  assess: number;
}

export interface PersonRef {
  username: string;
  displayName: string;
}

/** An information request the applicant has yet to answer: the SLA clock stands still until they do (or the caseworker resumes). */
export interface OpenInformationRequest {
  id: string;
  message: string;
  /** YYYY-MM-DD */
  replyBy: string;
  requestedAt: string;
  /** When the late-reply job found the reply-by date passed ("Svarfrist passert"); null while it has not. */
  overdueAt: string | null;
}

/**
 * The case as the case page needs it: the application as submitted (the parts read like the
 * document, with ids added), the caseworker's assessment, and what the caller may do with it.
 * Built by PostgreSQL (CasesRepository.view), or from the document at intake (received-view.ts).
 */
export interface CaseView {
  id: string;
  reference: string;
  externalRef: string;
  status: CaseStatus;
  assignee: PersonRef | null;
  version: number;
  receivedAt: string;
  createdAt: string;
  updatedAt: string;
  slaDueAt: string;
  slaDaysLeft: number | null;
  sizeClass: string | null;
  decision: { outcome: string } | null;
  /** The request the applicant has not answered yet while the case waits for them (awaiting_applicant), else null. */
  informationRequest: OpenInformationRequest | null;
  applicant: Record<string, unknown> & { orgNumber: string; name: string; financials: Record<string, unknown>[] };
  project: Record<string, unknown> & { title: string };
  aid: { instrument: string; requestedAmountNok: number };
  otherPublicAid: Record<string, unknown>[];
  costLines: (Record<string, unknown> & { id: string; lineNo: number; category: string; amountNok: number })[];
  judgments: {
    criterionId: string;
    outcome: string;
    rationale: string;
    recordedBy: string;
    recordedByName: string | null;
    revision: number;
    recordedAt: string;
  }[];
  corrections: {
    path: string;
    submittedValue: unknown;
    correctedValue: unknown;
    reason: string;
    correctedBy: string;
    correctedByName: string | null;
    correctedAt: string;
  }[];
  /** The case's own exchange rate, with the reason and the rate's own date (YYYY-MM-DD). */
  exchangeRate: { nokPerEur: number; reason: string; date: string } | null;
  evaluation: { id: string; flags: RuleFlags; eligibleCostsNok: number | null; maxAidNok: number | null } | null;
  /** What the person who asked may do with the case now (cases/case-policy.ts). */
  allowedActions: CaseAction[];
}

/** Business days until the SLA due date while the clock runs, else null. */
export function slaDaysLeft(status: CaseStatus, slaDueOn: string, today: string): number | null {
  return SLA_RUNNING_STATUSES.includes(status) ? businessDaysBetween(today, slaDueOn) : null;
}
