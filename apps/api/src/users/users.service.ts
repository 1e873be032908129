import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { TenantUser, UserPage } from '#contracts';
import {
  RefreshTokenEntity,
  TenantEntity,
  UserEntity,
  UserGroupEntity,
  UserGroupMemberEntity,
  UserTokenEntity,
} from '#database';
import { Brackets, In, IsNull, Not, type DataSource, type EntityManager } from 'typeorm';
import { newOpaqueToken, sha256 } from '../auth/tokens.js';
import { DomainError, ForbiddenError, ValidationFailedError } from '../common/domain-error.js';
import { API_CONFIG, type ApiConfig } from '../config/api-config.js';
import { MailService } from '../mail/mail.service.js';
import { NotFoundError, type TenantScope } from '../tenancy/tenant-scope.js';
import type { CreateUserDto, ListUsersQueryDto, UpdateUserDto } from './user.dto.js';

export const INVITE_TTL_DAYS = 7;
export const FIRST_EXTENSION = 1001;

export class UsersQuotaReachedError extends DomainError {
  constructor(max: number) {
    super(HttpStatus.CONFLICT, 'quota_users_reached', [], { max });
  }
}

class TakenError extends ValidationFailedError {
  constructor(field: 'email' | 'phone') {
    super([{ field, code: 'taken', messageKey: `taken_${field}` }]);
  }
}

class SelfChangeError extends ValidationFailedError {
  constructor(field: string) {
    super([{ field, code: 'cannot_change_self' }]);
  }
}

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly mail: MailService,
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
      const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('u.full_name LIKE :like', { like })
            .orWhere('u.email LIKE :like')
            .orWhere('u.phone LIKE :like'),
        ),
      );
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
    if (await repo.existsBy({ email: input.email })) throw new TakenError('email');
    if (input.phone && (await repo.existsBy({ phone: input.phone }))) throw new TakenError('phone');
    const token = newOpaqueToken();
    let created: { user: UserEntity; tenant: TenantEntity };
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
            language: 'vi',
            extension: await this.nextExtension(em, scope.tenantId),
            passwordHash: null,
          }),
        );
        await this.setGroups(em, user.id, groupIds);
        await em.save(
          em.create(UserTokenEntity, {
            userId: user.id,
            kind: 'invite',
            tokenHash: sha256(token),
            expiresAt: new Date(Date.now() + INVITE_TTL_DAYS * 24 * 3600 * 1000),
            usedAt: null,
          }),
        );
        return { user, tenant };
      });
    } catch (err) {
      const message = (err as { message?: string }).message ?? '';
      if (message.includes('uq_users_email') || /Duplicate entry .* for key 'email'/.test(message))
        throw new TakenError('email');
      if (message.includes('uq_users_phone')) throw new TakenError('phone');
      throw err;
    }
    const { user, tenant } = created;
    const link = new URL('/reset-password', this.config.PUBLIC_URL);
    link.searchParams.set('token', token);
    link.searchParams.set('invite', '1');
    await this.mail.send(user.email, 'invite', user.language, {
      name: user.fullName,
      company: tenant.name,
      link: link.toString(),
      days: INVITE_TTL_DAYS,
    });
    return this.get(scope, user.id);
  }

  async update(scope: TenantScope, id: number, input: UpdateUserDto): Promise<TenantUser> {
    const user = await this.find(scope, id);
    const self = scope.principal.userId === id;
    if (self && input.role !== undefined && input.role !== user.role) throw new SelfChangeError('role');
    if (self && input.status === 'disabled') throw new SelfChangeError('status');
    if (input.phone) {
      const owner = await this.db.getRepository(UserEntity).findOneBy({ phone: input.phone });
      if (owner && owner.id !== id) throw new TakenError('phone');
    }
    await this.db.transaction(async (em) => {
      if (input.groupIds !== undefined) {
        await this.setGroups(em, id, await this.checkedGroupIds(em, scope, input.groupIds), true);
      }
      if (input.fullName !== undefined) user.fullName = input.fullName;
      if (input.phone !== undefined) user.phone = input.phone;
      if (input.role !== undefined) user.role = input.role;
      if (input.status !== undefined && user.status !== 'invited') user.status = input.status;
      await em.save(user);
      if (input.status === 'disabled') await revokeSessions(em, id);
    });
    return this.get(scope, id);
  }

  async remove(scope: TenantScope, id: number): Promise<void> {
    const user = await this.find(scope, id);
    if (scope.principal.userId === id) throw new SelfChangeError('id');
    await this.db.transaction(async (em) => {
      await em.update(
        UserEntity,
        { id: user.id, tenantId: scope.tenantId },
        // The email stays for history; the extension and phone are freed for others.
        { status: 'deleted', deletedAt: new Date(), extension: null, phone: null },
      );
      await em.delete(UserGroupMemberEntity, { userId: user.id });
      await em.update(UserTokenEntity, { userId: user.id, usedAt: IsNull() }, { usedAt: new Date() });
      await revokeSessions(em, user.id);
    });
  }

  /** A non-deleted user of this tenant, or 404. */
  private async find(scope: TenantScope, id: number): Promise<UserEntity> {
    const user = await this.db
      .getRepository(UserEntity)
      .findOneBy(scope.where<UserEntity>({ id, status: Not('deleted'), deletedAt: IsNull() }));
    if (!user) throw new NotFoundError();
    return user;
  }

  private async nextExtension(em: EntityManager, tenantId: number): Promise<string> {
    const [row] = await em.query<{ n: string | number | null }[]>(
      `SELECT MAX(CAST(extension AS UNSIGNED)) AS n FROM users WHERE tenant_id = ? AND extension REGEXP '^[0-9]+$'`,
      [tenantId],
    );
    const max = row?.n === null || row?.n === undefined ? 0 : Number(row.n);
    return String(Math.max(FIRST_EXTENSION, max + 1));
  }

  private async checkedGroupIds(
    em: EntityManager,
    scope: TenantScope,
    ids: number[] | undefined,
  ): Promise<number[]> {
    const unique = [...new Set(ids ?? [])];
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

  private async groupIdsOf(userIds: number[]): Promise<Map<number, number[]>> {
    const map = new Map<number, number[]>();
    if (!userIds.length) return map;
    const rows = await this.db.getRepository(UserGroupMemberEntity).findBy({ userId: In(userIds) });
    for (const r of rows) map.set(r.userId, [...(map.get(r.userId) ?? []), r.groupId]);
    for (const list of map.values()) list.sort((a, b) => a - b);
    return map;
  }
}

async function revokeSessions(em: EntityManager, userId: number): Promise<void> {
  await em.update(RefreshTokenEntity, { userId, revokedAt: IsNull() }, { revokedAt: new Date() });
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
