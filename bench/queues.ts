// `npm run bench -- --suite queues`: a hotline call through IVR (the caller presses 1) into a
// queue where an agent answers — run by callflow (ARI, our ACD) against the same flow in plain
// dialplan + app_queue (1904NNN/1905NNN, asterisk-conf/extensions.conf and queues.conf), in one
// run, under SIPp load; then a capacity step: 200 callers waiting, 100 agents logging in at
// once. Reports; never passes or fails on timings.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import WebSocket from 'ws';
import type { StackInfo } from '../scripts/stack-info.ts';
import { pjsipAccountObjects } from '../libs/asterisk-config/src/pjsip-account.ts';
import { describeMachine } from './lib/machine.ts';
import { findProcesses, totalCpuMs } from './lib/procfs.ts';
import { runSippStep, type SippStepResult } from './lib/sipp.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const QUEUES_MARKER = '<!-- queues bench -->';
const END_MARKER = '<!-- end queues bench -->';
const CALLER_SCENARIO = path.join(ROOT, 'bench/sipp/uac-ivr-queue.xml');
const AGENT_SCENARIO = path.join(ROOT, 'bench/sipp/uas-agent.xml');
/** Agents: extensions 2300… of the demo tenant, every phone is one SIPp UAS (a static contact). */
const AGENTS = 100;
const EXT_BASE = 2300;
/** The agent hangs up this long after answering (bench/sipp/uas-agent.xml). */
const TALK_MS = 4000;
// SIPp ports of this suite: UAC/UAS in 26000–26999, media in 27000–28999.
const UAS_PORT = 26090;
const UAS_MEDIA_PORT = 27000;
const UAC_PORT = 26071;
const UAC_MEDIA_PORT = 28000;
const NUMBERS = {
  ari: { rate: '1906000', capacity: '1906001' },
  plain: { rate: '1904000', capacity: '1905000' },
} as const;
const PLAIN_QUEUE = { rate: 'webcall-bench', capacity: 'webcall-bench-capacity' } as const;
const RATES = (process.env.BENCH_QUEUES_RATES ?? '5,10,20').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_QUEUES_SECONDS ?? 20);
const CAPACITY_CALLERS = Number(process.env.BENCH_QUEUES_CAPACITY_CALLERS ?? 200);
/** Steady-state step (ARI): this many agents, callers arriving faster than they serve them. */
const STEADY_AGENTS = Number(process.env.BENCH_QUEUES_STEADY_AGENTS ?? 20);
/** 20 agents talking 4 s serve 5 calls/s: 7 calls/s keep callers waiting for every agent that comes free. */
const STEADY_RATE = Number(process.env.BENCH_QUEUES_STEADY_RATE ?? 7);
/** Seconds a caller may wait for an agent before SIPp counts it lost (the caller scenario's BYE wait). */
const CALLER_PATIENCE_S = 300;

type Flow = 'plain' | 'ari';
interface Pct {
  count?: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max?: number | null;
}

interface RateStep {
  flow: Flow;
  rate: number;
  attempted: number;
  /** Callers released normally (SIPp's successful calls). */
  completed: number;
  failed: number;
  /** Calls an agent answered (the agents' UAS completed them). */
  agentAnswered: number;
  achievedRate: number | null;
  sustained: boolean;
  peakConcurrent: number;
  cpuMsPerCall: {
    asterisk: number | null;
    callflow: number | null;
    mariadb: number | null;
    total: number | null;
  };
  setupMs: Pct;
  /** Per call: ARI requests callflow sent (by route) and statements MariaDB ran (all clients). */
  perCall?: {
    ariRequests: number | null;
    ariByRoute: Record<string, number>;
    /** ARI events callflow received, by type. */
    ariEvents?: number | null;
    ariEventsByType?: Record<string, number>;
    sqlStatements: number | null;
    /** Round trips of callflow's write-behind (several statements each). */
    writeBatches?: number | null;
  };
  firstCommandMs: Pct | null;
  agentFreeToRingMs: Pct | null;
  callflowRssMiB: { before: number; peak: number } | null;
  peakCallflowCalls: number | null;
  kibPerCall: number | null;
  notes: string[];
}

interface CapacityStep {
  flow: Flow;
  callers: number;
  agents: number;
  /** Callers seen waiting in the queue before the agents logged in. */
  waitingBeforeLogin: number;
  agentAnswered: number;
  completed: number;
  failed: number;
  lost: number;
  /** From the agents logging in to the last caller's call ending (includes the last conversations). */
  drainMs: number | null;
  agentFreeToRingMs: Pct | null;
  /** Agents logged in → each agent's phone received its offer (the same measure for both flows). */
  loginToInviteMs: Pct | null;
  cpuMsPerCall: {
    asterisk: number | null;
    callflow: number | null;
    mariadb: number | null;
    total: number | null;
  };
  callflowRssMiB: { before: number; peak: number } | null;
  kibPerCall: number | null;
  /** callflow's V8 heap in use after a full GC, all callers waiting minus before, ÷ waiting callers. */
  heapKibPerWaitingCall?: number | null;
  notes: string[];
}

/** ARI only: callers keep waiting while agents come free one by one (each end of a conversation). */
interface SteadyStep {
  flow: 'ari';
  agents: number;
  rate: number;
  seconds: number;
  attempted: number;
  agentAnswered: number;
  failed: number;
  /** Most callers seen waiting at once (1-s samples). */
  peakWaiting: number;
  agentFreeToRingMs: Pct | null;
  cpuMsPerCall: RateStep['cpuMsPerCall'];
  notes: string[];
}

