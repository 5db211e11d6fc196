import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions, ApiSchema } from '@nestjs/swagger';
import { RECORDED_JUDGMENT_OUTCOMES } from '../../cases';

/*
 * The input snapshot a stored evaluation read (CaseSnapshot in rulebook/types.ts): the submitted
 * document with the caseworker's corrections applied, cost-line ids and approved amounts, and the
 * recorded judgments. Any field may be absent or null; the rules then report what is missing.
 */

const maybe = (options: ApiPropertyOptions = {}) => ApiPropertyOptional({ nullable: true, ...options } as ApiPropertyOptions);
const text = (options: ApiPropertyOptions = {}) => maybe({ type: String, ...options } as ApiPropertyOptions);
const number = () => maybe({ type: Number });
const flag = () => maybe({ type: Boolean });
const date = () => text({ format: 'date' });

@ApiSchema({ name: 'FinancialYearSnapshot' })
export class FinancialYearSnapshotResponse {
  @maybe({ type: 'integer' }) year?: number | null;
  @number() annualWorkUnits?: number | null;
  @number() turnoverNok?: number | null;
  @number() balanceSheetNok?: number | null;
  @number() shareCapitalNok?: number | null;
  @number() otherEquityNok?: number | null;
  @number() debtNok?: number | null;
  @number() ebitdaNok?: number | null;
  @number() interestExpenseNok?: number | null;
}

@ApiSchema({ name: 'RelatedEnterpriseSnapshot' })
export class RelatedEnterpriseSnapshotResponse {
  @text() name?: string | null;
  @text() orgNumber?: string | null;
  @text() relation?: string | null;
  @number() sharePct?: number | null;
  @number() annualWorkUnits?: number | null;
  @number() turnoverNok?: number | null;
  @number() balanceSheetNok?: number | null;
}

@ApiSchema({ name: 'ApplicantSnapshot' })
export class ApplicantSnapshotResponse {
  @text() orgNumber?: string | null;
  @text() name?: string | null;
  @text() companyForm?: string | null;
  @date() incorporatedOn?: string | null;
  @text() naceCode?: string | null;
  @text() county?: string | null;
  @number() publicOwnershipPct?: number | null;
  @maybe({ type: [FinancialYearSnapshotResponse] }) financials?: FinancialYearSnapshotResponse[] | null;
  @maybe({ type: [RelatedEnterpriseSnapshotResponse] }) relatedEnterprises?: RelatedEnterpriseSnapshotResponse[] | null;
  @flag() insolvencyProceedings?: boolean | null;
  @flag() outstandingRescueAid?: boolean | null;
  @flag() outstandingRecoveryOrder?: boolean | null;
}

@ApiSchema({ name: 'CollaborationPartnerSnapshot' })
export class CollaborationPartnerSnapshotResponse {
  @text() name?: string | null;
  @text() orgNumber?: string | null;
  @text() sizeClass?: string | null;
  @number() eligibleCostsNok?: number | null;
}

@ApiSchema({ name: 'ProjectSnapshot' })
export class ProjectSnapshotResponse {
  @text() title?: string | null;
  @text() description?: string | null;
  @maybe({ type: [String] }) innovationTypes?: string[] | null;
  @date() startDate?: string | null;
  @date() endDate?: string | null;
  @date() firstBindingCommitmentDate?: string | null;
  @text() location?: string | null;
  @flag() circularTransition?: boolean | null;
  @maybe({ type: [CollaborationPartnerSnapshotResponse] }) collaborationPartners?: CollaborationPartnerSnapshotResponse[] | null;
}

@ApiSchema({ name: 'AidSnapshot' })
export class AidSnapshotResponse {
  @text() instrument?: string | null;
  @number() requestedAmountNok?: number | null;
}

@ApiSchema({ name: 'OtherPublicAidSnapshot' })
export class OtherPublicAidSnapshotResponse {
  @text() grantor?: string | null;
  @text() legalBasis?: string | null;
  @number() amountNok?: number | null;
  @flag() coversSameCosts?: boolean | null;
}

@ApiSchema({ name: 'CostLineSnapshot' })
export class CostLineSnapshotResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @text() category?: string | null;
  @text() description?: string | null;
  @number() amountNok?: number | null;
  @number() hours?: number | null;
  @number() hourlyRateNok?: number | null;
  @text() basis?: string | null;
  @number() acquisitionCostNok?: number | null;
  @number() usefulLifeMonths?: number | null;
  @number() monthsUsed?: number | null;
  @number() projectUseSharePct?: number | null;
  @number() monthlyRentNok?: number | null;
  @text() supplierName?: string | null;
  @text() supplierRelation?: string | null;
  @date() incurredFrom?: string | null;
  @maybe({ type: Number, description: "The caseworker's approved amount" }) approvedAmountNok?: number | null;
  @text() approvalReason?: string | null;
}

@ApiSchema({ name: 'JudgmentRecord' })
export class JudgmentRecordResponse {
  @ApiProperty() criterionId: string;
  @ApiProperty({ enum: RECORDED_JUDGMENT_OUTCOMES }) outcome: string;
  @ApiProperty() rationale: string;
}

@ApiSchema({
  name: 'CaseSnapshot',
  description: 'What the rulebook read: the document as corrected, with ids, approved amounts and judgments',
})
export class CaseSnapshotResponse {
  @text() externalRef?: string | null;
  @text({ format: 'date-time' }) receivedAt?: string | null;
  @maybe({ type: ApplicantSnapshotResponse }) applicant?: ApplicantSnapshotResponse | null;
  @maybe({ type: ProjectSnapshotResponse }) project?: ProjectSnapshotResponse | null;
  @maybe({ type: AidSnapshotResponse }) aid?: AidSnapshotResponse | null;
  @maybe({ type: [OtherPublicAidSnapshotResponse] }) otherPublicAid?: OtherPublicAidSnapshotResponse[] | null;
  @maybe({ type: [CostLineSnapshotResponse] }) costLines?: CostLineSnapshotResponse[] | null;
  @maybe({ type: [JudgmentRecordResponse] }) judgments?: JudgmentRecordResponse[] | null;
}
