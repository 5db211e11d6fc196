import { Module } from '@nestjs/common';
import { EvaluationsController } from './evaluations.controller';
import { EvaluationsRepository } from './evaluations.repository';
import { EvaluationsService } from './evaluations.service';

/** The rulebook on a case: runs, history, replay, what-if, and corrections of facts and the exchange rate. */
@Module({ controllers: [EvaluationsController], providers: [EvaluationsService, EvaluationsRepository] })
export class EvaluationsModule {}
