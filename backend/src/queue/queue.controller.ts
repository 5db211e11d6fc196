import { PassThrough } from 'node:stream';
import {
  Body,
  Controller,
  createParamDecorator,
  ExecutionContext,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { CaseViewResponse, expectedVersion } from '../cases';
import { ApiAuthenticatedProblems, ApiIfMatch, ApiProblems } from '../common/openapi';
import { AssignDto, BulkAssignDto } from './dto/assign.dto';
import { BulkAssignResultsResponse, QueueCountsResponse, QueuePageResponse } from './dto/queue-page.response';
import { ApiQueueQuery, QueueQuery, QueueQueryDto } from './dto/queue-query.dto';
import {
  CSV_SEPARATOR,
  EXPORT_CONTENT_TYPES,
  EXPORT_FORMATS,
  EXPORT_LANGS,
  EXPORT_PAGE_SIZE,
  exportFileName,
  ExportQuery,
  parseExportQuery,
  writeExport,
} from './queue-export';
import { QueueService } from './queue.service';

/** The export's parameters from the query string, checked by `parseExportQuery`. */
const ExportQueryParam = createParamDecorator((_: unknown, ctx: ExecutionContext): ExportQuery =>
  parseExportQuery(ctx.switchToHttp().getRequest<{ query: Record<string, unknown> }>().query),
);

const uuid = new ParseUUIDPipe({ version: undefined });

@ApiTags('queue')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller('applications')
export class QueueController {
  constructor(private readonly queue: QueueService) {}

  @Get()
  @Roles('caseworker', 'approver', 'manager')
  @ApiOperation({ operationId: 'listQueue', summary: 'The queue: filtered, sorted, keyset-paged' })
  @ApiOkResponse({ type: QueuePageResponse })
  @ApiProblems(400, 403)
  @ApiQueueQuery()
  list(@QueueQuery() query: QueueQueryDto, @CurrentActor() actor: Actor) {
    return this.queue.list(query, actor);
  }

  @Get('export')
  @Roles('caseworker', 'approver', 'manager')
  @ApiOperation({
    operationId: 'exportQueue',
    summary: 'A queue view (the same filters and sort as the queue) as CSV or XLSX, every row, streamed',
    description:
      "Walks the view's keyset pages on the server and streams them, one page in memory at a time (no row limit: " +
      'memory stays bounded however large the view). Columns: reference, applicant, org number, title, status (its label in ' +
      '`lang`), status code (`in_review`: the one machine column, stable whatever the language or wording), size class, ' +
      'decision, returned, assignee, received (Norwegian time), SLA due, requested amount, max aid. Amounts are numbers; ' +
      "dates are date cells in XLSX and the locale's dates in CSV (nb 02.03.2026 10:00, en 02/03/2026 10:00). CSV: UTF-8 with a byte order mark, " +
      `separator \`${CSV_SEPARATOR}\` (as Excel with Norwegian settings expects), CRLF line ends. A text cell that ` +
      "starts with =, +, -, @ (or a tab or carriage return) gets a leading ' so no spreadsheet runs it as a formula.",
  })
  @ApiQuery({ name: 'format', required: true, schema: { type: 'string', enum: [...EXPORT_FORMATS] } })
  @ApiQuery({
    name: 'lang',
    required: false,
    description: 'Language of the headings, of the labels (status, size class, decision, returned) and of the dates: nb or en (en-GB)',
    schema: { type: 'string', enum: [...EXPORT_LANGS], default: 'nb' },
  })
  @ApiQueueQuery(['limit', 'cursor'])
  @ApiOkResponse({
    description: 'The file',
    content: Object.fromEntries(
      Object.values(EXPORT_CONTENT_TYPES).map((type) => [type.split(';')[0], { schema: { type: 'string', format: 'binary' } }]),
    ),
    headers: {
      'content-disposition': { description: 'attachment; filename="saker-<queue or utvalg>-<date>.<format>"', schema: { type: 'string' } },
    },
  })
  @ApiProblems(400, 403)
  async export(@ExportQueryParam() exportQuery: ExportQuery, @CurrentActor() actor: Actor, @Res() res: FastifyReply) {
    const pages = this.queue.pages(exportQuery.query, actor, EXPORT_PAGE_SIZE)[Symbol.asyncIterator]();
    // The first page before the answer starts: a refused queue is still a 403 problem.
    const first = await pages.next();
    const rest = { [Symbol.asyncIterator]: () => pages };
    async function* all() {
      if (!first.done) yield first.value;
      yield* rest;
    }
    const out = new PassThrough();
    void writeExport(out, exportQuery, all());
    res
      .status(200)
      .type(EXPORT_CONTENT_TYPES[exportQuery.format])
      .header('content-disposition', `attachment; filename="${exportFileName(exportQuery)}"`)
      .header('cache-control', 'no-store')
      .send(out);
  }

  @Post('bulk-assign')
  @HttpCode(200)
  @Roles('manager')
  @ApiOperation({ operationId: 'bulkAssignCases', summary: 'Assign many cases; one result per case' })
  @ApiOkResponse({ type: BulkAssignResultsResponse, description: 'Each case in its own transaction; a failure is named in its result' })
  @ApiProblems(400)
  bulkAssign(@Body() body: BulkAssignDto, @CurrentActor() actor: Actor) {
    return this.queue.bulkAssign(body.ids, body.assignee, actor);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Roles('manager', 'caseworker')
  @ApiOperation({
    operationId: 'assignCase',
    summary: 'Set the caseworker: managers assign anyone, caseworkers take a case for themselves',
  })
  @ApiIfMatch()
  @ApiOkResponse({ type: CaseViewResponse, description: 'The case afterwards' })
  @ApiProblems(400, 404, 409)
  assign(@Param('id', uuid) id: string, @Body() body: AssignDto, @CurrentActor() actor: Actor, @Headers('if-match') ifMatch?: string) {
    return this.queue.assignAndView(id, body.assignee, actor, expectedVersion(body.version, ifMatch));
  }
}

@ApiTags('queue')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller('queues')
export class QueueCountsController {
  constructor(private readonly queue: QueueService) {}

  @Get('counts')
  @Roles('caseworker', 'approver', 'manager')
  @ApiOperation({ operationId: 'queueCounts', summary: "How many cases each of the caller's queues holds, for the navigation" })
  @ApiOkResponse({ type: QueueCountsResponse })
  counts(@CurrentActor() actor: Actor) {
    return this.queue.counts(actor);
  }
}
