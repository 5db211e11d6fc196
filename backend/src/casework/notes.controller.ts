import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { EnteredInErrorDto, NoteDto, NoteEditDto, NotesQuery } from './dto/notes.dto';
import { NotesService } from './notes.service';

const uuid = new ParseUUIDPipe();
const READERS = ['caseworker', 'approver', 'manager'] as const;

@ApiTags('notes')
@ApiBearerAuth()
@Controller('applications/:id/notes')
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  @Get()
  @Roles(...READERS)
  list(@Param('id', uuid) id: string, @Query() query: NotesQuery) {
    return this.notes.list(id, query);
  }

  @Post()
  @Roles(...READERS)
  @ApiOperation({ summary: 'A note on the case, a cost line or a rule result' })
  add(@Param('id', uuid) id: string, @Body() body: NoteDto, @CurrentActor() actor: Actor) {
    return this.notes.create(id, actor, body.body, body.anchor);
  }

  @Put(':noteId')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Edits a note; earlier texts are kept' })
  edit(@Param('id', uuid) id: string, @Param('noteId', uuid) noteId: string, @Body() body: NoteEditDto, @CurrentActor() actor: Actor) {
    return this.notes.edit(id, noteId, actor, body.body, body.version);
  }

  @Post(':noteId/entered-in-error')
  @HttpCode(200)
  @Roles(...READERS)
  @ApiOperation({ summary: 'Marks a note as entered in error (notes are never deleted)' })
  enteredInError(
    @Param('id', uuid) id: string,
    @Param('noteId', uuid) noteId: string,
    @Body() body: EnteredInErrorDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.notes.markEnteredInError(id, noteId, actor, body.reason, body.version);
  }

  @Get(':noteId/history')
  @Roles(...READERS)
  history(@Param('id', uuid) id: string, @Param('noteId', uuid) noteId: string) {
    return this.notes.history(id, noteId);
  }
}
