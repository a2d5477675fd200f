import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ListResponse, User } from '@billinator/contracts';
import { RequirePermission } from '../auth/decorators';
import { CreateUserDto, ListUsersQueryDto, UpdateUserDto } from './dto/users.dto';
import { UsersService } from './users.service';
import { notFoundUuid } from '../common/uuid-param';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequirePermission('users.read')
  list(@Query() query: ListUsersQueryDto): Promise<ListResponse<User>> {
    return this.users.list(query);
  }

  @Get(':id')
  @RequirePermission('users.read')
  get(@Param('id', new ParseUUIDPipe({ exceptionFactory: notFoundUuid })) id: string): Promise<User> {
    return this.users.get(id);
  }

  @Post()
  @RequirePermission('users.manage')
  create(@Body() dto: CreateUserDto): Promise<User> {
    return this.users.create(dto);
  }

  @Patch(':id')
  @RequirePermission('users.manage')
  update(
    @Param('id', new ParseUUIDPipe({ exceptionFactory: notFoundUuid })) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<User> {
    return this.users.update(id, dto);
  }
}
