import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Pool } from 'pg';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { AUDIT_EVENT_INSERT, AUDIT_WRITTEN_COLUMNS, AuditAnchors, CaseStatus, saveAnchorStatement, WrittenEventRow } from '../cases';
import { queryOne } from '../common/sql';

/** What the intake statement returns for a new case. */
export interface InsertedCaseRow {
  id: string;
  reference: string;
  received_at: string;
  created_at: string;
  updated_at: string;
}

/** A submission found by its externalRef. */
export interface StoredSubmissionRow {
  id: string;
  submission_hash: string;
  reference: string;
  status: CaseStatus;
  version: number;
  sla_due_on: string;
  received_at: string;
  cost_line_ids: string[];
}

/**
 * Intake's SQL. A new application goes in as one statement (see INSERT_APPLICATION_SQL), the case
 * row written once rather than inserted and then updated with its first evaluation's summary; the
 * anchor of its audit events follows in the same transaction (it signs the hashes the statement
 * returns). The insert is a named prepared statement, so PostgreSQL plans it once per connection;
 * planning cost as much as a good part of executing it.
 */
@Injectable()
export class IntakeRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly anchors: AuditAnchors,
  ) {}

  /**
   * Inserts the case with its parts, first evaluation and both audit events, and signs the
   * events' anchor (AuditAnchors), in one transaction; undefined when the externalRef exists.
   * Three round trips on a pool connection of its own, rather than TypeORM's transaction: BEGIN,
   * the insert, and the anchor together with the COMMIT. This is the hottest write of the system.
   */
  async insert(params: unknown[]): Promise<InsertedCaseRow | undefined> {
    const client = await ((this.dataSource.driver as PostgresDriver).master as Pool).connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<InsertedCaseRow & { audit: WrittenEventRow[] }>({
        name: 'intake-insert',
        text: INSERT_APPLICATION_SQL,
        values: params,
      });
      if (!rows.length) {
        await client.query('COMMIT');
        return undefined;
      }
      const { audit, ...inserted } = rows[0];
      // A new case's stream has no anchor yet.
      const written = audit.map((e) => ({ seq: e.stream_seq, prevHash: e.prev_hash, hash: e.hash }));
      await client.query(`${saveAnchorStatement(this.anchors.signed(inserted.id, null, written))}; COMMIT`);
      return inserted;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** The stored submission with this externalRef: its hash, and what the portal's answer gives besides the document. */
  async findByExternalRef(externalRef: string): Promise<StoredSubmissionRow | undefined> {
    return queryOne(
      this.dataSource,
      `SELECT a.id, a.submission_hash, a.reference, a.status, a.version, a.sla_due_on,
              to_char(a.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS received_at,
              ARRAY(SELECT c.id FROM cost_line c WHERE c.application_id = a.id ORDER BY c.line_no) AS cost_line_ids
         FROM application a WHERE a.external_ref = $1`,
      [externalRef],
    );
  }
}

const num = (expr: string) => `(${expr})::numeric`;
const int8 = (expr: string) => `(${expr})::bigint`;

/**
 * $1 the document (validated against the intake schema), $2 its hash, $3 the SLA due date, $4/$5
 * the actor, $6 the case id, $7 the cost-line ids in document order, $8 the evaluation id, $9-$17
 * the evaluation (evaluationColumns), $18-$25 the summary it leaves on the case (summaryColumns),
 * $26 its audit data. Nothing is written when the externalRef exists already.
 */
