import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createSecretKey } from 'node:crypto';
import { ApplicationsController } from './applications/applications.controller';
import { ApplicationsService } from './applications/applications.service';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { ProblemFilter } from './common/problem.filter';
import { AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source';
import { CaseworkController } from './casework/casework.controller';
import { CaseworkService } from './casework/casework.service';
import { EvaluationsService } from './evaluations/evaluations.service';
import { HealthController } from './health/health.controller';
import { LetterService } from './letters/letter.service';
import { NotesService } from './workflow/notes.service';
import { OversightService } from './workflow/oversight.service';
import { WorkflowController } from './workflow/workflow.controller';
import { WorkflowService } from './workflow/workflow.service';
import { IntakeService } from './intake/intake.service';
import { User } from './users/user.entity';
import { UsersController } from './users/users.controller';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(databaseUrl, config.dbPoolSize, config.databaseReadUrl)),
        TypeOrmModule.forFeature([User]),
        // A KeyObject, so jsonwebtoken does not first try (and fail) to parse the secret as a public key on every request.
        JwtModule.register({
          secret: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as string,
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
        ThrottlerModule.forRoot([{ name: 'login', ttl: 60_000, limit: config.loginRateLimit }]),
        TerminusModule,
      ],
      controllers: [AuthController, ApplicationsController, CaseworkController, WorkflowController, UsersController, AuditController, HealthController],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        AuthService,
        AuditService,
        ApplicationsService,
        IntakeService,
        EvaluationsService,
        CaseworkService,
        WorkflowService,
        NotesService,
        OversightService,
        LetterService,
      ],
    };
  }
}
