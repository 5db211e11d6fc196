import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators';
import { AppConfig } from '../config/app-config';
import { PublicConfigResponse } from './dto/public-config.response';

/** What the console needs to know about the server before sign-in; nothing secret. */
@ApiTags('health')
@Controller('config')
export class PublicConfigController {
  constructor(private readonly config: AppConfig) {}

  @Get()
  @Public()
  @ApiOperation({ operationId: 'getPublicConfig', summary: 'What the console shows before sign-in: whether this is a demo server' })
  @ApiOkResponse({ type: PublicConfigResponse })
  get(): PublicConfigResponse {
    return { demo: this.config.seedDemo };
  }
}
