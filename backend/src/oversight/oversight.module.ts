import { Module } from '@nestjs/common';
import { OversightController } from './oversight.controller';
import { OversightRepository } from './oversight.repository';
import { OversightService } from './oversight.service';

/** Timelines, register reports, the manager's dashboard and the audit chain's verification. */
@Module({ controllers: [OversightController], providers: [OversightService, OversightRepository] })
export class OversightModule {}
