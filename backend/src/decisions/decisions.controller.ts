import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNotModifiedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AccessLogged } from '../access';
import type { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { CaseViewResponse, expectedVersion } from '../cases';
import { ApiAuthenticatedProblems, ApiIfMatch, ApiProblems } from '../common/openapi';
import { STANDARD_CONDITIONS } from './conditions';
import { DecisionsService } from './decisions.service';
import {
  ChangesSinceReturnResponse,
  DecisionResponse,
  RecommendationRecordResponse,
  StandardConditionResponse,
} from './dto/decision.response';
import { DecisionDto, LetterQuery, RecommendationDto } from './dto/decisions.dto';

const uuid = new ParseUUIDPipe();
const READERS = ['caseworker', 'approver', 'manager'] as const;

@ApiTags('decisions')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller()
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Post('applications/:id/recommendation')
  @HttpCode(200)
  @Roles('caseworker')
  @ApiOperation({ operationId: 'recommend', summary: 'Recommends a grant or a rejection and submits the case for approval' })
  @ApiIfMatch()
  @ApiOkResponse({ type: CaseViewResponse, description: 'The case afterwards, recommended' })
  @ApiProblems(400, 404, [
    409,
    'The case changed meanwhile, is not in review, or a grant is not possible as it stands (grant-not-possible, with blockers)',
  ])
  recommend(
    @Param('id', uuid) id: string,
    @Body() body: RecommendationDto,
    @CurrentActor() actor: Actor,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.decisions.recommend(id, actor, body, expectedVersion(body.version, ifMatch));
  }

  @Get('applications/:id/recommendations')
  @AccessLogged('case.recommendations')
  @Roles(...READERS)
  @ApiOperation({ operationId: 'listRecommendations', summary: 'Every recommendation of the case, oldest first, with returns' })
  @ApiOkResponse({ type: [RecommendationRecordResponse] })
  @ApiProblems(400)
  recommendations(@Param('id', uuid) id: string) {
    return this.decisions.recommendations(id);
  }

  @Post('applications/:id/decision')
  @HttpCode(200)
  @Roles('approver')
  @ApiOperation({
    operationId: 'decide',
    summary: 'Approves (the case is decided, letters made) or returns it; never by the recommender',
  })
  @ApiIfMatch()
  @ApiOkResponse({ type: CaseViewResponse, description: 'The case afterwards: decided, or back in review' })
  @ApiProblems(400, [403, 'Not an approver, or the approver who recommended the case (four-eyes)'], 404, [
    409,
    'The case changed meanwhile, has no open recommendation, or the grant is no longer possible (grant-not-possible)',
  ])
  decide(@Param('id', uuid) id: string, @Body() body: DecisionDto, @CurrentActor() actor: Actor, @Headers('if-match') ifMatch?: string) {
    return this.decisions.decide(id, actor, body, expectedVersion(body.version, ifMatch));
  }

  @Get('applications/:id/decision')
  @AccessLogged('case.decision')
  @Roles(...READERS)
  @ApiOperation({ operationId: 'getDecision', summary: 'The decision on the case, as recorded' })
  @ApiOkResponse({ type: DecisionResponse })
  @ApiProblems(400, [404, 'No such case, or it has no decision yet (no-decision)'])
  decision(@Param('id', uuid) id: string) {
    return this.decisions.decision(id);
  }

  @Get('applications/:id/decision/letter.pdf')
  @AccessLogged('letter.decision')
  // The portal (role intake) fetches the letter for the applicant when the outbox tells it of one.
  @Roles(...READERS, 'intake')
  @ApiProduces('application/pdf')
  @ApiOperation({
    operationId: 'getDecisionLetter',
    summary: 'The decision letter, the same bytes on every download (also to the portal, role intake, for the applicant)',
  })
  @ApiOkResponse({
    description: 'The letter as a PDF',
    schema: { type: 'string', format: 'binary' },
    headers: {
      etag: { description: 'Strong: the SHA-256 of the bytes', schema: { type: 'string' } },
      digest: { description: 'sha-256=<base64>', schema: { type: 'string' } },
      'content-disposition': { description: 'attachment; filename="<reference>-<lang>.pdf"', schema: { type: 'string' } },
    },
  })
  @ApiNotModifiedResponse({ description: 'If-None-Match named these bytes' })
  @ApiProblems(400, [404, 'No such case, or it has no decision letter yet (no-decision)'])
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

  @Get('applications/:id/letter-preview.pdf')
  @AccessLogged('letter.preview')
  @Roles(...READERS)
  @ApiProduces('application/pdf')
  @ApiOperation({
    operationId: 'previewLetter',
    summary: 'The letter as it would be if the case were decided now, from its open recommendation, marked as a draft; stores nothing',
  })
  @ApiOkResponse({ description: 'The draft letter as a PDF', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(400, 404, [409, 'The case has no open recommendation, or is closed (no-recommendation)'])
  async preview(@Param('id', uuid) id: string, @Query() query: LetterQuery, @CurrentActor() actor: Actor, @Res() res: FastifyReply) {
    const lang = query.lang ?? 'nb';
    sendDraft(res, id, lang, await this.decisions.letterPreview(id, actor, lang));
  }

  @Post('applications/:id/letter-preview.pdf')
  @AccessLogged('letter.preview')
  @HttpCode(200)
  @Roles('caseworker')
  @ApiProduces('application/pdf')
  @ApiOperation({
    operationId: 'previewLetterOfForm',
    summary: 'The letter as a recommendation with these values would give if decided now, marked as a draft; stores nothing',
  })
  @ApiOkResponse({ description: 'The draft letter as a PDF', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(400, 404, [409, 'The case is closed (no-recommendation)'])
  async previewForm(
    @Param('id', uuid) id: string,
    @Query() query: LetterQuery,
    @Body() body: RecommendationDto,
    @CurrentActor() actor: Actor,
    @Res() res: FastifyReply,
  ) {
    const lang = query.lang ?? 'nb';
    sendDraft(res, id, lang, await this.decisions.letterPreview(id, actor, lang, body));
  }

  @Get('applications/:id/changes-since-return')
  @AccessLogged('case.changes-since-return')
  @Roles(...READERS)
  @ApiOperation({ operationId: 'getChangesSinceReturn', summary: 'For the approver: what changed since the case was last returned' })
  @ApiOkResponse({ type: ChangesSinceReturnResponse })
  @ApiProblems(400, 404)
  changes(@Param('id', uuid) id: string) {
    return this.decisions.changesSinceReturn(id);
  }

  @Get('conditions')
  @Roles(...READERS)
  @ApiOperation({ operationId: 'listConditions', summary: 'The standard grant conditions' })
  @ApiOkResponse({ type: [StandardConditionResponse] })
  conditions() {
    return STANDARD_CONDITIONS;
  }
}

/** A draft is never cached: it changes with the case. */
function sendDraft(res: FastifyReply, id: string, lang: string, pdf: Buffer): void {
  res
    .status(200)
    .type('application/pdf')
    .header('cache-control', 'no-store')
    .header('content-disposition', `inline; filename="draft-${id}-${lang}.pdf"`)
    .send(pdf);
}
