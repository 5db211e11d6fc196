import type { CaseStatus, SubmittedParts } from '../cases';

/**
 * What the portal gets back for an application it sent, on 201 and on 200 alike: the agency's
 * reference, where the case stands, and the document as it was received (each cost line with the
 * id later messages use). Never casework: no assignee, judgments, assessments, corrections,
 * exchange rate, evaluation, size class or decision.
 */
export interface IntakeView extends SubmittedParts {
  id: string;
  reference: string;
  externalRef: string;
  status: CaseStatus;
  version: number;
  receivedAt: string;
  slaDueAt: string;
}

/** The intake view from the case's own fields and the document's parts (submittedParts), field by field. */
export function intakeView(c: Omit<IntakeView, keyof SubmittedParts>, parts: SubmittedParts): IntakeView {
  return {
    id: c.id,
    reference: c.reference,
    externalRef: c.externalRef,
    status: c.status,
    version: c.version,
    receivedAt: c.receivedAt,
    slaDueAt: c.slaDueAt,
    applicant: parts.applicant,
    project: parts.project,
    aid: parts.aid,
    otherPublicAid: parts.otherPublicAid,
    costLines: parts.costLines,
  };
}
