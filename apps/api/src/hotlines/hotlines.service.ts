import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HotlineStatusId, HotlineView } from '#contracts';
import { FlowEntity, HotlineEntity, TenantEntity, TrunkEntity } from '#database';
import { normalizeNumber } from '#flow-engine';
import { Not, type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AuditService, changedFields } from '../audit/audit.service.js';
import { CallflowCommands } from '../realtime/callflow-commands.js';
import { DomainError, ForbiddenError, ValidationFailedError } from '../common/domain-error.js';
import type { Principal } from '../common/principal.js';
import { NotFoundError, type TenantScope } from '../tenancy/tenant-scope.js';
import type {
  CreateHotlineDto,
  HotlineStatusDto,
  OperatorHotlineDto,
  OperatorHotlineQueryDto,
  UpdateHotlineDto,
} from './hotline.dto.js';
import { contractDueAt } from './working-hours.js';

export class HotlinesQuotaReachedError extends DomainError {
  constructor(max: number) {
    super(HttpStatus.CONFLICT, 'quota_hotlines_reached', [], { max });
  }
}

export class HotlineNumberTakenError extends DomainError {
  constructor() {
    super(
      HttpStatus.CONFLICT,
      'already_used',
      [{ field: 'number', code: 'taken', messageKey: 'taken_number' }],
      {},
      { fields: ['number'] },
    );
  }
}

export class InvalidTransitionError extends DomainError {
  constructor(from: HotlineStatusId, to: HotlineStatusId) {
    super(HttpStatus.CONFLICT, 'invalid_transition', [], { from, to }, { from, to });
  }
}

/** An active number takes calls, one under contract is being set up: neither is simply deleted. */
export class HotlineNotDeletableError extends DomainError {
  constructor(status: HotlineStatusId) {
    super(HttpStatus.CONFLICT, status === 'active' ? 'hotline_active' : 'hotline_in_contract');
  }
}

/** The life of a number (F17): requested → waiting for the contract → active ⇄ suspended. */
const TRANSITIONS: Record<HotlineStatusId, readonly HotlineStatusId[]> = {
  requested: ['waiting_contract'],
  waiting_contract: ['active'],
  active: ['suspended'],
  suspended: ['active'],
};

/** Kinds of numbers a carrier assigns as hotlines. */
const HOTLINE_KINDS = new Set(['toll_free', 'premium', 'landline', 'mobile']);

/** The national form of a hotline number, or a 400 on `number`. */
export function hotlineNumber(input: string): string {
  const parsed = normalizeNumber(input);
  if (!parsed || !HOTLINE_KINDS.has(parsed.kind))
    throw new ValidationFailedError([{ field: 'number', code: 'invalid_hotline_number' }]);
  return parsed.dial;
}

interface HotlineRow {
  id: number;
  tenantId: number;
  tenantName: string;
  number: string;
  status: HotlineStatusId;
  trunkId: number | null;
  trunkName: string | null;
  flowId: number | null;
  flowName: string | null;
  outboundDefault: number | boolean;
  note: string | null;
  requestedAt: Date;
  contractDueAt: Date | null;
  activatedAt: Date | null;
  suspendedAt: Date | null;
}

