/** The case kernel's public face: what feature modules may use. */
export * from './case-status';
export * from './case-view';
export { CASE_POLICY, allowedActions, refusal } from './case-policy';
export type { CaseAction, CaseParties } from './case-policy';
export { CasesService, expectedVersion } from './cases.service';
export type { CaseEvent, ChangeRequest, Changed, StatusChange } from './cases.service';
export { CasesRepository, AUDIT_EVENT_INSERT } from './cases.repository';
export type { LockedCase } from './cases.repository';
export { CASE_PROBLEMS, caseProblem, caseNotFound, staleVersion } from './cases.errors';
export {
  CaseEvaluator,
  evaluationColumns,
  summaryColumns,
  summariseEvaluation,
  toEvaluationView,
} from './case-evaluator';
export type { CaseInput, EvaluationReason, EvaluationSummary, EvaluationView, IntakeSnapshot } from './case-evaluator';
export { EvaluationStore } from './evaluation.repository';
export type { EvaluationRow, StoredEvaluationRow } from './evaluation.repository';
export { applyCorrections, isCorrectable, pathExists, readPath } from './corrections';
export type { CorrectionRow } from './corrections';
export { receivedCaseView, scale2 } from './received-view';
export type { ReceivedCase } from './received-view';
export { VersionedDto } from './dto/status-change.dto';
export type { IntakeDocument, IntakeCostLine, IntakeFinancialYear } from './document/application-document';
export { validateIntake } from './document/intake.validator';
export { INTAKE_SCHEMA } from './document/intake.schema';
export { isValidOrgNumber, withCheckDigit } from './document/org-number';
