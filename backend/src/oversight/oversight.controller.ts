import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { RegisterReportsQuery, ReportedDto, TimelineQuery } from './dto/oversight.dto';
import { OversightService } from './oversight.service';

const uuid = new ParseUUIDPipe();

@ApiTags('oversight')
@ApiBearerAuth()
@Controller()
export class OversightController {
  constructor(private readonly oversight: OversightService) {}

  @Get('applications/:id/timeline')
  @Roles('caseworker', 'approver', 'manager')
  @ApiOperation({ summary: 'Every event of the case, oldest first; filter by kind and person' })
  timeline(@Param('id', uuid) id: string, @Query() query: TimelineQuery) {
    return this.oversight.timeline(id, query);
  }

  @Get('register-reports')
  @Roles('manager')
  @ApiOperation({ summary: 'Grants to publish in the Register for public support, due six months after the decision' })
  registerReports(@Query() query: RegisterReportsQuery) {
    return this.oversight.registerReports(query.status ?? 'due');
  }

  @Post('register-reports/:decisionId/reported')
  @HttpCode(200)
  @Roles('manager')
  reported(@Param('decisionId', uuid) decisionId: string, @Body() body: ReportedDto, @CurrentActor() actor: Actor) {
    return this.oversight.markReported(decisionId, actor, body.registerReference);
  }

  @Get('stats/overview')
  @Roles('manager')
  @ApiOperation({ summary: 'Counts per status, ageing, workload, decisions per week, amounts granted, overdue' })
  overview() {
    return this.oversight.overview();
  }

  @Get('audit/verify')
  @Roles('manager')
  @ApiOperation({ summary: "Walks the audit log's hash chain and names the first broken link" })
  verify() {
    return this.oversight.verifyAudit();
  }
}
