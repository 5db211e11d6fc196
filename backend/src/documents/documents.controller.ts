import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessLogged } from '../access';
import type { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { ApiAuthenticatedProblems, ApiProblems } from '../common/openapi';
import { DOCUMENT_CONTENT_TYPES } from './content-type';
import { DocumentResponse } from './dto/document.response';
import { DocumentInErrorDto, UPLOAD_FORM_SCHEMA } from './dto/documents.dto';
import { DocumentsService } from './documents.service';

const uuid = new ParseUUIDPipe();
const READERS = ['caseworker', 'approver', 'manager'] as const;

@ApiTags('documents')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller('applications/:id/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post()
  @Roles('intake', 'caseworker')
  // The one kind of route that takes multipart/form-data (app.ts refuses it everywhere else).
  @RouteConfig({ multipart: true })
  @ApiOperation({
    operationId: 'uploadDocument',
    summary:
      'Adds a document to the case: the portal for the applicant, or the assigned caseworker. The file streams in, is recognised by its bytes and stored once by its SHA-256',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: UPLOAD_FORM_SCHEMA })
  @ApiCreatedResponse({ type: DocumentResponse })
  @ApiProblems(
    [400, 'A field is missing or not valid (`errors` names it: $.file, $.kind, $.title), or the form is not well-formed'],
    [403, 'Not the portal and not the case’s caseworker'],
    404,
    [409, 'The case is closed (decided or withdrawn)'],
    [413, 'The file is larger than 25 MB (document-too-large); nothing is stored'],
    [
      415,
      'The file is not PDF, PNG, JPEG, XLSX, DOCX or CSV by its bytes (unsupported-document-type), or the body is not multipart/form-data',
    ],
    [422, 'The malware scanner found malware in the file (document-infected; `signature` names it, `scan` is refused); nothing is stored'],
    [503, 'A malware scanner is configured but cannot be reached or gave no verdict (scanner-unavailable); nothing is stored'],
  )
  upload(@Param('id', uuid) id: string, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    return this.documents.upload(id, actor, request);
  }

  @Get()
  @AccessLogged('document.list')
  @Roles(...READERS)
  @ApiOperation({ operationId: 'listDocuments', summary: "The case's documents, newest first (those entered in error included, marked)" })
  @ApiOkResponse({ type: [DocumentResponse] })
  @ApiProblems(400, 404)
  list(@Param('id', uuid) id: string) {
    return this.documents.list(id);
  }

  @Get(':documentId/content')
  @AccessLogged('document.content', 'documentId')
  @Roles(...READERS)
  @ApiProduces(...Object.values(DOCUMENT_CONTENT_TYPES))
  @ApiOperation({
    operationId: 'getDocumentContent',
    summary: "The document's bytes, with their content type; the same bytes on every download",
  })
  @ApiOkResponse({
    description: 'The bytes, as stored',
    content: Object.fromEntries(
      Object.values(DOCUMENT_CONTENT_TYPES).map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
    ),
    headers: {
      etag: { description: 'Strong: "<sha256>" of the bytes', schema: { type: 'string' } },
      'content-disposition': { description: 'attachment, with the file name as sent', schema: { type: 'string' } },
    },
  })
  @ApiNotModifiedResponse({ description: 'If-None-Match named these bytes' })
  @ApiProblems(
    400,
    [404, 'No such case, or no such document on it (document-not-found)'],
    [503, 'The store does not have the bytes (document-content-missing)'],
  )
  async content(
    @Param('id', uuid) id: string,
    @Param('documentId', uuid) documentId: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: FastifyReply,
  ) {
    const { document, contentType, open } = await this.documents.content(id, documentId);
    const etag = `"${document.sha256}"`;
    // A client that has these bytes already (the same strong ETag) gets 304 without them.
    if (ifNoneMatch?.split(',').some((tag) => [etag, `W/${etag}`, '*'].includes(tag.trim()))) {
      res.status(304).header('etag', etag).send();
      return;
    }
    const bytes = await open();
    res
      .status(200)
      .type(contentType)
      .header('content-length', String(document.size))
      .header('content-disposition', contentDisposition(document.fileName))
      .header('etag', etag)
      .send(bytes);
  }

  @Post(':documentId/entered-in-error')
  @HttpCode(200)
  @Roles('caseworker', 'manager')
  @ApiOperation({
    operationId: 'markDocumentEnteredInError',
    summary: 'Marks a document as entered in error, with the reason (documents are never deleted)',
  })
  @ApiOkResponse({ type: DocumentResponse })
  @ApiProblems(
    400,
    [403, 'Not the case’s caseworker or a manager'],
    [404, 'No such case, or no such document on it (document-not-found)'],
    [409, 'The document is marked already (document-in-error), or the case is closed'],
  )
  enteredInError(
    @Param('id', uuid) id: string,
    @Param('documentId', uuid) documentId: string,
    @Body() body: DocumentInErrorDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.documents.markEnteredInError(id, documentId, actor, body.reason);
  }
}

/** `attachment` with the file name: as plain ASCII for old clients, and exactly (RFC 5987) for the rest. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const exact = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}
