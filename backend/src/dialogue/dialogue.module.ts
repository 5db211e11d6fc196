import { Module } from '@nestjs/common';
import { InformationRequestsController } from './information-requests.controller';
import { InformationRequestsRepository } from './information-requests.repository';
import { InformationRequestsService } from './information-requests.service';

/** The dialogue with the applicant: information requests and the replies the portal posts. */
@Module({
  controllers: [InformationRequestsController],
  providers: [InformationRequestsService, InformationRequestsRepository],
})
export class DialogueModule {}
