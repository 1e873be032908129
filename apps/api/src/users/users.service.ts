import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { TenantUser, UserPage } from '#contracts';
import {
  RefreshTokenEntity,
  TenantEntity,
  QueueLoginEntity,
  QueueMemberEntity,
  UserEntity,
  UserGroupEntity,
  UserGroupMemberEntity,
  UserTokenEntity,
} from '#database';
import { Brackets, In, IsNull, Not, type DataSource, type EntityManager } from 'typeorm';
import { AuditService, changedFields } from '../audit/audit.service.js';
import { DevicesService } from '../devices/devices.service.js';
import { DomainError, ForbiddenError, ValidationFailedError } from '../common/domain-error.js';
import { containsPattern } from '../common/query.js';
import { NotFoundError, type TenantScope } from '../tenancy/tenant-scope.js';
import { queuesWithGroups, queuesWithUser } from '../queues/queue-members.js';
import { CallflowCommands } from '../realtime/callflow-commands.js';
import { InvitationService, nextExtension } from './invitations.js';
import type { CreateUserDto, ListUsersQueryDto, UpdateUserDto } from './user.dto.js';

export class UsersQuotaReachedError extends DomainError {
  constructor(max: number) {
    super(HttpStatus.CONFLICT, 'quota_users_reached', [], { max });
  }
}

export class NotInvitedError extends DomainError {
  constructor() {
    super(HttpStatus.CONFLICT, 'not_invited');
  }
}

export class TakenError extends ValidationFailedError {
  constructor(field: string, kind: 'email' | 'phone') {
    super([{ field, code: 'taken', messageKey: `taken_${kind}` }]);
  }
}

class SelfChangeError extends ValidationFailedError {
  constructor(field: string) {
    super([{ field, code: 'cannot_change_self' }]);
  }
}

