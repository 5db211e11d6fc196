import { ApiProperty, ApiSchema } from '@nestjs/swagger';

/** What the console may know before anyone signs in. */
@ApiSchema({ name: 'PublicConfig' })
export class PublicConfigResponse {
  @ApiProperty({
    description:
      'This server runs with demo data (SEED_DEMO, the default with the embedded database of `npm start`): ' +
      'the demo users and their password `demo` may exist, so the console shows a "demo" banner. Never true in production.',
    example: true,
  })
  demo: boolean;
}
