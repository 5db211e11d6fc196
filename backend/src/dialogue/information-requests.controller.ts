import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessLogged } from '../access';
import type { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { expectedVersion } from '../cases';
import { ApiAuthenticatedProblems, ApiIfMatch, ApiProblems } from '../common/openapi';
import { InformationReplyDto, InformationRequestDto } from './dto/information-request.dto';
import { InformationRequestResponse } from './dto/information-request.response';
import { InformationRequestsService } from './information-requests.service';

const uuid = new ParseUUIDPipe();

@ApiTags('dialogue')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller('applications/:id/information-requests')
export class InformationRequestsController {
  constructor(private readonly requests: InformationRequestsService) {}

  @Post()
  @Roles('caseworker')
  @ApiOperation({
    operationId: 'requestInformation',
    summary: 'Asks the applicant for information: the case waits for them (awaiting_applicant) and the SLA clock stops until they answer',
  })
  @ApiIfMatch()
  @ApiCreatedResponse({ type: InformationRequestResponse })
  @ApiProblems(400, [403, 'Not the case’s caseworker'], 404, [409, 'The case changed meanwhile (stale-version), or it is not in review'])
  request(
    @Param('id', uuid) id: string,
    @Body() body: InformationRequestDto,
    @CurrentActor() actor: Actor,
    @Headers('if-match') ifMatch?: string,
  ) {
    return this.requests.request(id, actor, body, expectedVersion(body.version, ifMatch));
  }

  @Post(':requestId/reply')
  @HttpCode(201)
  @Roles('intake')
  @ApiOperation({
    operationId: 'replyToInformationRequest',
    summary:
      "The applicant's answer, from the portal, with any documents: the case is back in review and the SLA clock runs again from the answer's time",
  })
  @ApiCreatedResponse({ type: InformationRequestResponse, description: 'The request with its reply' })
  @ApiProblems(
    [400, 'Not valid: the message, a document that is not on the case, or a receivedAt in the future or before the request'],
    [404, 'No such case, or no such request on it (information-request-not-found)'],
    [409, 'The request has been answered already (already-replied), or the case is closed'],
  )
  reply(
    @Param('id', uuid) id: string,
    @Param('requestId', uuid) requestId: string,
    @Body() body: InformationReplyDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.requests.reply(id, requestId, actor, body);
  }

  @Get()
  @AccessLogged('case.information-requests')
  @Roles('caseworker', 'approver', 'manager')
  @ApiOperation({
    operationId: 'listInformationRequests',
    summary: 'The requests to the applicant and their replies, with their dates, oldest first',
  })
  @ApiOkResponse({ type: [InformationRequestResponse] })
  @ApiProblems(400, 404)
  list(@Param('id', uuid) id: string) {
    return this.requests.list(id);
  }
}
