import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApplicationsService } from '../applications/applications.service';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/actor';
import { Problem } from '../common/problem';
import { isCorrectable, pathExists, readPath, applyCorrections } from '../evaluations/corrections';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { validateIntake } from '../intake/intake.validator';
import { JUDGMENT_CRITERIA } from '../rulebook';
import { ASSESSABLE, bumpVersion, caseStatus, lockCase } from './case-change';


/**
 * The caseworker's changes to the assessment of a case: corrected facts, the
 * exchange rate for this case, judgments and approved amounts on cost lines.
 * Each is one transaction: lock and version check, the change, its audit
 * event, and a fresh evaluation so outcomes and totals follow at once.
 */
@Injectable()
export class CaseworkService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly evaluations: EvaluationsService,
    private readonly applications: ApplicationsService,
  ) {}

  async correctFact(id: string, actor: Actor, body: { path: string; value: unknown; reason: string }, version?: number) {
    if (!isCorrectable(body.path)) {
      throw Problem.validation([{ path: '$.path', message: `${body.path} is not a fact that can be corrected` }]);
    }
    await this.dataSource.transaction(async (m) => {
      await lockCase(m, id, actor, version, { assignedOnly: true, statuses: ASSESSABLE });
      const [{ doc, corrections }] = await m.query(
        `SELECT a.submitted_document AS doc,
                coalesce((SELECT jsonb_agg(jsonb_build_object('path', f.path, 'corrected_value', f.corrected_value)
                                           ORDER BY f.corrected_at, f.id)
                            FROM fact_correction f WHERE f.application_id = a.id), '[]') AS corrections
           FROM application a WHERE a.id = $1`,
        [id],
      );
      if (!pathExists(doc, body.path)) {
        throw Problem.validation([{ path: '$.path', message: `${body.path} does not exist in this application` }]);
      }
      // The corrected document must still satisfy the intake contract for that field.
      const corrected = applyCorrections(doc, [...corrections, { path: body.path, corrected_value: body.value }]);
      const errors = validateIntake(corrected, new Date(8.64e15)).filter((e) => e.path === `$.${body.path}` || e.path.startsWith(`$.${body.path}`));
      if (errors.length) throw Problem.validation(errors.map((e) => ({ path: '$.value', message: e.message })));
      const before = readPath(applyCorrections(doc, corrections), body.path) ?? null;
      await m.query(
        `INSERT INTO fact_correction (application_id, path, submitted_value, corrected_value, reason, corrected_by)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, body.path, JSON.stringify(readPath(doc, body.path) ?? null), JSON.stringify(body.value ?? null), body.reason, actor.username],
      );
      await bumpVersion(m, id);
      await this.audit.record(m, actor, {
        kind: 'correction',
        applicationId: id,
        data: { path: body.path, reason: body.reason, before: { value: before }, after: { value: body.value ?? null } },
      });
      await this.evaluations.evaluateAndStore(m, id, actor, 'change');
    });
    return this.applications.get(id);
  }

  async setExchangeRate(id: string, actor: Actor, body: { nokPerEur: number | null; reason?: string }, version?: number) {
    if (body.nokPerEur !== null && !body.reason?.trim()) {
      throw Problem.validation([{ path: '$.reason', message: 'say why this case uses another rate' }]);
    }
    await this.dataSource.transaction(async (m) => {
      await lockCase(m, id, actor, version, { assignedOnly: true, statuses: ASSESSABLE });
      const [before] = await m.query(`SELECT nok_per_eur_override, nok_per_eur_override_reason FROM application WHERE id = $1`, [id]);
      await m.query(`UPDATE application SET nok_per_eur_override = $2, nok_per_eur_override_reason = $3 WHERE id = $1`, [
        id,
        body.nokPerEur,
        body.nokPerEur === null ? null : body.reason,
      ]);
      await bumpVersion(m, id);
      await this.audit.record(m, actor, {
        kind: 'exchange-rate',
        applicationId: id,
        data: {
          before: { nokPerEur: before.nok_per_eur_override === null ? null : Number(before.nok_per_eur_override) },
          after: { nokPerEur: body.nokPerEur },
          reason: body.reason ?? null,
        },
      });
      await this.evaluations.evaluateAndStore(m, id, actor, 'change');
    });
    return this.applications.get(id);
  }

  async recordJudgment(id: string, criterionId: string, actor: Actor, body: { outcome: 'pass' | 'fail'; rationale: string }, version?: number) {
    if (!JUDGMENT_CRITERIA.some((c) => c.criterionId === criterionId)) {
      throw new Problem(HttpStatus.NOT_FOUND, 'unknown-criterion', 'No such judgment criterion', `${criterionId} is not in the rulebook`);
    }
    let result: { version: number; revision: number } = { version: 0, revision: 0 };
    await this.dataSource.transaction(async (m) => {
      await lockCase(m, id, actor, version, { assignedOnly: true, statuses: ASSESSABLE });
      const [before] = await m.query(`SELECT outcome, rationale, revision FROM judgment WHERE application_id = $1 AND criterion_id = $2`, [
        id,
        criterionId,
      ]);
      const [row] = await m.query(
        `INSERT INTO judgment (application_id, criterion_id, outcome, rationale, recorded_by)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ON CONSTRAINT pk_judgment DO UPDATE
           SET outcome = EXCLUDED.outcome, rationale = EXCLUDED.rationale, recorded_by = EXCLUDED.recorded_by,
               recorded_at = now(), revision = judgment.revision + 1
         RETURNING revision, recorded_at`,
        [id, criterionId, body.outcome, body.rationale, actor.username],
      );
      await m.query(
        `INSERT INTO judgment_revision (application_id, criterion_id, revision, outcome, rationale, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, criterionId, row.revision, body.outcome, body.rationale, actor.username, row.recorded_at],
      );
      const newVersion = await bumpVersion(m, id);
      await this.audit.record(m, actor, {
        kind: 'judgment',
        applicationId: id,
        data: {
          criterionId,
          before: before ? { outcome: before.outcome, rationale: before.rationale } : null,
          after: { outcome: body.outcome, rationale: body.rationale },
        },
      });
      await this.evaluations.evaluateAndStore(m, id, actor, 'change');
      result = { version: newVersion, revision: row.revision };
    });
    return {
      criterionId,
      outcome: body.outcome,
      rationale: body.rationale,
      recordedBy: actor.username,
      recordedByName: actor.displayName,
      ...result,
    };
  }

  async judgmentHistory(id: string) {
    await caseStatus(this.dataSource, id);
    const rows = await this.dataSource.query(
      `SELECT j.criterion_id, j.revision, j.outcome, j.rationale, j.recorded_by, u.display_name AS recorded_by_name, j.recorded_at
         FROM judgment_revision j LEFT JOIN app_user u ON u.username = j.recorded_by
        WHERE j.application_id = $1 ORDER BY j.criterion_id, j.revision`,
      [id],
    );
    return rows.map((r: any) => ({
      criterionId: r.criterion_id,
      revision: r.revision,
      outcome: r.outcome,
      rationale: r.rationale,
      recordedBy: r.recorded_by,
      recordedByName: r.recorded_by_name,
      recordedAt: new Date(r.recorded_at).toISOString(),
    }));
  }

  async assessCostLine(
    id: string,
    lineId: string,
    actor: Actor,
    body: { approvedAmountNok: number | null; reason?: string },
    version?: number,
  ) {
    await this.dataSource.transaction(async (m) => {
      await lockCase(m, id, actor, version, { assignedOnly: true, statuses: ASSESSABLE });
      const [line] = await m.query(
        `SELECT id, line_no, amount_nok, approved_amount_nok, approval_reason FROM cost_line WHERE id = $1 AND application_id = $2`,
        [lineId, id],
      );
      if (!line) throw Problem.notFound('Cost line', lineId);
      if (body.approvedAmountNok !== null) {
        if (body.approvedAmountNok > line.amount_nok) {
          throw Problem.validation([
            { path: '$.approvedAmountNok', message: `must be between 0 and the claimed amount, ${line.amount_nok}` },
          ]);
        }
        if (!body.reason?.trim()) throw Problem.validation([{ path: '$.reason', message: 'give a reason for the amount' }]);
      }
      await m.query(
        `UPDATE cost_line SET approved_amount_nok = $2, approval_reason = $3, assessed_by = $4, assessed_at = now() WHERE id = $1`,
        [lineId, body.approvedAmountNok, body.approvedAmountNok === null ? null : body.reason, actor.username],
      );
      await bumpVersion(m, id);
      await this.audit.record(m, actor, {
        kind: 'assessment',
        applicationId: id,
        data: {
          costLineId: lineId,
          lineNo: line.line_no,
          claimedNok: line.amount_nok,
          before: { approvedAmountNok: line.approved_amount_nok, reason: line.approval_reason },
          after: { approvedAmountNok: body.approvedAmountNok, reason: body.approvedAmountNok === null ? null : body.reason },
        },
      });
      await this.evaluations.evaluateAndStore(m, id, actor, 'change');
    });
    return this.applications.get(id);
  }
}