const log = (msg: string) => console.log(`[queues] ${msg}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

function pct(values: number[]): Pct {
  if (!values.length) return { count: 0, p50: null, p95: null, p99: null, max: null };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)], 1);
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

// ---------------------------------------------------------------------------------------------
// setup

interface Ids {
  tenant: number;
  users: number[];
  queueIds: { rate: number; capacity: number };
  endpoints: string[];
}

async function setup(info: StackInfo, db: mysql.Connection): Promise<Ids> {
  const tenant = info.demoTenantId;
  const [[trunk]] = await db.query<mysql.RowDataPacket[]>(
    "SELECT id FROM trunks WHERE endpoint_name = 'loopback-carrier'",
  );
  if (!trunk) throw new Error('no loopback-carrier trunk row: is the bench profile seeded?');
  const [menus] = await db.query<mysql.RowDataPacket[]>(
    "SELECT id FROM prompts WHERE tenant_id IS NULL AND name = 'menu' ORDER BY language = 'vi' DESC LIMIT 1",
  );
  let promptId = menus[0]?.id as number | undefined;
  if (!promptId) {
    const [p] = await db.query<mysql.ResultSetHeader>(
      `INSERT INTO prompts (tenant_id, name, kind, file, duration_ms) VALUES (?, 'bench-menu', 'upload', 'bench/none', 1000)
       ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)`,
      [tenant],
    );
    promptId = p.insertId;
    log('no built-in menu prompt: the ARI menu plays a missing file (fails at once) and waits for the key');
  }
  // Room for 200 waiting callers + 100 agent legs: the demo tenant's concurrent-call quota.
  await db.query(
    'UPDATE tenants SET quota_concurrent_calls = GREATEST(quota_concurrent_calls, 1000) WHERE id = ?',
    [tenant],
  );
  const users: number[] = [];
  const endpoints: string[] = [];
  for (let i = 0; i < AGENTS; i++) {
    const ext = String(EXT_BASE + i);
    const [u] = await db.query<mysql.ResultSetHeader>(
      `INSERT INTO users (tenant_id, email, full_name, role, status, extension)
       VALUES (?, ?, ?, 'agent', 'active', ?) ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id), status = 'active'`,
      [tenant, `bench-q${ext}@bench.webcall.local`, `Bench agent ${ext}`, ext],
    );
    users.push(u.insertId);
    endpoints.push(`t${tenant}-${ext}`);
    await db.query(
      `INSERT INTO sip_accounts (user_id, tenant_id, username, mode, secret_enc, secret_updated_at)
       VALUES (?, ?, ?, 'sip', 'bench', NOW(3)) ON DUPLICATE KEY UPDATE mode = 'sip', username = VALUES(username)`,
      [u.insertId, tenant, `t${tenant}-${ext}`],
    );
  }
  // Agents start free: not paused, no wrap-up.
  await db.query('DELETE FROM agent_states WHERE user_id IN (?)', [users]);
  const queueIds = { rate: 0, capacity: 0 };
  for (const [key, name] of [
    ['rate', 'Bench queue'],
    ['capacity', 'Bench capacity'],
  ] as const) {
    // Like the app_queue baseline: round-robin with memory, no wrap-up, 20-s ring, no announcements.
    const [q] = await db.query<mysql.ResultSetHeader>(
      `INSERT INTO queues (tenant_id, name, strategy, ring_timeout_s, wrapup_s, max_wait_s, max_callers,
                           announce_position, announce_every_s, exit_key, \`record\`, record_notice)
       VALUES (?, ?, 'round_robin', 20, 0, NULL, NULL, 0, NULL, NULL, 0, 0)
       ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id), strategy = 'round_robin', ring_timeout_s = 20,
         wrapup_s = 0, max_wait_s = NULL, max_callers = NULL, announce_position = 0, announce_every_s = NULL,
         exit_key = NULL, \`record\` = 0, record_notice = 0, moh_class_id = NULL`,
      [tenant, name],
    );
    queueIds[key] = q.insertId;
    await db.query('DELETE FROM queue_members WHERE queue_id = ?', [q.insertId]);
    await db.query('DELETE FROM queue_calls WHERE queue_id = ?', [q.insertId]);
    await db.query('DELETE FROM queue_logins WHERE queue_id = ?', [q.insertId]);
    await db.query('INSERT INTO queue_members (queue_id, user_id, penalty, position) VALUES ?', [
      users.map((userId, i) => [q.insertId, userId, 0, i]),
    ]);
    // Rate steps: every agent logged in. Capacity step: logged in only once the callers wait.
    if (key === 'rate')
      await db.query('INSERT INTO queue_logins (queue_id, user_id) VALUES ?', [
        users.map((userId) => [q.insertId, userId]),
      ]);
    const graph = {
      version: 1,
      entry: 'menu',
      nodes: [
        {
          id: 'menu',
          type: 'ivr',
          prompt: { promptId: String(promptId) },
          keys: { '1': 'queue' },
          timeoutS: 5,
          retries: 0,
          directDial: false,
        },
        { id: 'queue', type: 'queue', queueId: String(q.insertId), priority: 0 },
      ],
    };
    const [f] = await db.query<mysql.ResultSetHeader>(
      `INSERT INTO flows (tenant_id, name, draft, published_version) VALUES (?, ?, ?, 1)
       ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id), draft = VALUES(draft), published_version = 1`,
      [tenant, `Bench ${name}`, JSON.stringify(graph)],
    );
    await db.query(
      `INSERT INTO flow_versions (flow_id, version, graph, published_at) VALUES (?, 1, ?, NOW(3))
       ON DUPLICATE KEY UPDATE graph = VALUES(graph)`,
      [f.insertId, JSON.stringify(graph)],
    );
    await db.query(
      `INSERT INTO hotlines (tenant_id, number, status, trunk_id, flow_id, requested_at) VALUES (?, ?, 'active', ?, ?, NOW(3))
       ON DUPLICATE KEY UPDATE status = 'active', trunk_id = VALUES(trunk_id), flow_id = VALUES(flow_id)`,
      [tenant, NUMBERS.ari[key], trunk.id, f.insertId],
    );
  }
  // Each agent's phone is the SIPp UAS: a permanent contact (the endpoint is 'online' for ARI and
  // available for app_queue's device state, exactly as after a registration).
  const base = `${info.env.ARI_URL}/ari/asterisk/config/dynamic/res_pjsip`;
  for (let i = 0; i < AGENTS; i++) {
    const ext = String(EXT_BASE + i);
    const o = pjsipAccountObjects(
      {
        tenantId: tenant,
        extension: ext,
        displayName: `Bench agent ${ext}`,
        password: randomBytes(16).toString('hex'),
        mode: 'sip',
      },
      { context: 'webcall-devices', mediaAddress: '127.0.0.1' },
    );
    const aor = [
      ...o.aor.filter(([k]) => k !== 'qualify_frequency'),
      ['contact', `sip:${ext}@127.0.0.1:${UAS_PORT}`] as const,
    ];
    for (const [type, fields] of [
      ['auth', o.auth],
      ['aor', aor],
      ['endpoint', o.endpoint],
    ] as const) {
      const res = await fetch(`${base}/${type}/${o.id}`, {
        method: 'PUT',
        headers: { authorization: ariAuth(info), 'content-type': 'application/json' },
        body: JSON.stringify({ fields: fields.map(([attribute, value]) => ({ attribute, value })) }),
      });
      if (res.status !== 200) throw new Error(`PUT ${type}/${o.id}: ${res.status} ${await res.text()}`);
    }
  }
  const res = await fetch(`${info.env.ARI_URL}/ari/endpoints/PJSIP`, {
    headers: { authorization: ariAuth(info) },
  });
  const states = (await res.json()) as { resource: string; state?: string }[];
  const online = states.filter((e) => endpoints.includes(e.resource) && e.state === 'online').length;
  log(`${online} of ${AGENTS} agent endpoints online for ARI`);
  return { tenant, users, queueIds, endpoints };
}

const ariAuth = (info: StackInfo) =>
  `Basic ${Buffer.from(`${info.env.ARI_USERNAME}:${info.env.ARI_PASSWORD}`).toString('base64')}`;

// ---------------------------------------------------------------------------------------------
// processes

/** The agents' phones; its statistics file counts the calls an agent answered and completed. */
class Agents {
  private readonly dir = mkdtempSync(path.join(os.tmpdir(), 'webcall-queues-uas-'));
  private readonly child: ChildProcess;
  constructor() {
    this.child = spawn(
      'sipp',
      [
        '-sf',
        AGENT_SCENARIO,
        '-i',
        '127.0.0.1',
        '-p',
        String(UAS_PORT),
        '-mi',
        '127.0.0.1',
        '-mp',
        String(UAS_MEDIA_PORT),
        '-nostdin',
        '-trace_stat',
        '-stf',
        path.join(this.dir, 'stat.csv'),
        '-fd',
        '1',
        '-trace_err',
        '-trace_rtt',
        '-rtt_freq',
        '1',
        // Every message with its time: when each agent's phone received an offer (capacity step).
        '-trace_msg',
        '-message_file',
        path.join(this.dir, 'messages.log'),
      ],
      { cwd: this.dir, stdio: 'ignore' },
    );
  }

