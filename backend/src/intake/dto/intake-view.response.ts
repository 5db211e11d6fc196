import { ApiProperty, ApiSchema, OmitType } from '@nestjs/swagger';
import {
  CASE_STATUS_ENUM,
  CaseAidResponse,
  CaseApplicantResponse,
  CaseProjectResponse,
  CaseStatus,
  CostLineResponse,
  OtherPublicAidResponse,
} from '../../cases';

@ApiSchema({ name: 'SubmittedCostLine', description: 'A cost line as submitted, with its id' })
export class SubmittedCostLineResponse extends OmitType(CostLineResponse, ['assessment'] as const) {}

@ApiSchema({
  name: 'IntakeView',
  description:
    "An application as the portal sent it, with the agency's reference and where the case stands: the same shape on 201 and 200, and no casework",
})
export class IntakeViewResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'PIO-2026-000123', description: "The agency's case number; show it to the applicant" })
  reference: string;

  @ApiProperty({ description: "The portal's reference" })
  externalRef: string;

  @ApiProperty(CASE_STATUS_ENUM)
  status: CaseStatus;

  @ApiProperty({ type: 'integer', description: 'The case version (it moves with every change of the case)' })
  version: number;

  @ApiProperty({ format: 'date-time' })
  receivedAt: string;

  @ApiProperty({ format: 'date', description: 'The target date for a decision (moves while the applicant has the case)' })
  slaDueAt: string;

  @ApiProperty({ type: CaseApplicantResponse })
  applicant: CaseApplicantResponse;

  @ApiProperty({ type: CaseProjectResponse })
  project: CaseProjectResponse;

  @ApiProperty({ type: CaseAidResponse })
  aid: CaseAidResponse;

  @ApiProperty({ type: [OtherPublicAidResponse] })
  otherPublicAid: OtherPublicAidResponse[];

  @ApiProperty({ type: [SubmittedCostLineResponse], description: 'In the order submitted' })
  costLines: SubmittedCostLineResponse[];
}
