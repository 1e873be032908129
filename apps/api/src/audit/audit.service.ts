import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditAction, AuditEntry, AuditPage } from '#contracts';
import { AuditLogEntity, UserEntity } from '#database';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../common/principal.js';
import { currentRequest } from '../common/request-context.js';
import type { AUDIT_TARGET_TYPES, AuditQueryDto } from './audit.dto.js';

export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

export interface AuditRecord {
  action: AuditAction;
  targetType: AuditTargetType;
  targetId: number;
  targetLabel: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

type Snapshot = Record<string, unknown>;

/**
 * The fields that differ between two snapshots, as `{before, after}` holding only those fields;
 * null when nothing changed (then there is nothing to audit).
 */
export function changedFields(
  before: Snapshot,
  after: Snapshot,
): { before: Snapshot; after: Snapshot } | null {
  const b: Snapshot = {};
  const a: Snapshot = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return Object.keys(a).length ? { before: b, after: a } : null;
}

/**
 * Audit log of administrative actions. Entries are written with the entity manager of the change
 * itself, so an action and its entry commit or roll back together.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Records `rec` done by `actor` on the data of `tenantId` (null: a platform action). */
  async record(
    em: EntityManager,
    actor: Principal,
    tenantId: number | null,
    rec: AuditRecord,
  ): Promise<void> {
    const entry = em.create(AuditLogEntity, {
      tenantId,
      actorUserId: actor.userId,
      action: rec.action,
      targetType: rec.targetType,
      targetId: rec.targetId,
      targetLabel: rec.targetLabel.slice(0, 254),
      before: rec.before ?? null,
      after: rec.after ?? null,
      ip: currentRequest().ip,
    });
    await em.save(entry);
  }

  /** Newest first: the tenant's entries for admins, the platform's (tenant null) for operators. */
  async list(principal: Principal, query: AuditQueryDto): Promise<AuditPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const qb = this.db.getRepository(AuditLogEntity).createQueryBuilder('a');
    if (principal.tenantId === null) qb.where('a.tenant_id IS NULL');
    else qb.where('a.tenant_id = :tenantId', { tenantId: principal.tenantId });
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.actorId) qb.andWhere('a.actor_user_id = :actorId', { actorId: query.actorId });
    if (query.targetType) qb.andWhere('a.target_type = :targetType', { targetType: query.targetType });
    if (query.from) qb.andWhere('a.created_at >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('a.created_at < :to', { to: new Date(query.to) });
    const [rows, total] = await qb
      .orderBy('a.id', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    const actorIds = [...new Set(rows.map((r) => r.actorUserId).filter((id): id is number => id !== null))];
    const actors = actorIds.length
      ? await this.db.getRepository(UserEntity).findBy({ id: In(actorIds) })
      : [];
    const byId = new Map(actors.map((u) => [u.id, u]));
    return { items: rows.map((r) => view(r, byId)), total, page, pageSize };
  }
}

function view(row: AuditLogEntity, actors: Map<number, UserEntity>): AuditEntry {
  const actor = row.actorUserId === null ? undefined : actors.get(row.actorUserId);
  return {
    id: Number(row.id),
    at: row.createdAt.toISOString(),
    actor: actor ? { id: actor.id, email: actor.email, fullName: actor.fullName } : null,
    tenantId: row.tenantId,
    action: row.action as AuditAction,
    targetType: row.targetType,
    targetId: row.targetId,
    targetLabel: row.targetLabel,
    before: row.before,
    after: row.after,
    ip: row.ip,
  };
}
