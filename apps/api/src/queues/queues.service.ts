import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { QueueLiveView, QueueView } from '#contracts';
import {
  AgentStateEntity,
  FlowEntity,
  MohClassEntity,
  QueueEntity,
  QueueLoginEntity,
  QueueMemberEntity,
} from '#database';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { AuditService, changedFields } from '../audit/audit.service.js';
import { ValidationFailedError, type FieldIssue } from '../common/domain-error.js';
import { CallflowCommands } from '../realtime/callflow-commands.js';
import { QueueLiveCache } from '../realtime/queue-event-relay.js';
import type { TenantScope } from '../tenancy/tenant-scope.js';
import type { CreateQueueDto, UpdateQueueDto } from './queue.dto.js';
import { knownMembers, memberIssues, queueAgents } from './queue-members.js';
import { isDuplicateName, NameTakenError, QueueInUseError } from './queues.errors.js';

/** Fields a body may leave out but never set to null. */
const NOT_NULL = [
  'name',
  'strategy',
  'ringTimeoutS',
  'wrapupS',
  'announcePosition',
  'record',
  'recordNotice',
  'members',
] as const;

const SETTINGS = [
  'name',
  'strategy',
  'ringTimeoutS',
  'wrapupS',
  'maxWaitS',
  'maxCallers',
  'mohClassId',
  'announcePosition',
  'announceEveryS',
  'exitKey',
  'record',
  'recordNotice',
] as const;

/** The schema's defaults, set here too so that the audit entry shows them. */
const DEFAULTS: Partial<QueueEntity> = {
  strategy: 'ring_all',
  ringTimeoutS: 20,
  wrapupS: 10,
  maxWaitS: null,
  maxCallers: null,
  mohClassId: null,
  announcePosition: true,
  announceEveryS: null,
  exitKey: null,
  record: false,
  recordNotice: false,
};

type MemberLine = { kind: 'user' | 'group'; id: number; penalty: number };

/**
 * Queue groups (issue 6): settings and member lines (users and user groups) of a tenant. A
 * queue row and its member lines change together in one transaction; callflow is told after
 * the commit (`queues.changed`).
 */
