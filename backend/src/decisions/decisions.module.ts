import { Module } from '@nestjs/common';
import { DecisionsController } from './decisions.controller';
import { DecisionsRepository } from './decisions.repository';
import { DecisionsService } from './decisions.service';

/** Recommendations, the approver's decision (four-eyes), the decision letters. */
@Module({ controllers: [DecisionsController], providers: [DecisionsService, DecisionsRepository] })
export class DecisionsModule {}
