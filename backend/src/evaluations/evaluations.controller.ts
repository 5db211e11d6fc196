import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessLogged } from '../access';
import type { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { CaseViewResponse, expectedVersion } from '../cases';
import { ApiAuthenticatedProblems, ApiIfMatch, ApiProblems } from '../common/openapi';
import {
  EvaluationHistoryItemResponse,
  EvaluationReplayResponse,
  EvaluationResponse,
  StoredEvaluationResponse,
  WhatIfResultResponse,
} from './dto/evaluation.response';
import { CorrectionDto, ExchangeRateDto, WhatIfDto } from './dto/evaluations.dto';
import { EvaluationsService } from './evaluations.service';

const uuid = new ParseUUIDPipe();

@ApiTags('evaluations')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller('applications/:id')
export class EvaluationsController {
  constructor(private readonly evaluations: EvaluationsService) {}

  @Post('evaluations')
  @Roles('caseworker', 'approver')
  @ApiOperation({ operationId: 'runEvaluation', summary: 'Runs the rulebook on the case as it stands; stores and returns the evaluation' })
  @ApiCreatedResponse({ type: EvaluationResponse })
  @ApiProblems(400, 404)
  evaluate(@Param('id', uuid) id: string, @CurrentActor() actor: Actor) {
    return this.evaluations.evaluateNow(id, actor);
  }

  @Get('evaluations')
  @AccessLogged('case.evaluations')
  @Roles('caseworker', 'approver', 'manager')
  @ApiOperation({ operationId: 'listEvaluations', summary: 'Every stored evaluation of the case, newest first' })
  @ApiOkResponse({ type: [EvaluationHistoryItemResponse] })
  @ApiProblems(400, 404)
  history(@Param('id', uuid) id: string) {
    return this.evaluations.history(id);
  }

  @Get('evaluations/latest')
  @AccessLogged('case.evaluations')
  @Roles('caseworker', 'approver', 'manager')
  @ApiOperation({ operationId: 'getLatestEvaluation', summary: 'The latest stored evaluation of the case' })
  @ApiOkResponse({ type: EvaluationResponse })
  @ApiProblems(400, [404, 'No such case, or it has not been evaluated yet (no-evaluation)'])
  latest(@Param('id', uuid) id: string) {
    return this.evaluations.latest(id);
  }

  @Get('evaluations/:evaluationId')
  @AccessLogged('case.evaluation', 'evaluationId')
  @Roles('caseworker', 'approver', 'manager')
  @ApiOperation({ operationId: 'getEvaluation', summary: 'One stored evaluation, with its input snapshot' })
  @ApiOkResponse({ type: StoredEvaluationResponse })
  @ApiProblems(400, 404)
  one(@Param('id', uuid) id: string, @Param('evaluationId', uuid) evaluationId: string) {
    return this.evaluations.get(id, evaluationId);
  }

  @Post('evaluations/:evaluationId/replay')
  @AccessLogged('case.evaluation-replay', 'evaluationId')
  @HttpCode(200)
  @Roles('caseworker', 'approver', 'manager')
  @ApiOperation({
    operationId: 'replayEvaluation',
    summary: 'Re-runs a stored evaluation from its snapshot; identical, or the differences field by field',
  })
  @ApiOkResponse({ type: EvaluationReplayResponse })
  @ApiProblems(400, 404, [409, 'The parameter set of the stored evaluation no longer exists (unknown-parameter-set)'])
  replay(@Param('id', uuid) id: string, @Param('evaluationId', uuid) evaluationId: string) {
    return this.evaluations.replay(id, evaluationId);
  }

  @Post('what-if')
  @AccessLogged('case.what-if')
  @HttpCode(200)
  @Roles('caseworker', 'approver')
  @ApiOperation({
    operationId: 'whatIf',
    summary: 'Evaluates proposed changes without storing anything; says which outcomes and totals change',
  })
  @ApiOkResponse({ type: WhatIfResultResponse })
  @ApiProblems(400, 404)
  whatIf(@Param('id', uuid) id: string, @Body() body: WhatIfDto) {
    return this.evaluations.whatIf(id, body);
  }

  @Post('corrections')
  @Roles('caseworker')
  @ApiOperation({ operationId: 'correctFact', summary: 'Corrects a fact the applicant gave, beside the submitted value, with a reason' })
  @ApiIfMatch()
  @ApiCreatedResponse({ type: CaseViewResponse, description: 'The case afterwards, evaluated again' })
  @ApiProblems(400, 404, 409)
  correct(@Param('id', uuid) id: string, @Body() body: CorrectionDto, @CurrentActor() actor: Actor, @Headers('if-match') ifMatch?: string) {
    return this.evaluations.correctFact(id, actor, body, expectedVersion(body.version, ifMatch));
  }

  @Put('exchange-rate')
  @Roles('caseworker')
  @ApiOperation({ operationId: 'setExchangeRate', summary: 'Sets NOK per EUR for this case, with a reason (null returns to the default)' })
  @ApiIfMatch()
  @ApiOkResponse({ type: CaseViewResponse, description: 'The case afterwards, evaluated again' })
  @ApiProblems(400, 404, 409)
  exchangeRate(
    @Param('id', uuid) id: string,
    @Body() body: ExchangeRateDto,
    @CurrentActor() actor: Actor,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.evaluations.setExchangeRate(id, actor, body, expectedVersion(body.version, ifMatch));
  }
}
