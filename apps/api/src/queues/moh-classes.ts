import { Body, Delete, Get, HttpCode, HttpStatus, Injectable, Param, Patch, Post } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  PartialType,
} from '@nestjs/swagger';
import { QUEUE_LIMITS, type MohClassView } from '#contracts';
import { MohClassEntity, QueueEntity } from '#database';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { type DataSource, type EntityManager } from 'typeorm';
import { AuditService, changedFields } from '../audit/audit.service.js';
import { ApiErrorDto } from '../auth/dto/responses.dto.js';
import { collapseSpaces } from '../auth/dto/signup.dto.js';
import { ValidationFailedError } from '../common/domain-error.js';
import { CurrentUser, Roles, type Principal } from '../common/principal.js';
import { CallflowCommands } from '../realtime/callflow-commands.js';
import { TenantController } from '../tenancy/tenant-controller.decorator.js';
import { parseId, TenantScope } from '../tenancy/tenant-scope.js';
import { isDuplicateName, MohClassInUseError, NameTakenError } from './queues.errors.js';

export const MAX_MOH_PROMPTS = 50;

export class MohClassRequestDto {
  @ApiProperty({ maxLength: QUEUE_LIMITS.name, example: 'Nhạc chờ mùa xuân' })
  @Transform(collapseSpaces)
  @IsString()
  @IsNotEmpty()
  @MaxLength(QUEUE_LIMITS.name)
  name!: string;

  @ApiProperty({
    type: [Number],
    minItems: 1,
    maxItems: MAX_MOH_PROMPTS,
    description: 'Prompts of the tenant (or built-ins), played in this order, looped',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_MOH_PROMPTS)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(4_294_967_295, { each: true })
  promptIds!: number[];
}

export class UpdateMohClassDto extends PartialType(MohClassRequestDto) {}

export class MohClassDto implements MohClassView {
  @ApiProperty() id!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [Number] }) promptIds!: number[];
}

const view = (m: MohClassEntity): MohClassView => ({ id: m.id, name: m.name, promptIds: m.promptIds });

