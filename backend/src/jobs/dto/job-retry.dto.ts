import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** The path of a job's retry: its id in the queue (graphile-worker's bigint, as digits). */
export class JobIdParams {
  @ApiProperty({ description: 'The job’s id in the queue (as the failures list it)', example: '42' })
  @Matches(/^[1-9]\d{0,17}$/, { message: 'jobId must be a job’s id: digits' })
  jobId: string;
}

export class JobRetryResponse {
  @ApiProperty({ description: 'The job’s id in the queue' })
  id: string;
  @ApiProperty({ example: 'portal-delivery' })
  name: string;
  @ApiProperty({ description: 'Attempts made: 0 again, so it has every try ahead of it' })
  attempts: number;
  @ApiProperty()
  maxAttempts: number;
  @ApiProperty({ format: 'date-time', description: 'When a runner takes it: now' })
  runAt: string;
}
