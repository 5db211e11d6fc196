import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { expectedVersion } from './case-change';
import { CaseworkService } from './casework.service';
import { AssessmentDto, CorrectionDto, ExchangeRateDto, JudgmentDto, WhatIfDto } from './dto/casework.dto';

const uuid = new ParseUUIDPipe();

@ApiTags('evaluations and assessment')
@ApiBearerAuth()
@Controller('applications/:id')
export class CaseworkController {
  constructor(
    private readonly evaluations: EvaluationsService,
    private readonly casework: CaseworkService,
  ) {}

  @Post('evaluations')
  @Roles('caseworker', 'approver')
  @ApiOperation({ summary: 'Runs the rulebook on the case as it stands; stores and returns the evaluation' })
  evaluate(@Param('id', uuid) id: string, @CurrentActor() actor: Actor) {
    return this.evaluations.evaluateNow(id, actor);
  }

  @Get('evaluations')
  @Roles('caseworker', 'approver', 'manager')
  @ApiOperation({ summary: 'Every stored evaluation of the case, newest first' })
  history(@Param('id', uuid) id: string) {
    return this.evaluations.history(id);
  }

  @Get('evaluations/latest')
  @Roles('caseworker', 'approver', 'manager')
  latest(@Param('id', uuid) id: string) {
    return this.evaluations.latest(id);
  }

  @Get('evaluations/:evaluationId')
  @Roles('caseworker', 'approver', 'manager')
  @ApiOperation({ summary: 'One stored evaluation, with its input snapshot' })
  one(@Param('id', uuid) id: string, @Param('evaluationId', uuid) evaluationId: string) {
    return this.evaluations.get(id, evaluationId);
  }

  @Post('evaluations/:evaluationId/replay')
  @HttpCode(200)
  @Roles('caseworker', 'approver', 'manager')
  @ApiOperation({ summary: 'Re-runs a stored evaluation from its snapshot; identical, or the differences field by field' })
  replay(@Param('id', uuid) id: string, @Param('evaluationId', uuid) evaluationId: string) {
    return this.evaluations.replay(id, evaluationId);
  }

  @Post('what-if')
  @HttpCode(200)
  @Roles('caseworker', 'approver')
  @ApiOperation({ summary: 'Evaluates proposed changes without storing anything; says which outcomes and totals change' })
  whatIf(@Param('id', uuid) id: string, @Body() body: WhatIfDto) {
    return this.evaluations.whatIf(id, body);
  }

  @Post('corrections')
  @Roles('caseworker')
  @ApiOperation({ summary: 'Corrects a fact the applicant gave, beside the submitted value, with a reason' })
  correct(@Param('id', uuid) id: string, @Body() body: CorrectionDto, @CurrentActor() actor: Actor, @Headers('if-match') ifMatch?: string) {
    return this.casework.correctFact(id, actor, body, expectedVersion(body.version, ifMatch));
  }

  @Put('exchange-rate')
  @Roles('caseworker')
  @ApiOperation({ summary: 'Sets NOK per EUR for this case, with a reason (null returns to the default)' })
  exchangeRate(@Param('id', uuid) id: string, @Body() body: ExchangeRateDto, @CurrentActor() actor: Actor, @Headers('if-match') ifMatch?: string) {
    return this.casework.setExchangeRate(id, actor, body, expectedVersion(body.version, ifMatch));
  }

  @Put('judgments/:criterionId')
  @Roles('caseworker')
  @ApiOperation({ summary: 'Records a judgment (J-*) with its rationale; every revision is kept' })
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
  @Roles('caseworker', 'approver', 'manager')
  judgmentHistory(@Param('id', uuid) id: string) {
    return this.casework.judgmentHistory(id);
  }

  @Put('cost-lines/:lineId/assessment')
  @Roles('caseworker')
  @ApiOperation({ summary: 'The caseworker’s approved amount for a cost line (0 to claimed), with a reason' })
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
