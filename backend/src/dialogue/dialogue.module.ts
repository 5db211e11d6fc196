import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { DeadlinesRepository } from './deadlines.repository';
import { DeadlinesService } from './deadlines.service';
import { InformationRequestsController } from './information-requests.controller';
import { InformationRequestsRepository } from './information-requests.repository';
import { InformationRequestsService } from './information-requests.service';

/**
 * The dialogue with the applicant: information requests and the replies the portal posts, and the
 * deadlines the background jobs keep (a late reply, the preliminary reply).
 */
@Module({
  imports: [JobsModule],
  controllers: [InformationRequestsController],
  providers: [InformationRequestsService, InformationRequestsRepository, DeadlinesService, DeadlinesRepository],
  // The case report reads the requests and replies as the case page does.
  exports: [InformationRequestsService],
})
export class DialogueModule {}
