import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessLogged } from '../access';
import type { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { ApiAuthenticatedProblems, ApiIfMatch, ApiProblems } from '../common/openapi';
import { CasesService, expectedVersion } from './cases.service';
import { CaseViewResponse } from './dto/case-view.response';
import { StatusChangeDto } from './dto/status-change.dto';

const uuid = new ParseUUIDPipe({ version: undefined });

/** The case itself: reading it, and the plain changes of its status. */
@ApiTags('cases')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller('applications/:id')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Get()
  @AccessLogged('case.view')
  @Roles('caseworker', 'approver', 'manager')
  @ApiOperation({ operationId: 'getCase', summary: 'The case, with the actions the caller may take on it now' })
  @ApiOkResponse({ type: CaseViewResponse })
  @ApiProblems(400, 404)
  get(@Param('id', uuid) id: string, @CurrentActor() actor: Actor) {
    return this.cases.view(id, actor);
  }

  @Post('status')
  @HttpCode(200)
  @Roles('caseworker', 'manager')
  @ApiOperation({
    operationId: 'changeCaseStatus',
    summary: 'Start review, ask the applicant (SLA pauses), resume, withdraw; by the transition table',
  })
  @ApiIfMatch()
  @ApiOkResponse({ type: CaseViewResponse, description: 'The case afterwards' })
  @ApiProblems(400, 404, 409)
  status(
    @Param('id', uuid) id: string,
    @Body() body: StatusChangeDto,
    @CurrentActor() actor: Actor,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.cases.changeStatus(id, actor, body, expectedVersion(body.version, ifMatch));
  }
}
