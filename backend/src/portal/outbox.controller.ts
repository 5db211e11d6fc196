import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators';
import { ApiAuthenticatedProblems, ApiProblems } from '../common/openapi';
import { OutboxPageResponse, OutboxQuery } from './dto/outbox.dto';
import { OutboxService } from './outbox.service';

@ApiTags('portal')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller('portal/outbox')
export class OutboxController {
  constructor(private readonly outbox: OutboxService) {}

  @Get()
  @Roles('intake')
  @ApiOperation({
    operationId: 'readPortalOutbox',
    summary:
      'The messages for applicants (information requests, preliminary replies, decision letters) after the one named, in order; ' +
      'the portal pages with nextAfter and deduplicates on id',
  })
  @ApiOkResponse({ type: OutboxPageResponse })
  @ApiProblems([400, 'Not valid: limit out of range, or after is not the id of a message'])
  read(@Query() query: OutboxQuery): Promise<OutboxPageResponse> {
    return this.outbox.page(query.after, query.limit);
  }
}
