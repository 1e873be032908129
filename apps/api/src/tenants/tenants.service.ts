import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Tenant, TenantPage, TenantQuotas, TenantUsage } from '#contracts';
import { RefreshTokenEntity, TenantEntity, UserEntity } from '#database';
import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import { AuditService, changedFields } from '../audit/audit.service.js';
import { DomainError, ValidationFailedError, type FieldIssue } from '../common/domain-error.js';
import type { Principal } from '../common/principal.js';
import { containsPattern } from '../common/query.js';
import { freeTenantSlug } from '../tenancy/slug.js';
import { NotFoundError } from '../tenancy/tenant-scope.js';
import { FIRST_EXTENSION, InvitationService } from '../users/invitations.js';
import { duplicateUserKey } from '../users/users.service.js';
import {
  DEFAULT_QUOTAS,
  type CreateTenantDto,
  type ListTenantsQueryDto,
  type QuotasDto,
  type UpdateTenantDto,
} from './tenant.dto.js';

class CompanyNameTakenError extends ValidationFailedError {
  constructor() {
    super([{ field: 'companyName', code: 'taken', messageKey: 'taken_companyName' }]);
  }
}

export class TenantStateError extends DomainError {
  constructor(code: 'tenant_already_suspended' | 'tenant_not_suspended') {
    super(HttpStatus.CONFLICT, code);
  }
}

const QUOTA_KEYS = [
  'users',
  'concurrentCalls',
  'hotlines',
] as const satisfies readonly (keyof TenantQuotas)[];

