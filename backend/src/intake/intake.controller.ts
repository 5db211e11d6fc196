import { Body, Controller, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { INTAKE_SCHEMA } from '../cases';
import { ApiAuthenticatedProblems, ApiProblems } from '../common/openapi';
import { IntakeViewResponse } from './dto/intake-view.response';
import { IntakeService } from './intake.service';

const LOCATION = { location: { description: 'The case: /api/applications/{id}', schema: { type: 'string' } } };

@ApiTags('intake')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller('applications')
export class IntakeController {
  constructor(private readonly intake: IntakeService) {}

  @Post()
  @Roles('intake')
  @ApiOperation({
    operationId: 'submitApplication',
    summary: 'Intake from the portal (docs/intake.md): 201 new, 200 same externalRef and body, 409 same externalRef, other body',
    requestBody: { required: true, content: { 'application/json': { schema: INTAKE_SCHEMA as object } } },
  })
  @ApiCreatedResponse({
    type: IntakeViewResponse,
    description: 'A new application, stored and evaluated: the intake view (reference, status, the document as received)',
    headers: LOCATION,
  })
  @ApiOkResponse({
    type: IntakeViewResponse,
    description:
      'The same externalRef with the same body again (the portal retrying): the same intake view as on 201, as the case stands now; nothing duplicated',
    headers: LOCATION,
  })
  @ApiProblems(400, [409, 'The externalRef was submitted before with another body (external-ref-conflict)'])
  async submit(@Body() body: unknown, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: FastifyReply) {
    const result = await this.intake.submit(body, actor);
    res.status(result.created ? 201 : 200);
    res.header('location', `/api/applications/${result.application.id}`);
    return result.application;
  }
}
