import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsIn, IsOptional } from 'class-validator';
import { DataSource } from 'typeorm';
import { Roles } from '../auth/decorators';
import { ROLES } from './user.entity';

class UsersQuery {
  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` })
  role?: string;
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @Roles('caseworker', 'approver', 'manager', 'admin')
  async list(@Query() query: UsersQuery) {
    const rows: { username: string; display_name: string; roles: string[] }[] = await this.dataSource.query(
      `SELECT u.username, u.display_name, array_agg(r.role ORDER BY r.role) AS roles
         FROM app_user u JOIN user_role r ON r.user_id = u.id
        WHERE u.active AND ($1::text IS NULL OR u.id IN (SELECT user_id FROM user_role WHERE role = $1))
        GROUP BY u.id ORDER BY u.display_name`,
      [query.role ?? null],
    );
    return rows.map((r) => ({ username: r.username, displayName: r.display_name, roles: r.roles }));
  }
}
