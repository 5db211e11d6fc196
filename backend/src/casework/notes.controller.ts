import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessLogged } from '../access';
import type { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { ApiAuthenticatedProblems, ApiProblems } from '../common/openapi';
import { NoteResponse, NoteRevisionResponse } from './dto/note.response';
import { EnteredInErrorDto, NoteDto, NoteEditDto, NotesQuery } from './dto/notes.dto';
import { NotesService } from './notes.service';

const uuid = new ParseUUIDPipe();
const READERS = ['caseworker', 'approver', 'manager'] as const;

@ApiTags('notes')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller('applications/:id/notes')
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  @Get()
  @AccessLogged('case.notes')
  @Roles(...READERS)
  @ApiOperation({ operationId: 'listNotes', summary: 'The notes of the case, oldest first; filter by anchor and author' })
  @ApiOkResponse({ type: [NoteResponse] })
  @ApiProblems(400, 404)
  list(@Param('id', uuid) id: string, @Query() query: NotesQuery) {
    return this.notes.list(id, query);
  }

  @Post()
  @Roles(...READERS)
  @ApiOperation({ operationId: 'addNote', summary: 'A note on the case, a cost line or a rule result' })
  @ApiCreatedResponse({ type: NoteResponse })
  @ApiProblems(400, 404, 409)
  add(@Param('id', uuid) id: string, @Body() body: NoteDto, @CurrentActor() actor: Actor) {
    return this.notes.create(id, actor, body.body, body.anchor);
  }

  @Put(':noteId')
  @Roles(...READERS)
  @ApiOperation({ operationId: 'editNote', summary: 'Edits a note; earlier texts are kept' })
  @ApiOkResponse({ type: NoteResponse })
  @ApiProblems(400, 404, [409, 'The note was changed meanwhile (stale-version), is entered in error, or the case is closed'])
  edit(@Param('id', uuid) id: string, @Param('noteId', uuid) noteId: string, @Body() body: NoteEditDto, @CurrentActor() actor: Actor) {
    return this.notes.edit(id, noteId, actor, body.body, body.version);
  }

  @Post(':noteId/entered-in-error')
  @HttpCode(200)
  @Roles(...READERS)
  @ApiOperation({ operationId: 'markNoteEnteredInError', summary: 'Marks a note as entered in error (notes are never deleted)' })
  @ApiOkResponse({ type: NoteResponse })
  @ApiProblems(400, 404, [409, 'The note was changed meanwhile (stale-version), is entered in error already, or the case is closed'])
  enteredInError(
    @Param('id', uuid) id: string,
    @Param('noteId', uuid) noteId: string,
    @Body() body: EnteredInErrorDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.notes.markEnteredInError(id, noteId, actor, body.reason, body.version);
  }

  @Get(':noteId/history')
  @AccessLogged('case.note-history', 'noteId')
  @Roles(...READERS)
  @ApiOperation({ operationId: 'listNoteRevisions', summary: 'Every text the note has had, oldest first' })
  @ApiOkResponse({ type: [NoteRevisionResponse] })
  @ApiProblems(400, 404)
  history(@Param('id', uuid) id: string, @Param('noteId', uuid) noteId: string) {
    return this.notes.history(id, noteId);
  }
}
