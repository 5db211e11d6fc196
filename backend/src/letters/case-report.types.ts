import type { LetterLang } from './decision-letter.types';

/**
 * The case report (saksutskrift): the whole case as it stands, for the archive or a meeting. Every
 * text is given in the report's language already (the rulebook's explanations, the timeline's
 * summaries); amounts are whole kroner, dates YYYY-MM-DD and times ISO 8601, which the report
 * formats. People are given by their display names.
 */
export interface CaseReportInput {
  reference: string;
  /** The case status's code (received, in_review, …). */
  status: string;
  applicant: { name: string; orgNumber: string };
  assignee: string | null;
  receivedAt: string;
  updatedAt: string;
  /** YYYY-MM-DD */
  slaDueOn: string;
  /** Business days left while the SLA clock runs, else null. */
  slaDaysLeft: number | null;
  project: { title: string; description: string | null; startDate: string | null; endDate: string | null };
  aid: { instrument: string; requestedAmountNok: number };
  costLines: ReportCostLine[];
  evaluation: ReportEvaluation | null;
  judgments: ReportJudgment[];
  corrections: ReportCorrection[];
  notes: ReportNote[];
  informationRequests: ReportInformationRequest[];
  documents: ReportDocument[];
  recommendations: ReportRecommendation[];
  decision: ReportDecision | null;
  /** Newest first. */
  timeline: { at: string; by: string; text: string }[];
  printedBy: string;
  printedAt: string;
}

export interface ReportCostLine {
  lineNo: number;
  category: string;
  description: string;
  appliedNok: number;
  /** The caseworker's approved amount, or what the rules made of the line when none is set. */
  approvedNok: number | null;
  /** Why the line was cut: the caseworker's reason and the rules' explanations. */
  reasons: string[];
}

export interface ReportEvaluation {
  evaluatedAt: string;
  rulebookVersion: string;
  eligibleCostsNok: number | null;
  rules: { ruleId: string; outcome: string; explanation: string }[];
}

export interface ReportJudgment {
  criterionId: string;
  title: string;
  outcome: string;
  rationale: string;
  by: string;
  at: string;
}

export interface ReportCorrection {
  path: string;
  submitted: string;
  corrected: string;
  reason: string;
  by: string;
  at: string;
}

export interface ReportNote {
  body: string;
  by: string;
  at: string;
  editedAt: string | null;
  enteredInError: boolean;
  errorReason: string | null;
}

export interface ReportInformationRequest {
  message: string;
  replyBy: string;
  requestedAt: string;
  by: string;
  status: string;
  reply: { message: string; receivedAt: string } | null;
}

export interface ReportDocument {
  name: string;
  kind: string;
  size: number;
  sha256: string;
  uploadedAt: string;
  by: string;
  enteredInError: boolean;
}

export interface ReportRecommendation {
  outcome: string;
  amountNok: number | null;
  justification: string;
  conditions: string[];
  by: string;
  at: string;
  returned: { at: string; by: string; reason: string; comment: string } | null;
}

export interface ReportDecision {
  outcome: string;
  amountNok: number | null;
  decidedOn: string;
  decidedBy: string;
  recommendedBy: string;
  justification: string;
  conditions: string[];
}

export type { LetterLang as ReportLang };
