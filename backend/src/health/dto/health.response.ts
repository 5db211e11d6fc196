import { ApiProperty, ApiSchema } from '@nestjs/swagger';

const INDICATORS = {
  type: 'object',
  additionalProperties: { type: 'object', properties: { status: { type: 'string' } }, additionalProperties: true },
  description: 'By indicator (`database`): its status, `up` or `down`',
  example: { database: { status: 'up' } },
} as const;

/** @nestjs/terminus's answer when every indicator is up. */
@ApiSchema({ name: 'HealthStatus' })
export class HealthStatusResponse {
  @ApiProperty({ enum: ['ok'] })
  status: string;

  @ApiProperty({ ...INDICATORS, description: 'The indicators that are up' })
  info: Record<string, unknown>;

  @ApiProperty({ ...INDICATORS, description: 'The indicators that are down (none)' })
  error: Record<string, unknown>;

  @ApiProperty({ ...INDICATORS, description: 'Every indicator' })
  details: Record<string, unknown>;
}
