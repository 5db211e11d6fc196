import { Module } from '@nestjs/common';
import { DecisionsController } from './decisions.controller';
import { DecisionsRepository } from './decisions.repository';
import { DecisionsService } from './decisions.service';
import { LetterRenderer } from './letter-renderer';

/** Recommendations, the approver's decision (four-eyes), the decision letters. */
@Module({
  controllers: [DecisionsController],
  providers: [DecisionsService, DecisionsRepository, LetterRenderer],
  // The case report reads the recommendations and the decision as the case page does.
  exports: [DecisionsService],
})
export class DecisionsModule {}
