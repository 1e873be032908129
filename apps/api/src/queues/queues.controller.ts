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
import type { QueueLiveView, QueueView } from '#contracts';
import { ApiErrorDto } from '../auth/dto/responses.dto.js';
import { CurrentUser, Roles, type Principal } from '../common/principal.js';
import { TenantController } from '../tenancy/tenant-controller.decorator.js';
import { parseId, TenantScope } from '../tenancy/tenant-scope.js';
import { CreateQueueDto, QueueLiveViewDto, QueueViewDto, UpdateQueueDto } from './queue.dto.js';
import { QueuesService } from './queues.service.js';

const READERS = ['admin', 'supervisor'] as const;

@TenantController('queues')
export class QueuesController {
  constructor(private readonly queues: QueuesService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: "The tenant's queue groups with their members and agent counts" })
  @ApiOkResponse({ type: [QueueViewDto] })
  list(@CurrentUser() p: Principal): Promise<QueueView[]> {
    return this.queues.list(TenantScope.of(p));
  }

  // Before ':id', which would take "live" for an id.
  @Get('live')
  @Roles(...READERS)
  @ApiOperation({
    summary:
      "Each queue's live state: waiting callers, longest wait, agents by activity (also pushed as socket.io `queue.state`)",
  })
  @ApiOkResponse({ type: [QueueLiveViewDto] })
  live(@CurrentUser() p: Principal): Promise<QueueLiveView[]> {
    return this.queues.live(TenantScope.of(p));
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a queue group with its members (users and user groups of the tenant)' })
  @ApiCreatedResponse({ type: QueueViewDto })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: 'Field errors, e.g. `members.N.id` (not a user/group of the tenant), `mohClassId`',
  })
  @ApiConflictResponse({ type: ApiErrorDto, description: '`already_used`: `name` taken in this tenant' })
  create(@CurrentUser() p: Principal, @Body() body: CreateQueueDto): Promise<QueueView> {
    return this.queues.create(TenantScope.of(p), body);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One queue group of the tenant' })
  @ApiOkResponse({ type: QueueViewDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  get(@CurrentUser() p: Principal, @Param('id') id: string): Promise<QueueView> {
    return this.queues.get(TenantScope.of(p), parseId(id));
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change settings; `members`, when given, replaces the whole member list' })
  @ApiOkResponse({ type: QueueViewDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: '`already_used`: `name` taken in this tenant' })
  update(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Body() body: UpdateQueueDto,
  ): Promise<QueueView> {
    return this.queues.update(TenantScope.of(p), parseId(id), body);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a queue group; refused (409 `queue_in_use`) while a call flow uses it' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: '`queue_in_use`, with the flows (`flows`)' })
  async remove(@CurrentUser() p: Principal, @Param('id') id: string): Promise<void> {
    await this.queues.remove(TenantScope.of(p), parseId(id));
  }
}
