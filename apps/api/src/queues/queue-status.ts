import { Body, Get, Injectable, Put } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
} from '@nestjs/swagger';
import type { QueueStatusRequest, QueueStatusView } from '#contracts';
import { AgentStateEntity, PauseReasonEntity, QueueLoginEntity } from '#database';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { ApiErrorDto } from '../auth/dto/responses.dto.js';
import { ValidationFailedError, type FieldIssue } from '../common/domain-error.js';
import { CurrentUser, Roles, type Principal } from '../common/principal.js';
import { CallflowCommands } from '../realtime/callflow-commands.js';
import { TenantController } from '../tenancy/tenant-controller.decorator.js';
import { TenantScope } from '../tenancy/tenant-scope.js';
import { queuesOfUser } from './queue-members.js';

export class QueueStatusRequestDto implements QueueStatusRequest {
  @ApiPropertyOptional({
    type: [Number],
    description:
      "Queues to be logged in to (a subset of the user's queues); the user's other queues are logged out",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(4_294_967_295, { each: true })
  loggedIn?: number[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  paused?: boolean;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'A pause reason of the tenant; required when pausing if the tenant has reasons',
  })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsInt()
  @Min(1)
  @Max(4_294_967_295)
  pauseReasonId?: number | null;
}

class QueueStatusQueueDto {
  @ApiProperty() id!: number;
  @ApiProperty() name!: string;
  @ApiProperty() loggedIn!: boolean;
}

export class QueueStatusDto implements QueueStatusView {
  @ApiProperty({ type: [QueueStatusQueueDto] }) queues!: QueueStatusQueueDto[];
  @ApiProperty() paused!: boolean;
  @ApiProperty({ type: Number, nullable: true }) pauseReasonId!: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) changedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) wrapupUntil!: string | null;
}

/**
 * The signed-in agent's own queue state: which of their queues they are logged in to, and
 * whether (and why) they pause. One transaction per change; callflow hears `agents.changed`.
 */
@Injectable()
export class QueueStatusService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly commands: CallflowCommands,
  ) {}

  async get(scope: TenantScope): Promise<QueueStatusView> {
    return this.read(this.db.manager, scope);
  }

  async put(scope: TenantScope, input: QueueStatusRequestDto): Promise<QueueStatusView> {
    const userId = scope.principal.userId;
    if (input.paused === null) throw new ValidationFailedError([{ field: 'paused', code: 'invalid_type' }]);
    const result = await this.db.transaction(async (em) => {
      // Lock the agent's state row (or the gap): two tabs changing it at once apply one by one.
      const state = await em.findOne(AgentStateEntity, {
        where: { userId },
        lock: { mode: 'pessimistic_write' },
      });
      const issues: FieldIssue[] = [];
      if (input.loggedIn !== undefined) {
        const mine = new Set((await queuesOfUser(em, scope.tenantId, userId)).map((q) => q.id));
        const foreign = [...new Set(input.loggedIn)].filter((id) => !mine.has(id));
        if (foreign.length)
          issues.push({
            field: 'loggedIn',
            code: 'not_member',
            messageKey: 'not_queue_member',
            params: { queues: foreign.join(', ') },
          });
      }
      const paused = input.paused ?? state?.paused ?? false;
      let reason: number | null = null;
      if (paused)
        reason = input.pauseReasonId !== undefined ? input.pauseReasonId : (state?.pauseReasonId ?? null);
      if (input.pauseReasonId != null && paused) {
        const known = await em.existsBy(PauseReasonEntity, {
          id: input.pauseReasonId,
          tenantId: scope.tenantId,
        });
        if (!known)
          issues.push({ field: 'pauseReasonId', code: 'unknown', messageKey: 'unknown_pause_reason' });
      }
      if (paused && reason === null && input.paused === true) {
        const hasReasons = await em.existsBy(PauseReasonEntity, { tenantId: scope.tenantId });
        if (hasReasons)
          issues.push({ field: 'pauseReasonId', code: 'required', messageKey: 'pause_reason_required' });
      }
      if (issues.length) throw new ValidationFailedError(issues);

      if (input.loggedIn !== undefined) await this.setLogins(em, userId, input.loggedIn);
      if (input.paused !== undefined || input.pauseReasonId !== undefined) {
        const changed = !state || state.paused !== paused || (state.pauseReasonId ?? null) !== reason;
        if (changed)
          await em.upsert(
            AgentStateEntity,
            {
              userId,
              tenantId: scope.tenantId,
              paused,
              pauseReasonId: reason,
              changedAt: new Date(),
              wrapupUntil: state?.wrapupUntil ?? null,
            },
            ['userId'],
          );
      }
      return this.read(em, scope);
    });
    this.commands.agentsChanged(scope.tenantId, [userId]);
    return result;
  }

  /** Keeps the rows (and counters) of queues still logged in to; adds new ones, drops the rest. */
  private async setLogins(em: EntityManager, userId: number, queueIds: number[]): Promise<void> {
    const wanted = new Set(queueIds);
    const current = await em.findBy(QueueLoginEntity, { userId });
    const gone = current.filter((l) => !wanted.has(l.queueId)).map((l) => l.queueId);
    if (gone.length) await em.delete(QueueLoginEntity, { userId, queueId: In(gone) });
    const have = new Set(current.map((l) => l.queueId));
    const added = [...wanted].filter((id) => !have.has(id));
    if (added.length)
      await em.insert(
        QueueLoginEntity,
        added.map((queueId) => ({ queueId, userId, loggedInAt: new Date(), callsTaken: 0 })),
      );
  }

  private async read(em: EntityManager, scope: TenantScope): Promise<QueueStatusView> {
    const userId = scope.principal.userId;
    const queues = await queuesOfUser(em, scope.tenantId, userId);
    const logins = new Set((await em.findBy(QueueLoginEntity, { userId })).map((l) => l.queueId));
    const state = await em.findOneBy(AgentStateEntity, { userId });
    return {
      queues: queues.map((q) => ({ ...q, loggedIn: logins.has(q.id) })),
      paused: Boolean(state?.paused),
      pauseReasonId: state?.paused ? (state.pauseReasonId ?? null) : null,
      changedAt: state?.changedAt.toISOString() ?? null,
      wrapupUntil: state?.wrapupUntil?.toISOString() ?? null,
    };
  }
}

@TenantController('me/queue-status')
export class QueueStatusController {
  constructor(private readonly status: QueueStatusService) {}

  @Get()
  @Roles('admin', 'supervisor', 'agent')
  @ApiOperation({ summary: "The signed-in user's queues, log-ins and pause state" })
  @ApiOkResponse({ type: QueueStatusDto })
  get(@CurrentUser() p: Principal): Promise<QueueStatusView> {
    return this.status.get(TenantScope.of(p));
  }

  @Put()
  @Roles('admin', 'supervisor', 'agent')
  @ApiOperation({ summary: 'Log in to / out of own queues, pause (with a reason) or unpause' })
  @ApiOkResponse({ type: QueueStatusDto })
  @ApiBadRequestResponse({
    type: ApiErrorDto,
    description: '`loggedIn`: not_member (not own queues); `pauseReasonId`: unknown or required',
  })
  put(@CurrentUser() p: Principal, @Body() body: QueueStatusRequestDto): Promise<QueueStatusView> {
    return this.status.put(TenantScope.of(p), body);
  }
}