/** Music-on-hold classes: the tenant's prompts played in turn to waiting callers. */
@Injectable()
export class MohClassesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly commands: CallflowCommands,
  ) {}

  private get repo() {
    return this.db.getRepository(MohClassEntity);
  }

  async list(scope: TenantScope): Promise<MohClassView[]> {
    return (await this.repo.find({ where: scope.where<MohClassEntity>(), order: { name: 'ASC' } })).map(view);
  }

  async get(scope: TenantScope, id: number): Promise<MohClassView> {
    return view(await scope.findOr404(this.repo, id));
  }

  async create(scope: TenantScope, input: MohClassRequestDto): Promise<MohClassView> {
    await this.check(scope, input);
    const saved = await this.named(() =>
      this.db.transaction(async (em) => {
        const row = await em.save(
          em.create(MohClassEntity, {
            tenantId: scope.tenantId,
            name: input.name,
            promptIds: input.promptIds,
          }),
        );
        await this.audit.record(em, scope.principal, scope.tenantId, {
          action: 'moh_class.create',
          targetType: 'moh_class',
          targetId: row.id,
          targetLabel: row.name,
          after: { name: row.name, promptIds: row.promptIds },
        });
        return row;
      }),
    );
    return view(saved);
  }

  async update(scope: TenantScope, id: number, input: UpdateMohClassDto): Promise<MohClassView> {
    const row = await scope.findOr404(this.repo, id);
    if (input.name === null || input.promptIds === null)
      throw new ValidationFailedError([
        { field: input.name === null ? 'name' : 'promptIds', code: 'required' },
      ]);
    await this.check(scope, input, id);
    const before = { name: row.name, promptIds: row.promptIds };
    if (input.name !== undefined) row.name = input.name;
    if (input.promptIds !== undefined) row.promptIds = input.promptIds;
    const changes = changedFields(before, { name: row.name, promptIds: row.promptIds });
    if (!changes) return view(row);
    const queues = await this.named(() =>
      this.db.transaction(async (em) => {
        await em.save(row);
        await this.audit.record(em, scope.principal, scope.tenantId, {
          action: 'moh_class.update',
          targetType: 'moh_class',
          targetId: id,
          targetLabel: row.name,
          ...changes,
        });
        return this.queuesUsing(em, scope.tenantId, id);
      }),
    );
    // Waiting callers of these queues hear the new music from the next loop.
    this.commands.queuesChanged(
      scope.tenantId,
      queues.map((q) => q.id),
    );
    return view(row);
  }

  async remove(scope: TenantScope, id: number): Promise<void> {
    const row = await scope.findOr404(this.repo, id);
    const queues = await this.queuesUsing(this.db.manager, scope.tenantId, id);
    if (queues.length) throw new MohClassInUseError(queues);
    await this.db.transaction(async (em) => {
      await em.delete(MohClassEntity, { id, tenantId: scope.tenantId });
      await this.audit.record(em, scope.principal, scope.tenantId, {
        action: 'moh_class.delete',
        targetType: 'moh_class',
        targetId: id,
        targetLabel: row.name,
        before: { name: row.name, promptIds: row.promptIds },
      });
    });
  }

  private async queuesUsing(em: EntityManager, tenantId: number, id: number) {
    const rows = await em.find(QueueEntity, {
      where: { tenantId, mohClassId: id },
      select: { id: true, name: true },
      order: { name: 'ASC' },
    });
    return rows.map((q) => ({ id: q.id, name: q.name }));
  }

  /** Every prompt must be the tenant's own or a built-in; the name unique in the tenant. */
  private async check(scope: TenantScope, input: UpdateMohClassDto, exceptId?: number): Promise<void> {
    if (input.promptIds?.length) {
      const ids = [...new Set(input.promptIds)];
      const rows = await this.db.query<{ id: number }[]>(
        'SELECT id FROM prompts WHERE id IN (?) AND (tenant_id = ? OR tenant_id IS NULL)',
        [ids, scope.tenantId],
      );
      const found = new Set(rows.map((r) => Number(r.id)));
      const issues = input.promptIds.flatMap((id, i) =>
        found.has(id) ? [] : [{ field: `promptIds.${i}`, code: 'unknown', messageKey: 'unknown_prompt' }],
      );
      if (issues.length) throw new ValidationFailedError(issues);
    }
    if (input.name !== undefined) {
      const other = await this.repo.findOneBy(scope.where<MohClassEntity>({ name: input.name }));
      if (other && other.id !== exceptId) throw new NameTakenError();
    }
  }

  private async named<T>(change: () => Promise<T>): Promise<T> {
    try {
      return await change();
    } catch (err) {
      if (isDuplicateName(err, 'uq_moh_classes_tenant_name')) throw new NameTakenError();
      throw err;
    }
  }
}

const ALL_ROLES = ['admin', 'supervisor', 'agent'] as const;

@TenantController('moh-classes')
export class MohClassesController {
  constructor(private readonly classes: MohClassesService) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: "The tenant's music-on-hold classes" })
  @ApiOkResponse({ type: [MohClassDto] })
  list(@CurrentUser() p: Principal): Promise<MohClassView[]> {
    return this.classes.list(TenantScope.of(p));
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Add a music class: 1–50 prompts of the tenant, played in turn' })
  @ApiCreatedResponse({ type: MohClassDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'Field errors; `promptIds.N`: unknown prompt' })
  @ApiConflictResponse({ type: ApiErrorDto, description: '`already_used`: `name` taken' })
  create(@CurrentUser() p: Principal, @Body() body: MohClassRequestDto): Promise<MohClassView> {
    return this.classes.create(TenantScope.of(p), body);
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'One music class of the tenant' })
  @ApiOkResponse({ type: MohClassDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  get(@CurrentUser() p: Principal, @Param('id') id: string): Promise<MohClassView> {
    return this.classes.get(TenantScope.of(p), parseId(id));
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Rename a music class or change its prompts' })
  @ApiOkResponse({ type: MohClassDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: '`already_used`: `name` taken' })
  update(
    @CurrentUser() p: Principal,
    @Param('id') id: string,
    @Body() body: UpdateMohClassDto,
  ): Promise<MohClassView> {
    return this.classes.update(TenantScope.of(p), parseId(id), body);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a music class; refused (409 `moh_class_in_use`) while a queue uses it' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: '`moh_class_in_use`, with the queues (`queues`)' })
  async remove(@CurrentUser() p: Principal, @Param('id') id: string): Promise<void> {
    await this.classes.remove(TenantScope.of(p), parseId(id));
  }
}
