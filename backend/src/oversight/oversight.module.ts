import { Module } from '@nestjs/common';
import { AuditAnchors } from '../cases';
import { AuditRepository } from './audit.repository';
import { AuditVerifier } from './audit-verification';
import { OversightController } from './oversight.controller';
import { OversightRepository } from './oversight.repository';
import { OversightService } from './oversight.service';

/** Timelines, register reports, the manager's dashboard and the audit chain's verification. */
@Module({
  controllers: [OversightController],
  providers: [
    OversightService,
    OversightRepository,
    AuditRepository,
    {
      provide: AuditVerifier,
      useFactory: (repository: AuditRepository, anchors: AuditAnchors) => new AuditVerifier(repository, anchors.keyring),
      inject: [AuditRepository, AuditAnchors],
    },
  ],
  // The case report reads the timeline as the case page does.
  exports: [OversightService],
})
export class OversightModule {}
