import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Role, ROLES } from '../roles';

export const ROLE_ENUM = { enum: ROLES, enumName: 'Role' } as const;

@ApiSchema({ name: 'User', description: 'A person who uses the console, with their roles' })
export class UserResponse {
  @ApiProperty({ example: 'kari' })
  username: string;

  @ApiProperty({ example: 'Kari Nordmann' })
  displayName: string;

  @ApiProperty({ ...ROLE_ENUM, isArray: true })
  roles: Role[];
}

@ApiSchema({ name: 'Session', description: 'An access token and the user it belongs to' })
export class SessionResponse {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <token>`' })
  accessToken: string;

  @ApiProperty({ format: 'date-time', description: 'When the token expires unless refreshed (idle limit)' })
  expiresAt: string;

  @ApiProperty({ format: 'date-time', description: 'When the session ends however active it is' })
  sessionEndsAt: string;

  @ApiProperty({ type: UserResponse })
  user: UserResponse;
}
