import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { ApiAuthenticatedProblems } from '../common/openapi';
import { JobsOverviewResponse } from './dto/jobs-overview.response';
import { JobsRepository } from './jobs.repository';
import { JobsService } from './jobs.service';

@ApiTags('admin')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller('admin/jobs')
export class JobsController {
  constructor(
    private readonly jobs: JobsService,
    private readonly repository: JobsRepository,
  ) {}

  @Get()
  // The office's managers, and the administrators who run the installation.
  @Roles('manager', 'admin')
  @ApiOperation({
    operationId: 'listJobs',
    summary: 'The background jobs: each with its waiting, running, retrying and failed jobs, and the latest failures with their errors',
  })
  @ApiOkResponse({ type: JobsOverviewResponse })
  async overview(): Promise<JobsOverviewResponse> {
    const definitions = this.jobs.definitions();
    const [counts, failures, backlogs] = await Promise.all([
      this.repository.counts(),
      this.repository.failures(),
      Promise.all(definitions.map((job) => (job.backlog ? job.backlog() : Promise.resolve(null)))),
    ]);
    const byName = new Map(counts.map((c) => [c.name, c]));
    return {
      runningHere: this.jobs.running,
      queues: definitions.map((job, i) => ({
        name: job.name,
        description: job.description,
        schedule: job.schedule,
        pending: byName.get(job.name)?.pending ?? 0,
        active: byName.get(job.name)?.active ?? 0,
        failed: byName.get(job.name)?.failed ?? 0,
        retrying: byName.get(job.name)?.retrying ?? 0,
        backlog: backlogs[i] && { waiting: backlogs[i].waiting, failing: backlogs[i].failing },
      })),
      failures: [
        ...failures,
        ...definitions.flatMap((job, i) =>
          (backlogs[i]?.failures ?? []).map((f) => ({ subject: 'item' as const, name: job.name, maxAttempts: null, failedAt: null, ...f })),
        ),
      ],
    };
  }
}
