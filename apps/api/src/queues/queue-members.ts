import type { QueueMemberRef } from '#contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { FieldIssue } from '../common/domain-error.js';

type Db = DataSource | EntityManager;

/**
 * Field issues of a member list: a line naming a user or group that is not the tenant's is an
 * error at `members.N.id`; a repeated line at `members.N`.
 */
export function memberIssues(
  members: Pick<QueueMemberRef, 'kind' | 'id'>[],
  known: { users: ReadonlySet<number>; groups: ReadonlySet<number> },
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  members.forEach((m, i) => {
    const key = `${m.kind}:${m.id}`;
    if (seen.has(key))
      issues.push({ field: `members.${i}`, code: 'duplicate', messageKey: 'duplicate_member' });
    seen.add(key);
    const ok = m.kind === 'user' ? known.users.has(m.id) : known.groups.has(m.id);
    if (!ok)
      issues.push({
        field: `members.${i}.id`,
        code: 'unknown',
        messageKey: m.kind === 'user' ? 'unknown_user' : 'unknown_group',
      });
  });
  return issues;
}

/** Which of the ids are users (not deleted) and user groups of the tenant. */
export async function knownMembers(
  db: Db,
  tenantId: number,
  members: Pick<QueueMemberRef, 'kind' | 'id'>[],
): Promise<{ users: Set<number>; groups: Set<number> }> {
  const userIds = members.filter((m) => m.kind === 'user').map((m) => m.id);
  const groupIds = members.filter((m) => m.kind === 'group').map((m) => m.id);
  const users = userIds.length
    ? await db.query<{ id: number }[]>(
        `SELECT id FROM users WHERE tenant_id = ? AND id IN (?) AND status <> 'deleted' AND deleted_at IS NULL`,
        [tenantId, userIds],
      )
    : [];
  const groups = groupIds.length
    ? await db.query<{ id: number }[]>('SELECT id FROM user_groups WHERE tenant_id = ? AND id IN (?)', [
        tenantId,
        groupIds,
      ])
    : [];
  return { users: new Set(users.map((r) => Number(r.id))), groups: new Set(groups.map((r) => Number(r.id))) };
}

/** The active users each queue's member lines stand for (groups expanded), each once per queue. */
export async function queueAgents(
  db: Db,
  queueIds: number[],
): Promise<Map<number, { userId: number; name: string; extension: string | null }[]>> {
  const out = new Map<number, { userId: number; name: string; extension: string | null }[]>();
  if (!queueIds.length) return out;
  const rows = await db.query<{ queueId: number; userId: number; name: string; extension: string | null }[]>(
    `SELECT x.queue_id AS queueId, u.id AS userId, u.full_name AS name, u.extension AS extension
       FROM (SELECT qm.queue_id, qm.user_id FROM queue_members qm
              WHERE qm.user_id IS NOT NULL AND qm.queue_id IN (?)
             UNION
             SELECT qm.queue_id, gm.user_id FROM queue_members qm
               JOIN user_group_members gm ON gm.group_id = qm.group_id
              WHERE qm.queue_id IN (?)) x
       JOIN users u ON u.id = x.user_id
      WHERE u.status = 'active' AND u.deleted_at IS NULL
      ORDER BY u.full_name, u.id`,
    [queueIds, queueIds],
  );
  for (const r of rows) {
    const list = out.get(Number(r.queueId)) ?? [];
    list.push({ userId: Number(r.userId), name: r.name, extension: r.extension });
    out.set(Number(r.queueId), list);
  }
  return out;
}

/** The tenant's queues a user is a member of, directly or through a group. */
export async function queuesOfUser(
  db: Db,
  tenantId: number,
  userId: number,
): Promise<{ id: number; name: string }[]> {
  const rows = await db.query<{ id: number; name: string }[]>(
    `SELECT DISTINCT q.id, q.name FROM queues q
       JOIN queue_members qm ON qm.queue_id = q.id
       LEFT JOIN user_group_members gm ON gm.group_id = qm.group_id
      WHERE q.tenant_id = ? AND (qm.user_id = ? OR gm.user_id = ?)
      ORDER BY q.name, q.id`,
    [tenantId, userId, userId],
  );
  return rows.map((r) => ({ id: Number(r.id), name: r.name }));
}

/** The tenant's queues that list any of the groups as a member. */
export async function queuesWithGroups(
  db: Db,
  tenantId: number,
  groupIds: number[],
): Promise<{ id: number; name: string }[]> {
  if (!groupIds.length) return [];
  const rows = await db.query<{ id: number; name: string }[]>(
    `SELECT DISTINCT q.id, q.name FROM queues q JOIN queue_members qm ON qm.queue_id = q.id
      WHERE q.tenant_id = ? AND qm.group_id IN (?) ORDER BY q.name, q.id`,
    [tenantId, groupIds],
  );
  return rows.map((r) => ({ id: Number(r.id), name: r.name }));
}

/** The tenant's queues a user belongs to directly (not through groups). */
export async function queuesWithUser(db: Db, tenantId: number, userId: number): Promise<number[]> {
  const rows = await db.query<{ id: number }[]>(
    `SELECT DISTINCT q.id FROM queues q JOIN queue_members qm ON qm.queue_id = q.id
      WHERE q.tenant_id = ? AND qm.user_id = ?`,
    [tenantId, userId],
  );
  return rows.map((r) => Number(r.id));
}

/** `“A”, “B”` for messages. */
export const quoted = (rows: { name: string }[]) => rows.map((r) => `“${r.name}”`).join(', ');
