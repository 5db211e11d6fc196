import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessLogged } from '../access';
import type { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { ApiAuthenticatedProblems, ApiProblems } from '../common/openapi';
import { AuditVerifyQuery, RegisterReportsQuery, ReportedDto, StatsOverviewQuery, TimelineQuery } from './dto/oversight.dto';
import {
  AuditVerificationResponse,
  RegisterReportPageResponse,
  RegisterReportResponse,
  StatsOverviewResponse,
  TimelineEventResponse,
} from './dto/oversight.response';
import { OversightService } from './oversight.service';

const uuid = new ParseUUIDPipe();

@ApiTags('oversight')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller()
export class OversightController {
  constructor(private readonly oversight: OversightService) {}

  @Get('applications/:id/timeline')
  @AccessLogged('case.timeline')
  @Roles('caseworker', 'approver', 'manager')
  @ApiOperation({ operationId: 'getTimeline', summary: 'Every event of the case, oldest first; filter by kind and person' })
  @ApiOkResponse({ type: [TimelineEventResponse] })
  @ApiProblems(400, 404)
  timeline(@Param('id', uuid) id: string, @Query() query: TimelineQuery) {
    return this.oversight.timeline(id, query);
  }

  @Get('register-reports')
  @Roles('manager')
  @ApiOperation({
    operationId: 'listRegisterReports',
    summary: 'Grants to publish in the Register for public support, due six months after the decision',
  })
  @ApiOkResponse({ type: RegisterReportPageResponse, description: 'By due date, a page at a time' })
  @ApiProblems(400)
  registerReports(@Query() query: RegisterReportsQuery) {
    return this.oversight.registerReports(query.status ?? 'due', { limit: query.limit ?? 100, cursor: query.cursor });
  }

  @Post('register-reports/:decisionId/reported')
  @HttpCode(200)
  @Roles('manager')
  @ApiOperation({ operationId: 'markReported', summary: 'Records that the grant was published in the register, with its reference' })
  @ApiOkResponse({ type: RegisterReportResponse, description: 'The report afterwards' })
  @ApiProblems(400, [404, 'No register report for this decision'], [409, 'Reported already (already-reported)'])
  reported(@Param('decisionId', uuid) decisionId: string, @Body() body: ReportedDto, @CurrentActor() actor: Actor) {
    return this.oversight.markReported(decisionId, actor, body.registerReference);
  }

  @Get('stats/overview')
  @Roles('manager')
  @ApiOperation({
    operationId: 'getStatsOverview',
    summary:
      'Counts per status, ageing, workload, decisions per week, overdue; decisions, amounts granted and lead time in a period; the approval backlog',
  })
  @ApiOkResponse({ type: StatsOverviewResponse })
  @ApiProblems(400)
  overview(@Query() query: StatsOverviewQuery) {
    return this.oversight.overview(query.period ?? 'year');
  }

  @Get('audit/verify')
  @Roles('manager')
  @ApiOperation({
    operationId: 'verifyAuditLog',
    summary: "Checks every case's audit events against their hash chain and the application's signed anchors",
    description:
      'Names, per case, the first position that is not as the application wrote it: an event deleted (also the newest), ' +
      'rewritten (also with every later hash recomputed), added without the application, or a change of case data made in the ' +
      'database. With `applicationId`, one case only. The whole log is read in batches; npm run audit:verify shows progress.',
  })
  @ApiOkResponse({ type: AuditVerificationResponse })
  @ApiProblems(400, [404, 'No such case, and no audit events for it'])
  verify(@Query() query: AuditVerifyQuery) {
    return this.oversight.verifyAudit(query.applicationId);
  }
}
