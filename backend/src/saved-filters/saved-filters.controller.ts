import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { ApiAuthenticatedProblems, ApiProblems } from '../common/openapi';
import { CreateSavedFilterDto, DeleteSavedFilterQuery, SavedFilterResponse, UpdateSavedFilterDto } from './dto/saved-filter.dto';
import { MAX_SAVED_FILTERS, SavedFiltersService } from './saved-filters.service';

const uuid = new ParseUUIDPipe({ version: undefined });
const READERS = ['caseworker', 'approver', 'manager'] as const;
const NOT_FOUND = [404, 'You have no saved filter with this id (another person’s is not yours to see)'] as const;
const CONFLICT = `A name you use already (saved-filter-name-taken, errors names $.name), ${MAX_SAVED_FILTERS} saved already (saved-filter-limit)`;

@ApiTags('saved-filters')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller('saved-filters')
export class SavedFiltersController {
  constructor(private readonly savedFilters: SavedFiltersService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ operationId: 'listSavedFilters', summary: 'Your saved queue views, by name' })
  @ApiOkResponse({ type: [SavedFilterResponse] })
  list(@CurrentActor() actor: Actor) {
    return this.savedFilters.list(actor);
  }

  @Post()
  @Roles(...READERS)
  @ApiOperation({
    operationId: 'createSavedFilter',
    summary: 'Saves a queue view under a name',
    description: `The query is checked as GET /api/applications checks it (paging aside); at most ${MAX_SAVED_FILTERS} per person.`,
  })
  @ApiCreatedResponse({ type: SavedFilterResponse })
  @ApiProblems(400, [409, CONFLICT])
  create(@Body() body: CreateSavedFilterDto, @CurrentActor() actor: Actor) {
    return this.savedFilters.create(actor, body);
  }

  @Put(':id')
  @Roles(...READERS)
  @ApiOperation({ operationId: 'updateSavedFilter', summary: 'Renames a saved view, changes its query, or makes it your start page' })
  @ApiOkResponse({ type: SavedFilterResponse })
  @ApiProblems(
    400,
    [...NOT_FOUND],
    [409, 'Changed meanwhile (stale-version, with currentVersion), or the new name is in use (saved-filter-name-taken)'],
  )
  update(@Param('id', uuid) id: string, @Body() body: UpdateSavedFilterDto, @CurrentActor() actor: Actor) {
    return this.savedFilters.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(...READERS)
  @ApiOperation({ operationId: 'deleteSavedFilter', summary: 'Deletes a saved view' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, [...NOT_FOUND], [409, 'Changed meanwhile (stale-version, with currentVersion)'])
  async delete(@Param('id', uuid) id: string, @Query() query: DeleteSavedFilterQuery, @CurrentActor() actor: Actor) {
    await this.savedFilters.delete(actor, id, query.version);
  }
}
