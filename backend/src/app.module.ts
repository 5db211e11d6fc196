import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from './access/access.module';
import { AuthModule } from './auth/auth.module';
import { CaseReportModule } from './case-report/case-report.module';
import { CasesModule } from './cases/cases.module';
import { CaseworkModule } from './casework/casework.module';
import { ProblemFilter } from './common/problem.filter';
import { AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source';
import { DecisionsModule } from './decisions/decisions.module';
import { DialogueModule } from './dialogue/dialogue.module';
import { DocumentsModule } from './documents/documents.module';
import { EvaluationsModule } from './evaluations/evaluations.module';
import { HealthController } from './health/health.controller';
import { PublicConfigController } from './health/public-config.controller';
import { IntakeModule } from './intake/intake.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OversightModule } from './oversight/oversight.module';
import { PortalModule } from './portal/portal.module';
import { QueueModule } from './queue/queue.module';
import { SavedFiltersModule } from './saved-filters/saved-filters.module';

/** The configuration, for every module (global so features need not import it). */
@Module({})
class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ConfigModule, global: true, providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] };
  }
}

/**
 * The application: infrastructure (configuration, database, auth, health), the case kernel, and
 * the feature modules side by side on it (docs/architecture.md has the map).
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot(dataSourceOptions(databaseUrl, config.dbPoolSize, config.databaseReadUrl)),
        TerminusModule,
        AuthModule.forRoot(config),
        AccessModule,
        CasesModule,
        IntakeModule,
        QueueModule,
        EvaluationsModule,
        CaseworkModule,
        DecisionsModule,
        DocumentsModule,
        DialogueModule,
        OversightModule,
        PortalModule,
        CaseReportModule,
        NotificationsModule,
        SavedFiltersModule,
      ],
      controllers: [HealthController, PublicConfigController],
      providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
    };
  }
}