const INSERT_APPLICATION_SQL = `
  WITH d AS (SELECT $1::jsonb AS doc),
  app AS (
    INSERT INTO application (id, reference, external_ref, submission_hash, submitted_document, status, received_at, sla_due_on,
        applicant_name, org_number, county, project_title, project_description, innovation_types, start_date, end_date,
        first_binding_commitment_date, location, circular_transition, aid_instrument, requested_amount_nok,
        latest_evaluation_id, rule_outcomes, flag_fail, flag_missing, flag_refer, flag_assess, size_class,
        eligible_costs_nok, max_aid_nok)
    SELECT $6, 'PIO-' || to_char((doc->>'receivedAt')::timestamptz AT TIME ZONE 'Europe/Oslo', 'YYYY') || '-' ||
             (SELECT lpad(n::text, greatest(6, length(n::text)), '0') FROM nextval('application_reference_seq') n),
           doc->>'externalRef', $2, doc, 'received', (doc->>'receivedAt')::timestamptz, $3::date,
           doc->'applicant'->>'name', doc->'applicant'->>'orgNumber', doc->'applicant'->>'county',
           doc->'project'->>'title', doc->'project'->>'description',
           ARRAY(SELECT jsonb_array_elements_text(doc->'project'->'innovationTypes')),
           (doc->'project'->>'startDate')::date, (doc->'project'->>'endDate')::date,
           (doc->'project'->>'firstBindingCommitmentDate')::date, doc->'project'->>'location',
           (doc->'project'->>'circularTransition')::boolean, doc->'aid'->>'instrument', ${int8("doc->'aid'->>'requestedAmountNok'")},
           $8, $18, $19, $20, $21, $22, $23, $24, $25
      FROM d
    ON CONFLICT ON CONSTRAINT uq_application_external_ref DO NOTHING
    RETURNING id, reference, external_ref, received_at, created_at, updated_at
  ), applicant_row AS (
    INSERT INTO applicant (application_id, org_number, name, company_form, incorporated_on, nace_code, county,
        public_ownership_pct, insolvency_proceedings, outstanding_rescue_aid, outstanding_recovery_order)
    SELECT app.id, a->>'orgNumber', a->>'name', a->>'companyForm', (a->>'incorporatedOn')::date, a->>'naceCode', a->>'county',
           ${num("a->>'publicOwnershipPct'")}, (a->>'insolvencyProceedings')::boolean, (a->>'outstandingRescueAid')::boolean,
           (a->>'outstandingRecoveryOrder')::boolean
      FROM app, d, LATERAL (SELECT doc->'applicant' AS a) x
  ), financials AS (
    INSERT INTO financial_year (application_id, year, annual_work_units, turnover_nok, balance_sheet_nok, share_capital_nok,
        other_equity_nok, debt_nok, ebitda_nok, interest_expense_nok)
    SELECT app.id, (f->>'year')::int, ${num("f->>'annualWorkUnits'")}, ${int8("f->>'turnoverNok'")}, ${int8("f->>'balanceSheetNok'")},
           ${int8("f->>'shareCapitalNok'")}, ${int8("f->>'otherEquityNok'")}, ${int8("f->>'debtNok'")}, ${int8("f->>'ebitdaNok'")},
           ${int8("f->>'interestExpenseNok'")}
      FROM app, d, jsonb_array_elements(coalesce(doc->'applicant'->'financials', '[]')) f
  ), related AS (
    INSERT INTO related_enterprise (application_id, position, name, org_number, relation, share_pct, annual_work_units,
        turnover_nok, balance_sheet_nok)
    SELECT app.id, r.n - 1, r.e->>'name', r.e->>'orgNumber', r.e->>'relation', ${num("r.e->>'sharePct'")},
           ${num("r.e->>'annualWorkUnits'")}, ${int8("r.e->>'turnoverNok'")}, ${int8("r.e->>'balanceSheetNok'")}
      FROM app, d, jsonb_array_elements(coalesce(doc->'applicant'->'relatedEnterprises', '[]')) WITH ORDINALITY r(e, n)
  ), partners AS (
    INSERT INTO collaboration_partner (application_id, position, name, org_number, size_class, eligible_costs_nok)
    SELECT app.id, p.n - 1, p.e->>'name', p.e->>'orgNumber', p.e->>'sizeClass', ${int8("p.e->>'eligibleCostsNok'")}
      FROM app, d, jsonb_array_elements(coalesce(doc->'project'->'collaborationPartners', '[]')) WITH ORDINALITY p(e, n)
  ), other_aid AS (
    INSERT INTO other_public_aid (application_id, position, grantor, legal_basis, amount_nok, covers_same_costs)
    SELECT app.id, o.n - 1, o.e->>'grantor', o.e->>'legalBasis', ${int8("o.e->>'amountNok'")}, (o.e->>'coversSameCosts')::boolean
      FROM app, d, jsonb_array_elements(coalesce(doc->'otherPublicAid', '[]')) WITH ORDINALITY o(e, n)
  ), lines AS (
    INSERT INTO cost_line (id, application_id, line_no, category, description, amount_nok, hours, hourly_rate_nok, basis,
        acquisition_cost_nok, useful_life_months, months_used, project_use_share_pct, monthly_rent_nok, supplier_name,
        supplier_relation, incurred_from)
    SELECT ($7::uuid[])[c.n], app.id, c.n, c.l->>'category', c.l->>'description', ${int8("c.l->>'amountNok'")}, ${num("c.l->>'hours'")},
           ${int8("c.l->>'hourlyRateNok'")}, c.l->>'basis', ${int8("c.l->>'acquisitionCostNok'")}, ${num("c.l->>'usefulLifeMonths'")},
           ${num("c.l->>'monthsUsed'")}, ${num("c.l->>'projectUseSharePct'")}, ${int8("c.l->>'monthlyRentNok'")},
           c.l->>'supplierName', c.l->>'supplierRelation', (c.l->>'incurredFrom')::date
      FROM app, d, jsonb_array_elements(doc->'costLines') WITH ORDINALITY c(l, n)
  ), evaluation AS (
    INSERT INTO evaluation (id, application_id, evaluated_by, reason, rulebook_version, parameter_set, evaluation_date,
        nok_per_eur, fx_source, fx_date, input_hash, input_snapshot, result)
    SELECT $8, app.id, $5, 'intake', $9, $10, $11, $12, $13, $14, $15, $16, $17 FROM app
  ), audit AS (
    -- One INSERT, rows in order: the chain trigger of the second sees the first.
    ${AUDIT_EVENT_INSERT}
    SELECT $4, $5, app.id, e.kind, e.data
      FROM app, LATERAL (VALUES
        (1, 'intake', jsonb_build_object('after', jsonb_build_object('reference', app.reference,
             'externalRef', app.external_ref, 'status', 'received', 'submissionHash', $2::text))),
        (2, 'evaluation', $26::jsonb)) e(n, kind, data)
     ORDER BY e.n
    RETURNING ${AUDIT_WRITTEN_COLUMNS}
  )
  SELECT app.id, app.reference,
         -- the events as written, for their anchor (a new case's stream has none yet)
         (SELECT json_agg(json_build_object('stream_seq', stream_seq, 'prev_hash', prev_hash, 'hash', hash) ORDER BY stream_seq)
            FROM audit) AS audit,
         to_char(app.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS received_at,
         to_char(app.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
         to_char(app.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS updated_at
    FROM app`;
