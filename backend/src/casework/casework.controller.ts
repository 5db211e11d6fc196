import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessLogged } from '../access';
import type { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { CaseViewResponse, expectedVersion } from '../cases';
import { ApiAuthenticatedProblems, ApiIfMatch, ApiProblems } from '../common/openapi';
import { CaseworkService } from './casework.service';
import { AssessmentDto, JudgmentDto } from './dto/casework.dto';
import { JudgmentRecordedResponse, JudgmentRevisionResponse } from './dto/judgment.response';

const uuid = new ParseUUIDPipe();

@ApiTags('casework')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller('applications/:id')
export class CaseworkController {
  constructor(private readonly casework: CaseworkService) {}

  @Put('judgments/:criterionId')
  @Roles('caseworker')
  @ApiOperation({ operationId: 'recordJudgment', summary: 'Records a judgment (J-*) with its rationale; every revision is kept' })
  @ApiIfMatch()
  @ApiOkResponse({ type: JudgmentRecordedResponse })
  @ApiProblems(400, [404, 'No such case, or the criterion is not in the rulebook (unknown-criterion)'], 409)
  judge(
    @Param('id', uuid) id: string,
    @Param('criterionId') criterionId: string,
    @Body() body: JudgmentDto,
    @CurrentActor() actor: Actor,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.casework.recordJudgment(id, criterionId, actor, body, expectedVersion(body.version, ifMatch));
  }

  @Get('judgments/history')
  @AccessLogged('case.judgments')
  @Roles('caseworker', 'approver', 'manager')
  @ApiOperation({ operationId: 'listJudgmentRevisions', summary: 'Every revision of every judgment of the case, by criterion' })
  @ApiOkResponse({ type: [JudgmentRevisionResponse] })
  @ApiProblems(400, 404)
  judgmentHistory(@Param('id', uuid) id: string) {
    return this.casework.judgmentHistory(id);
  }

  @Put('cost-lines/:lineId/assessment')
  @Roles('caseworker')
  @ApiOperation({
    operationId: 'assessCostLine',
    summary: 'The caseworker’s approved amount for a cost line (0 to claimed), with a reason',
  })
  @ApiIfMatch()
  @ApiOkResponse({ type: CaseViewResponse, description: 'The case afterwards, evaluated again' })
  @ApiProblems(400, 404, 409)
  assess(
    @Param('id', uuid) id: string,
    @Param('lineId', uuid) lineId: string,
    @Body() body: AssessmentDto,
    @CurrentActor() actor: Actor,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.casework.assessCostLine(id, lineId, actor, body, expectedVersion(body.version, ifMatch));
  }
}
