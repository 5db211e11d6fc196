/** The case kernel's public face: what feature modules may use. */
export * from './case-status';
export * from './case-view';
export { CASE_POLICY, TAKING_PART_KINDS, allowedActions, refusal } from './case-policy';
export type { CaseAction, CaseParties } from './case-policy';
export { CasesService, DEFAULT_REPLY_DAYS, expectedVersion } from './cases.service';
export type { CaseEvent, ChangeRequest, Changed, StatusChange } from './cases.service';
export { CasesRepository, AUDIT_EVENT_INSERT, auditStreamOf } from './cases.repository';
export type { LockedCase } from './cases.repository';
export { AuditAnchors } from './audit-anchors';
export { letterPath, writePortalMessage } from './portal-outbox';
export type { PortalMessageKind } from './portal-outbox';
export { AnchorKeyring, anchoredAt, GENESIS_HASH, isUnanchored, hashPrefix, NO_CASE_STREAM } from './audit-anchor';
export type { AnchorState, StoredAnchor, WrittenEvent } from './audit-anchor';
export {
  anchorJoinOf,
  AUDIT_WRITTEN_COLUMNS,
  noteWritten,
  SAVE_ANCHOR_SQL,
  saveAnchorStatement,
  writtenColumnsOf,
} from './audit-anchor.repository';
export type { WrittenEventRow } from './audit-anchor.repository';
export { CASE_PROBLEMS, caseProblem, caseNotFound, staleVersion } from './cases.errors';
export { CaseEvaluator, evaluationColumns, summaryColumns, summariseEvaluation, toEvaluationView } from './case-evaluator';
export type { CaseInput, EvaluateOptions, EvaluationReason, EvaluationSummary, EvaluationView, IntakeSnapshot } from './case-evaluator';
export { EvaluationStore } from './evaluation.repository';
export type { EvaluationRow, StoredEvaluationRow } from './evaluation.repository';
export { applyCorrections, isCorrectable, pathExists, readPath } from './corrections';
export type { CorrectionRow } from './corrections';
export { scale2, submittedParts } from './received-view';
export type { SubmittedParts } from './received-view';
export { VersionedDto } from './dto/status-change.dto';
export type { IntakeDocument, IntakeCostLine, IntakeFinancialYear } from './document/application-document';
export { isReceivedAt, validateIntake } from './document/intake.validator';
export { INTAKE_SCHEMA } from './document/intake.schema';
export { isValidOrgNumber, withCheckDigit } from './document/org-number';
export * from './dto/case-view.response';
export { parseQueueQuery, QUEUE_NAMES, QUEUE_QUERY_PARAMETERS, QUEUE_ROLES, QUEUE_SORTS } from './queue-query';
export type { QueueName, QueueQueryDto, QueueQueryName, QueueSort } from './queue-query';
