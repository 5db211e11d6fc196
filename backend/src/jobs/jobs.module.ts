import { Module } from '@nestjs/common';
import { JobsController } from './jobs.controller';
import { JobsRepository } from './jobs.repository';
import { JobsService } from './jobs.service';

/**
 * Background jobs on PostgreSQL (docs/jobs-and-outbox.md): the runner the features register their
 * jobs with, and the admin view. Knows no feature: each imports this module and registers its own
 * jobs.
 */
@Module({
  controllers: [JobsController],
  providers: [JobsService, JobsRepository],
  exports: [JobsService],
})
export class JobsModule {}
