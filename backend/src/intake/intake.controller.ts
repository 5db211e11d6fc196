import { Body, Controller, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { INTAKE_SCHEMA } from '../cases';
import { IntakeService } from './intake.service';

@ApiTags('intake')
@ApiBearerAuth()
@Controller('applications')
export class IntakeController {
  constructor(private readonly intake: IntakeService) {}

  @Post()
  @Roles('intake')
  @ApiOperation({
    summary: 'Intake from the portal (docs/intake.md): 201 new, 200 same externalRef and body, 409 same externalRef, other body',
    requestBody: { required: true, content: { 'application/json': { schema: INTAKE_SCHEMA as object } } },
  })
  async submit(@Body() body: unknown, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: FastifyReply) {
    const result = await this.intake.submit(body, actor);
    res.status(result.created ? 201 : 200);
    res.header('location', `/api/applications/${result.application.id}`);
    return result.application;
  }
}
