import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { expectedVersion } from '../cases';
import { CorrectionDto, ExchangeRateDto, WhatIfDto } from './dto/evaluations.dto';
import { EvaluationsService } from './evaluations.service';

const uuid = new ParseUUIDPipe();

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('applications/:id')
export class EvaluationsController {
  constructor(private readonly evaluations: EvaluationsService) {}

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
    return this.evaluations.correctFact(id, actor, body, expectedVersion(body.version, ifMatch));
  }

  @Put('exchange-rate')
  @Roles('caseworker')
  @ApiOperation({ summary: 'Sets NOK per EUR for this case, with a reason (null returns to the default)' })
  exchangeRate(
    @Param('id', uuid) id: string,
    @Body() body: ExchangeRateDto,
    @CurrentActor() actor: Actor,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.evaluations.setExchangeRate(id, actor, body, expectedVersion(body.version, ifMatch));
  }
}