@Injectable()
export class QueuesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly commands: CallflowCommands,
    private readonly liveCache: QueueLiveCache,
  ) {}

  async list(scope: TenantScope): Promise<QueueView[]> {
    const queues = await this.db
      .getRepository(QueueEntity)
      .find({ where: scope.where<QueueEntity>(), order: { name: 'ASC', id: 'ASC' } });
    return this.views(this.db.manager, queues);
  }

  async get(scope: TenantScope, id: number): Promise<QueueView> {
    const queue = await scope.findOr404(this.db.getRepository(QueueEntity), id);
    return (await this.views(this.db.manager, [queue]))[0];
  }

  async create(scope: TenantScope, input: CreateQueueDto): Promise<QueueView> {
    rejectNulls(input);
    const id = await this.write(async (em) => {
      await this.check(em, scope, input);
      const queue = em.create(QueueEntity, {
        tenantId: scope.tenantId,
        ...DEFAULTS,
        ...pickSettings(input),
      });
      const saved = await em.save(queue);
      const members = memberLines(input.members ?? []);
      await this.replaceMembers(em, saved.id, members);
      await this.audit.record(em, scope.principal, scope.tenantId, {
        action: 'queue.create',
        targetType: 'queue',
        targetId: saved.id,
        targetLabel: saved.name,
        after: snapshot(saved, members),
      });
      return saved.id;
    });
    this.commands.queuesChanged(scope.tenantId, [id]);
    return this.get(scope, id);
  }

  async update(scope: TenantScope, id: number, input: UpdateQueueDto): Promise<QueueView> {
    rejectNulls(input);
    await scope.findOr404(this.db.getRepository(QueueEntity), id);
    await this.write(async (em) => {
      // The row lock serialises concurrent edits of one queue: members are never interleaved.
      const queue = await em.findOneOrFail(QueueEntity, {
        where: { id, tenantId: scope.tenantId },
        lock: { mode: 'pessimistic_write' },
      });
      const membersBefore = await this.memberLinesOf(em, id);
      const before = snapshot(queue, membersBefore);
      await this.check(em, scope, input, id);
      Object.assign(queue, pickSettings(input));
      await em.save(queue);
      let membersAfter = membersBefore;
      if (input.members !== undefined) {
        membersAfter = memberLines(input.members);
        await this.replaceMembers(em, id, membersAfter);
      }
      const changes = changedFields(before, snapshot(queue, membersAfter));
      if (changes)
        await this.audit.record(em, scope.principal, scope.tenantId, {
          action: 'queue.update',
          targetType: 'queue',
          targetId: id,
          targetLabel: queue.name,
          ...changes,
        });
      return id;
    });
    this.commands.queuesChanged(scope.tenantId, [id]);
    return this.get(scope, id);
  }

  async remove(scope: TenantScope, id: number): Promise<void> {
    const queue = await scope.findOr404(this.db.getRepository(QueueEntity), id);
    const flows = await this.flowsUsing(scope.tenantId, id);
    if (flows.length) throw new QueueInUseError(flows);
    await this.db.transaction(async (em) => {
      const members = await this.memberLinesOf(em, id);
      await em.delete(QueueEntity, { id, tenantId: scope.tenantId });
      await this.audit.record(em, scope.principal, scope.tenantId, {
        action: 'queue.delete',
        targetType: 'queue',
        targetId: id,
        targetLabel: queue.name,
        before: snapshot(queue, members),
      });
    });
    this.liveCache.forget(scope.tenantId, id);
    this.commands.queuesChanged(scope.tenantId, [id]);
  }

  /**
   * GET /api/queues/live: callflow's last report of each queue; a queue it has not reported
   * yet (or while callflow is away) shows nobody waiting and its agents as the database has
   * them: logged in and not paused → available, logged in and paused → paused, else offline.
   */
  async live(scope: TenantScope): Promise<QueueLiveView[]> {
    const queues = await this.db
      .getRepository(QueueEntity)
      .find({ where: scope.where<QueueEntity>(), order: { name: 'ASC', id: 'ASC' } });
    const missing = queues.filter((q) => !this.liveCache.get(scope.tenantId, q.id)).map((q) => q.id);
    const agents = await queueAgents(this.db, missing);
    const userIds = [...new Set([...agents.values()].flat().map((a) => a.userId))];
    const logins = missing.length
      ? await this.db.getRepository(QueueLoginEntity).findBy({ queueId: In(missing) })
      : [];
    const loggedIn = new Set(logins.map((l) => `${l.queueId}:${l.userId}`));
    const states = userIds.length
      ? await this.db
          .getRepository(AgentStateEntity)
          .findBy({ userId: In(userIds), tenantId: scope.tenantId })
      : [];
    const paused = new Set(states.filter((s) => s.paused).map((s) => s.userId));
    return queues.map((q) => {
      const cached = this.liveCache.get(scope.tenantId, q.id);
      if (cached) return { ...cached, name: q.name };
      return {
        queueId: q.id,
        name: q.name,
        waiting: [],
        longestWaitS: 0,
        agents: (agents.get(q.id) ?? []).map((a) => ({
          ...a,
          activity: !loggedIn.has(`${q.id}:${a.userId}`)
            ? ('offline' as const)
            : paused.has(a.userId)
              ? ('paused' as const)
              : ('available' as const),
        })),
      };
    });
  }

  /**
   * The tenant's flows whose draft or any published version has a queue node of this queue
   * (`"queueId":"<id>"` in the graph JSON; spaces allowed around the colon).
   */
  async flowsUsing(tenantId: number, queueId: number): Promise<{ id: number; name: string }[]> {
    const pattern = `"queueId"[[:space:]]*:[[:space:]]*"${queueId}"`;
    const rows = await this.db
      .getRepository(FlowEntity)
      .createQueryBuilder('f')
      .select(['f.id', 'f.name'])
      .where('f.tenant_id = :tenantId', { tenantId })
      .andWhere(
        '(f.draft REGEXP :pattern OR EXISTS (SELECT 1 FROM flow_versions v WHERE v.flow_id = f.id AND v.graph REGEXP :pattern))',
        { pattern },
      )
      .orderBy('f.name', 'ASC')
      .getMany();
    return rows.map((f) => ({ id: f.id, name: f.name }));
  }

  /** Field checks that need the database: unique name, the tenant's music class and members. */
  private async check(
    em: EntityManager,
    scope: TenantScope,
    input: UpdateQueueDto,
    exceptId?: number,
  ): Promise<void> {
    const issues: FieldIssue[] = [];
    if (input.mohClassId != null) {
      const found = await em.existsBy(MohClassEntity, { id: input.mohClassId, tenantId: scope.tenantId });
      if (!found) issues.push({ field: 'mohClassId', code: 'unknown', messageKey: 'unknown_moh_class' });
    }
    if (input.members?.length) {
      issues.push(...memberIssues(input.members, await knownMembers(em, scope.tenantId, input.members)));
    }
    if (issues.length) throw new ValidationFailedError(issues);
    if (input.name !== undefined) {
      const other = await em.findOneBy(QueueEntity, { tenantId: scope.tenantId, name: input.name });
      if (other && other.id !== exceptId) throw new NameTakenError();
    }
  }

  private async write(change: (em: EntityManager) => Promise<number>): Promise<number> {
    try {
      return await this.db.transaction(change);
    } catch (err) {
      if (isDuplicateName(err, 'uq_queues_tenant_name')) throw new NameTakenError();
      throw err;
    }
  }

  private async replaceMembers(em: EntityManager, queueId: number, members: MemberLine[]): Promise<void> {
    await em.delete(QueueMemberEntity, { queueId });
    if (!members.length) return;
    await em.insert(
      QueueMemberEntity,
      members.map((m, position) => ({
        queueId,
        userId: m.kind === 'user' ? m.id : null,
        groupId: m.kind === 'group' ? m.id : null,
        penalty: m.penalty,
        position,
      })),
    );
  }

  private async memberLinesOf(em: EntityManager, queueId: number): Promise<MemberLine[]> {
    const rows = await em.find(QueueMemberEntity, {
      where: { queueId },
      order: { position: 'ASC', id: 'ASC' },
    });
    return rows.map(lineOf);
  }

  private async views(em: EntityManager, queues: QueueEntity[]): Promise<QueueView[]> {
    const ids = queues.map((q) => q.id);
    if (!ids.length) return [];
    const rows = await em.query<
      {
        queueId: number;
        userId: number | null;
        groupId: number | null;
        penalty: number;
        name: string | null;
      }[]
    >(
      `SELECT m.queue_id AS queueId, m.user_id AS userId, m.group_id AS groupId, m.penalty,
              COALESCE(u.full_name, g.name) AS name
         FROM queue_members m
         LEFT JOIN users u ON u.id = m.user_id
         LEFT JOIN user_groups g ON g.id = m.group_id
        WHERE m.queue_id IN (?)
        ORDER BY m.queue_id, m.position, m.id`,
      [ids],
    );
    const agents = await queueAgents(em, ids);
    return queues.map((q) => ({
      id: q.id,
      name: q.name,
      strategy: q.strategy,
      ringTimeoutS: q.ringTimeoutS,
      wrapupS: q.wrapupS,
      maxWaitS: q.maxWaitS,
      maxCallers: q.maxCallers,
      mohClassId: q.mohClassId,
      announcePosition: Boolean(q.announcePosition),
      announceEveryS: q.announceEveryS,
      exitKey: q.exitKey,
      record: Boolean(q.record),
      recordNotice: Boolean(q.recordNotice),
      members: rows
        .filter((r) => Number(r.queueId) === q.id)
        .map((r) => ({ ...lineOf(r), name: r.name ?? '' })),
      agentCount: agents.get(q.id)?.length ?? 0,
      createdAt: q.createdAt.toISOString(),
      updatedAt: q.updatedAt.toISOString(),
    }));
  }
}

