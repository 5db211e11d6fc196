import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { preparedQuery } from '../common/prepared';
import { Db, isoUtc, query, queryOne } from '../common/sql';
import { NO_CASE_STREAM } from './audit-anchor';
import { anchorJoinOf, AUDIT_WRITTEN_COLUMNS, noteWritten, WrittenEventRow, writtenColumnsOf } from './audit-anchor.repository';
import { CaseParties, TAKING_PART_KINDS } from './case-policy';
import type { CaseStatus } from './case-status';
import type { CaseView } from './case-view';
import { caseNotFound } from './cases.errors';

/** The case row, locked for the rest of a transaction, with who is who on it. */
export interface LockedCase extends CaseParties {
  id: string;
  version: number;
}

/** The one statement that writes the audit log (intake and evaluations use it inside larger statements). */
export const AUDIT_EVENT_INSERT = 'INSERT INTO audit_event (actor_id, actor, application_id, kind, data)';

/**
 * The audit stream an event belongs to, as its unique index (uq_audit_event_stream) spells it: a
 * case's id, or the zero id for events about no case. `WHERE <this> = $1 ORDER BY stream_seq` is
 * an index range scan; `WHERE application_id = $1` is a scan of every event of the system.
 */
export const auditStreamOf = (alias?: string): string =>
  `coalesce(${alias ? `${alias}.` : ''}application_id, '00000000-0000-0000-0000-000000000000'::uuid)`;

interface LockRow {
  status: CaseStatus;
  version: number;
  assignee_id: string | null;
  assignee_username: string | null;
  recommended_by: string | null;
  participants: string[];
}

type ViewRow = { view: Omit<CaseView, 'allowedActions'> } & Pick<LockRow, 'assignee_id' | 'recommended_by' | 'participants'>;

/**
 * The case kernel's SQL: reading a case, locking it for a change, its version, status and audit
 * events. Every change of a case goes through CasesService.change, which uses these.
 */
