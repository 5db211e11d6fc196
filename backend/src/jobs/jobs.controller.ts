import { Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { ApiAuthenticatedProblems, ApiProblems } from '../common/openapi';
import { JobIdParams, JobRetryResponse } from './dto/job-retry.dto';
import { JobsOverviewResponse } from './dto/jobs-overview.response';
import { jobProblem } from './jobs.errors';
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
        backlog: backlogs[i] && {
          waiting: backlogs[i].waiting,
          failing: backlogs[i].failing,
          oldestWaitingAt: backlogs[i].oldestWaitingAt,
        },
      })),
      failures: [
        ...failures,
        ...definitions.flatMap((job, i) =>
          (backlogs[i]?.failures ?? []).map((f) => ({ subject: 'item' as const, name: job.name, maxAttempts: null, failedAt: null, ...f })),
        ),
      ],
    };
  }

  @Post(':jobId/retry')
  @HttpCode(200)
  // Only those who run the installation: a retry changes what the queue does.
  @Roles('admin')
  @ApiOperation({
    operationId: 'retryJob',
    summary:
      'Runs a job again now with all its attempts ahead of it (a failed one, or one waiting out its backoff); recorded in the access log (job-retried)',
  })
  @ApiOkResponse({ type: JobRetryResponse })
  @ApiProblems(
    400,
    [403, 'Not an administrator'],
    [404, 'No such job in the queue: it finished meanwhile, or the id is wrong (job-not-found)'],
    [409, 'The job is running now (job-running)'],
  )
  async retry(@Param() params: JobIdParams, @CurrentActor() actor: Actor, @Req() request: FastifyRequest): Promise<JobRetryResponse> {
    const outcome = await this.repository.retry(params.jobId, {
      username: actor.username,
      route: `POST ${request.routeOptions?.url ?? '/api/admin/jobs/:jobId/retry'}`.slice(0, 300),
      requestId: String(request.id).slice(0, 100),
      clientAddress: request.ip?.slice(0, 100) ?? null,
    });
    if (outcome === 'missing') throw jobProblem('job-not-found', `There is no job ${params.jobId} in the queue; it may have finished`);
    if (outcome === 'running')
      throw jobProblem('job-running', `Job ${params.jobId} is running now; try again when it has failed or finished`);
    return outcome;
  }
}