/** Platform operators' management of tenants: lifecycle, quotas and usage. */
@Injectable()
export class TenantsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly invitations: InvitationService,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListTenantsQueryDto): Promise<TenantPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const qb = this.db.getRepository(TenantEntity).createQueryBuilder('t');
    const search = query.search?.trim();
    if (search) {
      qb.andWhere('(t.name LIKE :like OR t.slug LIKE :like)', { like: containsPattern(search) });
    }
    if (query.status) qb.andWhere('t.status = :status', { status: query.status });
    const [rows, total] = await qb
      .orderBy('t.id', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { items: await this.views(rows), total, page, pageSize };
  }

  async get(id: number): Promise<Tenant> {
    const [view] = await this.views([await this.find(id)]);
    return view;
  }

  /** Creates the tenant and invites its first admin (extension 1001) by mail. */
  async create(actor: Principal, input: CreateTenantDto): Promise<Tenant> {
    const taken: FieldIssue[] = [];
    if (await this.db.getRepository(TenantEntity).existsBy({ name: input.companyName }))
      taken.push({ field: 'companyName', code: 'taken', messageKey: 'taken_companyName' });
    if (await this.db.getRepository(UserEntity).existsBy({ email: input.adminEmail }))
      taken.push({ field: 'adminEmail', code: 'taken', messageKey: 'taken_email' });
    if (input.adminPhone && (await this.db.getRepository(UserEntity).existsBy({ phone: input.adminPhone })))
      taken.push({ field: 'adminPhone', code: 'taken', messageKey: 'taken_phone' });
    if (taken.length) throw new ValidationFailedError(taken);

    const quotas = { ...DEFAULT_QUOTAS, ...definedQuotas(input.quotas) };
    let created: { tenant: TenantEntity; admin: UserEntity; token: string };
    try {
      created = await this.db.transaction(async (em) => {
        const tenant = await em.save(
          em.create(TenantEntity, {
            name: input.companyName,
            slug: await freeTenantSlug(em, input.companyName),
            status: 'active',
            quotaUsers: quotas.users,
            quotaConcurrentCalls: quotas.concurrentCalls,
            quotaHotlines: quotas.hotlines,
          }),
        );
        const admin = await em.save(
          em.create(UserEntity, {
            tenantId: tenant.id,
            email: input.adminEmail,
            fullName: input.adminFullName,
            phone: input.adminPhone ?? null,
            role: 'admin',
            status: 'invited',
            language: 'vi',
            extension: String(FIRST_EXTENSION),
            passwordHash: null,
          }),
        );
        const token = await this.invitations.issue(em, admin.id);
        await this.audit.record(em, actor, null, {
          action: 'tenant.create',
          targetType: 'tenant',
          targetId: tenant.id,
          targetLabel: tenant.name,
          after: { ...snapshot(tenant), adminEmail: admin.email },
        });
        return { tenant, admin, token };
      });
    } catch (err) {
      if ((err as { message?: string }).message?.includes('uq_tenants_name'))
        throw new CompanyNameTakenError();
      const key = duplicateUserKey(err);
      if (key)
        throw new ValidationFailedError([
          { field: key === 'email' ? 'adminEmail' : 'adminPhone', code: 'taken', messageKey: `taken_${key}` },
        ]);
      throw err;
    }
    await this.invitations.send(created.admin, created.tenant.name, created.token);
    return this.get(created.tenant.id);
  }

  async update(actor: Principal, id: number, input: UpdateTenantDto): Promise<Tenant> {
    try {
      await this.db.transaction(async (em) => {
        const tenant = await this.find(id, em, true);
        const before = snapshot(tenant);
        if (input.companyName !== undefined && input.companyName !== tenant.name) {
          const other = await em.findOneBy(TenantEntity, { name: input.companyName });
          if (other && other.id !== id) throw new CompanyNameTakenError();
          tenant.name = input.companyName;
        }
        const quotas = definedQuotas(input.quotas);
        if (quotas.users !== undefined) {
          const used = (await this.usage(em, [id])).get(id)?.users ?? 0;
          if (quotas.users < used) {
            throw new ValidationFailedError([
              { field: 'quotas.users', code: 'below_usage', params: { used } },
            ]);
          }
        }
        if (quotas.users !== undefined) tenant.quotaUsers = quotas.users;
        if (quotas.concurrentCalls !== undefined) tenant.quotaConcurrentCalls = quotas.concurrentCalls;
        if (quotas.hotlines !== undefined) tenant.quotaHotlines = quotas.hotlines;
        const outbound = input.outbound;
        if (outbound?.international !== undefined) tenant.outboundInternational = outbound.international;
        if (outbound?.premium !== undefined) tenant.outboundPremium = outbound.premium;
        if (outbound?.prefixes !== undefined)
          tenant.outboundPrefixes = [...new Set(outbound.prefixes)].join(',');
        await em.save(tenant);
        const changes = changedFields(before, snapshot(tenant));
        if (changes) {
          await this.audit.record(em, actor, null, {
            action: 'tenant.update',
            targetType: 'tenant',
            targetId: id,
            targetLabel: tenant.name,
            ...changes,
          });
        }
      });
    } catch (err) {
      if ((err as { message?: string }).message?.includes('uq_tenants_name'))
        throw new CompanyNameTakenError();
      throw err;
    }
    return this.get(id);
  }

  /** Suspends the tenant: sessions revoked (access tokens die at the next request), calls refused. */
  async suspend(actor: Principal, id: number, reason: string | undefined): Promise<Tenant> {
    await this.db.transaction(async (em) => {
      const tenant = await this.find(id, em, true);
      if (tenant.status === 'suspended') throw new TenantStateError('tenant_already_suspended');
      const before = snapshot(tenant);
      tenant.status = 'suspended';
      tenant.suspendedAt = new Date();
      tenant.suspendReason = reason || null;
      await em.save(tenant);
      const userIds = (await em.find(UserEntity, { select: { id: true }, where: { tenantId: id } })).map(
        (u) => u.id,
      );
      if (userIds.length) {
        await em.update(
          RefreshTokenEntity,
          { userId: In(userIds), revokedAt: IsNull() },
          { revokedAt: new Date() },
        );
      }
      await this.audit.record(em, actor, null, {
        action: 'tenant.suspend',
        targetType: 'tenant',
        targetId: id,
        targetLabel: tenant.name,
        ...changedFields(before, snapshot(tenant)),
      });
    });
    return this.get(id);
  }

  async reactivate(actor: Principal, id: number): Promise<Tenant> {
    await this.db.transaction(async (em) => {
      const tenant = await this.find(id, em, true);
      if (tenant.status !== 'suspended') throw new TenantStateError('tenant_not_suspended');
      const before = snapshot(tenant);
      tenant.status = 'active';
      tenant.suspendedAt = null;
      tenant.suspendReason = null;
      await em.save(tenant);
      await this.audit.record(em, actor, null, {
        action: 'tenant.reactivate',
        targetType: 'tenant',
        targetId: id,
        targetLabel: tenant.name,
        ...changedFields(before, snapshot(tenant)),
      });
    });
    return this.get(id);
  }

  private async find(id: number, em: EntityManager = this.db.manager, lock = false): Promise<TenantEntity> {
    const tenant = await em.findOne(TenantEntity, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!tenant) throw new NotFoundError();
    return tenant;
  }

  private async views(rows: TenantEntity[]): Promise<Tenant[]> {
    const ids = rows.map((t) => t.id);
    const [usage, admins] = await Promise.all([this.usage(this.db.manager, ids), this.firstAdmins(ids)]);
    return rows.map((t) => view(t, usage.get(t.id) ?? emptyUsage(), admins.get(t.id) ?? null));
  }

  /** Users (not deleted), calls in progress and calls of the last 30 days, per tenant. */
  private async usage(em: EntityManager, ids: number[]): Promise<Map<number, TenantUsage>> {
    const map = new Map<number, TenantUsage>(ids.map((id) => [id, emptyUsage()]));
    if (!ids.length) return map;
    const users = await em.query<{ t: number; n: string }[]>(
      `SELECT tenant_id AS t, COUNT(*) AS n FROM users WHERE tenant_id IN (?) AND status <> 'deleted' GROUP BY tenant_id`,
      [ids],
    );
    const calls = await em.query<{ t: number; active: string; recent: string }[]>(
      `SELECT tenant_id AS t, SUM(ended_at IS NULL) AS active, COUNT(*) AS recent
         FROM calls WHERE tenant_id IN (?) AND started_at >= NOW(3) - INTERVAL 30 DAY GROUP BY tenant_id`,
      [ids],
    );
    for (const r of users) map.get(Number(r.t))!.users = Number(r.n);
    for (const r of calls) {
      const u = map.get(Number(r.t))!;
      u.activeCalls = Number(r.active);
      u.callsLast30Days = Number(r.recent);
    }
    return map;
  }

  private async firstAdmins(ids: number[]): Promise<Map<number, string>> {
    if (!ids.length) return new Map();
    const rows = await this.db.getRepository(UserEntity).find({
      select: { id: true, tenantId: true, email: true },
      where: { tenantId: In(ids), role: 'admin', deletedAt: IsNull() },
      order: { id: 'ASC' },
    });
    const map = new Map<number, string>();
    for (const u of rows) if (u.tenantId !== null && !map.has(u.tenantId)) map.set(u.tenantId, u.email);
    return map;
  }
}

