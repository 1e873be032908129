import { Body, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import type { UserGroup } from '#contracts';
import { ApiErrorDto } from '../auth/dto/responses.dto.js';
import { CurrentUser, Roles, type Principal } from '../common/principal.js';
import { TenantController } from '../tenancy/tenant-controller.decorator.js';
import { parseId, TenantScope } from '../tenancy/tenant-scope.js';
import { UserGroupDto, UserGroupRequestDto } from './user-group.dto.js';
import { UserGroupsService } from './user-groups.service.js';

@TenantController('user-groups')
export class UserGroupsController {
  constructor(private readonly groups: UserGroupsService) {}

  @Get()
  @Roles('admin', 'supervisor', 'agent')
  @ApiOperation({ summary: "The tenant's user groups with member counts" })
  @ApiOkResponse({ type: [UserGroupDto] })
  list(@CurrentUser() p: Principal): Promise<UserGroup[]> {
    return this.groups.list(TenantScope.of(p));
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a group (name unique in the tenant)' })
  @ApiCreatedResponse({ type: UserGroupDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Invalid or taken `name`' })
  create(@CurrentUser() p: Principal, @Body() body: UserGroupRequestDto): Promise<UserGroup> {
    return this.groups.create(TenantScope.of(p), body.name);
  }

  @Get(':id')
  @Roles('admin', 'supervisor', 'agent')
  @ApiOperation({ summary: 'One group of the tenant' })
  @ApiOkResponse({ type: UserGroupDto })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such group in this tenant' })
  get(@CurrentUser() p: Principal, @Param('id') id: string): Promise<UserGroup> {
    return this.groups.get(TenantScope.of(p), parseId(id));
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Rename a group' })
  @ApiOkResponse({ type: UserGroupDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Invalid or taken `name`' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  rename(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Body() body: UserGroupRequestDto,
  ): Promise<UserGroup> {
    return this.groups.rename(TenantScope.of(p), parseId(id), body.name);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary:
      'Delete a group (its memberships go with it); refused (409 `group_in_use`) while a queue uses it',
  })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: '`group_in_use`, with the queues (`queues`)' })
  async remove(@CurrentUser() p: Principal, @Param('id') id: string): Promise<void> {
    await this.groups.remove(TenantScope.of(p), parseId(id));
  }
}
