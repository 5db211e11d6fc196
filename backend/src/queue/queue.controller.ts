import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { CaseViewResponse, expectedVersion } from '../cases';
import { ApiAuthenticatedProblems, ApiIfMatch, ApiProblems } from '../common/openapi';
import { AssignDto, BulkAssignDto } from './dto/assign.dto';
import { BulkAssignResultsResponse, QueueCountsResponse, QueuePageResponse } from './dto/queue-page.response';
import { ApiQueueQuery, QueueQuery, QueueQueryDto } from './dto/queue-query.dto';
import { QueueService } from './queue.service';

const uuid = new ParseUUIDPipe({ version: undefined });

@ApiTags('queue')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller('applications')
export class QueueController {
  constructor(private readonly queue: QueueService) {}

  @Get()
  @Roles('caseworker', 'approver', 'manager')
  @ApiOperation({ operationId: 'listQueue', summary: 'The queue: filtered, sorted, keyset-paged' })
  @ApiOkResponse({ type: QueuePageResponse })
  @ApiProblems(400, 403)
  @ApiQueueQuery()
  list(@QueueQuery() query: QueueQueryDto, @CurrentActor() actor: Actor) {
    return this.queue.list(query, actor);
  }

  @Post('bulk-assign')
  @HttpCode(200)
  @Roles('manager')
  @ApiOperation({ operationId: 'bulkAssignCases', summary: 'Assign many cases; one result per case' })
  @ApiOkResponse({ type: BulkAssignResultsResponse, description: 'Each case in its own transaction; a failure is named in its result' })
  @ApiProblems(400)
  bulkAssign(@Body() body: BulkAssignDto, @CurrentActor() actor: Actor) {
    return this.queue.bulkAssign(body.ids, body.assignee, actor);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Roles('manager', 'caseworker')
  @ApiOperation({
    operationId: 'assignCase',
    summary: 'Set the caseworker: managers assign anyone, caseworkers take a case for themselves',
  })
  @ApiIfMatch()
  @ApiOkResponse({ type: CaseViewResponse, description: 'The case afterwards' })
  @ApiProblems(400, 404, 409)
  assign(@Param('id', uuid) id: string, @Body() body: AssignDto, @CurrentActor() actor: Actor, @Headers('if-match') ifMatch?: string) {
    return this.queue.assignAndView(id, body.assignee, actor, expectedVersion(body.version, ifMatch));
  }
}

@ApiTags('queue')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller('queues')
export class QueueCountsController {
  constructor(private readonly queue: QueueService) {}

  @Get('counts')
  @Roles('caseworker', 'approver', 'manager')
  @ApiOperation({ operationId: 'queueCounts', summary: "How many cases each of the caller's queues holds, for the navigation" })
  @ApiOkResponse({ type: QueueCountsResponse })
  counts(@CurrentActor() actor: Actor) {
    return this.queue.counts(actor);
  }
}
