import {
  directWriter,
  QueueCallbackEntity,
  QueueCallEntity,
  type QueueCallState,
  type SqlWriter,
} from '#database';
import type { DataSource } from 'typeorm';
import type { AcdAgent, AcdQueue } from './acd.js';

export interface QueueSettings extends AcdQueue {
  mohClassId: number | null;
  announcePosition: boolean;
  announceEveryS: number | null;
  exitKey: string | null;
  /** The queue's own switch or the tenant's "record every queue call". */
  record: boolean;
  recordNotice: boolean;
  /** The tenant's language for what callers hear from the queue. */
  language: 'vi' | 'en';
}

/** A callback waiting its turn (`queue_callbacks`, status pending). */
export interface CallbackRow {
  id: number;
  tenantId: number;
  queueId: number;
  number: string;
  callerNumber: string;
  hotlineNumber: string | null;
  callChannelId: string | null;
  requestedAt: Date;
  attempts: number;
  nextAttemptAt: Date | null;
}

export interface AgentInfo extends AcdAgent {
  pauseReasonId: number | null;
  fullName: string;
  extension: string | null;
  /** PJSIP endpoint of the agent's phone (null: no phone). */
  endpoint: string | null;
}

export interface QueueCallRow {
  channelId: string;
  tenantId: number;
  queueId: number;
  nodeId: string | null;
  priority: number;
  enteredAt: Date;
  state: QueueCallState;
  agentUserId: number | null;
  agentChannelId: string | null;
  bridgeId: string | null;
  recording: string | null;
  callerNumber: string | null;
  /** A callback's conversation: `channelId` is the customer's leg, `agentChannelId` the agent's. */
  callbackId: number | null;
}

/** How a callback attempt left the row: pending again (a retry), done, or failed for good. */
export interface CallbackAttemptResult {
  status: 'pending' | 'done' | 'failed';
  lastResult: string;
  attempts: number;
  nextAttemptAt: Date | null;
}

/** Queue data callflow reads and the persisted view of queue calls it writes (a fake in unit tests). */
export interface QueueStore {
  /** Every queue (or only those of `tenantId`), members expanded from user groups. */
  queues(tenantId?: number): Promise<QueueSettings[]>;
  /** Every agent who is a member of some queue (or only those of `tenantId`). */
  agents(tenantId?: number): Promise<AgentInfo[]>;
  saveCall(row: QueueCallRow): Promise<void>;
  deleteCall(channelId: string): Promise<void>;
  calls(): Promise<QueueCallRow[]>;
  /** Counters and wrap-up after a conversation; round-robin memory. */
  conversationEnded(userId: number, queueId: number, endedAt: Date, wrapupUntil: Date): Promise<void>;
  rememberRoundRobin(queueId: number, userId: number): Promise<void>;
  /** The prompt files of a tenant's music class, in the class's order (missing ones skipped). */
  mohFiles(tenantId: number, classId: number): Promise<string[]>;
  /** Pending callbacks (all, or one tenant's), in line order. */
  pendingCallbacks(tenantId?: number): Promise<CallbackRow[]>;
  createCallback(row: Omit<CallbackRow, 'id'>): Promise<number>;
  /** Claims a pending callback for an agent's attempt; false if it is no longer pending (cancelled). */
  callbackAttempt(id: number, userId: number): Promise<boolean>;
  callbackResult(id: number, result: CallbackAttemptResult): Promise<void>;
  /** Callbacks left `calling` by a process that stopped: pending again. */
  resetCallingCallbacks(): Promise<void>;
}

const SAVE_CALL_COLUMNS = [
  'channel_id',
  'tenant_id',
  'queue_id',
  'node_id',
  'priority',
  'entered_at',
  'state',
  'agent_user_id',
  'agent_channel_id',
  'bridge_id',
  'recording',
  'caller_number',
  'callback_id',
];
const SAVE_CALL_SQL = `INSERT INTO queue_calls (${SAVE_CALL_COLUMNS.join(', ')})
  VALUES (${SAVE_CALL_COLUMNS.map(() => '?').join(', ')})
  ON DUPLICATE KEY UPDATE ${SAVE_CALL_COLUMNS.slice(1)
    .map((c) => `${c} = VALUES(${c})`)
    .join(', ')}`;

export class TypeOrmQueueStore implements QueueStore {
  constructor(
    private readonly db: DataSource,
    /** Writes nobody waits for (queue_calls, counters, round-robin memory), batched in production. */
    private readonly writer: SqlWriter = directWriter(db),
  ) {}

