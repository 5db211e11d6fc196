import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { expectedVersion } from '../cases';
import { CaseworkService } from './casework.service';
import { AssessmentDto, JudgmentDto } from './dto/casework.dto';

const uuid = new ParseUUIDPipe();

@ApiTags('casework')
@ApiBearerAuth()
@Controller('applications/:id')
export class CaseworkController {
  constructor(private readonly casework: CaseworkService) {}

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
