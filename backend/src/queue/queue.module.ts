import { Module } from '@nestjs/common';
import { QueueController, QueueCountsController } from './queue.controller';
import { QueueRepository } from './queue.repository';
import { QueueService } from './queue.service';

/** The queues and who works which case. */
@Module({ controllers: [QueueController, QueueCountsController], providers: [QueueService, QueueRepository] })
export class QueueModule {}
