import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { RECORDED_JUDGMENT_OUTCOMES } from '../../cases';

@ApiSchema({ name: 'JudgmentRecorded', description: "A judgment as recorded, with the case's version afterwards" })
export class JudgmentRecordedResponse {
  @ApiProperty({ example: 'J-INNO-01' })
  criterionId: string;

  @ApiProperty({ enum: RECORDED_JUDGMENT_OUTCOMES })
  outcome: string;

  @ApiProperty()
  rationale: string;

  @ApiProperty({ description: 'Username' })
  recordedBy: string;

  @ApiProperty()
  recordedByName: string;

  @ApiProperty({ type: 'integer', description: "The case's version afterwards" })
  version: number;

  @ApiProperty({ type: 'integer', description: 'The first judgment of a criterion is revision 1' })
  revision: number;
}

@ApiSchema({ name: 'JudgmentRevision', description: 'One revision of a judgment' })
export class JudgmentRevisionResponse {
  @ApiProperty({ example: 'J-INNO-01' })
  criterionId: string;

  @ApiProperty({ type: 'integer' })
  revision: number;

  @ApiProperty({ enum: RECORDED_JUDGMENT_OUTCOMES })
  outcome: string;

  @ApiProperty()
  rationale: string;

  @ApiProperty({ description: 'Username' })
  recordedBy: string;

  @ApiProperty({ type: String, nullable: true })
  recordedByName: string | null;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}
