import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ApiAuthenticatedProblems, ApiProblems } from '../common/openapi';
import { Roles } from './decorators';
import { ROLE_ENUM, UserResponse } from './dto/session.response';
import { Role, ROLES } from './roles';
import { UsersRepository } from './users.repository';

class UsersQuery {
  @ApiPropertyOptional({ ...ROLE_ENUM, description: 'Only users with this role' })
  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` })
  role?: Role;
}

@ApiTags('users')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersRepository) {}

  @Get()
  @Roles('caseworker', 'approver', 'manager', 'admin')
  @ApiOperation({ operationId: 'listUsers', summary: 'Active users, by name; optionally only those with a role' })
  @ApiOkResponse({ type: [UserResponse] })
  @ApiProblems(400)
  async list(@Query() query: UsersQuery) {
    const rows = await this.users.list(query.role ?? null);
    return rows.map((r) => ({ username: r.username, displayName: r.display_name, roles: r.roles }));
  }
}
