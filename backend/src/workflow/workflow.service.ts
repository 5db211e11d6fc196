import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationsService } from '../applications/applications.service';
import type { ApplicationStatus } from '../applications/application.entity';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/actor';
import { bumpVersion, caseStatus, lockCase } from '../casework/case-change';
import { Problem } from '../common/problem';
import { EvaluationsService, EvaluationView } from '../evaluations/evaluations.service';
import { LetterService } from '../letters/letter.service';
import { grantBlockers, LocalizedText, selectParameterSet } from '../rulebook';
import { addBusinessDays, businessDaysBetween, toOsloDate } from '../sla/business-days';
import { STANDARD_CONDITIONS } from './conditions';
import { allowedActions, CaseParties, mayAct, TRANSITIONS } from './transitions';

export const LEGAL_BASIS = 'GBER art. 29';

export interface StatusChange {
  status: ApplicationStatus;
  comment?: string;
  message?: string;
  replyBy?: string;
}

export interface RecommendationInput {
  outcome: 'grant' | 'reject';
  amountNok?: number | null;
  justification: string;
  conditions?: { code?: string; text?: string }[];
  grounds?: string[];
}

export interface DecisionInput {
  action: 'approve' | 'return';
  reasonCode?: 'missing-investigation' | 'missing-justification' | 'wrong-result' | 'other';
  comment?: string;
}

