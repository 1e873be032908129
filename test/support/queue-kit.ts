import { randomInt } from 'node:crypto';
import type { DeviceInfo } from '#contracts';
import type { FlowGraph } from '#flow-engine';
import mysql from 'mysql2/promise';
import { ApiClient, invitedMember, signupTenant } from './api-client.js';
import { Baresip } from './baresip.js';
import { expectEventually } from './eventually.js';
import { startApp, type AppProcess } from './processes.js';
import type { StackInfo } from './stack-info.js';

export interface QueueSettingsRow {
  strategy: string;
  ringTimeoutS?: number;
  wrapupS?: number;
  record?: boolean;
  maxWaitS?: number;
  maxCallers?: number;
  mohClassId?: number;
  exitKey?: string;
  /** Where the exit key leads (default: hang up). */
  exitTo?: 'hangup' | 'callback';
  announceEveryS?: number;
}

export interface Agent {
  userId: number;
  extension: string;
  /** The agent's SIP phone (started by `callCenter` unless `phoneLater`). */
  phone: Baresip | null;
  sip: { username: string; password: string };
}

/**
 * What the queue integration tests share: a callflow process they (re)start, companies of agents
 * with baresip SIP phones, queues and hotlines whose flow is the queue, and the calls' records.
 */
export class QueueKit {
  readonly db: mysql.Pool;
  readonly anonymous: ApiClient;
  callflow: AppProcess | undefined;
  private readonly phones: Baresip[] = [];
  private trunkId = 0;

  constructor(readonly info: StackInfo) {
    this.db = mysql.createPool({ uri: info.env.DATABASE_URL, connectionLimit: 2 });
    this.anonymous = new ApiClient(`${info.apiUrl}/api`);
  }

  async init(): Promise<void> {
    const [[loopback]] = await this.db.query<mysql.RowDataPacket[]>(
      "SELECT id FROM trunks WHERE endpoint_name = 'loopback-carrier'",
    );
    this.trunkId = Number(loopback!.id);
  }

  /** (Re)starts callflow (gracefully, or killed with SIGKILL): it loads queues and agents as they are.
   *  `env` adds to callflow's environment for this start only. */
  async startCallflow(opts: { kill?: boolean; env?: Record<string, string> } = {}): Promise<void> {
    if (process.env['QUEUE_KIT_LOG'] && this.callflow) console.log(this.callflow.output());
    if (opts.kill && this.callflow) {
      this.callflow.child.kill('SIGKILL');
      await this.callflow.exited;
    } else await this.callflow?.stop();
    this.callflow = startApp('dist/apps/callflow/src/main.js', {
      ...this.info.env,
      ...this.info.callflowEnv,
      ...opts.env,
    });
    await expectEventually(async () => {
      const status = (await (await fetch(this.info.callflowStatusUrl)).json()) as {
        ari: { connected: boolean };
      };
      expect(status.ari.connected).toBe(true);
    });
  }

  async stopPhones(): Promise<void> {
    await Promise.all(this.phones.splice(0).map((p) => p.stop()));
  }

  async close(): Promise<void> {
    if (process.env['QUEUE_KIT_LOG'] && this.callflow) console.log(this.callflow.output());
    await this.stopPhones();
    await this.callflow?.stop();
    await this.db.end();
  }

  /** A company with one agent per entry (the admin first), each phone answering by itself or not. */
  async callCenter(answering: (boolean | 'later')[]) {
    const { client, session } = await signupTenant(this.anonymous);
    const tenantId = session.user.tenantId!;
    const agents: Agent[] = [];
    for (const [i, mode] of answering.entries()) {
      const member =
        i === 0
          ? { client, userId: session.user.id }
          : await invitedMember(client, this.info.mailSinkUrl!, 'agent').then((m) => ({
              client: m.client,
              userId: m.user.id,
            }));
      const device = await member.client.expect<DeviceInfo>(200, 'PUT', '/me/device', { mode: 'sip' });
      const agent: Agent = {
        userId: member.userId,
        extension: device.extension!,
        phone: null,
        sip: { username: device.sip.username, password: device.sip.password! },
      };
      if (mode !== 'later') await this.startPhone(agent, mode);
      agents.push(agent);
    }
    return { client, tenantId, agents };
  }

  async startPhone(agent: Agent, autoAnswer: boolean): Promise<Baresip> {
    const phone = await Baresip.start({
      username: agent.sip.username,
      password: agent.sip.password,
      server: `127.0.0.1:${this.info.ports.sip}`,
      autoAnswer,
    });
    this.phones.push(phone);
    await phone.waitFor((e) => e.type === 'REGISTER_OK');
    agent.phone = phone;
    return phone;
  }