function definedQuotas(q: QuotasDto | undefined): Partial<TenantQuotas> {
  const out: Partial<TenantQuotas> = {};
  for (const key of QUOTA_KEYS) {
    if (q?.[key] !== undefined) out[key] = q[key];
  }
  return out;
}

function emptyUsage(): TenantUsage {
  // Hotlines arrive with the call-routing issue; until then no tenant has any.
  return { users: 0, activeCalls: 0, hotlines: 0, callsLast30Days: 0 };
}

/** What the audit log keeps of a tenant. */
function snapshot(t: TenantEntity): Record<string, unknown> {
  return {
    name: t.name,
    status: t.status,
    suspendReason: t.suspendReason,
    quotaUsers: t.quotaUsers,
    quotaConcurrentCalls: t.quotaConcurrentCalls,
    quotaHotlines: t.quotaHotlines,
    outboundInternational: t.outboundInternational,
    outboundPremium: t.outboundPremium,
    outboundPrefixes: t.outboundPrefixes,
  };
}

function view(t: TenantEntity, usage: TenantUsage, adminEmail: string | null): Tenant {
  return {
    id: t.id,
    name: t.name,
    slug: t.slug,
    status: t.status,
    quotas: { users: t.quotaUsers, concurrentCalls: t.quotaConcurrentCalls, hotlines: t.quotaHotlines },
    outbound: {
      international: t.outboundInternational,
      premium: t.outboundPremium,
      prefixes: t.outboundPrefixes ? t.outboundPrefixes.split(',') : [],
    },
    usage,
    adminEmail,
    suspendedAt: t.suspendedAt ? t.suspendedAt.toISOString() : null,
    suspendReason: t.suspendReason,
    createdAt: t.createdAt.toISOString(),
  };
}