@Injectable()
export class WorkflowService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly applications: ApplicationsService,
    private readonly evaluations: EvaluationsService,
    private readonly letters: LetterService,
  ) {}

  async parties(manager: EntityManager, id: string): Promise<CaseParties> {
    const [row] = await manager.query(
      `SELECT a.status, a.assignee_id,
              (SELECT r.recommended_by FROM recommendation r WHERE r.application_id = a.id AND r.returned_at IS NULL) AS recommended_by
         FROM application a WHERE a.id = $1`,
      [id],
    );
    if (!row) throw Problem.notFound('Application', id);
    return { status: row.status, assigneeId: row.assignee_id, recommendedBy: row.recommended_by };
  }

  async caseFor(id: string, actor: Actor) {
    const view = await this.applications.get(id);
    const parties = await this.parties(this.dataSource.manager, id);
    return { ...view, allowedActions: allowedActions(actor, parties) };
  }

  /** The plain status changes (start review, ask the applicant, resume, withdraw), by the transition table. */
  async changeStatus(id: string, actor: Actor, change: StatusChange, version?: number) {
    await this.dataSource.transaction(async (m) => {
      const locked = await lockCase(m, id, actor, version);
      const parties = await this.parties(m, id);
      const transition = TRANSITIONS.find((t) => t.from === locked.status && t.to === change.status);
      if (!transition) throw illegalTransition(locked.status, change.status);
      if (transition.via) {
        throw new Problem(
          HttpStatus.CONFLICT,
          'illegal-transition',
          'Use the recommendation or decision endpoint',
          `${locked.status} → ${change.status} happens through POST /api/applications/${id}/${transition.via}`,
          { currentStatus: locked.status, requestedStatus: change.status },
        );
      }
      if (!mayAct(transition.who, actor, parties)) {
        throw new Problem(HttpStatus.FORBIDDEN, 'not-allowed', 'You cannot make this change', whoText(transition.who));
      }
      const today = toOsloDate(new Date());
      const data: Record<string, unknown> = { before: { status: locked.status }, after: { status: change.status } };
      if (change.status === 'awaiting_applicant') {
        if (!change.message?.trim()) throw Problem.validation([{ path: '$.message', message: 'say what the applicant must send' }]);
        if (!change.replyBy || change.replyBy <= today) {
          throw Problem.validation([{ path: '$.replyBy', message: 'a reply-by date after today, as YYYY-MM-DD' }]);
        }
        await m.query(
          `INSERT INTO information_request (application_id, message, reply_by, requested_by) VALUES ($1, $2, $3, $4)`,
          [id, change.message, change.replyBy, actor.id],
        );
        Object.assign(data, { message: change.message, replyBy: change.replyBy });
      }
      if (locked.status === 'awaiting_applicant') {
        // The SLA clock stood still while the applicant had the case: move the due date by those business days.
        const [req] = await m.query(
          `SELECT id, requested_at FROM information_request WHERE application_id = $1 AND resumed_at IS NULL`,
          [id],
        );
        const paused = req ? Math.max(0, businessDaysBetween(toOsloDate(req.requested_at), today)) : 0;
        if (req) {
          await m.query(
            `UPDATE information_request SET resumed_at = now(), resumed_by = $2, paused_business_days = $3 WHERE id = $1`,
            [req.id, actor.id, paused],
          );
        }
        if (change.status === 'in_review' && paused > 0) {
          const [{ sla_due_on }] = await m.query(`SELECT sla_due_on FROM application WHERE id = $1`, [id]);
          await m.query(`UPDATE application SET sla_due_on = $2 WHERE id = $1`, [id, addBusinessDays(sla_due_on, paused)]);
        }
        data.pausedBusinessDays = paused;
      }
      if (change.comment) data.comment = change.comment;
      await m.query(`UPDATE application SET status = $2 WHERE id = $1`, [id, change.status]);
      await bumpVersion(m, id);
      await this.audit.record(m, actor, { kind: 'status', applicationId: id, data });
    });
    return this.caseFor(id, actor);
  }

  async recommend(id: string, actor: Actor, input: RecommendationInput, version?: number) {
    await this.dataSource.transaction(async (m) => {
      const locked = await lockCase(m, id, actor, version);
      if (locked.status !== 'in_review') throw illegalTransition(locked.status, 'recommended');
      if (locked.assigneeId !== actor.id) {
        throw new Problem(HttpStatus.FORBIDDEN, 'not-assigned', 'Only the case’s caseworker can recommend', whoText('assignee'));
      }
      const evaluation = await this.evaluations.evaluateAndStore(m, id, actor, 'change');
      const conditions = resolveConditions(input.conditions ?? []);
      let grounds: Ground[] = [];
      if (input.outcome === 'grant') {
        if (input.amountNok === undefined || input.amountNok === null) {
          throw Problem.validation([{ path: '$.amountNok', message: 'a grant needs an amount' }]);
        }
        const blockers = grantBlockers(evaluation, input.amountNok);
        if (blockers.length) {
          throw new Problem(
            HttpStatus.CONFLICT,
            'grant-not-possible',
            'A grant cannot be recommended yet',
            blockers.map((b) => `${b.ref}: ${b.reason.en}`).join(' '),
            { blockers, ...(blockers.some((b) => b.kind === 'amount') ? { errors: [{ path: '$.amountNok', message: blockers.filter((b) => b.kind === 'amount').map((b) => b.reason.en).join(' ') }] } : {}) },
          );
        }
        grounds = groundsOfGrant(evaluation);
      } else {
        if (input.amountNok !== undefined && input.amountNok !== null) {
          throw Problem.validation([{ path: '$.amountNok', message: 'a rejection has no amount' }]);
        }
        grounds = groundsNamed(evaluation, input.grounds ?? []);
      }
      await m.query(
        `INSERT INTO recommendation (application_id, outcome, amount_nok, justification, conditions, grounds, evaluation_id, recommended_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, input.outcome, input.outcome === 'grant' ? input.amountNok : null, input.justification, JSON.stringify(conditions),
          JSON.stringify(grounds), evaluation.id, actor.id],
      );
      await m.query(`UPDATE application SET status = 'recommended' WHERE id = $1`, [id]);
      await bumpVersion(m, id);
      await this.audit.record(m, actor, {
        kind: 'recommendation',
        applicationId: id,
        data: {
          before: { status: 'in_review' },
          after: { status: 'recommended', outcome: input.outcome, amountNok: input.amountNok ?? null, justification: input.justification,
            conditions, grounds: grounds.map((g) => g.id), evaluationId: evaluation.id },
        },
      });
    });
    return this.caseFor(id, actor);
  }

  async decide(id: string, actor: Actor, input: DecisionInput, version?: number) {
    await this.dataSource.transaction(async (m) => {
      const locked = await lockCase(m, id, actor, version);
      if (locked.status !== 'recommended') {
        throw illegalTransition(locked.status, input.action === 'approve' ? 'decided' : 'in_review');
      }
      const [rec] = await m.query(
        `SELECT r.*, u.username AS recommender, u.display_name AS recommender_name
           FROM recommendation r JOIN app_user u ON u.id = r.recommended_by
          WHERE r.application_id = $1 AND r.returned_at IS NULL`,
        [id],
      );
      if (!rec) throw new Problem(HttpStatus.CONFLICT, 'no-recommendation', 'The case has no open recommendation to decide on');
      if (rec.recommended_by === actor.id) {
        throw new Problem(
          HttpStatus.FORBIDDEN,
          'four-eyes',
          'You recommended this case, so someone else must decide it',
          'The approver who decides is never the caseworker who recommended (four-eyes principle)',
        );
      }
      if (input.action === 'return') {
        await m.query(
          `UPDATE recommendation SET returned_at = now(), returned_by = $2, return_reason = $3, return_comment = $4 WHERE id = $1`,
          [rec.id, actor.id, input.reasonCode, input.comment],
        );
        await m.query(`UPDATE application SET status = 'in_review' WHERE id = $1`, [id]);
        await bumpVersion(m, id);
        await this.audit.record(m, actor, {
          kind: 'return',
          applicationId: id,
          data: { before: { status: 'recommended' }, after: { status: 'in_review' }, reasonCode: input.reasonCode,
            comment: input.comment, recommendationId: rec.id },
        });
        return;
      }
      await this.approve(m, id, actor, rec);
    });
    return this.caseFor(id, actor);
  }

  /** The decision: one transaction with its evaluation, record, letters, register obligation and audit events. */
  private async approve(m: EntityManager, id: string, actor: Actor, rec: Record<string, any>) {
    const decisionDate = toOsloDate(new Date());
    // Mark the decision date first so the evaluation it rests on runs on it (RULEBOOK section 1).
    const evaluation = await this.evaluations.evaluateAndStore(m, id, actor, 'decision', decisionDate);
    const granted = rec.outcome === 'grant';
    const amount = granted ? Number(rec.amount_nok) : null;
    if (granted) {
      const blockers = grantBlockers(evaluation, amount);
      if (blockers.length) {
        throw new Problem(
          HttpStatus.CONFLICT,
          'grant-not-possible',
          'The case no longer qualifies for the recommended grant',
          blockers.map((b) => `${b.ref}: ${b.reason.en}`).join(' '),
          { blockers },
        );
      }
    }
    const params = selectParameterSet(decisionDate);
    const amountEur = amount === null ? 0 : amount / evaluation.nokPerEur;
    const registerObligation = granted && amountEur >= params.registerThresholdEur;
    const appeal = {
      weeks: 3,
      text: {
        nb: 'Vedtaket kan påklages innen tre uker fra det er mottatt (forvaltningsloven §§ 28-29).',
        en: 'The decision may be appealed within three weeks of its receipt (Public Administration Act sections 28-29).',
      },
    };
    const [app] = await m.query(
      `SELECT a.reference, a.applicant_name, a.org_number, a.project_title, a.start_date, a.end_date, u.display_name AS decider
         FROM application a, app_user u WHERE a.id = $1 AND u.id = $2`,
      [id, actor.id],
    );
    const record = {
      outcome: granted ? 'granted' : 'rejected',
      amountNok: amount,
      amountEur: Math.round(amountEur * 100) / 100,
      eligibleCostsNok: evaluation.totals.eligibleCostsNok,
      eligibleCostsByCategory: costsByCategory(evaluation),
      // Aid intensity is the aid over the eligible costs (GBER art. 2(26)); the maximum is kept beside it.
      intensityPct:
        amount === null || evaluation.totals.eligibleCostsNok === 0
          ? null
          : Math.round((amount / evaluation.totals.eligibleCostsNok) * 10000) / 100,
      maxIntensityPct: evaluation.totals.maxIntensityPct,
      legalBasis: LEGAL_BASIS,
      conditions: rec.conditions,
      grounds: rec.grounds,
      justification: rec.justification,
      evaluation: {
        id: evaluation.id,
        inputHash: evaluation.inputHash,
        rulebookVersion: evaluation.rulebookVersion,
        parameterSet: evaluation.parameterSet,
      },
      recommendedBy: rec.recommender,
      decidedBy: actor.username,
      decisionDate,
      appeal,
      registerObligation,
    };
    const [decision] = await m.query(
      `INSERT INTO decision (application_id, recommendation_id, recommended_by, decided_by, decision_date, outcome, amount_nok,
          eligible_costs_nok, intensity_pct, legal_basis, conditions, grounds, evaluation_id, input_hash, rulebook_version,
          parameter_set, appeal, register_obligation, record)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
       RETURNING id, decided_at`,
      [id, rec.id, rec.recommended_by, actor.id, decisionDate, record.outcome, amount, record.eligibleCostsNok, record.intensityPct,
        LEGAL_BASIS, JSON.stringify(rec.conditions), JSON.stringify(rec.grounds), evaluation.id, evaluation.inputHash,
        evaluation.rulebookVersion, evaluation.parameterSet, JSON.stringify(appeal), registerObligation, JSON.stringify(record)],
    );
    for (const lang of ['nb', 'en'] as const) {
      const pdf = await this.letters.render(
        {
          reference: app.reference,
          decisionDate,
          applicant: { name: app.applicant_name, orgNumber: app.org_number },
          project: { title: app.project_title, startDate: app.start_date, endDate: app.end_date },
          outcome: record.outcome as 'granted' | 'rejected',
          amountNok: amount,
          eligibleCosts: record.eligibleCostsByCategory,
          eligibleCostsTotalNok: record.eligibleCostsNok,
          intensityPct: record.intensityPct,
          legalBasis: LEGAL_BASIS,
          conditions: (rec.conditions as { code?: string; text: LocalizedText }[]),
          grounds: (rec.grounds as Ground[]).map((g) => ({ id: g.id, title: g.title, text: g.text })),
          registerNotice: registerObligation,
          caseworker: { name: rec.recommender_name },
          approver: { name: app.decider },
          appealDeadlineWeeks: 3,
        },
        lang,
      );
      const sha256 = createHash('sha256').update(pdf).digest('hex');
      await m.query(`INSERT INTO decision_letter (decision_id, lang, pdf, sha256) VALUES ($1, $2, $3, $4)`, [decision.id, lang, pdf, sha256]);
      await this.audit.record(m, actor, { kind: 'letter', applicationId: id, data: { decisionId: decision.id, lang, sha256, bytes: pdf.length } });
    }
    if (registerObligation) {
      await m.query(`INSERT INTO register_report (decision_id, due_on) VALUES ($1, ($2::date + interval '6 months')::date)`, [
        decision.id,
        decisionDate,
      ]);
    }
    await m.query(`UPDATE application SET status = 'decided', decision_outcome = $2, decided_at = $3 WHERE id = $1`, [
      id,
      record.outcome,
      decision.decided_at,
    ]);
    await bumpVersion(m, id);
    await this.audit.record(m, actor, {
      kind: 'decision',
      applicationId: id,
      data: { before: { status: 'recommended' }, after: { status: 'decided', ...record } },
    });
  }

  async decision(id: string) {
    const [row] = await this.dataSource.query(
      `SELECT d.id, d.record, d.decided_at, ru.display_name AS recommended_by_name, du.display_name AS decided_by_name,
              (SELECT jsonb_object_agg(l.lang, l.sha256) FROM decision_letter l WHERE l.decision_id = d.id) AS letters
         FROM decision d JOIN app_user ru ON ru.id = d.recommended_by JOIN app_user du ON du.id = d.decided_by
        WHERE d.application_id = $1`,
      [id],
    );
    if (!row) {
      await caseStatus(this.dataSource, id);
      throw new Problem(HttpStatus.NOT_FOUND, 'no-decision', 'The case has no decision yet');
    }
    return {
      id: row.id,
      decidedAt: new Date(row.decided_at).toISOString(),
      ...row.record,
      // The record keeps usernames, as decided; the names are for people reading it.
      recommendedByName: row.recommended_by_name,
      decidedByName: row.decided_by_name,
      letters: row.letters ?? {},
    };
  }

  async letter(id: string, lang: 'nb' | 'en'): Promise<{ pdf: Buffer; sha256: string; reference: string }> {
    const [row] = await this.dataSource.query(
      `SELECT l.pdf, l.sha256, a.reference FROM decision d
         JOIN decision_letter l ON l.decision_id = d.id AND l.lang = $2
         JOIN application a ON a.id = d.application_id
        WHERE d.application_id = $1`,
      [id, lang],
    );
    if (!row) {
      await caseStatus(this.dataSource, id);
      throw new Problem(HttpStatus.NOT_FOUND, 'no-decision', 'The case has no decision letter yet');
    }
    return { pdf: row.pdf, sha256: row.sha256, reference: row.reference };
  }

  async recommendation(id: string) {
    const rows = await this.dataSource.query(
      `SELECT r.*, u.username AS recommender, u.display_name AS recommender_name, ru.username AS returner,
              ru.display_name AS returner_name
         FROM recommendation r JOIN app_user u ON u.id = r.recommended_by LEFT JOIN app_user ru ON ru.id = r.returned_by
        WHERE r.application_id = $1 ORDER BY r.recommended_at`,
      [id],
    );
    return rows.map((r: any) => ({
      id: r.id,
      outcome: r.outcome,
      amountNok: r.amount_nok,
      justification: r.justification,
      conditions: r.conditions,
      grounds: r.grounds,
      evaluationId: r.evaluation_id,
      recommendedBy: r.recommender,
      recommendedByName: r.recommender_name,
      recommendedAt: new Date(r.recommended_at).toISOString(),
      returned: r.returned_at
        ? {
            at: new Date(r.returned_at).toISOString(),
            by: r.returner,
            byName: r.returner_name,
            reasonCode: r.return_reason,
            comment: r.return_comment,
          }
        : null,
    }));
  }

  /** For the approver of a resubmitted case: what changed since the last return. */
  async changesSinceReturn(id: string) {
    const [ret] = await this.dataSource.query(
      `SELECT r.returned_at, r.return_reason, r.return_comment, u.username AS returned_by
         FROM recommendation r JOIN app_user u ON u.id = r.returned_by
        WHERE r.application_id = $1 AND r.returned_at IS NOT NULL ORDER BY r.returned_at DESC LIMIT 1`,
      [id],
    );
    if (!ret) {
      await caseStatus(this.dataSource, id);
      return { returned: null, changes: [] };
    }
    const events = await this.dataSource.query(
      `SELECT kind, actor, occurred_at, data FROM audit_event
        WHERE application_id = $1 AND occurred_at > $2
          AND kind IN ('judgment', 'assessment', 'note', 'correction', 'exchange-rate', 'recommendation')
        ORDER BY stream_seq`,
      [id, ret.returned_at],
    );
    return {
      returned: { at: new Date(ret.returned_at).toISOString(), by: ret.returned_by, reasonCode: ret.return_reason, comment: ret.return_comment },
      changes: events.map((e: any) => ({
        kind: e.kind,
        actor: e.actor,
        at: new Date(e.occurred_at).toISOString(),
        ref: e.data.criterionId ?? e.data.costLineId ?? e.data.path ?? e.data.noteId ?? null,
        before: e.data.before ?? null,
        after: e.data.after ?? null,
      })),
    };
  }
}

export interface Ground {
  id: string;
  kind: 'rule' | 'judgment';
  outcome: string;
  title?: LocalizedText;
  text: LocalizedText;
  rationale?: string;
}

/** A grant rests on every rule result and every applicable judgment, with their texts as shown. */
function groundsOfGrant(e: EvaluationView): Ground[] {
  return [
    ...e.rules.filter((r) => r.outcome !== 'na').map((r) => ({ id: r.ruleId, kind: 'rule' as const, outcome: r.outcome, text: r.explanation })),
    ...e.judgments
      .filter((j) => j.applies)
      .map((j) => ({ id: j.criterionId, kind: 'judgment' as const, outcome: j.outcome, title: j.title,
        text: { nb: `${j.title.nb}: ${j.rationale ?? ''}`, en: `${j.title.en}: ${j.rationale ?? ''}` }, rationale: j.rationale })),
  ];
}

/** A rejection rests on the rules and judgments it names, each of which must exist in the evaluation. */
function groundsNamed(e: EvaluationView, ids: string[]): Ground[] {
  if (!ids.length) {
    throw Problem.validation([{ path: '$.grounds', message: 'name the rules or judgments the rejection rests on' }]);
  }
  return ids.map((id, i) => {
    const rule = e.rules.find((r) => r.ruleId === id);
    if (rule) return { id, kind: 'rule' as const, outcome: rule.outcome, text: rule.explanation };
    const j = e.judgments.find((x) => x.criterionId === id);
    if (j) {
      return { id, kind: 'judgment' as const, outcome: j.outcome, title: j.title,
        text: { nb: `${j.title.nb}: ${j.rationale ?? j.criterion.nb}`, en: `${j.title.en}: ${j.rationale ?? j.criterion.en}` },
        rationale: j.rationale };
    }
    throw Problem.validation([{ path: `$.grounds[${i}]`, message: `${id} is not a rule or judgment of this case` }]);
  });
}

function resolveConditions(conditions: { code?: string; text?: string }[]) {
  return conditions.map((c, i) => {
    if (c.code !== undefined) {
      const standard = STANDARD_CONDITIONS.find((s) => s.code === c.code);
      if (!standard) throw Problem.validation([{ path: `$.conditions[${i}].code`, message: `unknown condition ${c.code}` }]);
      return { code: standard.code, text: standard.text };
    }
    return { text: { nb: c.text ?? '', en: c.text ?? '' } };
  });
}

function costsByCategory(e: EvaluationView): { category: string; amountNok: number }[] {
  const sums = new Map<string, number>();
  for (const l of e.costLines) {
    if (l.eligibleNok > 0) sums.set(l.category ?? 'other', (sums.get(l.category ?? 'other') ?? 0) + l.eligibleNok);
  }
  return ['personnel', 'consultancy', 'equipment', 'ipr', 'overheads', 'materials', 'other']
    .filter((c) => sums.has(c))
    .map((category) => ({ category, amountNok: sums.get(category)! }));
}

function illegalTransition(current: string, requested: string): Problem {
  return new Problem(
    HttpStatus.CONFLICT,
    'illegal-transition',
    'That change of status is not allowed',
    `A case cannot go from ${current} to ${requested}`,
    { currentStatus: current, requestedStatus: requested },
  );
}

function whoText(who: string): string {
  return {
    assignee: 'Only the caseworker assigned to the case can do this',
    'assignee-or-manager': 'Only the assigned caseworker or a manager can do this',
    'approver-not-recommender': 'Only an approver who did not recommend the case can do this',
  }[who] ?? who;
}