function lineOf(r: { userId: number | null; groupId: number | null; penalty: number }): MemberLine {
  return r.userId !== null
    ? { kind: 'user', id: Number(r.userId), penalty: Number(r.penalty) }
    : { kind: 'group', id: Number(r.groupId), penalty: Number(r.penalty) };
}

function memberLines(members: { kind: 'user' | 'group'; id: number; penalty?: number }[]): MemberLine[] {
  return members.map((m) => ({ kind: m.kind, id: m.id, penalty: m.penalty ?? 0 }));
}

/** `null` is a value only for the nullable settings; elsewhere it is a wrong type. */
function rejectNulls(input: UpdateQueueDto): void {
  const issues = NOT_NULL.filter((k) => (input as Record<string, unknown>)[k] === null).map((field) => ({
    field,
    code: field === 'name' ? 'required' : 'invalid_type',
  }));
  if (issues.length) throw new ValidationFailedError(issues);
}

function pickSettings(input: UpdateQueueDto): Partial<QueueEntity> {
  const out: Record<string, unknown> = {};
  for (const key of SETTINGS) if (input[key] !== undefined) out[key] = input[key];
  return out as Partial<QueueEntity>;
}

function snapshot(q: QueueEntity, members: MemberLine[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of SETTINGS) out[key] = q[key] ?? null;
  out.announcePosition = Boolean(q.announcePosition);
  out.record = Boolean(q.record);
  out.recordNotice = Boolean(q.recordNotice);
  out.members = members;
  return out;
}
