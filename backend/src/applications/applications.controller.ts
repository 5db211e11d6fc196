import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { IntakeService } from '../intake/intake.service';
import { INTAKE_SCHEMA } from '../intake/intake.schema';
import { ApplicationsService } from './applications.service';
import { AssignDto, BulkAssignDto } from './dto/assign.dto';
import { ApiQueueQuery, QueueQuery, QueueQueryDto } from './dto/queue-query.dto';
import { WorkflowService } from '../workflow/workflow.service';

const uuid = new ParseUUIDPipe({ version: undefined });

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly intake: IntakeService,
    private readonly workflow: WorkflowService,
  ) {}

  @Post()
  @Roles('intake')
  @ApiOperation({
    summary: 'Intake from the portal (INTAKE.md): 201 new, 200 same externalRef and body, 409 same externalRef, other body',
    requestBody: { required: true, content: { 'application/json': { schema: INTAKE_SCHEMA as object } } },
  })
  async submit(@Body() body: unknown, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: FastifyReply) {
    const result = await this.intake.submit(body, actor);
    res.status(result.created ? 201 : 200);
    res.header('location', `/api/applications/${result.application.id}`);
    return result.application;
  }

  @Get()
  @Roles('caseworker', 'approver', 'manager')
  @ApiOperation({ summary: 'The queue: filtered, sorted, keyset-paged' })
  @ApiQueueQuery()
  list(@QueueQuery() query: QueueQueryDto, @CurrentActor() actor: Actor) {
    return this.applications.list(query, actor);
  }

  @Post('bulk-assign')
  @HttpCode(200)
  @Roles('manager')
  @ApiOperation({ summary: 'Assign many cases; one result per case' })
  bulkAssign(@Body() body: BulkAssignDto, @CurrentActor() actor: Actor) {
    return this.applications.bulkAssign(body.ids, body.assignee, actor);
  }

  @Get(':id')
  @Roles('caseworker', 'approver', 'manager')
  get(@Param('id', uuid) id: string, @CurrentActor() actor: Actor) {
    return this.workflow.caseFor(id, actor);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Roles('manager', 'caseworker')
  @ApiOperation({ summary: 'Set the caseworker: managers assign anyone, caseworkers take a case for themselves' })
  async assign(@Param('id', uuid) id: string, @Body() body: AssignDto, @CurrentActor() actor: Actor) {
    await this.applications.assign(id, body.assignee, actor, body.version);
    return this.workflow.caseFor(id, actor);
  }
}
