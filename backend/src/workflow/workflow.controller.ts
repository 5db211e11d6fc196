import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { expectedVersion } from '../casework/case-change';
import { STANDARD_CONDITIONS } from './conditions';
import {
  DecisionDto,
  EnteredInErrorDto,
  LetterQuery,
  NoteDto,
  NoteEditDto,
  NotesQuery,
  RecommendationDto,
  RegisterReportsQuery,
  ReportedDto,
  StatusChangeDto,
  TimelineQuery,
} from './dto/workflow.dto';
import { NotesService } from './notes.service';
import { OversightService } from './oversight.service';
import { WorkflowService } from './workflow.service';

const uuid = new ParseUUIDPipe();
const READERS = ['caseworker', 'approver', 'manager'] as const;

@ApiTags('workflow')
@ApiBearerAuth()
@Controller()
export class WorkflowController {
  constructor(
    private readonly workflow: WorkflowService,
    private readonly notes: NotesService,
    private readonly oversight: OversightService,
  ) {}

  @Post('applications/:id/status')
  @HttpCode(200)
  @Roles('caseworker', 'manager')
  @ApiOperation({ summary: 'Start review, ask the applicant (SLA pauses), resume, withdraw; by the transition table' })
  status(@Param('id', uuid) id: string, @Body() body: StatusChangeDto, @CurrentActor() actor: Actor, @Headers('if-match') ifMatch?: string) {
    return this.workflow.changeStatus(id, actor, body, expectedVersion(body.version, ifMatch));
  }

  @Post('applications/:id/recommendation')
  @HttpCode(200)
  @Roles('caseworker')
  @ApiOperation({ summary: 'Recommends a grant or a rejection and submits the case for approval' })
  recommend(@Param('id', uuid) id: string, @Body() body: RecommendationDto, @CurrentActor() actor: Actor, @Headers('if-match') ifMatch?: string) {
    return this.workflow.recommend(id, actor, body, expectedVersion(body.version, ifMatch));
  }

  @Get('applications/:id/recommendations')
  @Roles(...READERS)
  recommendations(@Param('id', uuid) id: string) {
    return this.workflow.recommendation(id);
  }

  @Post('applications/:id/decision')
  @HttpCode(200)
  @Roles('approver')
  @ApiOperation({ summary: 'Approves (the case is decided, letters made) or returns it; never by the recommender' })
  decide(@Param('id', uuid) id: string, @Body() body: DecisionDto, @CurrentActor() actor: Actor, @Headers('if-match') ifMatch?: string) {
    return this.workflow.decide(id, actor, body, expectedVersion(body.version, ifMatch));
  }

  @Get('applications/:id/decision')
  @Roles(...READERS)
  decision(@Param('id', uuid) id: string) {
    return this.workflow.decision(id);
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
    const letter = await this.workflow.letter(id, lang);
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
    return this.workflow.changesSinceReturn(id);
  }

  @Get('applications/:id/timeline')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Every event of the case, oldest first; filter by kind and person' })
  timeline(@Param('id', uuid) id: string, @Query() query: TimelineQuery) {
    return this.oversight.timeline(id, query);
  }

  @Get('applications/:id/notes')
  @Roles(...READERS)
  listNotes(@Param('id', uuid) id: string, @Query() query: NotesQuery) {
    return this.notes.list(id, query);
  }

  @Post('applications/:id/notes')
  @Roles(...READERS)
  @ApiOperation({ summary: 'A note on the case, a cost line or a rule result' })
  addNote(@Param('id', uuid) id: string, @Body() body: NoteDto, @CurrentActor() actor: Actor) {
    return this.notes.create(id, actor, body.body, body.anchor);
  }

  @Put('applications/:id/notes/:noteId')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Edits a note; earlier texts are kept' })
  editNote(@Param('id', uuid) id: string, @Param('noteId', uuid) noteId: string, @Body() body: NoteEditDto, @CurrentActor() actor: Actor) {
    return this.notes.edit(id, noteId, actor, body.body, body.version);
  }

  @Post('applications/:id/notes/:noteId/entered-in-error')
  @HttpCode(200)
  @Roles(...READERS)
  @ApiOperation({ summary: 'Marks a note as entered in error (notes are never deleted)' })
  noteInError(@Param('id', uuid) id: string, @Param('noteId', uuid) noteId: string, @Body() body: EnteredInErrorDto, @CurrentActor() actor: Actor) {
    return this.notes.markEnteredInError(id, noteId, actor, body.reason, body.version);
  }

  @Get('applications/:id/notes/:noteId/history')
  @Roles(...READERS)
  noteHistory(@Param('id', uuid) id: string, @Param('noteId', uuid) noteId: string) {
    return this.notes.history(id, noteId);
  }

  @Get('conditions')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The standard grant conditions' })
  conditions() {
    return STANDARD_CONDITIONS;
  }

  @Get('register-reports')
  @Roles('manager')
  @ApiOperation({ summary: 'Grants to publish in the Register for public support, due six months after the decision' })
  registerReports(@Query() query: RegisterReportsQuery) {
    return this.oversight.registerReports(query.status ?? 'due');
  }

  @Post('register-reports/:decisionId/reported')
  @HttpCode(200)
  @Roles('manager')
  reported(@Param('decisionId', uuid) decisionId: string, @Body() body: ReportedDto, @CurrentActor() actor: Actor) {
    return this.oversight.markReported(decisionId, actor, body.registerReference);
  }

  @Get('stats/overview')
  @Roles('manager')
  @ApiOperation({ summary: 'Counts per status, ageing, workload, decisions per week, amounts granted, overdue' })
  overview() {
    return this.oversight.overview();
  }
}