  /**
   * Cumulative agent calls: `talks` = conversations the agent ended after talking (a caller really
   * answered), `successful` / `failed` = SIPp's counters (a leg the PBX hung up at once also ends
   * "successfully"). The files are written every second.
   */
  /**
   * For each agent, how long after `since` (epoch ms) its phone received its first new call (an
   * INVITE without a To tag), from SIPp's message trace (ms).
   */
  async firstInvitesAfter(since: number): Promise<number[]> {
    await sleep(1_100);
    const file = path.join(this.dir, 'messages.log');
    if (!existsSync(file)) return [];
    const first = new Map<string, number>();
    const head =
      /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{3})\d*\s+UDP message received[^\n]*\n\s*\nINVITE /;
    for (const chunk of readFileSync(file, 'utf8').split(
      '----------------------------------------------- ',
    )) {
      const m = head.exec(chunk);
      if (!m) continue;
      const to = /^To:(.*)$/m.exec(chunk)?.[1] ?? '';
      if (to.includes(';tag=')) continue;
      const agent = /sip:([^@>;]+)@/.exec(to)?.[1];
      // SIPp writes local time.
      const [y, mo, d, h, mi, sec, ms] = m.slice(1).map(Number);
      const at = new Date(y!, mo! - 1, d!, h!, mi!, sec!, ms!).getTime();
      if (!agent || at < since || first.has(agent)) continue;
      first.set(agent, at - since);
    }
    return [...first.values()];
  }

  async counters(): Promise<{ talks: number; successful: number; failed: number }> {
    await sleep(1_100);
    const file = path.join(this.dir, 'stat.csv');
    const rtt = readdirSync(this.dir).find((f) => f.endsWith('_rtt.csv'));
    const talks = rtt
      ? readFileSync(path.join(this.dir, rtt), 'utf8')
          .split('\n')
          .filter((l) => /;talk\s*$/.test(l)).length
      : 0;
    if (!existsSync(file)) return { talks, successful: 0, failed: 0 };
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const header = lines[0].split(';');
    const last = lines[lines.length - 1].split(';');
    const col = (name: string) => Number(last[header.indexOf(name)]) || 0;
    return { talks, successful: col('SuccessfulCall(C)'), failed: col('FailedCall(C)') };
  }

  stop(): void {
    this.child.kill('SIGTERM');
    if (process.env.BENCH_QUEUES_KEEP) log(`agents' SIPp files kept in ${this.dir}`);
    else setTimeout(() => rmSync(this.dir, { recursive: true, force: true }), 500).unref();
  }
}

interface CallflowStatus {
  ari: { connected: boolean; requests?: Record<string, number>; events?: Record<string, number> };
  dbWrites?: { batches: number; statements: number };
  activeCalls: number;
  handledCalls: number;
  failedCalls: number;
  answerLatencyMs: Pct;
  queues: { waiting: number; agents: number; agentFreeToRingMs: Pct } | null;
  rssBytes: number;
}

