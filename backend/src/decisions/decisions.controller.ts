import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { expectedVersion } from '../cases';
import { STANDARD_CONDITIONS } from './conditions';
import { DecisionsService } from './decisions.service';
import { DecisionDto, LetterQuery, RecommendationDto } from './dto/decisions.dto';

const uuid = new ParseUUIDPipe();
const READERS = ['caseworker', 'approver', 'manager'] as const;

@ApiTags('decisions')
@ApiBearerAuth()
@Controller()
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Post('applications/:id/recommendation')
  @HttpCode(200)
  @Roles('caseworker')
  @ApiOperation({ summary: 'Recommends a grant or a rejection and submits the case for approval' })
  recommend(
    @Param('id', uuid) id: string,
    @Body() body: RecommendationDto,
    @CurrentActor() actor: Actor,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.decisions.recommend(id, actor, body, expectedVersion(body.version, ifMatch));
  }

  @Get('applications/:id/recommendations')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Every recommendation of the case, oldest first, with returns' })
  recommendations(@Param('id', uuid) id: string) {
    return this.decisions.recommendations(id);
  }

  @Post('applications/:id/decision')
  @HttpCode(200)
  @Roles('approver')
  @ApiOperation({ summary: 'Approves (the case is decided, letters made) or returns it; never by the recommender' })
  decide(@Param('id', uuid) id: string, @Body() body: DecisionDto, @CurrentActor() actor: Actor, @Headers('if-match') ifMatch?: string) {
    return this.decisions.decide(id, actor, body, expectedVersion(body.version, ifMatch));
  }

  @Get('applications/:id/decision')
  @Roles(...READERS)
  decision(@Param('id', uuid) id: string) {
    return this.decisions.decision(id);
  }

  @Get('applications/:id/decision/letter.pdf')
  @Roles(...READERS)
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The decision letter, the same bytes on every download' })
  async letter(
    @Param('id', uuid) id: string,
    @Query() query: LetterQuery,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: FastifyReply,
  ) {
    const lang = query.lang ?? 'nb';
    const letter = await this.decisions.letter(id, lang);
    const etag = `"${letter.sha256}"`;
    // A client that has these bytes already (same strong ETag) gets 304 without them.
    if (ifNoneMatch?.split(',').some((tag) => [etag, `W/${etag}`, '*'].includes(tag.trim()))) {
      res.status(304).header('etag', etag).send();
      return;
    }
    res
      .status(200)
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${letter.reference}-${lang}.pdf"`)
      .header('etag', etag)
      .header('digest', `sha-256=${Buffer.from(letter.sha256, 'hex').toString('base64')}`)
      .send(letter.pdf);
  }

  @Get('applications/:id/changes-since-return')
  @Roles(...READERS)
  @ApiOperation({ summary: 'For the approver: what changed since the case was last returned' })
  changes(@Param('id', uuid) id: string) {
    return this.decisions.changesSinceReturn(id);
  }

  @Get('conditions')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The standard grant conditions' })
  conditions() {
    return STANDARD_CONDITIONS;
  }
}
