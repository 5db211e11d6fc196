import { Injectable } from '@nestjs/common';
import type { Actor } from '../auth/actor';
import { hasRole } from '../auth/actor';
import { parseQueueQuery, QUEUE_ROLES } from '../cases';
import { FieldError, Problem } from '../common/problem';
import { CreateSavedFilterDto, SAVED_FILTER_KEYS, SavedFilterResponse, UpdateSavedFilterDto } from './dto/saved-filter.dto';
import { savedFilterProblem } from './saved-filters.errors';
import { SavedFilterRow, SavedFiltersRepository } from './saved-filters.repository';

/** How many saved filters one person may keep: a list to choose from, not an archive. */
export const MAX_SAVED_FILTERS = 50;

/** A person's saved queue views. Each is hers alone: another's is answered as not found. */
@Injectable()
export class SavedFiltersService {
  constructor(private readonly repository: SavedFiltersRepository) {}

  async list(actor: Actor): Promise<SavedFilterResponse[]> {
    return (await this.repository.list(ownerOf(actor))).map(toResponse);
  }

  async create(actor: Actor, body: CreateSavedFilterDto): Promise<SavedFilterResponse> {
    const owner = ownerOf(actor);
    const filter = checkQuery(body.query, actor);
    const row = await this.repository.forOwner(owner, async (db) => {
      if ((await this.repository.count(db, owner)) >= MAX_SAVED_FILTERS) {
        throw savedFilterProblem(
          'saved-filter-limit',
          `You have ${MAX_SAVED_FILTERS} saved filters, as many as one may keep: delete one before you save another.`,
          { limit: MAX_SAVED_FILTERS },
        );
      }
      if (await this.repository.nameTaken(db, owner, body.name, null)) throw nameTaken(body.name);
      if (body.isStartPage) await this.repository.clearStartPage(db, owner, null);
      return this.repository.insert(db, owner, body.name, filter, body.isStartPage ?? false);
    });
    return toResponse(row);
  }

  async update(actor: Actor, id: string, body: UpdateSavedFilterDto): Promise<SavedFilterResponse> {
    const owner = ownerOf(actor);
    const filter = body.query === undefined ? undefined : checkQuery(body.query, actor);
    const row = await this.repository.forOwner(owner, async (db) => {
      const stored = await this.repository.find(db, owner, id);
      if (!stored) throw Problem.notFound('Saved filter', id);
      if (stored.version !== body.version) throw stale(body.version, stored.version);
      const name = body.name ?? stored.name;
      if (name !== stored.name && (await this.repository.nameTaken(db, owner, name, id))) throw nameTaken(name);
      const isStartPage = body.isStartPage ?? stored.is_start_page;
      if (isStartPage && !stored.is_start_page) await this.repository.clearStartPage(db, owner, id);
      return this.repository.update(db, id, name, filter ?? stored.query, isStartPage);
    });
    return toResponse(row);
  }

  async delete(actor: Actor, id: string, version: number | undefined): Promise<void> {
    const owner = ownerOf(actor);
    await this.repository.forOwner(owner, async (db) => {
      const stored = await this.repository.find(db, owner, id);
      if (!stored) throw Problem.notFound('Saved filter', id);
      if (version !== undefined && stored.version !== version) throw stale(version, stored.version);
      await this.repository.delete(db, id);
    });
  }
}

function ownerOf(actor: Actor): string {
  if (!actor.id) throw new Error('A saved filter belongs to a person');
  return actor.id;
}

/**
 * The view as the queue itself checks it (parseQueueQuery), so a saved filter never holds one
 * GET /api/applications would refuse: not paging, and not a named queue the person's roles
 * may not open. Each bad parameter is named under `$.query`.
 */
export function checkQuery(raw: Record<string, unknown>, actor: Actor): Record<string, unknown> {
  const errors: FieldError[] = [];
  const rest: Record<string, unknown> = Object.create(null);
  for (const [name, value] of Object.entries(raw)) {
    if (SAVED_FILTER_KEYS.includes(name)) rest[name] = value;
    else errors.push({ path: `$.query.${name}`, message: 'unknown field' });
  }
  let query: Record<string, unknown> = {};
  try {
    query = { ...parseQueueQuery(rest) };
  } catch (error) {
    if (!(error instanceof Problem) || !Array.isArray(error.extensions.errors)) throw error;
    errors.push(...(error.extensions.errors as FieldError[]).map((e) => ({ ...e, path: e.path.replace(/^\$\./, '$.query.') })));
  }
  const queue = query.queue as keyof typeof QUEUE_ROLES | undefined;
  if (queue && !hasRole(actor, ...QUEUE_ROLES[queue])) {
    errors.push({ path: '$.query.queue', message: `the queue ${queue} is for the roles: ${QUEUE_ROLES[queue].join(', ')}` });
  }
  if (errors.length) throw Problem.validation(errors);
  return query;
}

function nameTaken(name: string): Problem {
  return savedFilterProblem('saved-filter-name-taken', `You have a saved filter named "${name}" already: choose another name.`, {
    errors: [{ path: '$.name', message: 'you have a saved filter of this name already' }],
  });
}

function stale(expected: number, actual: number): Problem {
  return savedFilterProblem(
    'stale-version',
    `You sent version ${expected}, but the saved filter is now at version ${actual}. Reload it and try again.`,
    { currentVersion: actual },
  );
}

function toResponse(row: SavedFilterRow): SavedFilterResponse {
  return {
    id: row.id,
    name: row.name,
    query: row.query,
    isStartPage: row.is_start_page,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