class Callflow {
  readonly child: ChildProcess;
  private errors = new Map<string, number>();
  private readonly info: StackInfo;
  constructor(info: StackInfo) {
    this.info = info;
    const extra = process.env.BENCH_QUEUES_CPU_PROF
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_QUEUES_CPU_PROF}`]
      : [];
    // --expose-gc: `/status?gc=1` measures the heap after a full collection (memory per call).
    this.child = spawn('node', [...extra, '--expose-gc', 'dist/apps/callflow/src/main.js'], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...info.env,
        ...info.callflowEnv,
        LOG_LEVEL: process.env.BENCH_QUEUES_LOG_LEVEL ?? 'warn',
        LOG_PRETTY: 'false',
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const trace = process.env.BENCH_QUEUES_LOG_FILE;
    const keep = (d: Buffer) => {
      if (trace) appendFileSync(trace, d);
      if (process.env.BENCH_QUEUES_LOG_LEVEL) return;
      for (const line of d.toString().split('\n')) {
        if (!line.trim()) continue;
        let kind = line.slice(0, 120);
        try {
          const e = JSON.parse(line) as { msg?: string; err?: { message?: string } };
          kind = `${e.msg ?? ''}${e.err?.message ? `: ${e.err.message}` : ''}`
            .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')
            .replace(/\d{6,}\.\d+/g, ':id')
            .slice(0, 140);
        } catch {
          /* not JSON */
        }
        this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
      }
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
  }

  takeErrors(): string[] {
    const out = [...this.errors].map(([k, n]) => `callflow logged ${n}× "${k}"`);
    this.errors = new Map();
    return out;
  }

  async status(): Promise<CallflowStatus> {
    const res = await fetch(this.info.callflowStatusUrl, { signal: AbortSignal.timeout(5_000) });
    return (await res.json()) as CallflowStatus;
  }

  /** V8 heap in use after a full garbage collection. */
  async heapAfterGc(): Promise<number> {
    const res = await fetch(`${this.info.callflowStatusUrl}?gc=1`, { signal: AbortSignal.timeout(5_000) });
    return ((await res.json()) as { heapUsedBytes: number }).heapUsedBytes;
  }

  async resetLatency(): Promise<void> {
    await fetch(`${this.info.callflowStatusUrl}/reset-latency`, { method: 'POST' });
  }

  async waitReady(): Promise<void> {
    for (let i = 0; i < 240; i++) {
      try {
        const s = await this.status();
        if (s.ari.connected && s.queues && s.queues.agents > 0) return;
      } catch {
        /* starting */
      }
      await sleep(250);
    }
    throw new Error('callflow did not connect to ARI / load its queues in 60 s');
  }

  /** What the api does after a log-in (PUT /api/me/queue-status): tell callflow to reload those agents. */
  async agentsChanged(tenantId: number, userIds: number[]): Promise<void> {
    const ws = new WebSocket(this.info.env.CALLFLOW_EVENTS_URL, {
      headers: { authorization: `Bearer ${this.info.env.CALLFLOW_EVENTS_TOKEN}` },
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    await new Promise<void>((resolve, reject) =>
      ws.send(JSON.stringify({ type: 'agents.changed', tenantId, userIds }), (err) =>
        err ? reject(err) : resolve(),
      ),
    );
    ws.close();
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const done = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await done;
    clearTimeout(timer);
  }
}

/** A few AMI actions on one connection (log the capacity queue's agents in and out). */
async function ami(info: StackInfo, actions: Record<string, string>[]): Promise<string> {
  const socket = net.connect(Number(info.env.AMI_PORT), info.env.AMI_HOST);
  let text = '';
  socket.on('data', (d) => (text += d.toString()));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  const frame = (fields: Record<string, string>) =>
    Object.entries(fields)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('') + '\r\n';
  socket.write(
    frame({ Action: 'Login', Username: info.env.AMI_USERNAME, Secret: info.env.AMI_SECRET, Events: 'off' }),
  );
  socket.write(actions.map((a, i) => frame({ ...a, ActionID: `q${i}` })).join(''));
  socket.write(frame({ Action: 'Logoff', ActionID: 'bye' }));
  await new Promise<void>((resolve) => {
    socket.once('close', () => resolve());
    setTimeout(() => {
      socket.destroy();
      resolve();
    }, 10_000).unref();
  });
  return text;
}

function asteriskRx(info: StackInfo, command: string): string {
  if (!info.asteriskCli) return '';
  const [bin, ...args] = info.asteriskCli;
  return spawnSync(bin, [...args, '-rx', command], { encoding: 'utf8', timeout: 10_000 }).stdout ?? '';
}

/** Callers in an app_queue queue ("webcall-bench has 12 calls (max unlimited) …"). */
function plainWaiting(info: StackInfo, queue: string): number {
  const m = /has (\d+) calls?/.exec(asteriskRx(info, `queue show ${queue}`));
  return m ? Number(m[1]) : 0;
}

interface Pids {
  asterisk: number[];
  callflow: number[];
  mariadb: number[];
}

function pidsOf(info: StackInfo, callflow: Callflow): Pids {
  const cli = info.asteriskCli ?? [];
  const conf = cli[cli.indexOf('-C') + 1] ?? `/${info.profile}/`;
  const runtimeDir =
    path.dirname(path.resolve(process.env.WEBCALL_STACK_FILE ?? '.runtime/bench/stack.json')) + '/';
  return {
    asterisk: findProcesses(['asterisk'])
      .filter((p) => p.args.some((a) => a.includes(conf)) && !p.args.some((a) => a === '-r' || a === '-rx'))
      .map((p) => p.pid),
    callflow: callflow.child.pid ? [callflow.child.pid] : [],
    mariadb: findProcesses(['mariadbd', 'mysqld'])
      .filter((p) => p.args.some((a) => a.includes(runtimeDir)))
      .map((p) => p.pid),
  };
}

function cpu(p: Pids) {
  return { a: totalCpuMs(p.asterisk), c: totalCpuMs(p.callflow), m: totalCpuMs(p.mariadb) };
}

function perCall(
  before: ReturnType<typeof cpu>,
  after: ReturnType<typeof cpu>,
  calls: number,
  flow: Flow,
): RateStep['cpuMsPerCall'] {
  const per = (x: number | null, y: number | null) =>
    x === null || y === null || !calls ? null : round((y - x) / calls);
  const asterisk = per(before.a, after.a);
  const callflow = flow === 'ari' ? per(before.c, after.c) : null;
  const mariadb = per(before.m, after.m);
  const total = asterisk === null ? null : round(asterisk + (callflow ?? 0) + (mariadb ?? 0));
  return { asterisk, callflow, mariadb, total };
}

/** Samples callflow's concurrent calls and RSS while a step runs. */
function sampler(callflow: Callflow, flow: Flow) {
  let running = true;
  let peakCalls = 0;
  let peakRss = 0;
  let peakWaiting = 0;
  const done = (async () => {
    while (running) {
      if (flow === 'ari') {
        try {
          const s = await callflow.status();
          peakCalls = Math.max(peakCalls, s.activeCalls);
          peakRss = Math.max(peakRss, s.rssBytes);
          peakWaiting = Math.max(peakWaiting, s.queues?.waiting ?? 0);
        } catch {
          /* a slow /status under load */
        }
      }
      // 1 s: /status sorts its latency windows on every request, a cost charged to callflow's CPU.
      await sleep(1_000);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await done;
      return { peakCalls, peakRss, peakWaiting };
    },
  };
}

async function quiet(callflow: Callflow, info: StackInfo): Promise<void> {
  for (let i = 0; i < 120; i++) {
    const s = await callflow.status();
    if (
      s.activeCalls === 0 &&
      (s.queues?.waiting ?? 0) === 0 &&
      plainWaiting(info, PLAIN_QUEUE.rate) === 0 &&
      plainWaiting(info, PLAIN_QUEUE.capacity) === 0
    )
      return;
    await sleep(500);
  }
  log('warning: calls of the previous step still running after 60 s');
}

function callers(flow: Flow, number: string, calls: number, rate: number, limit: number, info: StackInfo) {
  return runSippStep({
    scenario: CALLER_SCENARIO,
    sipPort: info.ports.sip,
    service: number,
    calls,
    rate,
    localIp: '127.0.0.2',
    localPort: UAC_PORT,
    mediaPort: UAC_MEDIA_PORT,
    limit,
    timeoutS: Math.ceil(calls / rate) + CALLER_PATIENCE_S + 60,
  });
}

function sippNotes(run: SippStepResult, expected: number): string[] {
  const notes: string[] = [];
  if (run.noStats) notes.push(`SIPp did not run (exit ${run.exitCode}): ${run.output.slice(-300)}`);
  if (run.failed)
    notes.push(
      `${run.failed} caller(s) failed${
        Object.keys(run.failures).length
          ? `: ${Object.entries(run.failures)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')}`
          : ''
      }`,
    );
  if (run.created < expected) notes.push(`SIPp placed ${run.created} of ${expected} calls`);
  if (run.retransmissions) notes.push(`${run.retransmissions} SIP retransmission(s)`);
  return notes;
}

// ---------------------------------------------------------------------------------------------
// steps

/** Statements MariaDB has run since it started (`Questions`: every client's, the bench's own too). */
async function sqlStatements(db: mysql.Connection): Promise<number> {
  const [[row]] = await db.query<mysql.RowDataPacket[]>("SHOW GLOBAL STATUS LIKE 'Questions'");
  return Number(row?.['Value'] ?? 0);
}

/** Counts per call, by key, between two snapshots of callflow's counters (busiest first). */
function countsPerCall(
  before: Record<string, number>,
  after: Record<string, number>,
  calls: number,
): { total: number | null; byRoute: Record<string, number> } {
  if (!calls) return { total: null, byRoute: {} };
  const byRoute = Object.entries(after)
    .map(([route, n]) => [route, round((n - (before[route] ?? 0)) / calls, 2)] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  const total = byRoute.reduce((sum, [, n]) => sum + n, 0);
  return { total: round(total, 1), byRoute: Object.fromEntries(byRoute) };
}

async function rateStep(
  info: StackInfo,
  flow: Flow,
  rate: number,
  callflow: Callflow,
  agents: Agents,
  pids: Pids,
  db: mysql.Connection,
): Promise<RateStep> {
  await quiet(callflow, info);
  if (flow === 'plain') asteriskRx(info, `queue reset stats ${PLAIN_QUEUE.rate}`);
  await callflow.resetLatency();
  callflow.takeErrors();
  const agentsBefore = await agents.counters();
  const rssBefore = (await callflow.status()).rssBytes;
  const calls = Math.round(rate * SECONDS);
  const sample = sampler(callflow, flow);
  const status0 = await callflow.status();
  const ari0 = status0.ari.requests ?? {};
  const sql0 = await sqlStatements(db);
  const c0 = cpu(pids);
  const run = await callers(flow, NUMBERS[flow].rate, calls, rate, 1000, info);
  // Calls row writes and the last hang-ups land within a second or two.
  const drained = performance.now();
  while (performance.now() - drained < 15_000 && (await callflow.status()).activeCalls > 0) await sleep(250);
  const c1 = cpu(pids);
  const sql1 = await sqlStatements(db);
  const peaks = await sample.stop();
  const agentsAfter = await agents.counters();
  const status = await callflow.status();
  const ari = countsPerCall(ari0, status.ari.requests ?? {}, run.successful);
  const events = countsPerCall(status0.ari.events ?? {}, status.ari.events ?? {}, run.successful);
  const agentAnswered = agentsAfter.talks - agentsBefore.talks;
  const notes = sippNotes(run, calls);
  if (agentAnswered !== run.successful)
    notes.push(
      `agents talked with ${agentAnswered} caller(s), ${run.successful} caller(s) released normally`,
    );
  const cutLegs = agentsAfter.successful - agentsBefore.successful - agentAnswered;
  if (cutLegs > 0) notes.push(`${cutLegs} agent leg(s) hung up by the PBX right after the agent answered`);
  if (agentsAfter.failed > agentsBefore.failed)
    notes.push(`${agentsAfter.failed - agentsBefore.failed} agent-side call(s) failed`);
  notes.push(...callflow.takeErrors());
  const answered = [...run.answeredAtMs].sort((a, b) => a - b);
  const achievedRate =
    answered.length >= 2 && answered[answered.length - 1] > answered[0]
      ? round((answered.length - 1) / ((answered[answered.length - 1] - answered[0]) / 1000), 1)
      : null;
  const peakCalls = flow === 'ari' ? peaks.peakCalls : run.peakConcurrent;
  return {
    flow,
    rate,
    attempted: run.created,
    completed: run.successful,
    failed: run.failed,
    agentAnswered,
    achievedRate,
    sustained:
      !run.noStats &&
      run.failed === 0 &&
      run.successful === calls &&
      agentAnswered === calls &&
      (achievedRate === null || achievedRate >= rate * 0.95),
    peakConcurrent: run.peakConcurrent,
    cpuMsPerCall: perCall(c0, c1, run.successful, flow),
    setupMs: pct(run.setupMs),
    perCall: {
      ariRequests: flow === 'ari' ? ari.total : null,
      ariByRoute: flow === 'ari' ? ari.byRoute : {},
      ariEvents: flow === 'ari' ? events.total : null,
      ariEventsByType: flow === 'ari' ? events.byRoute : {},
      sqlStatements: run.successful ? round((sql1 - sql0) / run.successful, 1) : null,
      writeBatches:
        flow === 'ari' && run.successful && status.dbWrites && status0.dbWrites
          ? round((status.dbWrites.batches - status0.dbWrites.batches) / run.successful, 1)
          : null,
    },
    firstCommandMs: flow === 'ari' ? status.answerLatencyMs : null,
    agentFreeToRingMs: flow === 'ari' ? (status.queues?.agentFreeToRingMs ?? null) : null,
    callflowRssMiB:
      flow === 'ari'
        ? {
            before: round(rssBefore / 2 ** 20, 1),
            peak: round(Math.max(peaks.peakRss, rssBefore) / 2 ** 20, 1),
          }
        : null,
    peakCallflowCalls: flow === 'ari' ? peakCalls : null,
    kibPerCall:
      flow === 'ari' && peakCalls
        ? round(Math.max(0, peaks.peakRss - rssBefore) / 1024 / peakCalls, 1)
        : null,
    notes,
  };
}

/**
 * Agents come free one by one while callers wait: `STEADY_AGENTS` agents logged in to the
 * capacity queue (nobody else), callers placed at `STEADY_RATE` for `SECONDS` — faster than the
 * agents serve them, so every conversation that ends is followed by the next caller ringing that
 * agent (agent free → ring in steady state, not in a burst).
 */
async function steadyStep(
  info: StackInfo,
  ids: Ids,
  callflow: Callflow,
  agents: Agents,
  pids: Pids,
  db: mysql.Connection,
): Promise<SteadyStep> {
  await quiet(callflow, info);
  const users = ids.users.slice(0, STEADY_AGENTS);
  await db.query('DELETE FROM queue_logins WHERE user_id IN (?)', [ids.users]);
  await db.query('INSERT INTO queue_logins (queue_id, user_id) VALUES ?', [
    users.map((u) => [ids.queueIds.capacity, u]),
  ]);
  await callflow.agentsChanged(ids.tenant, ids.users);
  await sleep(500);
  callflow.takeErrors();
  const agentsBefore = await agents.counters();
  await callflow.resetLatency();
  const sample = sampler(callflow, 'ari');
  const c0 = cpu(pids);
  const calls = Math.round(STEADY_RATE * SECONDS);
  const run = await callers('ari', NUMBERS.ari.capacity, calls, STEADY_RATE, calls + 10, info);
  const drained = performance.now();
  while (performance.now() - drained < 15_000 && (await callflow.status()).activeCalls > 0) await sleep(250);
  const c1 = cpu(pids);
  const peaks = await sample.stop();
  const status = await callflow.status();
  const agentsAfter = await agents.counters();
  const agentAnswered = agentsAfter.talks - agentsBefore.talks;
  const notes = sippNotes(run, calls);
  if (agentsAfter.failed > agentsBefore.failed)
    notes.push(`${agentsAfter.failed - agentsBefore.failed} agent-side call(s) failed`);
  notes.push(...callflow.takeErrors());
  return {
    flow: 'ari',
    agents: STEADY_AGENTS,
    rate: STEADY_RATE,
    seconds: SECONDS,
    attempted: run.created,
    agentAnswered,
    failed: run.failed,
    peakWaiting: peaks.peakWaiting,
    agentFreeToRingMs: status.queues?.agentFreeToRingMs ?? null,
    cpuMsPerCall: perCall(c0, c1, run.successful, 'ari'),
    notes,
  };
}

async function capacityStep(
  info: StackInfo,
  flow: Flow,
  ids: Ids,
  callflow: Callflow,
  agents: Agents,
  pids: Pids,
  db: mysql.Connection,
): Promise<CapacityStep> {
  await quiet(callflow, info);
  // Everyone logged out of the capacity queue.
  await ami(
    info,
    ids.endpoints.map((e) => ({
      Action: 'QueueRemove',
      Queue: PLAIN_QUEUE.capacity,
      Interface: `PJSIP/${e}`,
    })),
  );
  // callflow: logged out of every queue (also the rate steps'), so logging in makes them free.
  await db.query('DELETE FROM queue_logins WHERE user_id IN (?)', [ids.users]);
  await callflow.agentsChanged(ids.tenant, ids.users);
  await sleep(500);
  callflow.takeErrors();
  const agentsBefore = await agents.counters();
  const rssBefore = (await callflow.status()).rssBytes;
  const heapBefore = flow === 'ari' ? await callflow.heapAfterGc() : null;
  const sample = sampler(callflow, flow);
  const c0 = cpu(pids);
  const rate = 20;
  const running = callers(flow, NUMBERS[flow].capacity, CAPACITY_CALLERS, rate, CAPACITY_CALLERS + 10, info);
  // Wait until every caller is in the queue (placed, through the IVR), at most 60 s.
  const waitingNow = async () =>
    flow === 'ari'
      ? ((await callflow.status()).queues?.waiting ?? 0)
      : plainWaiting(info, PLAIN_QUEUE.capacity);
  let waiting = 0;
  const deadline = performance.now() + (CAPACITY_CALLERS / rate) * 1000 + 60_000;
  while (performance.now() < deadline) {
    waiting = await waitingNow();
    if (waiting >= CAPACITY_CALLERS) break;
    await sleep(250);
  }
  log(`${flow}: ${waiting} caller(s) waiting; ${AGENTS} agents log in`);
  const heapWaiting = flow === 'ari' ? await callflow.heapAfterGc() : null;
  await sleep(1_000);
  await callflow.resetLatency();
  const loginAt = performance.now();
  const loginWallClock = Date.now();
  if (flow === 'ari') {
    // PUT /api/me/queue-status does the same: a queue_logins row, then the agents.changed command.
    await db.query('INSERT INTO queue_logins (queue_id, user_id) VALUES ?', [
      ids.users.map((u) => [ids.queueIds.capacity, u]),
    ]);
    await callflow.agentsChanged(ids.tenant, ids.users);
  } else {
    await ami(
      info,
      ids.endpoints.map((e) => ({
        Action: 'QueueAdd',
        Queue: PLAIN_QUEUE.capacity,
        Interface: `PJSIP/${e}`,
        StateInterface: `PJSIP/${e}`,
      })),
    );
  }
  const run = await running;
  const drainMs = Math.round(performance.now() - loginAt);
  const c1 = cpu(pids);
  const peaks = await sample.stop();
  const status = await callflow.status();
  const agentsAfter = await agents.counters();
  const invites = await agents.firstInvitesAfter(loginWallClock);
  const agentAnswered = agentsAfter.talks - agentsBefore.talks;
  const notes = sippNotes(run, CAPACITY_CALLERS);
  const cutLegs = agentsAfter.successful - agentsBefore.successful - agentAnswered;
  if (cutLegs > 0) notes.push(`${cutLegs} agent leg(s) hung up by the PBX right after the agent answered`);
  if (agentsAfter.failed > agentsBefore.failed)
    notes.push(`${agentsAfter.failed - agentsBefore.failed} agent-side call(s) failed`);
  if (waiting < CAPACITY_CALLERS)
    notes.push(`only ${waiting} of ${CAPACITY_CALLERS} callers were waiting when the agents logged in`);
  notes.push(...callflow.takeErrors());
  const peakCalls = flow === 'ari' ? peaks.peakCalls : run.peakConcurrent;
  return {
    flow,
    callers: CAPACITY_CALLERS,
    agents: AGENTS,
    waitingBeforeLogin: waiting,
    agentAnswered,
    completed: run.successful,
    failed: run.failed,
    lost: CAPACITY_CALLERS - agentAnswered,
    drainMs,
    agentFreeToRingMs: flow === 'ari' ? (status.queues?.agentFreeToRingMs ?? null) : null,
    loginToInviteMs: invites.length ? pct(invites) : null,
    cpuMsPerCall: perCall(c0, c1, run.successful, flow),
    callflowRssMiB:
      flow === 'ari'
        ? {
            before: round(rssBefore / 2 ** 20, 1),
            peak: round(Math.max(peaks.peakRss, rssBefore) / 2 ** 20, 1),
          }
        : null,
    kibPerCall:
      flow === 'ari' && peakCalls
        ? round(Math.max(0, peaks.peakRss - rssBefore) / 1024 / peakCalls, 1)
        : null,
    heapKibPerWaitingCall:
      heapBefore !== null && heapWaiting !== null && waiting
        ? round((heapWaiting - heapBefore) / 1024 / waiting, 1)
        : null,
    notes,
  };
}

// ---------------------------------------------------------------------------------------------

export async function runQueuesBench(info: StackInfo, writeDocs: boolean): Promise<number> {
  const startedAt = new Date();
  const db = await mysql.createConnection({ uri: info.env.DATABASE_URL });
  log(`setting up ${AGENTS} agents, 2 queues, flows and hotlines of the demo tenant`);
  const ids = await setup(info, db);
  const machine = await describeMachine(info, info.env.DATABASE_URL);
  const agents = new Agents();
  const callflow = new Callflow(info);
  const rates: RateStep[] = [];
  const capacity: CapacityStep[] = [];
  const steady: SteadyStep[] = [];
  const interrupted = () => {
    agents.stop();
    void callflow.stop().then(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    await callflow.waitReady();
    const pids = pidsOf(info, callflow);
    log(
      `pids: Asterisk ${pids.asterisk.join(',') || '?'}, callflow ${pids.callflow.join(',')}, MariaDB ${pids.mariadb.join(',') || '?'}`,
    );
    // Warm-up (not reported): prompts cached, callflow JIT-compiled, pools filled.
    for (const flow of ['plain', 'ari'] as const) {
      const w = await callers(flow, NUMBERS[flow].rate, 10, 5, 100, info);
      log(`warm-up ${flow}: ${w.successful}/10 ok`);
    }
    for (const rate of RATES) {
      for (const flow of ['plain', 'ari'] as const) {
        log(`${flow} at ${rate} calls/s for ${SECONDS} s`);
        const s = await rateStep(info, flow, rate, callflow, agents, pids, db);
        log(JSON.stringify(s));
        rates.push(s);
      }
    }
    if (STEADY_AGENTS > 0) {
      log(`steady state: ${STEADY_AGENTS} agents, callers at ${STEADY_RATE} calls/s for ${SECONDS} s (ari)`);
      const s = await steadyStep(info, ids, callflow, agents, pids, db);
      log(JSON.stringify(s));
      steady.push(s);
    }
    if (CAPACITY_CALLERS > 0)
      for (const flow of ['plain', 'ari'] as const) {
        log(`capacity: ${CAPACITY_CALLERS} callers waiting, then ${AGENTS} agents (${flow})`);
        const s = await capacityStep(info, flow, ids, callflow, agents, pids, db);
        log(JSON.stringify(s));
        capacity.push(s);
      }
  } finally {
    await callflow.stop();
    agents.stop();
    await db.end();
  }
  if (writeDocs) await updateDocs({ startedAt, machine, rates, capacity, steady });
  return 0;
}

// ---------------------------------------------------------------------------------------------
// report

interface Report {
  startedAt: Date;
  machine: Awaited<ReturnType<typeof describeMachine>>;
  rates: RateStep[];
  capacity: CapacityStep[];
  /** Absent in results saved before the step existed. */
  steady?: SteadyStep[];
}

const f = (n: number | null | undefined) => (n === null || n === undefined ? '—' : String(n));
const p3 = (p: Pct | null | undefined) => (p ? `${f(p.p50)} / ${f(p.p95)} / ${f(p.p99)}` : '—');

export function renderQueues(r: Report, analysis = `${ANALYSIS_START}\n\n${ANALYSIS_END}`): string {
  const m = r.machine;
  const rows = r.rates.map(
    (s) =>
      `| ${s.rate} | ${s.flow} | ${s.agentAnswered} / ${s.attempted} | ${s.failed} | ${f(s.achievedRate)} | ${s.sustained ? 'yes' : '**no**'} | ${f(s.cpuMsPerCall.asterisk)} | ${f(s.cpuMsPerCall.callflow)} | ${f(s.cpuMsPerCall.mariadb)} | ${f(s.cpuMsPerCall.total)} | ${f(s.setupMs.p50)} / ${f(s.setupMs.p95)} | ${p3(s.firstCommandMs)} | ${s.agentFreeToRingMs ? `${p3(s.agentFreeToRingMs)} (${f(s.agentFreeToRingMs.count)})` : '—'} | ${s.callflowRssMiB ? `${s.callflowRssMiB.before} → ${s.callflowRssMiB.peak}` : '—'} | ${s.flow === 'ari' ? `${f(s.peakCallflowCalls)} / ${f(s.kibPerCall)}` : `${s.peakConcurrent} / —`} |`,
  );
  const perCallLines = r.rates
    .filter((s) => s.perCall)
    .map((s) => {
      const routes = Object.entries(s.perCall!.ariByRoute)
        .map(([route, n]) => `${route} ${n}`)
        .join(', ');
      const batches = s.perCall!.writeBatches
        ? ` in ${f(s.perCall!.writeBatches)} write round trip(s) + reads`
        : '';
      const events = s.perCall!.ariEvents ? `; ARI events ${f(s.perCall!.ariEvents)}` : '';
      return `- ${s.rate} calls/s, ${s.flow}: SQL ${f(s.perCall!.sqlStatements)}${batches}${s.flow === 'ari' ? `; ARI requests ${f(s.perCall!.ariRequests)}${routes ? ` (${routes})` : ''}${events}` : ''}`;
    });
  const maxSustained = (flow: Flow) =>
    Math.max(0, ...r.rates.filter((s) => s.flow === flow && s.sustained).map((s) => s.rate));
  const ratioRows = [...new Set(r.rates.map((s) => s.rate))].map((rate) => {
    const plain = r.rates.find((s) => s.rate === rate && s.flow === 'plain');
    const ari = r.rates.find((s) => s.rate === rate && s.flow === 'ari');
    const cpuRatio =
      plain?.cpuMsPerCall.total && ari?.cpuMsPerCall.total !== null && ari
        ? round((ari.cpuMsPerCall.total ?? 0) / plain.cpuMsPerCall.total)
        : null;
    const rateRatio =
      plain?.achievedRate && ari?.achievedRate ? round(ari.achievedRate / plain.achievedRate) : null;
    return `| ${rate} | ${plain && ari ? `${ari.agentAnswered} / ${plain.agentAnswered}` : '—'} | ${f(rateRatio)} | ${f(cpuRatio)} | ${f(ari?.firstCommandMs?.p99)} |`;
  });
  const capRows = r.capacity.map(
    (s) =>
      `| ${s.flow} | ${s.waitingBeforeLogin} / ${s.callers} | ${s.agents} | ${s.agentAnswered} | **${s.lost}** | ${s.failed} | ${f(s.drainMs === null ? null : round(s.drainMs / 1000, 1))} | ${s.loginToInviteMs ? `${p3(s.loginToInviteMs)} (${f(s.loginToInviteMs.count)})` : '—'} | ${s.agentFreeToRingMs ? `${p3(s.agentFreeToRingMs)} (${f(s.agentFreeToRingMs.count)}), max ${f(s.agentFreeToRingMs.max)}` : '—'} | ${f(s.cpuMsPerCall.total)} | ${s.callflowRssMiB ? `${s.callflowRssMiB.before} → ${s.callflowRssMiB.peak}` : '—'} | ${f(s.kibPerCall)} | ${f(s.heapKibPerWaitingCall)} |`,
  );
  const ari20 = r.rates.find((s) => s.flow === 'ari' && s.rate === 20);
  const plain20 = r.rates.find((s) => s.flow === 'plain' && s.rate === 20);
  const ariCap = r.capacity.find((s) => s.flow === 'ari');
  const plainCap = r.capacity.find((s) => s.flow === 'plain');
  const rateGoal = maxSustained('plain') ? round(maxSustained('ari') / maxSustained('plain')) : null;
  const cpuGoal =
    ari20?.cpuMsPerCall.total && plain20?.cpuMsPerCall.total
      ? round(ari20.cpuMsPerCall.total / plain20.cpuMsPerCall.total)
      : null;
  const steady = r.steady?.[0];
  const steadyP99 = steady?.agentFreeToRingMs?.p99 ?? null;
  const burstP99 = ariCap?.agentFreeToRingMs?.p99 ?? null;
  const steadyRows = (r.steady ?? []).map(
    (s) =>
      `| ${s.flow} | ${s.agents} | ${s.rate} × ${s.seconds} s | ${s.agentAnswered} / ${s.attempted} | ${s.failed} | ${s.peakWaiting} | ${s.agentFreeToRingMs ? `${p3(s.agentFreeToRingMs)} (${f(s.agentFreeToRingMs.count)}), max ${f(s.agentFreeToRingMs.max)}` : '—'} | ${f(s.cpuMsPerCall.asterisk)} / ${f(s.cpuMsPerCall.callflow)} / ${f(s.cpuMsPerCall.mariadb)} |`,
  );
  const met = (ok: boolean | null) => (ok === null ? 'not measured' : ok ? 'met' : '**missed**');
  const goals = [
    `| calls/s at 0 failures, ARI ÷ plain | ≥ 0.9× | ${maxSustained('ari')} ÷ ${maxSustained('plain')} = ${f(rateGoal)}× (highest rate tried: ${Math.max(...RATES)}) | ${met(rateGoal === null ? null : rateGoal >= 0.9)} |`,
    `| CPU per call at 20 calls/s, ARI ÷ plain (Asterisk + callflow + MariaDB) | ≤ 1.5× | ${f(cpuGoal)}× | ${met(cpuGoal === null ? null : cpuGoal <= 1.5)} |`,
    `| StasisStart→first command p99 at 20 calls/s | ≤ 20 ms | ${f(ari20?.firstCommandMs?.p99)} ms | ${met(ari20?.firstCommandMs?.p99 == null ? null : ari20.firstCommandMs.p99 <= 20)} |`,
    `| agent free → ring p99, steady state (agents come free one by one while callers wait) | ≤ 100 ms | ${steadyP99 === null ? '—' : `${steadyP99} ms (n = ${f(steady?.agentFreeToRingMs?.count)})`} | ${met(steadyP99 === null ? null : steadyP99 <= 100)} |`,
    `| agent free → ring p99, burst (${AGENTS} agents log in at once, ${CAPACITY_CALLERS} callers waiting) | ≤ 100 ms | ${burstP99 === null ? '—' : `${burstP99} ms (n = ${f(ariCap?.agentFreeToRingMs?.count)})`}; at the phones, log-in → offer p99: ARI ${f(ariCap?.loginToInviteMs?.p99)} ms, app_queue ${f(plainCap?.loginToInviteMs?.p99)} ms | ${met(burstP99 === null ? null : burstP99 <= 100)} |`,
    `| 200 waiting callers, 100 agents: lost calls (ARI) | 0 | ${f(ariCap?.lost)} | ${met(ariCap ? ariCap.lost === 0 : null)} |`,
  ];
  const notes = [
    ...r.rates.map((s) => ({ label: `${s.flow} at ${s.rate} calls/s`, notes: s.notes })),
    ...(r.steady ?? []).map((s) => ({ label: `${s.flow} steady state`, notes: s.notes })),
    ...r.capacity.map((s) => ({ label: `${s.flow} capacity`, notes: s.notes })),
  ]
    .filter((s) => s.notes.length)
    .map((s) => `- ${s.label}: ${s.notes.join('; ')}`);
  return `${QUEUES_MARKER}
## Queues: hotline → IVR (key 1) → queue → agent, callflow (our ACD) vs app_queue

\`npm run bench -- --suite queues\` (${r.startedAt.toISOString().slice(0, 16)}Z; ${m.cpus} × ${m.cpuModel},
${m.memoryGiB} GiB RAM, ${m.kernel}; ${m.asterisk}; Node ${m.node}). Environment: \`BENCH_QUEUES_RATES\`
(default 5,10,20 calls/s), \`BENCH_QUEUES_SECONDS\` (default 20), \`BENCH_QUEUES_CAPACITY_CALLERS\`
(default 200), \`BENCH_QUEUES_STEADY_AGENTS\` (default 20; 0 skips the steady-state step), \`BENCH_QUEUES_STEADY_RATE\` (default 7),
\`BENCH_QUEUES_CPU_PROF=<dir>\` (callflow under \`node --cpu-prof\`).

SIPp on 127.0.0.2 calls a hotline of the demo tenant whose published flow is IVR menu → key 1 →
queue node (round-robin, no wrap-up, 20-s ring, no announcements), run by callflow
(1906000), and the same in plain dialplan + app_queue (1904NNN: Answer, Read, Queue; queue
\`webcall-bench\` in asterisk-conf/queues.conf: rrmemory, ringinuse=no, wrapuptime=0). The caller
presses 1 (RFC 2833) 0.5 s after the answer, waits with music, and stays until the agent hangs up.
${AGENTS} agents (extensions ${EXT_BASE}–${EXT_BASE + AGENTS - 1}, static members of the app_queue queue,
logged in to the callflow queue) are one SIPp UAS behind permanent PJSIP contacts (the endpoints are
\`online\`, as after a registration): each answers at once and hangs up after ${TALK_MS / 1000} s. ${SECONDS} s per
step, both flows at each rate, in one run, after 10 unreported warm-up calls per flow.

- *answered by an agent* = conversations the agent ended after talking 4 s (the UAS's \`talk\`
  response-time counter; a leg the PBX hangs up right after the answer does not count); *sustained* = every caller answered by an
  agent and released, 0 SIPp failures, achieved rate ≥ 95 % of the target.
- CPU = utime + stime (\`/proc/<pid>/stat\`) of Asterisk, callflow (ARI steps only) and the bench's
  MariaDB from SIPp's start until the calls drained, ÷ completed calls. SIPp shares the same cores;
  other helpers' stacks ran on this machine at the same time, so absolute figures are noisy.
- Setup = caller INVITE → 200 OK (the IVR's answer). StasisStart→first command, agent free → ring:
  callflow's \`/status\` (\`answerLatencyMs\`, \`queues.agentFreeToRingMs\`), reset at the start of each
  step (count in brackets).
- RSS: callflow's resident memory before the step → highest during it (1-s samples); per call = (peak − before) ÷
  the most concurrent callflow calls (a GC-dependent, rough figure).

| calls/s | flow | answered by an agent / attempted | failed | achieved calls/s | sustained | Asterisk CPU ms/call | callflow CPU ms/call | MariaDB CPU ms/call | total CPU ms/call | setup p50 / p95 ms | StasisStart→first command p50 / p95 / p99 ms | agent free → ring p50 / p95 / p99 ms (n) | callflow RSS MiB | peak concurrent calls / KiB per call |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

| calls/s | answered, ARI / plain | achieved calls/s, ARI ÷ plain | CPU per call, ARI ÷ plain | StasisStart→first command p99 ms |
|---|---|---|---|---|
${ratioRows.join('\n')}

${
  perCallLines.length
    ? `Work per call (SQL = statements MariaDB ran, all clients; ARI = REST requests callflow sent):

${perCallLines.join('\n')}
`
    : ''
}
${
  steadyRows.length
    ? `### Steady state: agents come free one by one while callers wait (ARI)

${steady?.agents ?? STEADY_AGENTS} agents logged in to the capacity queue (hotline 1906001), nobody else; callers placed at
${steady?.rate ?? STEADY_RATE} calls/s for ${steady?.seconds ?? SECONDS} s, faster than the agents serve them (${TALK_MS / 1000}-s conversations:
${round((steady?.agents ?? STEADY_AGENTS) / (TALK_MS / 1000), 1)} calls/s), so callers wait and every conversation that ends is followed by the next caller
ringing that agent. Agent free → ring = callflow's \`queues.agentFreeToRingMs\` from the end of
the conversation to the return of the originate towards the agent (reset before the step).
The rate steps above have almost no samples (agents are seldom needed by a waiting caller there).

| flow | agents | calls/s × time | answered by an agent / attempted | SIPp failed | most waiting | agent free → ring p50 / p95 / p99 ms (n) | CPU ms/call Asterisk / callflow / MariaDB |
|---|---|---|---|---|---|---|---|
${steadyRows.join('\n')}

`
    : ''
}### Capacity: ${CAPACITY_CALLERS} callers waiting, then ${AGENTS} agents come free at once

The callers are placed at 20 calls/s into a second queue (ARI: hotline 1906001 → \`Bench capacity\`;
plain: 1905NNN → \`webcall-bench-capacity\`) in which no agent is logged in; once all of them wait,
the ${AGENTS} agents log in at once (ARI: \`queue_logins\` rows + the api's \`agents.changed\` command to
callflow, what \`PUT /api/me/queue-status\` does; plain: AMI \`QueueAdd\`). Drain = agents logged in →
the last caller's call ended (with ${CAPACITY_CALLERS} callers and ${AGENTS} agents the ideal is two rounds of
${TALK_MS / 1000}-s conversations ≈ ${(2 * TALK_MS) / 1000} s). Lost = callers not answered by an agent.
RSS KiB per waiting call = RSS growth ÷ callers (includes V8 growing its heap); heap KiB per waiting call =
callflow's V8 heap in use after a full GC (\`/status?gc=1\`, callflow under \`--expose-gc\`) with every
caller waiting, minus the same before the callers came, ÷ callers waiting: what a waiting call holds.

| flow | waiting / callers | agents | answered by an agent | lost | SIPp failed | drain s | log-in → the agent's phone gets its offer p50 / p95 / p99 ms (n) | agent free → ring in callflow p50 / p95 / p99 ms (n) | total CPU ms/call | callflow RSS MiB | RSS KiB per waiting call | heap KiB per waiting call (after GC) |
|---|---|---|---|---|---|---|---|---|---|---|---|---|
${capRows.join('\n')}

### Goals (reported, not asserted)

| goal | target | measured | |
|---|---|---|---|
${goals.join('\n')}

### Observations

${analysis}

${notes.length ? `### Notes per step\n\n${notes.join('\n')}\n` : ''}${END_MARKER}
`;
}

/**
 * What was observed about the results (causes of missed goals, profiles): written by hand between
 * these markers inside the section and carried over when the suite rewrites it.
 */
const ANALYSIS_START = '<!-- queues analysis -->';
const ANALYSIS_END = '<!-- end queues analysis -->';

function keptAnalysis(text: string): string {
  const a = text.indexOf(ANALYSIS_START);
  const b = text.indexOf(ANALYSIS_END);
  if (a < 0 || b < a) return `${ANALYSIS_START}\n\n${ANALYSIS_END}`;
  return text.slice(a, b + ANALYSIS_END.length);
}

async function updateDocs(r: Report): Promise<void> {
  const doc = path.join(ROOT, 'docs/BENCHMARKS.md');
  const text = readFileSync(doc, 'utf8');
  let section = renderQueues(r, keptAnalysis(text));
  try {
    const prettier = await import('prettier');
    const config = (await prettier.resolveConfig(doc)) ?? {};
    section = await prettier.format(section, { ...config, parser: 'markdown', filepath: doc });
  } catch {
    /* unformatted */
  }
  const start = text.indexOf(QUEUES_MARKER);
  const end = text.indexOf(END_MARKER);
  const next =
    start >= 0 && end >= 0
      ? `${text.slice(0, start)}${section.trimEnd()}\n${text.slice(end + END_MARKER.length).replace(/^\n/, '')}`
      : text.includes('<!-- webphone bench -->')
        ? text.replace('<!-- webphone bench -->', `${section.trimEnd()}\n\n<!-- webphone bench -->`)
        : `${text.trimEnd()}\n\n${section}`;
  writeFileSync(doc, next);
  // The raw figures, for a later look.
  mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(
    path.join(ROOT, 'bench/results', `queues-${r.startedAt.toISOString().replace(/[:.]/g, '-')}.json`),
    JSON.stringify(r, null, 2) + '\n',
  );
  log('report: docs/BENCHMARKS.md');
}