  async queues(tenantId?: number): Promise<QueueSettings[]> {
    const where = tenantId === undefined ? '' : 'WHERE q.tenant_id = ?';
    const params = tenantId === undefined ? [] : [tenantId];
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT q.id, q.tenant_id AS tenantId, q.name, q.strategy, q.ring_timeout_s AS ringTimeoutS,
              q.wrapup_s AS wrapupS, q.max_wait_s AS maxWaitS, q.max_callers AS maxCallers,
              q.moh_class_id AS mohClassId, q.announce_position AS announcePosition,
              q.announce_every_s AS announceEveryS, q.exit_key AS exitKey,
              (q.record OR t.queue_record_all) AS record, t.queue_language AS language,
              q.record_notice AS recordNotice, q.rr_last_user_id AS rrLastUserId
         FROM queues q JOIN tenants t ON t.id = q.tenant_id ${where}`,
      params,
    );
    const members: { queueId: number; userId: number; penalty: number }[] = await this.db.query(
      `SELECT m.queue_id AS queueId, COALESCE(m.user_id, g.user_id) AS userId, m.penalty
         FROM queue_members m
         JOIN queues q ON q.id = m.queue_id
         LEFT JOIN user_group_members g ON g.group_id = m.group_id
         JOIN users u ON u.id = COALESCE(m.user_id, g.user_id)
                     AND u.tenant_id = q.tenant_id AND u.status = 'active'
         ${where}
        ORDER BY m.queue_id, m.position, m.id, userId`,
      params,
    );
    const byQueue = new Map<number, { userId: number; penalty: number }[]>();
    for (const m of members) {
      const list = byQueue.get(Number(m.queueId)) ?? [];
      const userId = Number(m.userId);
      const existing = list.find((x) => x.userId === userId);
      if (existing) existing.penalty = Math.min(existing.penalty, Number(m.penalty));
      else list.push({ userId, penalty: Number(m.penalty) });
      byQueue.set(Number(m.queueId), list);
    }
    return rows.map((r) => ({
      id: Number(r['id']),
      tenantId: Number(r['tenantId']),
      name: String(r['name']),
      strategy: r['strategy'] as QueueSettings['strategy'],
      ringTimeoutS: Number(r['ringTimeoutS']),
      wrapupS: Number(r['wrapupS']),
      maxWaitS: r['maxWaitS'] === null ? null : Number(r['maxWaitS']),
      maxCallers: r['maxCallers'] === null ? null : Number(r['maxCallers']),
      mohClassId: r['mohClassId'] === null ? null : Number(r['mohClassId']),
      announcePosition: !!Number(r['announcePosition']),
      announceEveryS: r['announceEveryS'] === null ? null : Number(r['announceEveryS']),
      exitKey: (r['exitKey'] as string | null) ?? null,
      record: !!Number(r['record']),
      recordNotice: !!Number(r['recordNotice']),
      language: r['language'] === 'en' ? 'en' : 'vi',
      rrLastUserId: r['rrLastUserId'] === null ? null : Number(r['rrLastUserId']),
      members: byQueue.get(Number(r['id'])) ?? [],
    }));
  }

  async agents(tenantId?: number): Promise<AgentInfo[]> {
    const where = tenantId === undefined ? '' : 'AND u.tenant_id = ?';
    const params = tenantId === undefined ? [] : [tenantId];
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT u.id AS userId, u.tenant_id AS tenantId, u.full_name AS fullName, u.extension,
              s.username AS endpoint, a.paused, a.pause_reason_id AS pauseReasonId,
              a.wrapup_until AS wrapupUntil
         FROM users u
         LEFT JOIN sip_accounts s ON s.user_id = u.id
         LEFT JOIN agent_states a ON a.user_id = u.id
        WHERE u.status = 'active' AND u.tenant_id IS NOT NULL ${where}
          AND (EXISTS (SELECT 1 FROM queue_members m WHERE m.user_id = u.id)
            OR EXISTS (SELECT 1 FROM queue_members m JOIN user_group_members g ON g.group_id = m.group_id
                        WHERE g.user_id = u.id))`,
      params,
    );
    const logins: { userId: number; queueId: number; callsTaken: number; lastCallEndedAt: Date | null }[] =
      await this.db.query(
        `SELECT l.user_id AS userId, l.queue_id AS queueId, l.calls_taken AS callsTaken,
                l.last_call_ended_at AS lastCallEndedAt
           FROM queue_logins l JOIN users u ON u.id = l.user_id
          WHERE 1 = 1 ${where}`,
        params,
      );
    const byUser = new Map<number, AcdAgent['logins']>();
    for (const l of logins) {
      const map = byUser.get(Number(l.userId)) ?? new Map();
      map.set(Number(l.queueId), {
        callsTaken: Number(l.callsTaken),
        lastCallEndedAt: l.lastCallEndedAt ? new Date(l.lastCallEndedAt).getTime() : 0,
      });
      byUser.set(Number(l.userId), map);
    }
    return rows.map((r) => ({
      userId: Number(r['userId']),
      tenantId: Number(r['tenantId']),
      fullName: String(r['fullName'] ?? ''),
      extension: (r['extension'] as string | null) ?? null,
      endpoint: (r['endpoint'] as string | null) ?? null,
      paused: !!Number(r['paused'] ?? 0),
      pauseReasonId: r['pauseReasonId'] == null ? null : Number(r['pauseReasonId']),
      wrapupUntil: r['wrapupUntil'] ? new Date(r['wrapupUntil'] as string).getTime() : 0,
      logins: byUser.get(Number(r['userId'])) ?? new Map(),
    }));
  }

  async saveCall(row: QueueCallRow): Promise<void> {
    // Plain SQL: the repository's upsert read the row back (a SELECT for the columns with
    // defaults) after every write.
    await this.writer.write(SAVE_CALL_SQL, [
      row.channelId,
      row.tenantId,
      row.queueId,
      row.nodeId,
      row.priority,
      row.enteredAt,
      row.state,
      row.agentUserId,
      row.agentChannelId,
      row.bridgeId,
      row.recording,
      row.callerNumber,
      row.callbackId,
    ]);
  }

  async deleteCall(channelId: string): Promise<void> {
    await this.writer.write('DELETE FROM queue_calls WHERE channel_id = ?', [channelId]);
  }

  async calls(): Promise<QueueCallRow[]> {
    return this.db.getRepository(QueueCallEntity).find({ order: { enteredAt: 'ASC' } });
  }

  async conversationEnded(userId: number, queueId: number, endedAt: Date, wrapupUntil: Date): Promise<void> {
    // Two writes without a read between them (they travel in one batch with the call's others).
    await Promise.all([
      this.writer.write(
        'UPDATE queue_logins SET calls_taken = calls_taken + 1, last_call_ended_at = ? WHERE queue_id = ? AND user_id = ?',
        [endedAt, queueId, userId],
      ),
      this.writer.write(
        `INSERT INTO agent_states (user_id, tenant_id, paused, changed_at, wrapup_until)
         SELECT id, tenant_id, 0, ?, ? FROM users WHERE id = ?
         ON DUPLICATE KEY UPDATE wrapup_until = VALUES(wrapup_until)`,
        [endedAt, wrapupUntil, userId],
      ),
    ]);
  }

  async rememberRoundRobin(queueId: number, userId: number): Promise<void> {
    await this.writer.write('UPDATE queues SET rr_last_user_id = ? WHERE id = ?', [userId, queueId]);
  }

  async mohFiles(tenantId: number, classId: number): Promise<string[]> {
    const [cls]: { promptIds: string | number[] }[] = await this.db.query(
      'SELECT prompt_ids AS promptIds FROM moh_classes WHERE id = ? AND tenant_id = ?',
      [classId, tenantId],
    );
    if (!cls) return [];
    const ids = (typeof cls.promptIds === 'string' ? JSON.parse(cls.promptIds) : cls.promptIds) as number[];
    if (!ids.length) return [];
    const rows: { id: number; file: string }[] = await this.db.query(
      'SELECT id, file FROM prompts WHERE id IN (?) AND (tenant_id = ? OR tenant_id IS NULL)',
      [ids, tenantId],
    );
    const files = new Map(rows.map((r) => [Number(r.id), r.file]));
    return ids.map((id) => files.get(Number(id))).filter((f): f is string => !!f);
  }

  async pendingCallbacks(tenantId?: number): Promise<CallbackRow[]> {
    const rows = await this.db.getRepository(QueueCallbackEntity).find({
      where: { status: 'pending', ...(tenantId === undefined ? {} : { tenantId }) },
      order: { requestedAt: 'ASC', id: 'ASC' },
    });
    return rows.map((r) => ({
      id: r.id,
      tenantId: r.tenantId,
      queueId: r.queueId,
      number: r.number,
      callerNumber: r.callerNumber,
      hotlineNumber: r.hotlineNumber,
      callChannelId: r.callChannelId,
      requestedAt: r.requestedAt,
      attempts: r.attempts,
      nextAttemptAt: r.nextAttemptAt,
    }));
  }

  async createCallback(row: Omit<CallbackRow, 'id'>): Promise<number> {
    const saved = await this.db.getRepository(QueueCallbackEntity).insert({ ...row, status: 'pending' });
    return Number(saved.identifiers[0]!['id']);
  }

  async callbackAttempt(id: number, userId: number): Promise<boolean> {
    const result = await this.db.query(
      "UPDATE queue_callbacks SET status = 'calling', agent_user_id = ? WHERE id = ? AND status = 'pending'",
      [userId, id],
    );
    return Number((result as { affectedRows?: number }).affectedRows ?? 0) === 1;
  }

  async callbackResult(id: number, result: CallbackAttemptResult): Promise<void> {
    await this.db.query(
      `UPDATE queue_callbacks SET status = ?, last_result = ?, attempts = ?, next_attempt_at = ?,
              done_at = ?
        WHERE id = ? AND status = 'calling'`,
      [
        result.status,
        result.lastResult,
        result.attempts,
        result.nextAttemptAt,
        result.status === 'pending' ? null : new Date(),
        id,
      ],
    );
  }

  async resetCallingCallbacks(): Promise<void> {
    await this.db.query("UPDATE queue_callbacks SET status = 'pending' WHERE status = 'calling'");
  }
}
