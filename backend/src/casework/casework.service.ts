import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor';
import { CasesService, CaseView } from '../cases';
import { Problem } from '../common/problem';
import { iso } from '../common/sql';
import { JUDGMENT_CRITERIA } from '../rulebook';
import { caseworkProblem } from './casework.errors';
import { CaseworkRepository } from './casework.repository';

/**
 * The caseworker's assessment: judgments (J-*) and approved amounts on cost lines. Each change
 * re-evaluates the case, so outcomes and totals follow at once.
 */
@Injectable()
export class CaseworkService {
  constructor(
    private readonly repository: CaseworkRepository,
    private readonly cases: CasesService,
  ) {}

  async recordJudgment(
    id: string,
    criterionId: string,
    actor: Actor,
    body: { outcome: 'pass' | 'fail'; rationale: string },
    version?: number,
  ) {
    if (!JUDGMENT_CRITERIA.some((c) => c.criterionId === criterionId)) {
      throw caseworkProblem('unknown-criterion', `${criterionId} is not in the rulebook`);
    }
    const changed = await this.cases.change(
      { caseId: id, actor, action: 'assess', expectedVersion: version, reevaluate: true },
      async (tx) => {
        const before = await this.repository.judgment(tx, id, criterionId);
        const revision = await this.repository.recordJudgment(tx, id, criterionId, body.outcome, body.rationale, actor);
        return {
          event: {
            kind: 'judgment',
            data: {
              criterionId,
              before: before ? { outcome: before.outcome, rationale: before.rationale } : null,
              after: { outcome: body.outcome, rationale: body.rationale },
            },
          },
          result: revision,
        };
      },
    );
    return {
      criterionId,
      outcome: body.outcome,
      rationale: body.rationale,
      recordedBy: actor.username,
      recordedByName: actor.displayName,
      version: changed.version,
      revision: changed.result,
    };
  }

  async judgmentHistory(id: string) {
    await this.cases.status(id);
    const rows = await this.repository.judgmentHistory(id);
    return rows.map((r) => ({
      criterionId: r.criterion_id,
      revision: r.revision,
      outcome: r.outcome,
      rationale: r.rationale,
      recordedBy: r.recorded_by,
      recordedByName: r.recorded_by_name,
      recordedAt: iso(r.recorded_at),
    }));
  }

  async assessCostLine(
    id: string,
    lineId: string,
    actor: Actor,
    body: { approvedAmountNok: number | null; reason?: string },
    version?: number,
  ): Promise<CaseView> {
    return this.cases.changeAndView({ caseId: id, actor, action: 'assess', expectedVersion: version, reevaluate: true }, async (tx) => {
      const line = await this.repository.costLine(tx, id, lineId);
      if (!line) throw Problem.notFound('Cost line', lineId);
      if (body.approvedAmountNok !== null) {
        if (body.approvedAmountNok > line.amount_nok) {
          throw Problem.validation([
            { path: '$.approvedAmountNok', message: `must be between 0 and the claimed amount, ${line.amount_nok}` },
          ]);
        }
        if (!body.reason?.trim()) throw Problem.validation([{ path: '$.reason', message: 'give a reason for the amount' }]);
      }
      const reason = body.approvedAmountNok === null ? null : (body.reason ?? null);
      await this.repository.assessCostLine(tx, lineId, body.approvedAmountNok, reason, actor);
      return {
        event: {
          kind: 'assessment',
          data: {
            costLineId: lineId,
            lineNo: line.line_no,
            claimedNok: line.amount_nok,
            before: { approvedAmountNok: line.approved_amount_nok, reason: line.approval_reason },
            after: { approvedAmountNok: body.approvedAmountNok, reason },
          },
        },
        result: null,
      };
    });
  }
}
