import Ajv from 'ajv';
import type { Role } from '../auth/roles';
import { FieldError, Problem } from '../common/problem';
import { SIZE_CLASSES } from '../rulebook';
import { CASE_STATUSES as STATUSES } from './case-status';

/*
 * The queue's filters and sort, and their check: in the kernel because two features use them, the
 * queue (GET /api/applications and its export) and the saved filters, which may never hold a
 * filter the queue would refuse.
 */

export const QUEUE_SORTS = [
  'receivedAt',
  '-receivedAt',
  'slaDueAt',
  '-slaDueAt',
  'requestedAmount',
  '-requestedAmount',
  'applicantName',
  '-applicantName',
  'maxAid',
  '-maxAid',
  'recommendedAt',
  '-recommendedAt',
] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

const FLAGS = ['fail', 'missing', 'refer', 'assess'] as const;

/** The named queues: each a person's view of the work (API.md, docs/api.md). */
export const QUEUE_NAMES = ['mine', 'unassigned', 'to-approve', 'awaiting-applicant', 'returned-to-me'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** Who may open each named queue. */
export const QUEUE_ROLES: Record<QueueName, readonly Role[]> = {
  mine: ['caseworker'],
  unassigned: ['caseworker', 'manager'],
  'to-approve': ['approver'],
  'awaiting-applicant': ['caseworker', 'manager'],
  'returned-to-me': ['caseworker'],
};

/** The queue's query parameters, as `parseQueueQuery` returns them. */
export interface QueueQueryDto {
  queue?: QueueName;
  status?: string[];
  assignee?: string;
  q?: string;
  sizeClass?: string[];
  overdue?: boolean;
  replyOverdue?: boolean;
  rule?: string[];
  flag?: (typeof FLAGS)[number][];
  returned?: boolean;
  sort?: QueueSort;
  limit?: number;
  cursor?: string;
}
export type QueueQueryName = keyof QueueQueryDto;
type Name = QueueQueryName;

/**
 * One JSON schema per parameter, for both the check (ajv, compiled once) and the OpenAPI
 * document. The queue is the most requested route; class-validator took about a tenth of a
 * millisecond of each of its requests.
 */
export const QUEUE_QUERY_PARAMETERS: Record<Name, { schema: Record<string, unknown>; description: string; message: string }> = {
  queue: {
    schema: { type: 'string', enum: QUEUE_NAMES },
    description:
      'A named queue: `mine` (caseworker: my open cases), `unassigned` (caseworker, manager: open cases nobody has), ' +
      '`to-approve` (approver: recommended cases I may decide, never one I took part in; oldest recommendation first), ' +
      "`awaiting-applicant` (caseworker: my cases waiting for the applicant; a manager: everyone's), " +
      '`returned-to-me` (caseworker: my cases an approver returned, back in my hands). Other filters narrow it further',
    message: `queue must be one of: ${QUEUE_NAMES.join(', ')}`,
  },
  status: {
    schema: { type: 'array', items: { type: 'string', enum: STATUSES } },
    description: 'One or more statuses, comma-separated, e.g. `received,in_review`',
    message: `each status must be one of: ${STATUSES.join(', ')}`,
  },
  assignee: {
    schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{1,62}$' },
    description: '`me`, `unassigned` or a username',
    message: 'assignee must be me, unassigned or a username',
  },
  q: {
    schema: { type: 'string', maxLength: 200 },
    description: 'Matches reference, org number, applicant name and title',
    message: 'q must be a text of at most 200 characters',
  },
  sizeClass: {
    schema: { type: 'array', items: { type: 'string', enum: SIZE_CLASSES } },
    description: 'One or more size classes, comma-separated',
    message: `each sizeClass must be one of: ${SIZE_CLASSES.join(', ')}`,
  },
  overdue: {
    schema: { type: 'boolean' },
    description: 'Only open cases past their SLA due date',
    message: 'overdue must be true or false',
  },
  replyOverdue: {
    schema: { type: 'boolean' },
    description: 'Only cases waiting for the applicant past the reply-by date of their information request ("Svarfrist passert")',
    message: 'replyOverdue must be true or false',
  },
  rule: {
    schema: { type: 'array', maxItems: 20, items: { type: 'string', pattern: '^[A-Z]{3}-\\d{2}:(pass|fail|assess|missing|refer|na)$' } },
    description: 'Latest evaluation has this rule at this outcome, e.g. INC-01:fail (comma-separated, at most 20: all must hold)',
    message: 'each rule must look like INC-01:fail, at most 20 rules',
  },
  flag: {
    schema: { type: 'array', items: { type: 'string', enum: FLAGS } },
    description: 'Latest evaluation has any rule at fail, missing, refer or assess (comma-separated: all must hold)',
    message: 'each flag must be fail, missing, refer or assess',
  },
  returned: {
    schema: { type: 'boolean' },
    description: 'Only open cases an approver has returned (true), or only the others (false)',
    message: 'returned must be true or false',
  },
  sort: {
    schema: { type: 'string', enum: QUEUE_SORTS },
    description:
      'Sort key; a leading `-` sorts descending. Default `receivedAt`; in `queue=to-approve` `recommendedAt` (oldest recommendation first), the only queue that may sort by it',
    message: `sort must be one of: ${QUEUE_SORTS.join(', ')}`,
  },
  limit: {
    schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    description: 'Rows per page',
    message: 'limit must be an integer from 1 to 200',
  },
  cursor: {
    schema: { type: 'string', maxLength: 1000 },
    description: 'The nextCursor of the previous page',
    message: 'cursor must be a text of at most 1000 characters',
  },
};

const LISTS = new Set(Object.keys(QUEUE_QUERY_PARAMETERS).filter((name) => QUEUE_QUERY_PARAMETERS[name as Name].schema.type === 'array'));

// Query values arrive as text: "50" becomes 50 and "true" true.
const validate = new Ajv({ allErrors: true, coerceTypes: true, strict: true, useDefaults: false }).compile({
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(Object.entries(QUEUE_QUERY_PARAMETERS).map(([name, p]) => [name, p.schema])),
});

/**
 * The queue's parameters, checked: comma-separated (or repeated) list parameters become arrays,
 * and every bad one is named (`$.status`), as in every other problem.
 */
export function parseQueueQuery(raw: Record<string, unknown> = {}): QueueQueryDto {
  const query: Record<string, unknown> = Object.create(null);
  for (const name in raw) query[name] = LISTS.has(name) ? splitList(raw[name]) : raw[name];
  const errors: FieldError[] = [];
  // ajv turns "1e400" into Infinity and lets it through as an integer up to 200: a limit is digits.
  if (typeof query.limit === 'string' && !/^\d{1,3}$/.test(query.limit)) {
    errors.push({ path: '$.limit', message: QUEUE_QUERY_PARAMETERS.limit.message });
    delete query.limit;
  }
  if (validate(query) && !errors.length) {
    const checked = query as QueueQueryDto;
    if (checked.sort?.endsWith('recommendedAt') && checked.queue !== 'to-approve') {
      throw Problem.validation([{ path: '$.sort', message: 'recommendedAt sorts only queue=to-approve' }]);
    }
    return checked;
  }
  for (const e of validate.errors ?? []) {
    const unknown = e.keyword === 'additionalProperties';
    const name = unknown ? String(e.params.additionalProperty) : e.instancePath.split('/')[1];
    const error = { path: `$.${name}`, message: unknown ? 'unknown field' : QUEUE_QUERY_PARAMETERS[name as Name].message };
    if (!errors.some((x) => x.path === error.path)) errors.push(error);
  }
  throw Problem.validation(errors);
}

function splitList(value: unknown): unknown {
  const parts = Array.isArray(value) ? value : [value];
  if (!parts.every((p) => typeof p === 'string')) return value;
  return (parts as string[])
    .flatMap((p) => p.split(','))
    .map((p) => p.trim())
    .filter(Boolean);
}
