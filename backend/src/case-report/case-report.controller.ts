import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { AccessLogged } from '../access';
import type { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { ApiAuthenticatedProblems, ApiProblems } from '../common/openapi';
import { CaseReportService } from './case-report.service';

const uuid = new ParseUUIDPipe();
const REPORT_LANGUAGES = ['nb', 'en'] as const;

export class CaseReportQuery {
  @ApiPropertyOptional({ enum: REPORT_LANGUAGES, default: 'nb', description: 'The language of the report' })
  @IsOptional()
  @IsIn(REPORT_LANGUAGES, { message: 'lang must be nb or en' })
  lang?: 'nb' | 'en';
}

@ApiTags('case-report')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller()
export class CaseReportController {
  constructor(private readonly reports: CaseReportService) {}

  @Get('applications/:id/case-report.pdf')
  @AccessLogged('case.report')
  @Roles('caseworker', 'approver', 'manager')
  @ApiProduces('application/pdf')
  @ApiOperation({
    operationId: 'getCaseReport',
    summary:
      'The whole case as a printable PDF (saksutskrift): header, project, cost lines, rules, assessments, notes, requests, documents, recommendation, decision, history',
  })
  @ApiOkResponse({
    description: 'The case report as a PDF, made now; streamed',
    schema: { type: 'string', format: 'binary' },
    headers: {
      'content-disposition': { description: 'inline; filename="<reference>-saksutskrift-<lang>.pdf"', schema: { type: 'string' } },
    },
  })
  @ApiProblems(400, 404)
  async report(@Param('id', uuid) id: string, @Query() query: CaseReportQuery, @CurrentActor() actor: Actor, @Res() res: FastifyReply) {
    const lang = query.lang ?? 'nb';
    const { reference, pdf } = await this.reports.render(id, actor, lang);
    res
      .status(200)
      .type('application/pdf')
      .header('cache-control', 'no-store')
      .header('content-disposition', `inline; filename="${reference}-${lang === 'nb' ? 'saksutskrift' : 'case-report'}-${lang}.pdf"`)
      .send(pdf);
  }
}
