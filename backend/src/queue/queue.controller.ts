import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { AssignDto, BulkAssignDto } from './dto/assign.dto';
import { ApiQueueQuery, QueueQuery, QueueQueryDto } from './dto/queue-query.dto';
import { QueueService } from './queue.service';

const uuid = new ParseUUIDPipe({ version: undefined });

@ApiTags('queue')
@ApiBearerAuth()
@Controller('applications')
export class QueueController {
  constructor(private readonly queue: QueueService) {}

  @Get()
  @Roles('caseworker', 'approver', 'manager')
  @ApiOperation({ summary: 'The queue: filtered, sorted, keyset-paged' })
  @ApiQueueQuery()
  list(@QueueQuery() query: QueueQueryDto, @CurrentActor() actor: Actor) {
    return this.queue.list(query, actor);
  }

  @Post('bulk-assign')
  @HttpCode(200)
  @Roles('manager')
  @ApiOperation({ summary: 'Assign many cases; one result per case' })
  bulkAssign(@Body() body: BulkAssignDto, @CurrentActor() actor: Actor) {
    return this.queue.bulkAssign(body.ids, body.assignee, actor);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Roles('manager', 'caseworker')
  @ApiOperation({ summary: 'Set the caseworker: managers assign anyone, caseworkers take a case for themselves' })
  assign(@Param('id', uuid) id: string, @Body() body: AssignDto, @CurrentActor() actor: Actor) {
    return this.queue.assignAndView(id, body.assignee, actor, body.version);
  }
}
