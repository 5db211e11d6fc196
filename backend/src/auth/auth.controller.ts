import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { ApiAuthenticatedProblems, ApiProblems } from '../common/openapi';
import { ROLES } from './roles';
import type { Actor } from './actor';
import { AuthService, TokenClaims } from './auth.service';
import { CurrentActor, Public, Roles } from './decorators';
import { SessionResponse, UserResponse } from './dto/session.response';
import { LoginThrottlerGuard } from './login-throttler.guard';

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
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @HttpCode(200)
  @ApiOperation({ operationId: 'login', summary: 'Log in; returns an access token (30 minutes idle, 12 hours at most)' })
  @ApiOkResponse({ type: SessionResponse })
  @ApiProblems(400, [401, 'Wrong username or password, or the user is inactive (invalid-credentials)'], 429, 'default')
  login(@Body() body: LoginDto) {
    return this.auth.login(body.username, body.password);
  }

  @Post('refresh')
  @HttpCode(200)
  @Roles(...ROLES)
  @ApiBearerAuth()
  @ApiOperation({ operationId: 'refreshSession', summary: 'A fresh token for an active session (keeps the session end)' })
  @ApiOkResponse({ type: SessionResponse })
  @ApiAuthenticatedProblems()
  refresh(@Req() req: { session: TokenClaims }) {
    return this.auth.refresh(req.session);
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
