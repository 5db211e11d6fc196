import { ApiProperty } from '@nestjs/swagger';

export class JobBacklogResponse {
  @ApiProperty({ description: 'Items waiting (for portal-delivery: messages not yet acknowledged by the portal)' })
  waiting: number;
  @ApiProperty({ description: 'Of those, the ones whose last try failed' })
  failing: number;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the oldest waiting item was written (for portal-delivery: the oldest undelivered message); null when none waits',
  })
  oldestWaitingAt: string | null;
}

export class JobQueueResponse {
  @ApiProperty({ description: 'The job (its task name in the queue)', example: 'portal-delivery' })
  name: string;
  @ApiProperty({ description: 'What it does' })
  description: string;
  @ApiProperty({ description: 'When the schedule starts it (crontab, UTC)', example: '* * * * *' })
  schedule: string;
  @ApiProperty({ description: 'Waiting to run, including tries waiting for their backoff to pass' })
  pending: number;
  @ApiProperty({ description: 'Running now (locked by a process)' })
  active: number;
  @ApiProperty({ description: 'Failed for good: every attempt used; they stay until an operator removes them' })
  failed: number;
  @ApiProperty({ description: 'Failed at least once and waiting for another try' })
  retrying: number;
  @ApiProperty({
    type: JobBacklogResponse,
    nullable: true,
    description: 'The work it carries beyond its own queue entries, when it has such',
  })
  backlog: JobBacklogResponse | null;
}

export class JobFailureResponse {
  @ApiProperty({
    enum: ['job', 'item'],
    description: 'job: a run of the job failed; item: one item of its work failed its last try (a message the portal refused)',
  })
  subject: 'job' | 'item';
  @ApiProperty({ description: 'The job’s id in the queue, or the item’s (a message id)' })
  id: string;
  @ApiProperty()
  name: string;
  @ApiProperty({ description: 'Attempts made' })
  attempts: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Tries a job gets; null for an item, which is tried until it succeeds' })
  maxAttempts: number | null;
  @ApiProperty({ description: 'The error of the last attempt' })
  lastError: string;
  @ApiProperty({ type: String, nullable: true, description: 'When it failed last (jobs only)' })
  failedAt: string | null;
  @ApiProperty({ description: 'When it is tried again; null when every attempt is used', type: String, nullable: true })
  nextAttemptAt: string | null;
}

export class JobsOverviewResponse {
  @ApiProperty({ description: 'Whether this process runs the jobs (JOBS=on); other replicas may' })
  runningHere: boolean;
  @ApiProperty({ type: [JobQueueResponse], description: 'Every job, with its counts' })
  queues: JobQueueResponse[];
  @ApiProperty({ type: [JobFailureResponse], description: 'The latest failures of jobs (at most 20, newest first), then of items' })
  failures: JobFailureResponse[];
}
