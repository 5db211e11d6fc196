import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { ApiAuthenticatedProblems, ApiProblems } from '../common/openapi';
import { AccessLogged } from './access-logged';
import { AccessLogService } from './access-log.service';
import { AccessLogPageQuery, AccessLogQuery } from './dto/access-log.dto';
import { AccessLogPageResponse } from './dto/access-log.response';

const uuid = new ParseUUIDPipe({ version: undefined });

/** Who read what, and the sign-ins and refusals: for managers. */
@ApiTags('access-log')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller()
export class AccessLogController {
  constructor(private readonly service: AccessLogService) {}

  @Get('applications/:id/access-log')
  @Roles('manager')
  @AccessLogged('case.access-log')
  @ApiOperation({
    operationId: 'getCaseAccessLog',
    summary: 'Who read the case, its documents and letters, and when and why (the route), newest first',
  })
  @ApiOkResponse({ type: AccessLogPageResponse })
  @ApiProblems([400, 'A parameter is not valid (`errors` names it: $.limit, $.cursor), or the id is not one'], 404)
  caseReads(@Param('id', uuid) id: string, @Query() query: AccessLogPageQuery) {
    return this.service.caseReads(id, query);
  }

  @Get('access-log')
  @Roles('manager')
  @ApiOperation({
    operationId: 'listAccessLog',
    summary: 'Sign-ins, failed sign-ins, logouts, refusals (401/403) and changes of users and roles, newest first; reads when asked for',
  })
  @ApiOkResponse({ type: AccessLogPageResponse })
  @ApiProblems([400, 'A parameter is not valid (`errors` names it: $.kind, $.from, $.to, $.username, $.limit, $.cursor)'])
  events(@Query() query: AccessLogQuery) {
    return this.service.events(query);
  }
}