@Injectable()
export class CasesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The case's status, or 404: the one cheap check for reads that need the case to exist but not its contents. */
  async status(id: string, db: Db = this.dataSource): Promise<CaseStatus> {
    const row = await queryOne<{ status: CaseStatus }>(db, `SELECT status FROM application WHERE id = $1`, [id]);
    if (!row) throw caseNotFound(id);
    return row.status;
  }

  /** Locks the case row until the transaction ends; 404 when there is no such case. */
  lock(tx: Db, id: string): Promise<LockedCase> {
    return this.parties(tx, id, true);
  }

  /**
   * Who is who on the case and its version, without a lock unless asked for (a check before a
   * long request, such as an upload, that the change itself repeats); 404 when there is no such case.
   */
  async parties(db: Db, id: string, forUpdate = false): Promise<LockedCase> {
    const row = await queryOne<LockRow>(
      db,
      `SELECT a.status, a.version, a.assignee_id, u.username AS assignee_username, ${OPEN_RECOMMENDER} AS recommended_by,
              ${PARTICIPANTS} AS participants
         FROM application a LEFT JOIN app_user u ON u.id = a.assignee_id
        WHERE a.id = $1${forUpdate ? ' FOR UPDATE OF a' : ''}`,
      [id, TAKING_PART_KINDS],
    );
    if (!row) throw caseNotFound(id);
    return {
      id,
      status: row.status,
      version: row.version,
      assigneeId: row.assignee_id,
      assigneeUsername: row.assignee_username,
      recommendedBy: row.recommended_by,
      participants: row.participants,
    };
  }

  /** Bumps the version after a change; returns the new version. */
  async bumpVersion(tx: Db, id: string): Promise<number> {
    const [row] = await query<{ version: number }>(
      tx,
      `UPDATE application SET version = version + 1, updated_at = now() WHERE id = $1 RETURNING version`,
      [id],
    );
    return row.version;
  }

  async setStatus(tx: Db, id: string, status: CaseStatus): Promise<void> {
    await tx.query(`UPDATE application SET status = $2 WHERE id = $1`, [id, status]);
  }

  /**
   * Writes an audit event inside the change's transaction; the database trigger links it into the
   * case's hash chain, and the change anchors it before it commits (AuditAnchors.seal).
   */
  async recordEvent(tx: Db, actor: Actor, caseId: string | null, kind: string, data: object): Promise<void> {
    const rows = await query<WrittenEventRow>(
      tx,
      `WITH e AS (${AUDIT_EVENT_INSERT} VALUES ($1, $2, $3, $4, $5) RETURNING ${AUDIT_WRITTEN_COLUMNS})
       SELECT ${writtenColumnsOf('e')} FROM e LEFT JOIN audit_anchor an ON ${anchorJoinOf('e')}`,
      [actor.id, actor.username, caseId, kind, data],
    );
    noteWritten(tx, caseId ?? NO_CASE_STREAM, rows);
  }

  /** The whole case, in one round trip, with who is who on it (for allowedActions). */
  async view(id: string, db: Db = this.dataSource): Promise<{ view: Omit<CaseView, 'allowedActions'>; parties: CaseParties }> {
    const [row] = await preparedQuery<ViewRow>(db, 'case-view', CASE_VIEW_SQL, [id, TAKING_PART_KINDS]);
    if (!row) throw caseNotFound(id);
    const { view } = row;
    return {
      view,
      parties: {
        status: view.status,
        assigneeId: row.assignee_id,
        assigneeUsername: view.assignee?.username ?? null,
        recommendedBy: row.recommended_by,
        participants: row.participants,
      },
    };
  }

  /** Records a request for information to the applicant; returns its id. */
  async openInformationRequest(tx: Db, id: string, message: string, replyBy: string, actor: Actor): Promise<string> {
    const [row] = await query<{ id: string }>(
      tx,
      `INSERT INTO information_request (application_id, message, reply_by, requested_by) VALUES ($1, $2, $3, $4) RETURNING id`,
      [id, message, replyBy, actor.id],
    );
    return row.id;
  }

  /** The information request the applicant has not yet been released from, if any. */
  async openInformationRequestOf(tx: Db, id: string): Promise<{ id: string; requested_at: Date } | undefined> {
    return queryOne(tx, `SELECT id, requested_at FROM information_request WHERE application_id = $1 AND resumed_at IS NULL`, [id]);
  }

  /** Releases the applicant from a request: the clock runs again from `at` (the reply's time, or now). */
  async closeInformationRequest(tx: Db, requestId: string, actor: Actor, pausedBusinessDays: number, at: Date): Promise<void> {
    await tx.query(`UPDATE information_request SET resumed_at = $4, resumed_by = $2, paused_business_days = $3 WHERE id = $1`, [
      requestId,
      actor.id,
      pausedBusinessDays,
      at,
    ]);
  }

  /** Moves the SLA due date (the clock stood still while the applicant had the case). */
  async moveSlaDue(tx: Db, id: string, move: (dueOn: string) => string): Promise<void> {
    const row = await queryOne<{ sla_due_on: string }>(tx, `SELECT sla_due_on FROM application WHERE id = $1`, [id]);
    if (row) await tx.query(`UPDATE application SET sla_due_on = $2 WHERE id = $1`, [id, move(row.sla_due_on)]);
  }

  async setAssignee(tx: Db, id: string, assigneeId: string | null): Promise<void> {
    await tx.query(`UPDATE application SET assignee_id = $2 WHERE id = $1`, [id, assigneeId]);
  }

  /** Who may assign: an active caseworker by username, or undefined. */
  async caseworker(db: Db, username: string): Promise<{ id: string; username: string } | undefined> {
    return queryOne(
      db,
      `SELECT u.id, u.username FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = 'caseworker'
        WHERE u.username = $1 AND u.active`,
      [username],
    );
  }
}

/** The caseworker who made the case's open recommendation (four-eyes: they may not decide it). */
const OPEN_RECOMMENDER = `(SELECT r.recommended_by FROM recommendation r WHERE r.application_id = a.id AND r.returned_at IS NULL)`;

/**
 * Everyone who took part in the case's assessment ($2: the kinds of event that count), as user ids.
 * Only the decision reads it, and a case is decided only when recommended, so other cases skip the
 * walk over their audit events (every change locks the case, and every case page reads the view).
 */
