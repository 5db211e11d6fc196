import { Module } from '@nestjs/common';
import { EvaluationsController } from './evaluations.controller';
import { EvaluationsRepository } from './evaluations.repository';
import { EvaluationsService } from './evaluations.service';

/** The rulebook on a case: runs, history, replay, what-if, and corrections of facts and the exchange rate. */
@Module({
  controllers: [EvaluationsController],
  providers: [EvaluationsService, EvaluationsRepository],
  // The case report reads the latest evaluation as the case page does.
  exports: [EvaluationsService],
})
export class EvaluationsModule {}
