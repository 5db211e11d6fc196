import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { OutboxController } from './outbox.controller';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';

/** What the portal is told: the outbox it reads, and the deliveries to its webhook. */
@Module({
  imports: [JobsModule],
  controllers: [OutboxController],
  providers: [OutboxService, OutboxRepository],
})
export class PortalModule {}
