import { Module } from '@nestjs/common';
import { IntakeController } from './intake.controller';
import { IntakeRepository } from './intake.repository';
import { IntakeService } from './intake.service';

/** Applications arriving from the portal. */
@Module({ controllers: [IntakeController], providers: [IntakeService, IntakeRepository] })
export class IntakeModule {}
