import { Module } from '@nestjs/common';
import { CaseworkModule } from '../casework/casework.module';
import { DecisionsModule } from '../decisions/decisions.module';
import { DialogueModule } from '../dialogue/dialogue.module';
import { DocumentsModule } from '../documents/documents.module';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { OversightModule } from '../oversight/oversight.module';
import { CaseReportController } from './case-report.controller';
import { CaseReportService } from './case-report.service';

/**
 * The case report (saksutskrift): above the features, it reads the case through the kernel and
 * the services the features export for it, and has the letters library lay it out. No feature
 * imports it (.dependency-cruiser.cjs).
 */
@Module({
  imports: [CaseworkModule, DecisionsModule, DialogueModule, DocumentsModule, EvaluationsModule, OversightModule],
  controllers: [CaseReportController],
  providers: [CaseReportService],
})
export class CaseReportModule {}
