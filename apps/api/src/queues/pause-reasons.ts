import { Body, Delete, Get, HttpCode, HttpStatus, Injectable, Param, Patch, Post } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiBadRequestResponse,
} from '@nestjs/swagger';
import { QUEUE_LIMITS, type PauseReasonView } from '#contracts';
import { AgentStateEntity, PauseReasonEntity } from '#database';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { ApiErrorDto } from '../auth/dto/responses.dto.js';
import { collapseSpaces } from '../auth/dto/signup.dto.js';
import { CurrentUser, Roles, type Principal } from '../common/principal.js';
import { CallflowCommands } from '../realtime/callflow-commands.js';
import { TenantController } from '../tenancy/tenant-controller.decorator.js';
import { parseId, TenantScope } from '../tenancy/tenant-scope.js';
import { isDuplicateName, NameTakenError } from './queues.errors.js';

export class PauseReasonRequestDto {
  @ApiProperty({ maxLength: QUEUE_LIMITS.name, example: 'Ăn trưa' })
  @Transform(collapseSpaces)
  @IsString()
  @IsNotEmpty()
  @MaxLength(QUEUE_LIMITS.name)
  name!: string;
}

export class PauseReasonDto implements PauseReasonView {
  @ApiProperty() id!: number;
  @ApiProperty() name!: string;
}

const view = (r: PauseReasonEntity): PauseReasonView => ({ id: r.id, name: r.name });

/** The tenant's list of reasons agents pick when they pause. */
@Injectable()
export class PauseReasonsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly commands: CallflowCommands,
  ) {}

  private get repo() {
    return this.db.getRepository(PauseReasonEntity);
  }

  async list(scope: TenantScope): Promise<PauseReasonView[]> {
    return (await this.repo.find({ where: scope.where<PauseReasonEntity>(), order: { name: 'ASC' } })).map(
      view,
    );
  }

  async get(scope: TenantScope, id: number): Promise<PauseReasonView> {
    return view(await scope.findOr404(this.repo, id));
  }

  async create(scope: TenantScope, name: string): Promise<PauseReasonView> {
    await this.assertFree(scope, name);
    const saved = await this.named(() =>
      this.db.transaction(async (em) => {
        const row = await em.save(em.create(PauseReasonEntity, { tenantId: scope.tenantId, name }));
        await this.audit.record(em, scope.principal, scope.tenantId, {
          action: 'pause_reason.create',
          targetType: 'pause_reason',
          targetId: row.id,
          targetLabel: name,
          after: { name },
        });
        return row;
      }),
    );
    return view(saved);
  }

  async rename(scope: TenantScope, id: number, name: string): Promise<PauseReasonView> {
    const row = await scope.findOr404(this.repo, id);
    if (row.name === name) return view(row);
    await this.assertFree(scope, name, id);
    const before = row.name;
    row.name = name;
    await this.named(() =>
      this.db.transaction(async (em) => {
        await em.save(row);
        await this.audit.record(em, scope.principal, scope.tenantId, {
          action: 'pause_reason.update',
          targetType: 'pause_reason',
          targetId: id,
          targetLabel: name,
          before: { name: before },
          after: { name },
        });
      }),
    );
    return view(row);
  }

  /** Agents paused for this reason stay paused, without a reason (the key sets it null). */
  async remove(scope: TenantScope, id: number): Promise<void> {
    const row = await scope.findOr404(this.repo, id);
    const affected = await this.db.transaction(async (em) => {
      const states = await em.findBy(AgentStateEntity, { tenantId: scope.tenantId, pauseReasonId: id });
      await em.delete(PauseReasonEntity, { id, tenantId: scope.tenantId });
      await this.audit.record(em, scope.principal, scope.tenantId, {
        action: 'pause_reason.delete',
        targetType: 'pause_reason',
        targetId: id,
        targetLabel: row.name,
        before: { name: row.name },
      });
      return states.map((s) => s.userId);
    });
    this.commands.agentsChanged(scope.tenantId, affected);
  }

  private async assertFree(scope: TenantScope, name: string, exceptId?: number): Promise<void> {
    const other = await this.repo.findOneBy(scope.where<PauseReasonEntity>({ name }));
    if (other && other.id !== exceptId) throw new NameTakenError();
  }

  private async named<T>(change: () => Promise<T>): Promise<T> {
    try {
      return await change();
    } catch (err) {
      if (isDuplicateName(err, 'uq_pause_reasons_tenant_name')) throw new NameTakenError();
      throw err;
    }
  }
}

const ALL_ROLES = ['admin', 'supervisor', 'agent'] as const;

@TenantController('pause-reasons')
export class PauseReasonsController {
  constructor(private readonly reasons: PauseReasonsService) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: "The tenant's pause reasons (agents pick one when they pause)" })
  @ApiOkResponse({ type: [PauseReasonDto] })
  list(@CurrentUser() p: Principal): Promise<PauseReasonView[]> {
    return this.reasons.list(TenantScope.of(p));
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Add a pause reason (name unique in the tenant)' })
  @ApiCreatedResponse({ type: PauseReasonDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: '`already_used`: `name` taken' })
  create(@CurrentUser() p: Principal, @Body() body: PauseReasonRequestDto): Promise<PauseReasonView> {
    return this.reasons.create(TenantScope.of(p), body.name);
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'One pause reason of the tenant' })
  @ApiOkResponse({ type: PauseReasonDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  get(@CurrentUser() p: Principal, @Param('id') id: string): Promise<PauseReasonView> {
    return this.reasons.get(TenantScope.of(p), parseId(id));
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Rename a pause reason' })
  @ApiOkResponse({ type: PauseReasonDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: '`already_used`: `name` taken' })
  rename(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Body() body: PauseReasonRequestDto,
  ): Promise<PauseReasonView> {
    return this.reasons.rename(TenantScope.of(p), parseId(id), body.name);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a pause reason (agents paused for it stay paused, without a reason)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ApiErrorDto })
  async remove(@CurrentUser() p: Principal, @Param('id') id: string): Promise<void> {
    await this.reasons.remove(TenantScope.of(p), parseId(id));
  }
}
