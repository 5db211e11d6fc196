import { Global, Module } from '@nestjs/common';
import { AuditAnchors } from './audit-anchors';
import { CaseEvaluator } from './case-evaluator';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';
import { EvaluationStore } from './evaluation.repository';

/** The case kernel, available to every feature module. */
@Global()
@Module({
  controllers: [CasesController],
  providers: [CasesService, CasesRepository, CaseEvaluator, EvaluationStore, AuditAnchors],
  exports: [CasesService, CasesRepository, CaseEvaluator, EvaluationStore, AuditAnchors],
})
export class CasesModule {}