/** Which unique key a failed insert/update of a user hit, if any. */
export function duplicateUserKey(err: unknown): 'email' | 'phone' | null {
  const message = (err as { message?: string }).message ?? '';
  if (message.includes('uq_users_email') || /Duplicate entry .* for key 'email'/.test(message))
    return 'email';
  if (message.includes('uq_users_phone') || /Duplicate entry .* for key 'phone'/.test(message))
    return 'phone';
  return null;
}

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly invitations: InvitationService,
    private readonly audit: AuditService,
    private readonly devices: DevicesService,
    private readonly commands: CallflowCommands,
  ) {}

  async list(scope: TenantScope, query: ListUsersQueryDto): Promise<UserPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const qb = this.db
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .where('u.tenant_id = :tenantId', { tenantId: scope.tenantId })
      .andWhere("u.status <> 'deleted'")
      .andWhere('u.deleted_at IS NULL');
    const search = query.search?.trim();
    if (search) {
      const like = containsPattern(search);
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('u.full_name LIKE :like', { like })
            .orWhere('u.email LIKE :like')
            .orWhere('u.phone LIKE :like')
            .orWhere('u.extension LIKE :like'),
        ),
      );
    }
    if (query.groupId) {
      // The group is looked up through this tenant's users only: another tenant's id matches nothing.
      qb.innerJoin(UserGroupMemberEntity, 'm', 'm.user_id = u.id AND m.group_id = :groupId', {
        groupId: query.groupId,
      });
    }
    const [rows, total] = await qb
      .orderBy('u.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    const groups = await this.groupIdsOf(rows.map((u) => u.id));
    return { items: rows.map((u) => view(u, groups.get(u.id) ?? [])), total, page, pageSize };
  }

  async get(scope: TenantScope, id: number): Promise<TenantUser> {
    const p = scope.principal;
    const user = await this.find(scope, id);
    // Agents may only look at themselves (after the 404 check: other tenants learn nothing).
    if (p.role === 'agent' && p.userId !== id) throw new ForbiddenError();
    return view(user, (await this.groupIdsOf([id])).get(id) ?? []);
  }

  async create(scope: TenantScope, input: CreateUserDto): Promise<TenantUser> {
    const repo = this.db.getRepository(UserEntity);
    if (await repo.existsBy({ email: input.email })) throw new TakenError('email', 'email');
    if (input.phone && (await repo.existsBy({ phone: input.phone }))) throw new TakenError('phone', 'phone');
    let created: { user: UserEntity; tenant: TenantEntity; token: string };
    try {
      created = await this.db.transaction(async (em) => {
        // The tenant row lock serialises user creation of one tenant: quota and extension hold.
        const tenant = await em.findOne(TenantEntity, {
          where: { id: scope.tenantId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!tenant) throw new ForbiddenError();
        const count = await em.countBy(UserEntity, { tenantId: scope.tenantId, status: Not('deleted') });
        if (count >= tenant.quotaUsers) throw new UsersQuotaReachedError(tenant.quotaUsers);
        const groupIds = await this.checkedGroupIds(em, scope, input.groupIds);
        const user = await em.save(
          em.create(UserEntity, {
            tenantId: scope.tenantId,
            email: input.email,
            fullName: input.fullName,
            phone: input.phone ?? null,
            role: input.role,
            status: 'invited',
            // The invitation speaks the inviting admin's language; the user can change it later.
            language: (await em.findOneBy(UserEntity, { id: scope.principal.userId }))?.language ?? 'vi',
            extension: await nextExtension(em, scope.tenantId),
            passwordHash: null,
          }),
        );
        await this.setGroups(em, user.id, groupIds);
        const token = await this.invitations.issue(em, user.id);
        await this.audit.record(em, scope.principal, scope.tenantId, {
          action: 'user.invite',
          targetType: 'user',
          targetId: user.id,
          targetLabel: user.email,
          after: snapshot(user, groupIds),
        });
        return { user, tenant, token };
      });
    } catch (err) {
      const key = duplicateUserKey(err);
      if (key) throw new TakenError(key, key);
      throw err;
    }
    await this.invitations.send(created.user, created.tenant.name, created.token);
    return this.get(scope, created.user.id);
  }

  /** A fresh invitation link for a user who has not set a password yet. */
  async resendInvitation(scope: TenantScope, id: number): Promise<void> {
    const user = await this.find(scope, id);
    if (user.status !== 'invited') throw new NotInvitedError();
    const token = await this.db.transaction(async (em) => {
      const issued = await this.invitations.issue(em, user.id);
      await this.audit.record(em, scope.principal, scope.tenantId, {
        action: 'user.invitation_resent',
        targetType: 'user',
        targetId: user.id,
        targetLabel: user.email,
      });
      return issued;
    });
    const tenant = await this.db.getRepository(TenantEntity).findOneByOrFail({ id: scope.tenantId });
    await this.invitations.send(user, tenant.name, token);
  }

  async update(scope: TenantScope, id: number, input: UpdateUserDto): Promise<TenantUser> {
    const user = await this.find(scope, id);
    const self = scope.principal.userId === id;
    if (self && input.role !== undefined && input.role !== user.role) throw new SelfChangeError('role');
    if (self && input.status === 'disabled') throw new SelfChangeError('status');
    // An invited user becomes active by accepting the invitation, not by an admin's switch.
    if (input.status !== undefined && user.status === 'invited') {
      throw new ValidationFailedError([{ field: 'status', code: 'not_activated' }]);
    }
    if (input.phone) {
      const owner = await this.db.getRepository(UserEntity).findOneBy({ phone: input.phone });
      if (owner && owner.id !== id) throw new TakenError('phone', 'phone');
    }
    let changedGroups: number[] = [];
    try {
      await this.db.transaction(async (em) => {
        const groupsBefore = (await this.groupIdsOf([id], em)).get(id) ?? [];
        const before = snapshot(user, groupsBefore);
        let groupsAfter = groupsBefore;
        if (input.groupIds !== undefined) {
          groupsAfter = await this.checkedGroupIds(em, scope, input.groupIds);
          await this.setGroups(em, id, groupsAfter, true);
          changedGroups = symmetricDifference(groupsBefore, groupsAfter);
        }
        if (input.fullName !== undefined) user.fullName = input.fullName;
        if (input.phone !== undefined) user.phone = input.phone;
        if (input.role !== undefined) user.role = input.role;
        if (input.status !== undefined) user.status = input.status;
        await em.save(user);
        if (input.status === 'disabled') await revokeSessions(em, id);
        const changes = changedFields(before, snapshot(user, groupsAfter));
        if (changes) {
          await this.audit.record(em, scope.principal, scope.tenantId, {
            action: 'user.update',
            targetType: 'user',
            targetId: id,
            targetLabel: user.email,
            ...changes,
          });
        }
      });
    } catch (err) {
      if (duplicateUserKey(err) === 'phone') throw new TakenError('phone', 'phone');
      throw err;
    }
    // Name (caller id) or status changes reach the phone.
    await this.devices.syncUser(id);
    // Queue agents: a disabled user is offered no more calls; group changes move them between queues.
    if (changedGroups.length || input.status !== undefined || input.fullName !== undefined) {
      const queues = await queuesWithGroups(this.db, scope.tenantId, changedGroups);
      this.commands.queuesChanged(
        scope.tenantId,
        queues.map((q) => q.id),
      );
      this.commands.agentsChanged(scope.tenantId, [id]);
    }
    return this.get(scope, id);
  }

  async remove(scope: TenantScope, id: number): Promise<void> {
    const user = await this.find(scope, id);
    if (scope.principal.userId === id) throw new SelfChangeError('id');
    const queueIds = await this.db.transaction(async (em) => {
      const groupIds = (await this.groupIdsOf([id], em)).get(id) ?? [];
      // A deleted user leaves every queue: member lines naming them and their log-ins go.
      const queues = [
        ...(await queuesWithUser(em, scope.tenantId, user.id)),
        ...(await queuesWithGroups(em, scope.tenantId, groupIds)).map((q) => q.id),
      ];
      await em.delete(QueueMemberEntity, { userId: user.id });
      await em.delete(QueueLoginEntity, { userId: user.id });
      await em.update(
        UserEntity,
        { id: user.id, tenantId: scope.tenantId },
        // The email stays for history; the extension and phone are freed for others.
        { status: 'deleted', deletedAt: new Date(), extension: null, phone: null },
      );
      await em.delete(UserGroupMemberEntity, { userId: user.id });
      await em.update(UserTokenEntity, { userId: user.id, usedAt: IsNull() }, { usedAt: new Date() });
      await revokeSessions(em, user.id);
      await this.audit.record(em, scope.principal, scope.tenantId, {
        action: 'user.delete',
        targetType: 'user',
        targetId: user.id,
        targetLabel: user.email,
        before: snapshot(user, groupIds),
      });
      return queues;
    });
    await this.devices.syncUser(user.id);
    this.commands.queuesChanged(scope.tenantId, queueIds);
    this.commands.agentsChanged(scope.tenantId, [user.id]);
  }

  /** A non-deleted user of this tenant, or 404. */
  private async find(scope: TenantScope, id: number): Promise<UserEntity> {
    const user = await this.db
      .getRepository(UserEntity)
      .findOneBy(scope.where<UserEntity>({ id, status: Not('deleted'), deletedAt: IsNull() }));
    if (!user) throw new NotFoundError();
    return user;
  }

  private async checkedGroupIds(
    em: EntityManager,
    scope: TenantScope,
    ids: number[] | undefined,
  ): Promise<number[]> {
    const unique = [...new Set(ids ?? [])].sort((a, b) => a - b);
    if (!unique.length) return [];
    const found = await em.findBy(UserGroupEntity, scope.where<UserGroupEntity>({ id: In(unique) }));
    if (found.length !== unique.length) {
      throw new ValidationFailedError([{ field: 'groupIds', code: 'unknown_group' }]);
    }
    return unique;
  }

  private async setGroups(em: EntityManager, userId: number, groupIds: number[], replace = false) {
    if (replace) await em.delete(UserGroupMemberEntity, { userId });
    if (groupIds.length)
      await em.insert(
        UserGroupMemberEntity,
        groupIds.map((groupId) => ({ groupId, userId })),
      );
  }

  private async groupIdsOf(
    userIds: number[],
    em: EntityManager = this.db.manager,
  ): Promise<Map<number, number[]>> {
    const map = new Map<number, number[]>();
    if (!userIds.length) return map;
    const rows = await em.getRepository(UserGroupMemberEntity).findBy({ userId: In(userIds) });
    for (const r of rows) map.set(r.userId, [...(map.get(r.userId) ?? []), r.groupId]);
    for (const list of map.values()) list.sort((a, b) => a - b);
    return map;
  }
}

function symmetricDifference(a: number[], b: number[]): number[] {
  return [...a.filter((x) => !b.includes(x)), ...b.filter((x) => !a.includes(x))];
}

async function revokeSessions(em: EntityManager, userId: number): Promise<void> {
  await em.update(RefreshTokenEntity, { userId, revokedAt: IsNull() }, { revokedAt: new Date() });
}

/** What the audit log keeps of a user (never secrets). */
function snapshot(user: UserEntity, groupIds: number[]): Record<string, unknown> {
  return {
    fullName: user.fullName,
    email: user.email,
    phone: user.phone,
    role: user.role,
    status: user.status,
    extension: user.extension,
    groupIds,
  };
}

function view(user: UserEntity, groupIds: number[]): TenantUser {
  return {
    id: user.id,
    email: user.email,
    fullName: user.fullName,
    phone: user.phone,
    role: user.role,
    status: user.status,
    extension: user.extension,
    groupIds,
    lastLoginAt: user.lastLoginAt ? user.lastLoginAt.toISOString() : null,
    createdAt: user.createdAt.toISOString(),
  };
}
