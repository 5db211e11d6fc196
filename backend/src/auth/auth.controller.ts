import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { ApiAuthenticatedProblems, ApiProblems } from '../common/openapi';
import { ROLES } from './roles';
import type { Actor } from './actor';
import { AuthService, SessionClaims } from './auth.service';
import { CurrentActor, Public, Roles } from './decorators';
import { SessionResponse, UserResponse } from './dto/session.response';
import { LoginLimits } from './login-limits';

export class LoginDto {
  @ApiProperty({ example: 'kari' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username: string;

  @ApiProperty({ example: 'demo' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password: string;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly limits: LoginLimits,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ operationId: 'login', summary: 'Log in; returns an access token (30 minutes idle, 12 hours at most)' })
  @ApiOkResponse({ type: SessionResponse })
  @ApiProblems(400, [401, 'Wrong username or password, or the user is inactive (invalid-credentials)'], 429, 'default')
  async login(@Body() body: LoginDto, @Req() req: FastifyRequest) {
    // Counted before the password is checked, so parallel guesses get no further than the limit.
    const attempt = await this.limits.admit(req.ip, body.username);
    const session = await this.auth.login(body.username, body.password);
    await attempt.succeeded();
    return session;
  }

  @Post('refresh')
  @HttpCode(200)
  @Roles(...ROLES)
  @ApiBearerAuth()
  @ApiOperation({
    operationId: 'refreshSession',
    summary: 'A fresh token for an active session (keeps the session end); the token sent is refused from then on',
  })
  @ApiOkResponse({ type: SessionResponse })
  @ApiAuthenticatedProblems()
  refresh(@Req() req: { session: SessionClaims }) {
    return this.auth.refresh(req.session);
  }

  @Post('logout')
  @HttpCode(204)
  @Roles(...ROLES)
  @ApiBearerAuth()
  @ApiOperation({ operationId: 'logout', summary: "Ends the caller's session: its tokens are refused from then on, by every replica" })
  @ApiNoContentResponse({ description: 'The session has ended' })
  @ApiAuthenticatedProblems()
  async logout(@Req() req: { session: SessionClaims }): Promise<void> {
    await this.auth.logout(req.session);
  }

  @Get('me')
  @Roles(...ROLES)
  @ApiBearerAuth()
  @ApiOperation({ operationId: 'getMe', summary: 'Who the token belongs to' })
  @ApiOkResponse({ type: UserResponse })
  @ApiAuthenticatedProblems()
  me(@CurrentActor() actor: Actor) {
    return { username: actor.username, displayName: actor.displayName, roles: actor.roles };
  }
}
