import { Column, Entity, JoinColumn, ManyToOne, OneToMany, OneToOne, PrimaryColumn, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { User } from '../users/user.entity';

export const STATUSES = ['received', 'in_review', 'awaiting_applicant', 'recommended', 'decided', 'withdrawn'] as const;
export type ApplicationStatus = (typeof STATUSES)[number];
export const SIZE_CLASSES = ['micro', 'small', 'medium', 'large'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];

/** A case: one application as submitted through the portal, and its state in casework. */
@Entity({ name: 'application' })
export class Application {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' }) reference: string;
  @Column({ name: 'external_ref', type: 'text' }) externalRef: string;
  @Column({ name: 'submission_hash', type: 'text' }) submissionHash: string;
  @Column({ name: 'submitted_document', type: 'jsonb', select: false }) submittedDocument: unknown;
  @Column({ type: 'text' }) status: ApplicationStatus;
  @Column({ name: 'assignee_id', type: 'uuid', nullable: true }) assigneeId: string | null;
  @ManyToOne(() => User, { nullable: true })
  @JoinColumn({ name: 'assignee_id' })
  assignee: User | null;
  @Column({ type: 'integer' }) version: number;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt: Date;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  @Column({ name: 'sla_due_on', type: 'date' }) slaDueOn: string;
  @Column({ name: 'applicant_name', type: 'text' }) applicantName: string;
  @Column({ name: 'org_number', type: 'text' }) orgNumber: string;
  @Column({ type: 'text', nullable: true }) county: string | null;
  @Column({ name: 'project_title', type: 'text' }) projectTitle: string;
  @Column({ name: 'project_description', type: 'text', nullable: true }) projectDescription: string | null;
  @Column({ name: 'innovation_types', type: 'text', array: true }) innovationTypes: string[];
  @Column({ name: 'start_date', type: 'date', nullable: true }) startDate: string | null;
  @Column({ name: 'end_date', type: 'date', nullable: true }) endDate: string | null;
  @Column({ name: 'first_binding_commitment_date', type: 'date', nullable: true }) firstBindingCommitmentDate: string | null;
  @Column({ type: 'text', nullable: true }) location: string | null;
  @Column({ name: 'circular_transition', type: 'boolean', nullable: true }) circularTransition: boolean | null;
  @Column({ name: 'aid_instrument', type: 'text' }) aidInstrument: string;
  @Column({ name: 'requested_amount_nok', type: 'bigint' }) requestedAmountNok: number;
  @Column({ name: 'size_class', type: 'text', nullable: true }) sizeClass: SizeClass | null;
  @Column({ name: 'decision_outcome', type: 'text', nullable: true }) decisionOutcome: 'granted' | 'rejected' | null;

  @OneToOne(() => Applicant, (a) => a.application) applicant: Relation<Applicant>;
  @OneToMany(() => FinancialYear, (f) => f.application) financials: FinancialYear[];
  @OneToMany(() => RelatedEnterprise, (r) => r.application) relatedEnterprises: RelatedEnterprise[];
  @OneToMany(() => CollaborationPartner, (p) => p.application) collaborationPartners: CollaborationPartner[];
  @OneToMany(() => OtherPublicAid, (o) => o.application) otherPublicAid: OtherPublicAid[];
  @OneToMany(() => CostLine, (c) => c.application) costLines: CostLine[];
}

@Entity({ name: 'applicant' })
export class Applicant {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @OneToOne(() => Application, (a) => a.applicant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application: Application;
  @Column({ name: 'org_number', type: 'text' }) orgNumber: string;
  @Column({ type: 'text' }) name: string;
  @Column({ name: 'company_form', type: 'text' }) companyForm: string;
  @Column({ name: 'incorporated_on', type: 'date', nullable: true }) incorporatedOn: string | null;
  @Column({ name: 'nace_code', type: 'text', nullable: true }) naceCode: string | null;
  @Column({ type: 'text', nullable: true }) county: string | null;
  @Column({ name: 'public_ownership_pct', type: 'numeric', nullable: true }) publicOwnershipPct: number | null;
  @Column({ name: 'insolvency_proceedings', type: 'boolean', nullable: true }) insolvencyProceedings: boolean | null;
  @Column({ name: 'outstanding_rescue_aid', type: 'boolean', nullable: true }) outstandingRescueAid: boolean | null;
  @Column({ name: 'outstanding_recovery_order', type: 'boolean', nullable: true }) outstandingRecoveryOrder: boolean | null;
}

@Entity({ name: 'financial_year' })
export class FinancialYear {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @ManyToOne(() => Application, (a) => a.financials, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application: Application;
  @Column({ type: 'integer' }) year: number;
  @Column({ name: 'annual_work_units', type: 'numeric', nullable: true }) annualWorkUnits: number | null;
  @Column({ name: 'turnover_nok', type: 'bigint', nullable: true }) turnoverNok: number | null;
  @Column({ name: 'balance_sheet_nok', type: 'bigint', nullable: true }) balanceSheetNok: number | null;
  @Column({ name: 'share_capital_nok', type: 'bigint', nullable: true }) shareCapitalNok: number | null;
  @Column({ name: 'other_equity_nok', type: 'bigint', nullable: true }) otherEquityNok: number | null;
  @Column({ name: 'debt_nok', type: 'bigint', nullable: true }) debtNok: number | null;
  @Column({ name: 'ebitda_nok', type: 'bigint', nullable: true }) ebitdaNok: number | null;
  @Column({ name: 'interest_expense_nok', type: 'bigint', nullable: true }) interestExpenseNok: number | null;
}

@Entity({ name: 'related_enterprise' })
export class RelatedEnterprise {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @ManyToOne(() => Application, (a) => a.relatedEnterprises, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application: Application;
  @Column({ type: 'integer' }) position: number;
  @Column({ type: 'text' }) name: string;
  @Column({ name: 'org_number', type: 'text', nullable: true }) orgNumber: string | null;
  @Column({ type: 'text' }) relation: 'linked' | 'partner';
  @Column({ name: 'share_pct', type: 'numeric', nullable: true }) sharePct: number | null;
  @Column({ name: 'annual_work_units', type: 'numeric', nullable: true }) annualWorkUnits: number | null;
  @Column({ name: 'turnover_nok', type: 'bigint', nullable: true }) turnoverNok: number | null;
  @Column({ name: 'balance_sheet_nok', type: 'bigint', nullable: true }) balanceSheetNok: number | null;
}

@Entity({ name: 'collaboration_partner' })
export class CollaborationPartner {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @ManyToOne(() => Application, (a) => a.collaborationPartners, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application: Application;
  @Column({ type: 'integer' }) position: number;
  @Column({ type: 'text' }) name: string;
  @Column({ name: 'org_number', type: 'text', nullable: true }) orgNumber: string | null;
  @Column({ name: 'size_class', type: 'text', nullable: true }) sizeClass: SizeClass | null;
  @Column({ name: 'eligible_costs_nok', type: 'bigint', nullable: true }) eligibleCostsNok: number | null;
}

@Entity({ name: 'other_public_aid' })
export class OtherPublicAid {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @ManyToOne(() => Application, (a) => a.otherPublicAid, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application: Application;
  @Column({ type: 'integer' }) position: number;
  @Column({ type: 'text' }) grantor: string;
  @Column({ name: 'legal_basis', type: 'text', nullable: true }) legalBasis: string | null;
  @Column({ name: 'amount_nok', type: 'bigint' }) amountNok: number;
  @Column({ name: 'covers_same_costs', type: 'boolean' }) coversSameCosts: boolean;
}

@Entity({ name: 'cost_line' })
export class CostLine {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
  @ManyToOne(() => Application, (a) => a.costLines, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application: Application;
  @Column({ name: 'line_no', type: 'integer' }) lineNo: number;
  @Column({ type: 'text' }) category: string;
  @Column({ type: 'text' }) description: string;
  @Column({ name: 'amount_nok', type: 'bigint' }) amountNok: number;
  @Column({ type: 'numeric', nullable: true }) hours: number | null;
  @Column({ name: 'hourly_rate_nok', type: 'bigint', nullable: true }) hourlyRateNok: number | null;
  @Column({ type: 'text', nullable: true }) basis: 'depreciation' | 'rental' | null;
  @Column({ name: 'acquisition_cost_nok', type: 'bigint', nullable: true }) acquisitionCostNok: number | null;
  @Column({ name: 'useful_life_months', type: 'numeric', nullable: true }) usefulLifeMonths: number | null;
  @Column({ name: 'months_used', type: 'numeric', nullable: true }) monthsUsed: number | null;
  @Column({ name: 'project_use_share_pct', type: 'numeric', nullable: true }) projectUseSharePct: number | null;
  @Column({ name: 'monthly_rent_nok', type: 'bigint', nullable: true }) monthlyRentNok: number | null;
  @Column({ name: 'supplier_name', type: 'text', nullable: true }) supplierName: string | null;
  @Column({ name: 'supplier_relation', type: 'text', nullable: true }) supplierRelation: string | null;
  @Column({ name: 'incurred_from', type: 'date', nullable: true }) incurredFrom: string | null;
}
