import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { UserGroup } from '#contracts';
import { UserGroupEntity, UserGroupMemberEntity } from '#database';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { ValidationFailedError } from '../common/domain-error.js';
import { queuesWithGroups } from '../queues/queue-members.js';
import { GroupInUseError } from '../queues/queues.errors.js';
import type { TenantScope } from '../tenancy/tenant-scope.js';

export class GroupNameTakenError extends ValidationFailedError {
  constructor() {
    super([{ field: 'name', code: 'taken', messageKey: 'taken_name' }]);
  }
}

@Injectable()
export class UserGroupsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  private get repo() {
    return this.db.getRepository(UserGroupEntity);
  }

  async list(scope: TenantScope): Promise<UserGroup[]> {
    const groups = await this.repo.find({ where: scope.where<UserGroupEntity>(), order: { name: 'ASC' } });
    const counts = await this.memberCounts(
      scope,
      groups.map((g) => g.id),
    );
    return groups.map((g) => view(g, counts.get(g.id) ?? 0));
  }

  async get(scope: TenantScope, id: number): Promise<UserGroup> {
    const group = await scope.findOr404(this.repo, id);
    return view(group, (await this.memberCounts(scope, [id])).get(id) ?? 0);
  }

  async create(scope: TenantScope, name: string): Promise<UserGroup> {
    await this.assertFreeName(scope, name);
    const group = await this.saveOrTaken(async (em) => {
      const saved = await em.save(em.create(UserGroupEntity, { tenantId: scope.tenantId, name }));
      await this.audit.record(em, scope.principal, scope.tenantId, {
        action: 'group.create',
        targetType: 'group',
        targetId: saved.id,
        targetLabel: name,
        after: { name },
      });
      return saved;
    });
    return view(group, 0);
  }

  async rename(scope: TenantScope, id: number, name: string): Promise<UserGroup> {
    const group = await scope.findOr404(this.repo, id);
    if (group.name !== name) {
      await this.assertFreeName(scope, name, id);
      const before = group.name;
      group.name = name;
      await this.saveOrTaken(async (em) => {
        await em.save(group);
        await this.audit.record(em, scope.principal, scope.tenantId, {
          action: 'group.update',
          targetType: 'group',
          targetId: id,
          targetLabel: name,
          before: { name: before },
          after: { name },
        });
        return group;
      });
    }
    return this.get(scope, id);
  }

  async remove(scope: TenantScope, id: number): Promise<void> {
    const group = await scope.findOr404(this.repo, id);
    const members = (await this.memberCounts(scope, [id])).get(id) ?? 0;
    // A queue's member line names the group: callflow would lose those agents silently.
    const queues = await queuesWithGroups(this.db, scope.tenantId, [id]);
    if (queues.length) throw new GroupInUseError(queues);
    await this.db.transaction(async (em) => {
      await em.delete(UserGroupEntity, { id: group.id, tenantId: scope.tenantId });
      await this.audit.record(em, scope.principal, scope.tenantId, {
        action: 'group.delete',
        targetType: 'group',
        targetId: id,
        targetLabel: group.name,
        before: { name: group.name, memberCount: members },
      });
    });
  }

  private async assertFreeName(scope: TenantScope, name: string, exceptId?: number): Promise<void> {
    const other = await this.repo.findOneBy(scope.where<UserGroupEntity>({ name }));
    if (other && other.id !== exceptId) throw new GroupNameTakenError();
  }

  /** Runs a change in a transaction; the unique key on (tenant, name) turns a race into `taken`. */
  private async saveOrTaken(
    change: (em: EntityManager) => Promise<UserGroupEntity>,
  ): Promise<UserGroupEntity> {
    try {
      return await this.db.transaction(change);
    } catch (err) {
      if ((err as { message?: string }).message?.includes('uq_user_groups_tenant_name')) {
        throw new GroupNameTakenError();
      }
      throw err;
    }
  }

  private async memberCounts(scope: TenantScope, ids: number[]): Promise<Map<number, number>> {
    if (!ids.length) return new Map();
    const rows = await this.db
      .createQueryBuilder()
      .select('m.group_id', 'groupId')
      .addSelect('COUNT(*)', 'n')
      .from(UserGroupMemberEntity, 'm')
      .innerJoin('users', 'u', 'u.id = m.user_id')
      .innerJoin('user_groups', 'g', 'g.id = m.group_id')
      .where('g.tenant_id = :tenantId', { tenantId: scope.tenantId })
      .andWhere("u.status <> 'deleted'")
      .andWhere('m.group_id IN (:...ids)', { ids })
      .groupBy('m.group_id')
      .getRawMany<{ groupId: number; n: string }>();
    return new Map(rows.map((r) => [Number(r.groupId), Number(r.n)]));
  }
}

function view(group: UserGroupEntity, memberCount: number): UserGroup {
  return {
    id: group.id,
    name: group.name,
    memberCount,
    createdAt: group.createdAt.toISOString(),
    updatedAt: group.updatedAt.toISOString(),
  };
}