  /** A queue with the agents as members in order, all logged in; a hotline whose flow is the queue. */
  async queueLine(tenantId: number, client: ApiClient, agentIds: number[], settings: QueueSettingsRow) {
    const [q] = await this.db.query<mysql.ResultSetHeader>(
      `INSERT INTO queues (tenant_id, name, strategy, ring_timeout_s, wrapup_s, record, max_wait_s, max_callers,
                           moh_class_id, exit_key, announce_every_s)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        tenantId,
        `Q${randomInt(1e9)}`,
        settings.strategy,
        settings.ringTimeoutS ?? 20,
        settings.wrapupS ?? 0,
        settings.record ?? false,
        settings.maxWaitS ?? null,
        settings.maxCallers ?? null,
        settings.mohClassId ?? null,
        settings.exitKey ?? null,
        settings.announceEveryS ?? null,
      ],
    );
    for (const [i, userId] of agentIds.entries()) {
      await this.db.query(
        'INSERT INTO queue_members (queue_id, user_id, penalty, position) VALUES (?, ?, 0, ?)',
        [q.insertId, userId, i],
      );
      await this.db.query('INSERT INTO queue_logins (queue_id, user_id) VALUES (?, ?)', [q.insertId, userId]);
    }
    return {
      queueId: q.insertId,
      ...(await this.hotlineTo(tenantId, client, q.insertId, {
        exit: settings.exitKey ? (settings.exitTo ?? 'hangup') : undefined,
      })),
    };
  }

  /** Another hotline whose flow is queue `queueId`, callers entering it with `priority`. */
  async hotlineTo(
    tenantId: number,
    client: ApiClient,
    queueId: number,
    /** `exit`: where the queue's exit key leads (nothing: no exit branch). */
    opts: { priority?: number; exit?: 'hangup' | 'callback' } = {},
  ) {
    const number = `1900${randomInt(1000, 9999)}${randomInt(10, 99)}`;
    const [h] = await this.db.query<mysql.ResultSetHeader>(
      `INSERT INTO hotlines (tenant_id, number, status, trunk_id, requested_at) VALUES (?, ?, 'active', ?, NOW(3))`,
      [tenantId, number, this.trunkId],
    );
    const graph: FlowGraph = {
      version: 1,
      entry: 'queue',
      nodes: [
        {
          id: 'queue',
          type: 'queue',
          queueId: String(queueId),
          priority: opts.priority ?? 0,
          onOverflow: 'bye',
          ...(opts.exit ? { onExit: 'left' } : {}),
        },
        ...(opts.exit === 'hangup' ? [{ id: 'left', type: 'hangup' } as const] : []),
        ...(opts.exit === 'callback'
          ? [{ id: 'left', type: 'callback', queueId: String(queueId) } as const]
          : []),
        { id: 'bye', type: 'hangup' },
      ],
    };
    const flow = await client.expect<{ id: number }>(201, 'POST', '/flows', {
      name: `Flow ${randomInt(1e9)}`,
      draft: graph,
    });
    await client.expect(200, 'POST', `/flows/${flow.id}/publish`);
    await this.db.query('UPDATE hotlines SET flow_id = ? WHERE id = ?', [flow.id, h.insertId]);
    return { hotlineId: h.insertId, number };
  }

  /** The hotline's closed calls with their path written, oldest first, once there are `count`. */
  async closedCalls(hotlineId: number, count: number): Promise<mysql.RowDataPacket[]> {
    let rows: mysql.RowDataPacket[] = [];
    await expectEventually(async () => {
      [rows] = await this.db.query<mysql.RowDataPacket[]>(
        `SELECT *, TIMESTAMPDIFF(SECOND, started_at, ended_at) AS seconds FROM calls
          WHERE hotline_id = ? AND ended_at IS NOT NULL AND (path IS NOT NULL OR legs IS NOT NULL) ORDER BY id`,
        [hotlineId],
      );
      expect(rows).toHaveLength(count);
    });
    return rows;
  }

  /** Waits until queue `queueId` has no persisted call left (written off the call path, so a
   *  moment after the call record closes). */
  async noQueueCallsLeft(queueId: number): Promise<void> {
    await expectEventually(async () => expect(await this.queueCalls(queueId)).toEqual([]));
  }

  async queueCalls(queueId: number): Promise<mysql.RowDataPacket[]> {
    const [rows] = await this.db.query<mysql.RowDataPacket[]>(
      'SELECT * FROM queue_calls WHERE queue_id = ? ORDER BY entered_at',
      [queueId],
    );
    return rows;
  }
}

export const stepsOf = (row: mysql.RowDataPacket): string[] =>
  (JSON.parse((row.path as string | null) ?? '[]') as { nodeId: string; branch?: string }[]).map(
    (x) => `${x.nodeId}:${x.branch ?? ''}`,
  );

export const legsOf = (
  row: mysql.RowDataPacket,
): { kind: string; target: string; outcome: string; at: string }[] =>
  JSON.parse((row.legs as string | null) ?? '[]');

/** The extension of the agent a queue call was connected to (null: nobody answered). */
export const connectedTo = (row: mysql.RowDataPacket): string | null =>
  legsOf(row).find((l) => l.kind === 'queue_agent' && l.outcome === 'connected')?.target ?? null;