function snapshot(h: HotlineEntity): Record<string, unknown> {
  return {
    number: h.number,
    status: h.status,
    trunkId: h.trunkId,
    flowId: h.flowId,
    outboundDefault: h.outboundDefault,
    note: h.note,
    contractDueAt: h.contractDueAt?.toISOString() ?? null,
  };
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/**
 * Hotline numbers (F17, F19). A tenant admin asks for a number; an operator moves it along
 * the carrier's process and puts it on a trunk. Only active numbers take calls (callflow checks).
 */
@Injectable()
export class HotlinesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly commands: CallflowCommands,
  ) {}

  async list(scope: TenantScope): Promise<HotlineView[]> {
    const rows = await this.query()
      .where('h.tenant_id = :tenantId', { tenantId: scope.tenantId })
      .getRawMany<HotlineRow>();
    return rows.map((r) => view(r, false));
  }

  async get(scope: TenantScope, id: number): Promise<HotlineView> {
    return this.viewOf(id, scope.tenantId, false);
  }

  async request(scope: TenantScope, input: CreateHotlineDto): Promise<HotlineView> {
    const number = hotlineNumber(input.number);
    const id = await this.db
      .transaction(async (em) => {
        // The tenant row lock serialises requests of one tenant: the quota holds.
        const tenant = await em.findOne(TenantEntity, {
          where: { id: scope.tenantId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!tenant) throw new ForbiddenError();
        const count = await em.countBy(HotlineEntity, { tenantId: scope.tenantId });
        if (count >= tenant.quotaHotlines) throw new HotlinesQuotaReachedError(tenant.quotaHotlines);
        if (await em.existsBy(HotlineEntity, { number })) throw new HotlineNumberTakenError();
        const row = await em.save(
          em.create(HotlineEntity, {
            tenantId: scope.tenantId,
            number,
            status: 'requested',
            trunkId: null,
            flowId: null,
            outboundDefault: false,
            note: input.note || null,
            requestedAt: new Date(),
          }),
        );
        await this.audit.record(em, scope.principal, scope.tenantId, {
          action: 'hotline.request',
          targetType: 'hotline',
          targetId: row.id,
          targetLabel: number,
          after: snapshot(row),
        });
        return row.id;
      })
      .catch(rethrowDuplicate);
    this.commands.routesChanged(scope.tenantId);
    return this.viewOf(id, scope.tenantId, false);
  }

  async update(scope: TenantScope, id: number, input: UpdateHotlineDto): Promise<HotlineView> {
    await this.db.transaction(async (em) => {
      const current = await em.findOne(HotlineEntity, {
        where: { id, tenantId: scope.tenantId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current) throw new NotFoundError();
      if (input.flowId !== undefined && input.flowId !== null) {
        // Another tenant's flow is answered exactly like one that does not exist.
        if (!(await em.existsBy(FlowEntity, { id: input.flowId, tenantId: scope.tenantId })))
          throw new ValidationFailedError([{ field: 'flowId', code: 'unknown_flow' }]);
      }
      const next = em.merge(HotlineEntity, em.create(HotlineEntity, { ...current }), {
        ...(input.flowId !== undefined ? { flowId: input.flowId } : {}),
        ...(input.outboundDefault !== undefined ? { outboundDefault: input.outboundDefault } : {}),
        ...(input.note !== undefined ? { note: input.note || null } : {}),
      });
      const changes = changedFields(snapshot(current), snapshot(next));
      if (!changes) return;
      if (next.outboundDefault && !current.outboundDefault) {
        // One default per tenant: the others give it up in the same transaction.
        await em.update(
          HotlineEntity,
          { tenantId: scope.tenantId, id: Not(id), outboundDefault: true },
          { outboundDefault: false },
        );
      }
      await em.update(
        HotlineEntity,
        { id },
        { flowId: next.flowId, outboundDefault: next.outboundDefault, note: next.note },
      );
      await this.audit.record(em, scope.principal, scope.tenantId, {
        action: 'hotline.update',
        targetType: 'hotline',
        targetId: id,
        targetLabel: current.number,
        ...changes,
      });
    });
    this.commands.routesChanged(scope.tenantId);
    return this.viewOf(id, scope.tenantId, false);
  }

  async remove(scope: TenantScope, id: number): Promise<void> {
    await this.db.transaction(async (em) => {
      const current = await em.findOne(HotlineEntity, {
        where: { id, tenantId: scope.tenantId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current) throw new NotFoundError();
      if (current.status === 'active' || current.status === 'waiting_contract')
        throw new HotlineNotDeletableError(current.status);
      await em.delete(HotlineEntity, { id });
      await this.audit.record(em, scope.principal, scope.tenantId, {
        action: 'hotline.delete',
        targetType: 'hotline',
        targetId: id,
        targetLabel: current.number,
        before: snapshot(current),
      });
    });
    this.commands.routesChanged(scope.tenantId);
  }

  // ---- operators -------------------------------------------------------------------------

  async listAll(query: OperatorHotlineQueryDto): Promise<HotlineView[]> {
    const qb = this.query();
    if (query.status) qb.andWhere('h.status = :status', { status: query.status });
    if (query.tenantId) qb.andWhere('h.tenant_id = :tenantId', { tenantId: query.tenantId });
    return (await qb.getRawMany<HotlineRow>()).map((r) => view(r, true));
  }

  /** Telco-style: a number the operator already has from the carrier, put straight on a trunk. */
  async provision(operator: Principal, input: OperatorHotlineDto): Promise<HotlineView> {
    const number = hotlineNumber(input.number);
    const status = input.status ?? 'active';
    const id = await this.db
      .transaction(async (em) => {
        const tenant = await em.findOneBy(TenantEntity, { id: input.tenantId });
        if (!tenant) throw new ValidationFailedError([{ field: 'tenantId', code: 'unknown_tenant' }]);
        await this.lockTrunk(em, input.trunkId);
        if (await em.existsBy(HotlineEntity, { number })) throw new HotlineNumberTakenError();
        const now = new Date();
        const row = await em.save(
          em.create(HotlineEntity, {
            tenantId: tenant.id,
            number,
            status,
            trunkId: input.trunkId,
            flowId: null,
            outboundDefault: false,
            note: input.note || null,
            requestedAt: now,
            contractDueAt: status === 'waiting_contract' ? contractDueAt(now) : null,
            activatedAt: status === 'active' || status === 'suspended' ? now : null,
            suspendedAt: status === 'suspended' ? now : null,
          }),
        );
        await this.audit.record(em, operator, tenant.id, {
          action: 'hotline.create',
          targetType: 'hotline',
          targetId: row.id,
          targetLabel: number,
          after: snapshot(row),
        });
        return row.id;
      })
      .catch(rethrowDuplicate);
    this.commands.routesChanged(null);
    return this.viewOf(id, null, true);
  }

  async changeStatus(operator: Principal, id: number, input: HotlineStatusDto): Promise<HotlineView> {
    await this.db.transaction(async (em) => {
      const current = await em.findOne(HotlineEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!current) throw new NotFoundError();
      if (!TRANSITIONS[current.status].includes(input.status))
        throw new InvalidTransitionError(current.status, input.status);
      const next = em.create(HotlineEntity, { ...current });
      const now = new Date();
      if (input.trunkId !== undefined) {
        await this.lockTrunk(em, input.trunkId);
        next.trunkId = input.trunkId;
      }
      if (input.note !== undefined) next.note = input.note || null;
      next.status = input.status;
      if (input.status === 'waiting_contract') next.contractDueAt = contractDueAt(now);
      if (input.status === 'active') {
        if (next.trunkId === null) throw new ValidationFailedError([{ field: 'trunkId', code: 'required' }]);
        next.activatedAt = now;
        next.suspendedAt = null;
      }
      if (input.status === 'suspended') next.suspendedAt = now;
      await em.update(
        HotlineEntity,
        { id },
        {
          status: next.status,
          trunkId: next.trunkId,
          note: next.note,
          contractDueAt: next.contractDueAt,
          activatedAt: next.activatedAt,
          suspendedAt: next.suspendedAt,
        },
      );
      const changes = changedFields(snapshot(current), snapshot(next));
      await this.audit.record(em, operator, current.tenantId, {
        action: 'hotline.status',
        targetType: 'hotline',
        targetId: id,
        targetLabel: current.number,
        before: changes?.before ?? { status: current.status },
        after: changes?.after ?? { status: next.status },
      });
    });
    this.commands.routesChanged(null);
    return this.viewOf(id, null, true);
  }

  /**
   * The trunk must exist; the row lock keeps it from being deleted until we commit (the trunk's
   * deletion takes the same lock before counting its hotlines). MariaDB has no FOR SHARE.
   */
  private async lockTrunk(em: EntityManager, trunkId: number): Promise<void> {
    const trunk = await em.findOne(TrunkEntity, {
      where: { id: trunkId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!trunk) throw new ValidationFailedError([{ field: 'trunkId', code: 'unknown_trunk' }]);
  }

  private async viewOf(id: number, tenantId: number | null, withTenant: boolean): Promise<HotlineView> {
    const qb = this.query().where('h.id = :id', { id });
    if (tenantId !== null) qb.andWhere('h.tenant_id = :tenantId', { tenantId });
    const row = await qb.getRawOne<HotlineRow>();
    if (!row) throw new NotFoundError();
    return view(row, withTenant);
  }

  private query(): SelectQueryBuilder<HotlineEntity> {
    return this.db
      .getRepository(HotlineEntity)
      .createQueryBuilder('h')
      .innerJoin(TenantEntity, 't', 't.id = h.tenant_id')
      .leftJoin(TrunkEntity, 'k', 'k.id = h.trunk_id')
      .leftJoin(FlowEntity, 'f', 'f.id = h.flow_id')
      .select([
        'h.id AS id',
        'h.tenant_id AS tenantId',
        't.name AS tenantName',
        'h.number AS number',
        'h.status AS status',
        'h.trunk_id AS trunkId',
        'k.name AS trunkName',
        'h.flow_id AS flowId',
        'f.name AS flowName',
        'h.outbound_default AS outboundDefault',
        'h.note AS note',
        'h.requested_at AS requestedAt',
        'h.contract_due_at AS contractDueAt',
        'h.activated_at AS activatedAt',
        'h.suspended_at AS suspendedAt',
      ])
      .orderBy('h.requested_at', 'DESC')
      .addOrderBy('h.id', 'DESC');
  }
}

function view(r: HotlineRow, withTenant: boolean): HotlineView {
  return {
    id: Number(r.id),
    tenantId: Number(r.tenantId),
    ...(withTenant ? { tenantName: r.tenantName } : {}),
    number: r.number,
    status: r.status,
    trunkId: r.trunkId === null ? null : Number(r.trunkId),
    trunkName: r.trunkName,
    flowId: r.flowId === null ? null : Number(r.flowId),
    flowName: r.flowName,
    outboundDefault: Boolean(Number(r.outboundDefault)),
    note: r.note,
    requestedAt: iso(r.requestedAt)!,
    contractDueAt: iso(r.contractDueAt),
    activatedAt: iso(r.activatedAt),
    suspendedAt: iso(r.suspendedAt),
  };
}

function rethrowDuplicate(err: unknown): never {
  const message = (err as { message?: string }).message ?? '';
  if (message.includes('uq_hotlines_number')) throw new HotlineNumberTakenError();
  throw err;
}
