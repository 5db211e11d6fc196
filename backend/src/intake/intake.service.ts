import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { Actor } from '../auth/actor';
import { CaseEvaluator, evaluationColumns, IntakeDocument, submittedParts, summaryColumns, validateIntake } from '../cases';
import { Problem } from '../common/problem';
import { AppConfig } from '../config/app-config';
import { canonicalJson, sha256Hex } from '../rulebook';
import { addBusinessDays, toOsloDate } from '../sla/business-days';
import { intakeProblem } from './intake.errors';
import { IntakeRepository } from './intake.repository';
import { intakeView, IntakeView } from './intake-view';

export interface IntakeResult {
  created: boolean;
  /** The intake view (intake-view.ts): the same shape for a new case and a retry, never casework. */
  application: IntakeView;
}

@Injectable()
export class IntakeService {
  constructor(
    private readonly repository: IntakeRepository,
    private readonly evaluator: CaseEvaluator,
    private readonly config: AppConfig,
  ) {}

  /**
   * Stores a submission, or recognises one we already have: the same externalRef with the same
   * body is the portal retrying (200, no duplicate), with another body it is a conflict (409).
   * Concurrent identical requests race on the unique externalRef; the losers find the winner's row.
   */
  async submit(body: unknown, actor: Actor): Promise<IntakeResult> {
    const errors = validateIntake(body);
    if (errors.length) throw Problem.validation(errors);
    const doc = body as IntakeDocument;
    // The canonical text serves both as the submission's hash input and as the statement's
    // parameter, so the document is serialised once.
    const docText = canonicalJson(doc);
    const hash = sha256Hex(docText);

    // Ids are made here so the first evaluation can run before anything is written, and the whole
    // case goes in as one statement. They are time-ordered (UUIDv7, as PostgreSQL's uuidv7() makes
    // them), so new rows go to the right edge of each primary key index instead of dirtying a
    // random page of it per row: far less WAL and buffer churn on a large database.
    const id = uuidv7();
    const lineIds = doc.costLines.map(() => uuidv7());
    const evaluationId = uuidv7();
    const { input, result, summary } = this.evaluator.evaluateIntake(doc, lineIds);
    const slaDueAt = addBusinessDays(toOsloDate(doc.receivedAt), this.config.slaBusinessDays);
    const row = await this.repository.insert([
      docText,
      hash,
      slaDueAt,
      actor.id,
      actor.username,
      id,
      lineIds,
      evaluationId,
      ...evaluationColumns(input, result),
      ...summaryColumns(result, summary),
      { evaluationId, ...summary.audit },
    ]);
    if (row) {
      // Built from the document rather than read back: reading it cost PostgreSQL as much as a
      // third of the insert (test/integration/intake.spec.ts checks it equals GET).
      const application = intakeView(
        {
          id,
          reference: row.reference,
          externalRef: doc.externalRef,
          status: 'received',
          version: 1,
          receivedAt: row.received_at,
          slaDueAt,
        },
        submittedParts(doc, lineIds),
      );
      return { created: true, application };
    }
    // ON CONFLICT: this externalRef is stored already (a retry, or a concurrent identical request
    // that committed first; a concurrent one in flight is waited for by the unique index).
    const existing = await this.repository.findByExternalRef(doc.externalRef);
    if (!existing) throw new Error(`intake of ${doc.externalRef} conflicted on externalRef, but no application has it`);
    if (existing.submission_hash !== hash) {
      throw intakeProblem(
        'external-ref-conflict',
        `externalRef ${doc.externalRef} was already submitted with different content; send a new externalRef for a new application`,
        { errors: [{ path: '$.externalRef', message: 'already used by a different submission' }], applicationId: existing.id },
      );
    }
    // The same content, so the document's parts are built from it as for a new case (they are the
    // stored rows exactly), and nothing of the casework is read.
    const application = intakeView(
      {
        id: existing.id,
        reference: existing.reference,
        externalRef: doc.externalRef,
        status: existing.status,
        version: existing.version,
        receivedAt: existing.received_at,
        slaDueAt: existing.sla_due_on,
      },
      submittedParts(doc, existing.cost_line_ids),
    );
    return { created: false, application };
  }
}