const PARTICIPANTS = `CASE WHEN a.status = 'recommended' THEN coalesce((SELECT array_agg(DISTINCT e.actor_id) FROM audit_event e
   WHERE ${auditStreamOf('e')} = a.id AND e.kind = ANY($2::text[]) AND e.actor_id IS NOT NULL), '{}') ELSE '{}' END`;

/**
 * The case view, built by PostgreSQL as JSON. Optional fields the applicant left out stay out
 * (jsonb_strip_nulls), so the parts read like the submitted document, with ids added. Intake
 * builds the same view from the document (received-view.ts); change both together.
 */
const CASE_VIEW_SQL = `
  SELECT jsonb_build_object(
    'id', a.id, 'reference', a.reference, 'externalRef', a.external_ref, 'status', a.status,
    'assignee', CASE WHEN u.id IS NULL THEN NULL ELSE jsonb_build_object('username', u.username, 'displayName', u.display_name) END,
    'version', a.version,
    'receivedAt', ${isoUtc('a.received_at')},
    'createdAt', ${isoUtc('a.created_at')},
    'updatedAt', ${isoUtc('a.updated_at')},
    'slaDueAt', a.sla_due_on, 'slaDaysLeft', NULL, 'sizeClass', a.size_class,
    'decision', CASE WHEN a.decision_outcome IS NULL THEN NULL ELSE jsonb_build_object('outcome', a.decision_outcome) END,
    'informationRequest', (SELECT jsonb_build_object('id', r.id, 'message', r.message, 'replyBy', r.reply_by,
        'requestedAt', ${isoUtc('r.requested_at')},
        'overdueAt', CASE WHEN r.overdue_at IS NULL THEN NULL ELSE ${isoUtc('r.overdue_at')} END)
      FROM information_request r WHERE r.application_id = a.id AND r.resumed_at IS NULL),
    'applicant', jsonb_strip_nulls(jsonb_build_object(
        'orgNumber', ap.org_number, 'name', ap.name, 'companyForm', ap.company_form, 'incorporatedOn', ap.incorporated_on,
        'naceCode', ap.nace_code, 'county', ap.county, 'publicOwnershipPct', ap.public_ownership_pct,
        'insolvencyProceedings', ap.insolvency_proceedings, 'outstandingRescueAid', ap.outstanding_rescue_aid,
        'outstandingRecoveryOrder', ap.outstanding_recovery_order))
      || jsonb_build_object(
        'financials', coalesce((SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
            -- where the year stands in the submitted document: corrections address it by that index
            'index', (SELECT x.n - 1 FROM jsonb_array_elements(a.submitted_document->'applicant'->'financials')
                        WITH ORDINALITY x(e, n) WHERE (x.e->>'year')::int = f.year),
            'year', f.year, 'annualWorkUnits', f.annual_work_units, 'turnoverNok', f.turnover_nok,
            'balanceSheetNok', f.balance_sheet_nok, 'shareCapitalNok', f.share_capital_nok, 'otherEquityNok', f.other_equity_nok,
            'debtNok', f.debt_nok, 'ebitdaNok', f.ebitda_nok, 'interestExpenseNok', f.interest_expense_nok)) ORDER BY f.year DESC)
          FROM financial_year f WHERE f.application_id = a.id), '[]'::jsonb),
        'relatedEnterprises', coalesce((SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
            'name', r.name, 'orgNumber', r.org_number, 'relation', r.relation, 'sharePct', r.share_pct,
            'annualWorkUnits', r.annual_work_units, 'turnoverNok', r.turnover_nok, 'balanceSheetNok', r.balance_sheet_nok))
            ORDER BY r.position)
          FROM related_enterprise r WHERE r.application_id = a.id), '[]'::jsonb)),
    'project', jsonb_strip_nulls(jsonb_build_object(
        'title', a.project_title, 'description', a.project_description, 'innovationTypes', to_jsonb(a.innovation_types),
        'startDate', a.start_date, 'endDate', a.end_date, 'location', a.location, 'circularTransition', a.circular_transition))
      || jsonb_build_object(
        'firstBindingCommitmentDate', a.first_binding_commitment_date,
        'collaborationPartners', coalesce((SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
            'name', p.name, 'orgNumber', p.org_number, 'sizeClass', p.size_class, 'eligibleCostsNok', p.eligible_costs_nok))
            ORDER BY p.position)
          FROM collaboration_partner p WHERE p.application_id = a.id), '[]'::jsonb)),
    'aid', jsonb_build_object('instrument', a.aid_instrument, 'requestedAmountNok', a.requested_amount_nok),
    'otherPublicAid', coalesce((SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
        'grantor', o.grantor, 'legalBasis', o.legal_basis, 'amountNok', o.amount_nok, 'coversSameCosts', o.covers_same_costs))
        ORDER BY o.position)
      FROM other_public_aid o WHERE o.application_id = a.id), '[]'::jsonb),
    'costLines', coalesce((SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
        'id', c.id, 'lineNo', c.line_no, 'category', c.category, 'description', c.description, 'amountNok', c.amount_nok,
        'hours', c.hours, 'hourlyRateNok', c.hourly_rate_nok, 'basis', c.basis, 'acquisitionCostNok', c.acquisition_cost_nok,
        'usefulLifeMonths', c.useful_life_months, 'monthsUsed', c.months_used, 'projectUseSharePct', c.project_use_share_pct,
        'monthlyRentNok', c.monthly_rent_nok, 'supplierName', c.supplier_name, 'supplierRelation', c.supplier_relation,
        'incurredFrom', c.incurred_from)) || jsonb_build_object(
        'assessment', CASE WHEN c.approved_amount_nok IS NULL THEN NULL ELSE jsonb_build_object(
          'approvedAmountNok', c.approved_amount_nok, 'reason', c.approval_reason, 'assessedBy', c.assessed_by,
          'assessedByName', (SELECT u.display_name FROM app_user u WHERE u.username = c.assessed_by),
          'assessedAt', ${isoUtc('c.assessed_at')}) END) ORDER BY c.line_no)
      FROM cost_line c WHERE c.application_id = a.id), '[]'::jsonb),
    'judgments', coalesce((SELECT jsonb_agg(jsonb_build_object('criterionId', j.criterion_id, 'outcome', j.outcome,
        'rationale', j.rationale, 'recordedBy', j.recorded_by,
        'recordedByName', (SELECT u.display_name FROM app_user u WHERE u.username = j.recorded_by), 'revision', j.revision,
        'recordedAt', ${isoUtc('j.recorded_at')}) ORDER BY j.criterion_id)
      FROM judgment j WHERE j.application_id = a.id), '[]'::jsonb),
    'corrections', coalesce((SELECT jsonb_agg(jsonb_build_object('path', f.path, 'submittedValue', f.submitted_value,
        'correctedValue', f.corrected_value, 'reason', f.reason, 'correctedBy', f.corrected_by,
        'correctedByName', (SELECT u.display_name FROM app_user u WHERE u.username = f.corrected_by),
        'correctedAt', ${isoUtc('f.corrected_at')}) ORDER BY f.corrected_at, f.id)
      FROM fact_correction f WHERE f.application_id = a.id), '[]'::jsonb),
    'exchangeRate', CASE WHEN a.nok_per_eur_override IS NULL THEN NULL
      ELSE jsonb_build_object('nokPerEur', a.nok_per_eur_override, 'reason', a.nok_per_eur_override_reason,
        'date', a.nok_per_eur_override_date) END,
    'evaluation', CASE WHEN a.latest_evaluation_id IS NULL THEN NULL ELSE jsonb_build_object(
      'id', a.latest_evaluation_id, 'flags', jsonb_build_object('fail', a.flag_fail, 'missing', a.flag_missing,
      'refer', a.flag_refer, 'assess', a.flag_assess), 'eligibleCostsNok', a.eligible_costs_nok, 'maxAidNok', a.max_aid_nok) END
  ) AS view, a.assignee_id, ${OPEN_RECOMMENDER} AS recommended_by, ${PARTICIPANTS} AS participants
  FROM application a
  JOIN applicant ap ON ap.application_id = a.id
  LEFT JOIN app_user u ON u.id = a.assignee_id
  WHERE a.id = $1`;
