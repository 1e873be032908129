import { Delete, Get, HttpCode, HttpStatus, Injectable, Param, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
} from '@nestjs/swagger';
import { QUEUE_CALLBACK_STATUSES, type QueueCallbackStatus, type QueueCallbackView } from '#contracts';
import { QueueCallbackEntity } from '#database';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Min } from 'class-validator';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { ApiErrorDto } from '../auth/dto/responses.dto.js';
import { DomainError } from '../common/domain-error.js';
import { CurrentUser, Roles, type Principal } from '../common/principal.js';
import { toInt } from '../common/query.js';
import { CallflowCommands } from '../realtime/callflow-commands.js';
import { TenantController } from '../tenancy/tenant-controller.decorator.js';
import { parseId, TenantScope } from '../tenancy/tenant-scope.js';

export class QueueCallbackQueryDto {
  @ApiPropertyOptional({ enum: QUEUE_CALLBACK_STATUSES })
  @IsOptional()
  @IsString()
  @IsIn(QUEUE_CALLBACK_STATUSES)
  status?: QueueCallbackStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  queueId?: number;
}

export class QueueCallbackDto implements QueueCallbackView {
  @ApiProperty() id!: number;
  @ApiProperty() queueId!: number;
  @ApiProperty() queueName!: string;
  @ApiProperty({ example: '0912345678' }) number!: string;
  @ApiProperty({ type: String, nullable: true }) hotlineNumber!: string | null;
  @ApiProperty({ description: "The caller's place in line" }) requestedAt!: string;
  @ApiProperty({ enum: QUEUE_CALLBACK_STATUSES }) status!: QueueCallbackStatus;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: String, nullable: true }) nextAttemptAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) lastResult!: string | null;
  @ApiProperty({ type: Number, nullable: true }) agentUserId!: number | null;
  @ApiProperty({ type: String, nullable: true }) agentName!: string | null;
  @ApiProperty({ type: String, nullable: true }) doneAt!: string | null;
}

/** 409: only a callback still waiting can be cancelled. */
export class CallbackNotPendingError extends DomainError {
  constructor(status: QueueCallbackStatus) {
    super(HttpStatus.CONFLICT, 'callback_not_pending', [], {}, { status });
  }
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** Callers who asked to be called back (the flow's `callback` node); callflow works them off. */
@Injectable()
export class QueueCallbacksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly commands: CallflowCommands,
  ) {}

  /** The newest 200 (waiting ones first, in their order in line). */
  async list(scope: TenantScope, query: QueueCallbackQueryDto): Promise<QueueCallbackView[]> {
    const qb = this.db
      .getRepository(QueueCallbackEntity)
      .createQueryBuilder('c')
      .innerJoin('queues', 'q', 'q.id = c.queue_id AND q.tenant_id = c.tenant_id')
      .leftJoin('users', 'u', 'u.id = c.agent_user_id AND u.tenant_id = c.tenant_id')
      .select([
        'c.id AS id',
        'c.queue_id AS queueId',
        'q.name AS queueName',
        'c.number AS number',
        'c.hotline_number AS hotlineNumber',
        'c.requested_at AS requestedAt',
        'c.status AS status',
        'c.attempts AS attempts',
        'c.next_attempt_at AS nextAttemptAt',
        'c.last_result AS lastResult',
        'c.agent_user_id AS agentUserId',
        'u.full_name AS agentName',
        'c.done_at AS doneAt',
      ])
      .where('c.tenant_id = :tenantId', { tenantId: scope.tenantId });
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.queueId) qb.andWhere('c.queue_id = :queueId', { queueId: query.queueId });
    const rows: Record<string, unknown>[] = await qb
      .orderBy("c.status IN ('pending', 'calling')", 'DESC')
      .addOrderBy("CASE WHEN c.status IN ('pending', 'calling') THEN c.requested_at END", 'ASC')
      .addOrderBy('c.id', 'DESC')
      .limit(200)
      .getRawMany();
    return rows.map((r) => ({
      id: Number(r['id']),
      queueId: Number(r['queueId']),
      queueName: String(r['queueName']),
      number: String(r['number']),
      hotlineNumber: (r['hotlineNumber'] as string | null) ?? null,
      requestedAt: iso(r['requestedAt'] as Date)!,
      status: r['status'] as QueueCallbackStatus,
      attempts: Number(r['attempts']),
      nextAttemptAt: iso(r['nextAttemptAt'] as Date | null),
      lastResult: (r['lastResult'] as string | null) ?? null,
      agentUserId: r['agentUserId'] == null ? null : Number(r['agentUserId']),
      agentName: (r['agentName'] as string | null) ?? null,
      doneAt: iso(r['doneAt'] as Date | null),
    }));
  }

  /** A waiting callback is withdrawn (e.g. the customer was reached another way). */
  async cancel(scope: TenantScope, id: number): Promise<void> {
    const repo = this.db.getRepository(QueueCallbackEntity);
    const row = await scope.findOr404(repo, id);
    await this.db.transaction(async (em) => {
      // Only while still pending: callflow may be calling it right now.
      const result = await em.update(
        QueueCallbackEntity,
        { id, tenantId: scope.tenantId, status: 'pending' },
        { status: 'cancelled', doneAt: new Date() },
      );
      if (!result.affected) {
        const now = await em.findOneByOrFail(QueueCallbackEntity, { id });
        throw new CallbackNotPendingError(now.status);
      }
      await this.audit.record(em, scope.principal, scope.tenantId, {
        action: 'queue_callback.cancel',
        targetType: 'queue_callback',
        targetId: id,
        targetLabel: row.number,
        before: { status: 'pending' },
        after: { status: 'cancelled' },
      });
    });
    this.commands.queuesChanged(scope.tenantId, [row.queueId]);
  }
}

@TenantController('queue-callbacks')
export class QueueCallbacksController {
  constructor(private readonly callbacks: QueueCallbacksService) {}

  @Get()
  @Roles('admin', 'supervisor')
  @ApiOperation({
    summary: 'Callers who asked to be called back: waiting ones first (in line order), then the newest',
  })
  @ApiOkResponse({ type: [QueueCallbackDto] })
  list(@CurrentUser() p: Principal, @Query() query: QueueCallbackQueryDto): Promise<QueueCallbackView[]> {
    return this.callbacks.list(TenantScope.of(p), query);
  }

  @Delete(':id')
  @Roles('admin', 'supervisor')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Cancel a waiting callback (the row stays, status `cancelled`)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: '`callback_not_pending`: already calling or over' })
  cancel(@CurrentUser() p: Principal, @Param('id') id: string): Promise<void> {
    return this.callbacks.cancel(TenantScope.of(p), parseId(id));
  }
}
