import { Body, Get, Injectable, Put } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProperty } from '@nestjs/swagger';
import type { QueueTenantSettingsView } from '#contracts';
import { TenantEntity } from '#database';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { ApiErrorDto } from '../auth/dto/responses.dto.js';
import { CurrentUser, Roles, type Principal } from '../common/principal.js';
import { CallflowCommands } from '../realtime/callflow-commands.js';
import { TenantController } from '../tenancy/tenant-controller.decorator.js';
import { TenantScope } from '../tenancy/tenant-scope.js';

const LANGUAGES = ['vi', 'en'] as const;

export class QueueTenantSettingsDto implements QueueTenantSettingsView {
  @ApiProperty({ description: "Record every queue conversation (on top of each queue's own switch)" })
  recordAll!: boolean;
  @ApiProperty({ enum: LANGUAGES, description: 'Language of position, wait and callback announcements' })
  language!: 'vi' | 'en';
}

export class QueueTenantSettingsRequestDto implements Partial<QueueTenantSettingsView> {
  @ApiProperty({ required: false })
  @IsOptional()
  @IsBoolean()
  recordAll?: boolean;

  @ApiProperty({ required: false, enum: LANGUAGES })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: 'vi' | 'en';
}

/** The tenant's settings for all its queues: tenant-wide recording and the announcements' language. */
@Injectable()
export class QueueSettingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly commands: CallflowCommands,
  ) {}

  async get(scope: TenantScope): Promise<QueueTenantSettingsView> {
    const t = await this.db.getRepository(TenantEntity).findOneByOrFail({ id: scope.tenantId });
    return { recordAll: t.queueRecordAll, language: t.queueLanguage === 'en' ? 'en' : 'vi' };
  }

  async update(scope: TenantScope, input: QueueTenantSettingsRequestDto): Promise<QueueTenantSettingsView> {
    const before = await this.get(scope);
    const after: QueueTenantSettingsView = {
      recordAll: input.recordAll ?? before.recordAll,
      language: input.language ?? before.language,
    };
    if (after.recordAll === before.recordAll && after.language === before.language) return before;
    await this.db.transaction(async (em) => {
      await em.update(
        TenantEntity,
        { id: scope.tenantId },
        { queueRecordAll: after.recordAll, queueLanguage: after.language },
      );
      await this.audit.record(em, scope.principal, scope.tenantId, {
        action: 'queue_settings.update',
        targetType: 'tenant',
        targetId: scope.tenantId,
        targetLabel: 'queue settings',
        before: { ...before },
        after: { ...after },
      });
    });
    // callflow reloads the tenant's queues (each carries the tenant's settings).
    const queues: { id: number }[] = await this.db.query('SELECT id FROM queues WHERE tenant_id = ?', [
      scope.tenantId,
    ]);
    this.commands.queuesChanged(
      scope.tenantId,
      queues.map((q) => Number(q.id)),
    );
    return after;
  }
}

@TenantController('queue-settings')
export class QueueSettingsController {
  constructor(private readonly settings: QueueSettingsService) {}

  @Get()
  @Roles('admin', 'supervisor')
  @ApiOperation({ summary: "The tenant's settings for all its queues" })
  @ApiOkResponse({ type: QueueTenantSettingsDto })
  get(@CurrentUser() p: Principal): Promise<QueueTenantSettingsView> {
    return this.settings.get(TenantScope.of(p));
  }

  @Put()
  @Roles('admin')
  @ApiOperation({ summary: 'Change tenant-wide recording of queue calls and the announcements language' })
  @ApiOkResponse({ type: QueueTenantSettingsDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Field errors: `recordAll`, `language`' })
  update(
    @CurrentUser() p: Principal,
    @Body() body: QueueTenantSettingsRequestDto,
  ): Promise<QueueTenantSettingsView> {
    return this.settings.update(TenantScope.of(p), body);
  }
}
