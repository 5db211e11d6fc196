import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { NotificationStreams } from './notification-streams';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

/**
 * Notifications for staff in the console (docs/notifications.md): the features write them with
 * their changes through the case kernel (CasesService.notify); this module lists them, marks them
 * read, streams new ones as server-sent events, and runs the daily deadline job.
 */
@Module({
  imports: [JobsModule],
  controllers: [NotificationsController],
  providers: [NotificationsService, NotificationsRepository, NotificationStreams],
})
export class NotificationsModule {}
