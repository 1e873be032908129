import { Body, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import type { TenantUser, UserPage } from '#contracts';
import { ApiErrorDto } from '../auth/dto/responses.dto.js';
import { CurrentUser, Roles, type Principal } from '../common/principal.js';
import { TenantController } from '../tenancy/tenant-controller.decorator.js';
import { parseId, TenantScope } from '../tenancy/tenant-scope.js';
import { CreateUserDto, ListUsersQueryDto, TenantUserDto, UpdateUserDto, UserPageDto } from './user.dto.js';
import { UsersService } from './users.service.js';

@TenantController('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: "The tenant's users, searched by name/email/phone, one page; deleted excluded" })
  @ApiOkResponse({ type: UserPageDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  list(@CurrentUser() p: Principal, @Query() query: ListUsersQueryDto): Promise<UserPage> {
    return this.users.list(TenantScope.of(p), query);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Invite a user: status invited, next free extension, invitation mailed (7 days)' })
  @ApiCreatedResponse({ type: TenantUserDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Invalid fields, or `email`/`phone` taken' })
  @ApiConflictResponse({ type: ApiErrorDto, description: '`quota_users_reached`' })
  create(@CurrentUser() p: Principal, @Body() body: CreateUserDto): Promise<TenantUser> {
    return this.users.create(TenantScope.of(p), body);
  }

  @Get(':id')
  @Roles('admin', 'supervisor', 'agent')
  @ApiOperation({ summary: 'One user of the tenant (agents: only themselves)' })
  @ApiOkResponse({ type: TenantUserDto })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such user in this tenant' })
  get(@CurrentUser() p: Principal, @Param('id') id: string): Promise<TenantUser> {
    return this.users.get(TenantScope.of(p), parseId(id));
  }

  @Post(':id/invitation')
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Mail a fresh invitation link to an invited user (earlier links stop working)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: '`not_invited`: the user already set a password' })
  async resendInvitation(@CurrentUser() p: Principal, @Param('id') id: string): Promise<void> {
    await this.users.resendInvitation(TenantScope.of(p), parseId(id));
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({
    summary: 'Update name, phone, role, groups or status; an admin cannot demote/disable themself',
  })
  @ApiOkResponse({ type: TenantUserDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  update(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Body() body: UpdateUserDto,
  ): Promise<TenantUser> {
    return this.users.update(TenantScope.of(p), parseId(id), body);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Soft-delete a user: hidden, cannot sign in, sessions revoked; email kept' })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Deleting yourself' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  async remove(@CurrentUser() p: Principal, @Param('id') id: string): Promise<void> {
    await this.users.remove(TenantScope.of(p), parseId(id));
  }
}
