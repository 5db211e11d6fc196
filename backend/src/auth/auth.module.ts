import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginLimits } from './login-limits';
import { UsersController } from './users.controller';
import { SessionsRepository } from './sessions.repository';
import { UsersRepository } from './users.repository';
import { VerifiedTokens } from './verified-tokens';

/** Who is who: login, tokens, the guard in front of every route, and the users list. */
@Module({})
export class AuthModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AuthModule,
      imports: [
        // A KeyObject, so jsonwebtoken does not first try (and fail) to parse the secret as a public key on every request.
        JwtModule.register({
          secret: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as string,
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
      ],
      controllers: [AuthController, UsersController],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        AuthService,
        LoginLimits,
        UsersRepository,
        SessionsRepository,
        VerifiedTokens,
      ],
    };
  }
}
