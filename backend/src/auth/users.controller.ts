import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Roles } from './decorators';
import { Role, ROLES } from './roles';
import { UsersRepository } from './users.repository';

class UsersQuery {
  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` })
  role?: Role;
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersRepository) {}

  @Get()
  @Roles('caseworker', 'approver', 'manager', 'admin')
  async list(@Query() query: UsersQuery) {
    const rows = await this.users.list(query.role ?? null);
    return rows.map((r) => ({ username: r.username, displayName: r.display_name, roles: r.roles }));
  }
}
