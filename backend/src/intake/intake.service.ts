import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { ApplicationsService, CaseView } from '../applications/applications.service';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/actor';
import { AppConfig } from '../config/app-config';
import { canonicalJson, sha256Hex } from '../common/canonical-json';
import { Problem } from '../common/problem';
import { addBusinessDays, toOsloDate } from '../sla/business-days';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { IntakeDocument } from './intake.types';
import { validateIntake } from './intake.validator';

export interface IntakeResult {
  created: boolean;
  application: CaseView;
}

@Injectable()
export class IntakeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: ApplicationsService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly evaluations: EvaluationsService,
  ) {}

  /**
   * Stores a submission, or recognises one we already have: the same
   * externalRef with the same body is the portal retrying (200, no duplicate),
   * with another body it is a conflict (409). Concurrent identical requests
   * race on the unique externalRef; the losers find the winner's row.
   */
  async submit(body: unknown, actor: Actor): Promise<IntakeResult> {
    const errors = validateIntake(body);
    if (errors.length) throw Problem.validation(errors);
    const doc = body as IntakeDocument;
    const hash = sha256Hex(canonicalJson(doc));

    const existing = await this.findExisting(doc.externalRef, hash);
    if (existing) return existing;
    try {
      const id = await this.dataSource.transaction((manager) => this.insert(manager, doc, hash, actor));
      return { created: true, application: await this.applications.get(id) };
    } catch (error) {
      if (error instanceof QueryFailedError && (error as { constraint?: string }).constraint === 'uq_application_external_ref') {
        const winner = await this.findExisting(doc.externalRef, hash);
        if (winner) return winner;
      }
      throw error;
    }
  }

  private async findExisting(externalRef: string, hash: string): Promise<IntakeResult | null> {
    const [row] = await this.dataSource.query(`SELECT id, submission_hash FROM application WHERE external_ref = $1`, [
      externalRef,
    ]);
    if (!row) return null;
    if (row.submission_hash !== hash) {
      throw new Problem(
        HttpStatus.CONFLICT,
        'external-ref-conflict',
        'Another application has this externalRef',
        `externalRef ${externalRef} was already submitted with different content; send a new externalRef for a new application`,
        { errors: [{ path: '$.externalRef', message: 'already used by a different submission' }], applicationId: row.id },
      );
    }
    return { created: false, application: await this.applications.get(row.id) };
  }

  private async insert(manager: EntityManager, doc: IntakeDocument, hash: string, actor: Actor): Promise<string> {
    const { applicant: a, project: p } = doc;
    const receivedDate = toOsloDate(doc.receivedAt);
    const [{ id, reference }] = await manager.query(
      `INSERT INTO application (reference, external_ref, submission_hash, submitted_document, status, received_at,
          sla_due_on, applicant_name, org_number, county, project_title, project_description, innovation_types,
          start_date, end_date, first_binding_commitment_date, location, circular_transition, aid_instrument,
          requested_amount_nok)
       VALUES ('PIO-' || to_char($4::timestamptz AT TIME ZONE 'Europe/Oslo', 'YYYY') || '-' ||
               lpad(nextval('application_reference_seq')::text, 6, '0'),
               $1, $2, $3, 'received', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
       RETURNING id, reference`,
      [
        doc.externalRef,
        hash,
        doc,
        doc.receivedAt,
        addBusinessDays(receivedDate, this.config.slaBusinessDays),
        a.name,
        a.orgNumber,
        a.county ?? null,
        p.title,
        p.description ?? null,
        p.innovationTypes,
        p.startDate ?? null,
        p.endDate ?? null,
        p.firstBindingCommitmentDate ?? null,
        p.location ?? null,
        p.circularTransition ?? null,
        doc.aid.instrument,
        doc.aid.requestedAmountNok,
      ],
    );
    await manager.query(
      `INSERT INTO applicant (application_id, org_number, name, company_form, incorporated_on, nace_code, county,
          public_ownership_pct, insolvency_proceedings, outstanding_rescue_aid, outstanding_recovery_order)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        id,
        a.orgNumber,
        a.name,
        a.companyForm,
        a.incorporatedOn ?? null,
        a.naceCode ?? null,
        a.county ?? null,
        a.publicOwnershipPct ?? null,
        a.insolvencyProceedings ?? null,
        a.outstandingRescueAid ?? null,
        a.outstandingRecoveryOrder ?? null,
      ],
    );
    await insertRows(manager, 'financial_year', id, a.financials ?? [], [
      ['year', (f) => f.year],
      ['annual_work_units', (f) => f.annualWorkUnits],
      ['turnover_nok', (f) => f.turnoverNok],
      ['balance_sheet_nok', (f) => f.balanceSheetNok],
      ['share_capital_nok', (f) => f.shareCapitalNok],
      ['other_equity_nok', (f) => f.otherEquityNok],
      ['debt_nok', (f) => f.debtNok],
      ['ebitda_nok', (f) => f.ebitdaNok],
      ['interest_expense_nok', (f) => f.interestExpenseNok],
    ]);
    await insertRows(manager, 'related_enterprise', id, a.relatedEnterprises ?? [], [
      ['position', (_, i) => i],
      ['name', (r) => r.name],
      ['org_number', (r) => r.orgNumber],
      ['relation', (r) => r.relation],
      ['share_pct', (r) => r.sharePct],
      ['annual_work_units', (r) => r.annualWorkUnits],
      ['turnover_nok', (r) => r.turnoverNok],
      ['balance_sheet_nok', (r) => r.balanceSheetNok],
    ]);
    await insertRows(manager, 'collaboration_partner', id, p.collaborationPartners ?? [], [
      ['position', (_, i) => i],
      ['name', (r) => r.name],
      ['org_number', (r) => r.orgNumber],
      ['size_class', (r) => r.sizeClass],
      ['eligible_costs_nok', (r) => r.eligibleCostsNok],
    ]);
    await insertRows(manager, 'other_public_aid', id, doc.otherPublicAid ?? [], [
      ['position', (_, i) => i],
      ['grantor', (r) => r.grantor],
      ['legal_basis', (r) => r.legalBasis],
      ['amount_nok', (r) => r.amountNok],
      ['covers_same_costs', (r) => r.coversSameCosts],
    ]);
    await insertRows(manager, 'cost_line', id, doc.costLines, [
      ['line_no', (_, i) => i + 1],
      ['category', (c) => c.category],
      ['description', (c) => c.description],
      ['amount_nok', (c) => c.amountNok],
      ['hours', (c) => c.hours],
      ['hourly_rate_nok', (c) => c.hourlyRateNok],
      ['basis', (c) => c.basis],
      ['acquisition_cost_nok', (c) => c.acquisitionCostNok],
      ['useful_life_months', (c) => c.usefulLifeMonths],
      ['months_used', (c) => c.monthsUsed],
      ['project_use_share_pct', (c) => c.projectUseSharePct],
      ['monthly_rent_nok', (c) => c.monthlyRentNok],
      ['supplier_name', (c) => c.supplierName],
      ['supplier_relation', (c) => c.supplierRelation],
      ['incurred_from', (c) => c.incurredFrom],
    ]);
    await this.audit.record(manager, actor, {
      kind: 'intake',
      applicationId: id,
      data: { after: { reference, externalRef: doc.externalRef, status: 'received', submissionHash: hash } },
    });
    await this.evaluations.evaluateAndStore(manager, id, actor, 'intake');
    return id;
  }
}

type Column<T> = [string, (row: T, index: number) => unknown];

/** One multi-row INSERT for a list of child rows. */
async function insertRows<T>(manager: EntityManager, table: string, applicationId: string, rows: T[], columns: Column<T>[]) {
  if (!rows.length) return;
  const params: unknown[] = [];
  const values = rows.map((row, i) => {
    params.push(applicationId, ...columns.map(([, get]) => get(row, i) ?? null));
    const base = params.length - columns.length - 1;
    return `(${Array.from({ length: columns.length + 1 }, (_, k) => `$${base + k + 1}`).join(', ')})`;
  });
  await manager.query(
    `INSERT INTO ${table} (application_id, ${columns.map(([name]) => name).join(', ')}) VALUES ${values.join(', ')}`,
    params,
  );
}
