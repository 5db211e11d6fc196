import { Global, Module } from '@nestjs/common';
import { AccessLog } from './access-log';
import { AccessLogController } from './access-log.controller';
import { AccessLogRepository } from './access-log.repository';
import { AccessLogService } from './access-log.service';
import { AccessObserver } from './access-observer';

/**
 * The access log: who read which case, document or letter, and the sign-ins and refusals
 * (docs/operations.md, "The access log"). Routes mark themselves with `@AccessLogged`; the
 * observer records each answer, and AccessLog writes the rows in batches off the request path.
 */
@Global()
@Module({
  controllers: [AccessLogController],
  providers: [AccessLog, AccessLogRepository, AccessLogService, AccessObserver],
  exports: [AccessLog],
})
export class AccessModule {}
