// `npm run bench`: the ARI flow (1900) against the same flow in plain dialplan (1901) under
// SIPp load, on the bench profile's own MariaDB and Asterisk (started by scripts/stack.ts,
// described by WEBCALL_STACK_FILE). Reports; never passes or fails on timings.
//
//   npm run bench -- --suite phones   (SIP account changes with 10,000 accounts: bench/phones.ts)
//   npm run bench -- --suite webphone (browser webphone registration and call set-up: bench/webphone.ts)
//   npm run bench -- --suite routing  (hotline → IVR → extension, callflow vs dialplan: bench/routing.ts)
//   npm run bench -- --suite queues   (hotline → IVR → queue → agent, callflow vs app_queue: bench/queues.ts)
//   npm run bench -- [--rates 20,50,100] [--seconds 20] [--flows plain,ari] [--warmup 20] [--no-docs] [--hold] [--render results.json]
//
// --rates/--seconds: calls per second of each step and how long each step places calls;
// --flows: which of plain (1901) and ari (1900) to run, in that order for each rate;
// --warmup: unreported calls per flow first; --no-docs: keep docs/BENCHMARKS.md as it is;
// --hold: start callflow and wait, for probing the stack by hand; --render: rewrite
// docs/BENCHMARKS.md from saved results
// (`node bench/run.ts --render bench/results/<file>.json`, no stack needed).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import mysql from 'mysql2/promise';
import type { StackInfo } from '../scripts/stack-info.ts';
import { asteriskFiles, fileSize, readSince, type AsteriskFiles } from './lib/asterisk.ts';
import { describeMachine } from './lib/machine.ts';
import { clientConnections, findProcesses, machineCpuMs, totalCpuMs } from './lib/procfs.ts';
import { computeRatios, formatTable, renderMarkdown } from './lib/report.ts';
import { runSippStep, type SippStepResult } from './lib/sipp.ts';
import { PHONES_MARKER, runPhonesBench } from './phones.ts';
import { WEBPHONE_MARKER, runWebphoneBench } from './webphone.ts';
import { ROUTING_MARKER, runRoutingBench } from './routing.ts';
import { QUEUES_MARKER, runQueuesBench } from './queues.ts';
import type { BenchRun, CpuUse, Flow, Percentiles, StepResult } from './lib/types.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCENARIO = path.join(ROOT, 'test/sipp/uac-wait-bye.xml');
const CARRIER_IP = '127.0.0.2';
const SIPP_PORT = 25070;
const EXTENSION: Record<Flow, string> = { plain: '1901', ari: '1900' };

const countMatches = (log: string, re: RegExp) => (log.match(re) ?? []).length;
const countLookups = (log: string) => countMatches(log, /Unable to lookup/g);

/** "AriConnectionError: ARI POST /channels/:id/play failed: other side closed" from a pino JSON line. */
function errorKind(line: string): string | null {
  try {
    const entry = JSON.parse(line) as {
      level?: number;
      msg?: string;
      err?: { type?: string; message?: string };
    };
    if ((entry.level ?? 0) < 40) return null;
    const text = entry.err ? `${entry.err.type ?? 'Error'}: ${entry.err.message ?? ''}` : (entry.msg ?? '');
    return text
      .replace(/\/channels\/[^/\s]+/g, '/channels/:id')
      .replace(/: fetch failed.*$/, '')
      .slice(0, 160);
  } catch {
    return line.slice(0, 160);
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (msg: string) => console.log(`[bench] ${msg}`);

interface Options {
  rates: number[];
  seconds: number;
  flows: Flow[];
  warmupCalls: number;
  docs: boolean;
  /** Start callflow, then wait for Ctrl-C without measuring (for probing the stack by hand). */
  hold: boolean;
  /** Rewrite docs/BENCHMARKS.md from a saved bench/results/*.json, without measuring. */
  render: string | undefined;
  /** `calls` (ARI vs dialplan under load) or `phones` (SIP account changes at 10,000 accounts). */
  suite: 'calls' | 'phones' | 'webphone' | 'routing' | 'queues';
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      rates: { type: 'string', default: '20,50,100' },
      seconds: { type: 'string', default: '20' },
      flows: { type: 'string', default: 'plain,ari' },
      warmup: { type: 'string', default: '20' },
      'no-docs': { type: 'boolean', default: false },
      hold: { type: 'boolean', default: false },
      suite: { type: 'string', default: 'calls' },
      render: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(
      'npm run bench -- [--suite calls|phones|webphone|routing|queues] [--rates 20,50,100] [--seconds 20] [--flows plain,ari] [--warmup 20] [--no-docs] [--hold] [--render results.json]',
    );
    process.exit(0);
  }
  const rates = values.rates.split(',').map(Number);
  const seconds = Number(values.seconds);
  const flows = values.flows.split(',') as Flow[];
  const warmupCalls = Number(values.warmup);
  if (!rates.length || rates.some((r) => !Number.isFinite(r) || r <= 0)) throw new Error('bad --rates');
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error('bad --seconds');
  if (!flows.length || flows.some((f) => f !== 'plain' && f !== 'ari')) throw new Error('bad --flows');
  if (!Number.isInteger(warmupCalls) || warmupCalls < 0) throw new Error('bad --warmup');
  return {
    rates,
    seconds,
    flows,
    warmupCalls,
    docs: !values['no-docs'],
    hold: values.hold,
    render: values.render,
    suite:
      values.suite === 'phones' ||
      values.suite === 'webphone' ||
      values.suite === 'routing' ||
      values.suite === 'queues'
        ? values.suite
        : 'calls',
  };
}

// ---------------------------------------------------------------------------------------------
// callflow

interface CallflowStatus {
  ari: { connected: boolean; connections: number };
  ami: { connected: boolean; connections: number };
  activeCalls: number;
  handledCalls: number;
  failedCalls: number;
  answerLatencyMs: Percentiles;
  cpu: { user: number; system: number };
  rssBytes: number;
}

class Callflow {
  readonly child: ChildProcess;
  private readonly statusUrl: string;
  private lines = 0;
  /** Log lines at warn or above since the last takeErrors(), by kind. */
  private errors = new Map<string, number>();
  exited = false;

  constructor(env: NodeJS.ProcessEnv, statusUrl: string) {
    this.statusUrl = statusUrl;
    this.child = spawn('node', ['dist/apps/callflow/src/main.js'], {
      cwd: ROOT,
      env: { ...env, LOG_LEVEL: 'warn', LOG_PRETTY: 'false', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const print = (d: Buffer) => {
      for (const line of d.toString().split('\n')) {
        if (!line.trim()) continue;
        this.lines++;
        const kind = errorKind(line);
        if (kind) this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
        if (this.lines <= 20) console.log(`[callflow] ${line.slice(0, 400)}`);
        else if (this.lines === 21) console.log('[callflow] (further output hidden)');
      }
    };
    this.child.stdout?.on('data', print);
    this.child.stderr?.on('data', print);
    this.child.on('exit', () => (this.exited = true));
  }

  get outputLines(): number {
    return this.lines;
  }

  takeErrors(): Record<string, number> {
    const out = Object.fromEntries(this.errors);
    this.errors = new Map();
    return out;
  }

  async status(): Promise<CallflowStatus> {
    const res = await fetch(this.statusUrl, { signal: AbortSignal.timeout(5_000) });
    if (!res.ok) throw new Error(`callflow /status answered ${res.status}`);
    return (await res.json()) as CallflowStatus;
  }

  async resetLatency(): Promise<void> {
    const res = await fetch(`${this.statusUrl}/reset-latency`, {
      method: 'POST',
      signal: AbortSignal.timeout(5_000),
    });
    if (!res.ok) throw new Error(`callflow reset-latency answered ${res.status}`);
  }

  async waitConnected(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
      if (this.exited) throw new Error('callflow exited during start-up');
      try {
        const s = await this.status();
        if (s.ari.connected && s.ami.connected) return;
        last = `ari ${s.ari.connected}, ami ${s.ami.connected}`;
      } catch (err) {
        last = err instanceof Error ? err.message : String(err);
      }
      await sleep(250);
    }
    throw new Error(`callflow did not connect to ARI and AMI in ${timeoutMs / 1000} s (${last})`);
  }

  async stop(): Promise<void> {
    if (this.exited || this.child.pid === undefined) return;
    const done = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await done;
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// measurement helpers

function percentiles(values: number[]): Percentiles {
  if (!values.length) return { count: 0, p50: null, p95: null, p99: null, max: null, mean: null };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const r = (n: number) => Math.round(n * 100) / 100;
  return {
    count: sorted.length,
    p50: r(at(0.5)),
    p95: r(at(0.95)),
    p99: r(at(0.99)),
    max: r(sorted[sorted.length - 1]),
    mean: r(sorted.reduce((a, b) => a + b, 0) / sorted.length),
  };
}

/** The stack's Asterisk server process(es): `asterisk … -C <this profile's asterisk.conf> … -f`. */
function asteriskPids(info: StackInfo): number[] {
  const cli = info.asteriskCli ?? [];
  const conf = cli[cli.indexOf('-C') + 1] ?? `/webcall/${info.profile}/`;
  return findProcesses(['asterisk'])
    .filter((p) => p.args.some((a) => a.includes(conf)) && !p.args.some((a) => a === '-r' || a === '-rx'))
    .map((p) => p.pid);
}

/** The stack's private MariaDB (datadir under .runtime/<profile>/). */
function mariadbPids(stackFile: string): number[] {
  const dir = path.dirname(path.resolve(stackFile)) + '/';
  return findProcesses(['mariadbd', 'mysqld'])
    .filter((p) => p.args.some((a) => a.includes(dir)))
    .map((p) => p.pid);
}

interface Snapshot {
  t: number;
  asterisk: number | null;
  callflow: number | null;
  mariadb: number | null;
}

interface Measured {
  asterisk: number[];
  callflow: number[];
  mariadb: number[];
}

function snapshot(pids: Measured): Snapshot {
  return {
    t: performance.now(),
    asterisk: totalCpuMs(pids.asterisk),
    callflow: totalCpuMs(pids.callflow),
    mariadb: totalCpuMs(pids.mariadb),
  };
}

function cpuUse(
  a: number | null,
  b: number | null,
  c: number | null,
  windowMs: number,
  calls: number,
): CpuUse {
  if (a === null || b === null || c === null) return { ms: null, msPerCall: null, corePercent: null };
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    ms: round(c - a),
    msPerCall: calls ? round((c - a) / calls) : null,
    corePercent: windowMs > 0 ? round(((b - a) / windowMs) * 100) : null,
  };
}

// ---------------------------------------------------------------------------------------------

interface Context {
  info: StackInfo;
  stackFile: string;
  callflow: Callflow;
  db: mysql.Connection | null;
  files: AsteriskFiles | null;
}

async function maxCallId(db: mysql.Connection | null): Promise<number | null> {
  if (!db) return null;
  try {
    const [rows] = await db.query('SELECT COALESCE(MAX(id), 0) AS id FROM calls');
    return Number((rows as { id: number | string }[])[0].id);
  } catch {
    return null;
  }
}

async function countRows(db: mysql.Connection, afterId: number) {
  const [rows] = await db.query(
    `SELECT COUNT(*) AS inserted, COALESCE(SUM(ended_at IS NOT NULL), 0) AS ended,
            COALESCE(SUM(disposition = 'answered'), 0) AS answered
       FROM calls WHERE id > ? AND entry_id = '1900'`,
    [afterId],
  );
  const r = (rows as Record<string, number | string>[])[0];
  return { inserted: Number(r.inserted), ended: Number(r.ended), answered: Number(r.answered) };
}

function sipp(flow: Flow, rate: number, calls: number, info: StackInfo): Promise<SippStepResult> {
  return runSippStep({
    scenario: SCENARIO,
    sipPort: info.ports.sip,
    service: EXTENSION[flow],
    calls,
    rate,
    localIp: CARRIER_IP,
    localPort: SIPP_PORT,
    mediaPort: 30000 + Math.floor(Math.random() * 5000) * 2,
    limit: Math.max(50, Math.ceil(rate * 10)),
    timeoutS: Math.ceil(calls / rate) + 60,
  });
}

async function runStep(ctx: Context, flow: Flow, rate: number, seconds: number): Promise<StepResult> {
  const { info, callflow, db } = ctx;
  const calls = Math.max(1, Math.round(rate * seconds));
  const notes: string[] = [];

  // Start from a quiet system: no call left in callflow from the previous step.
  for (let i = 0; i < 40; i++) {
    const s = await callflow.status();
    if (s.activeCalls === 0) break;
    await sleep(250);
  }
  if (flow === 'ari') await callflow.resetLatency();
  callflow.takeErrors();
  const before = await callflow.status();
  const firstId = await maxCallId(db);
  const pids: Measured = {
    asterisk: asteriskPids(info),
    callflow: callflow.child.pid ? [callflow.child.pid] : [],
    mariadb: mariadbPids(ctx.stackFile),
  };
  if (!pids.asterisk.length) notes.push('Asterisk process not found: no Asterisk CPU figure');

  let peakActive = 0;
  let peakAri: number | null = null;
  let sampling = true;
  const ariPort = Number(new URL(info.env.ARI_URL).port || 80);
  const sampleAri = () => {
    const n = clientConnections(ariPort);
    if (n !== null) peakAri = Math.max(peakAri ?? 0, n);
  };
  const sampler = (async () => {
    for (let tick = 0; sampling; tick++) {
      sampleAri();
      if (tick % 2 === 0) {
        try {
          peakActive = Math.max(peakActive, (await callflow.status()).activeCalls);
        } catch {
          // a slow /status under load is not a reason to stop the step
        }
      }
      await sleep(500);
    }
  })();

  const logOffset = ctx.files ? fileSize(ctx.files.messagesLog) : 0;
  const m0 = machineCpuMs();
  const s0 = snapshot(pids);
  const run = await sipp(flow, rate, calls, info);
  const s1 = snapshot(pids);
  const m1 = machineCpuMs();
  sampling = false;
  await sampler;

  // Drain: callflow has ended every call and (ARI) written every row; at least 1 s for both flows.
  const drainStart = performance.now();
  let rows: StepResult['rows'] = null;
  await sleep(1_000);
  for (;;) {
    const s = await callflow.status();
    let settled = s.activeCalls === 0;
    if (flow === 'ari' && db && firstId !== null) {
      try {
        const counted = await countRows(db, firstId);
        rows = { ...counted, settleMs: 0 };
        const handled = s.handledCalls - before.handledCalls;
        settled &&= counted.inserted >= handled && counted.ended === counted.inserted;
      } catch (err) {
        notes.push(`could not count calls rows: ${err instanceof Error ? err.message : String(err)}`);
        rows = null;
      }
    }
    if (settled) break;
    if (performance.now() - drainStart > 30_000) {
      notes.push('not drained after 30 s');
      break;
    }
    await sleep(250);
  }
  const s2 = snapshot(pids);
  if (rows) rows.settleMs = Math.round(performance.now() - drainStart);
  const after = await callflow.status();
  const astLog = ctx.files ? readSince(ctx.files.messagesLog, logOffset) : null;
  const asteriskLog =
    astLog === null
      ? null
      : {
          warnings: countMatches(astLog, /\] (WARNING|ERROR)\[/g),
          lookups: countLookups(astLog),
          httpSessionLimit: countMatches(astLog, /HTTP session count exceeded/g),
        };
  if (asteriskLog?.lookups)
    notes.push(`Asterisk logged ${asteriskLog.lookups} "Unable to lookup" warning(s)`);
  if (asteriskLog?.httpSessionLimit)
    notes.push(
      `Asterisk refused ${asteriskLog.httpSessionLimit} HTTP connection(s): "HTTP session count exceeded" (http.conf sessionlimit)`,
    );
  const callflowErrors = callflow.takeErrors();
  for (const [kind, n] of Object.entries(callflowErrors)) notes.push(`callflow logged ${n}× "${kind}"`);

  const sippWindow = s1.t - s0.t;
  const ok = run.successful;
  const answered = [...run.answeredAtMs].sort((a, b) => a - b);
  const achievedRate =
    answered.length >= 2 && answered[answered.length - 1] > answered[0]
      ? Math.round(((answered.length - 1) / ((answered[answered.length - 1] - answered[0]) / 1000)) * 10) / 10
      : null;
  const sippCpu: CpuUse =
    run.sippCpuMs === null
      ? { ms: null, msPerCall: null, corePercent: null }
      : {
          ms: run.sippCpuMs,
          msPerCall: ok ? Math.round((run.sippCpuMs / ok) * 100) / 100 : null,
          corePercent: Math.round((run.sippCpuMs / sippWindow) * 10000) / 100,
        };
  const cores = (ms: number | null) => (ms === null ? null : Math.round((ms / sippWindow) * 100) / 100);
  const busyCores = m0 && m1 ? cores(m1.busy - m0.busy) : null;
  const measured = [
    s1.asterisk !== null && s0.asterisk !== null ? s1.asterisk - s0.asterisk : 0,
    s1.callflow !== null && s0.callflow !== null ? s1.callflow - s0.callflow : 0,
    s1.mariadb !== null && s0.mariadb !== null ? s1.mariadb - s0.mariadb : 0,
    run.sippCpuMs ?? 0,
  ].reduce((a, b) => a + b, 0);
  const irqCores = m0 && m1 ? cores(m1.softirq - m0.softirq) : null;
  const otherCores =
    busyCores === null || irqCores === null
      ? null
      : Math.max(0, Math.round((busyCores - irqCores - measured / sippWindow) * 100) / 100); // small negatives: sampling offsets
  if (otherCores !== null && otherCores > 0.25)
    notes.push(`other processes used ${otherCores} core(s) of the machine during the step`);
  const handled = after.handledCalls - before.handledCalls;
  const flowFailed = after.failedCalls - before.failedCalls;

  if (run.noStats) notes.push(`SIPp did not run (exit ${run.exitCode})`);
  if (run.failed) {
    const reasons = Object.entries(run.failures)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    notes.push(`${run.failed} failed call(s)${reasons ? `: ${reasons}` : ''}`);
  }
  if (run.created < calls) notes.push(`SIPp created ${run.created} of ${calls} calls`);
  if (achievedRate !== null && achievedRate < rate * 0.95)
    notes.push(`achieved ${achievedRate} calls/s of ${rate}`);
  if (run.retransmissions) notes.push(`${run.retransmissions} SIP retransmission(s)`);
  if (flow === 'ari') {
    if (handled !== ok) notes.push(`callflow handled ${handled} calls, SIPp completed ${ok}`);
    if (flowFailed) notes.push(`callflow reported ${flowFailed} failed flow(s)`);
    if (rows && rows.inserted !== handled) notes.push(`${rows.inserted} calls rows for ${handled} calls`);
    if (rows && rows.answered !== rows.inserted)
      notes.push(`${rows.inserted - rows.answered} calls row(s) not 'answered'`);
    if (!rows) notes.push('calls rows not counted');
  }

  const sustained =
    !run.noStats &&
    run.failed === 0 &&
    ok === calls &&
    (achievedRate === null || achievedRate >= rate * 0.95) &&
    (flow === 'plain' || (handled === ok && flowFailed === 0 && rows?.inserted === ok));

  return {
    flow,
    extension: EXTENSION[flow],
    targetRate: rate,
    seconds,
    attempted: run.created,
    successful: ok,
    failed: run.failed,
    failures: run.failures,
    retransmissions: run.retransmissions,
    achievedRate,
    peakConcurrent: run.peakConcurrent,
    peakCallflowActive: flow === 'ari' ? peakActive : null,
    peakAriConnections: peakAri,
    machine: { busyCores, irqCores, otherCores },
    sippWallMs: Math.round(run.wallMs),
    sippExitCode: run.exitCode,
    setupMs: percentiles(run.setupMs),
    answerLatencyMs: flow === 'ari' ? after.answerLatencyMs : null,
    cpu: {
      asterisk: cpuUse(s0.asterisk, s1.asterisk, s2.asterisk, sippWindow, ok),
      callflow: cpuUse(s0.callflow, s1.callflow, s2.callflow, sippWindow, ok),
      mariadb: cpuUse(s0.mariadb, s1.mariadb, s2.mariadb, sippWindow, ok),
      sipp: sippCpu,
    },
    callflow: { handled, failed: flowFailed },
    rows: flow === 'ari' ? rows : null,
    sustained,
    notes,
    asteriskLog,
    callflowErrors,
    ...(run.noStats || (run.exitCode !== 0 && run.exitCode !== 1) ? { sippOutput: run.output } : {}),
  };
}

function summarize(s: StepResult): string {
  const f = (n: number | null | undefined, d = 1) => (n === null || n === undefined ? '-' : n.toFixed(d));
  const lat = s.answerLatencyMs
    ? ` answer p50/p95 ${f(s.answerLatencyMs.p50)}/${f(s.answerLatencyMs.p95)} ms`
    : '';
  return (
    `${s.flow} ${s.targetRate}/s: ${s.successful}/${s.attempted} ok, ${s.failed} failed, ` +
    `${f(s.achievedRate)} calls/s, setup p50 ${f(s.setupMs.p50)} ms,${lat} ` +
    `Asterisk ${f(s.cpu.asterisk.msPerCall, 2)} ms/call, callflow ${f(s.cpu.callflow.msPerCall, 2)} ms/call` +
    (s.notes.length ? ` — ${s.notes.join('; ')}` : '')
  );
}

async function main(): Promise<number> {
  const opts = options();
  if (opts.render) {
    const saved = JSON.parse(readFileSync(opts.render, 'utf8')) as BenchRun;
    console.log(formatTable(saved));
    await writeDocs(saved, path.resolve(opts.render));
    return 0;
  }
  const stackFile = process.env.WEBCALL_STACK_FILE;
  if (!stackFile) {
    console.error('WEBCALL_STACK_FILE is not set: run the benchmark with `npm run bench`.');
    return 2;
  }
  const info = JSON.parse(readFileSync(stackFile, 'utf8')) as StackInfo;
  if (opts.suite === 'phones') return runPhonesBench(info, opts.docs);
  if (opts.suite === 'webphone') return runWebphoneBench(info, opts.docs);
  if (opts.suite === 'routing') return runRoutingBench(info, opts.docs);
  if (opts.suite === 'queues') return runQueuesBench(info, opts.docs);
  const env = { ...process.env, ...info.env };
  const startedAt = new Date();

  const probe = spawnSync('sipp', ['-v'], { encoding: 'utf8' });
  if (probe.error) {
    console.error(`SIPp cannot run: ${probe.error.message}`);
    return 1;
  }

  const machine = await describeMachine(info, env.DATABASE_URL);
  log(`${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}`);
  log(`${machine.asterisk}; ${machine.sipp}; MariaDB ${machine.mariadb}`);

  let db: mysql.Connection | null = null;
  try {
    db = await mysql.createConnection({ uri: env.DATABASE_URL });
  } catch (err) {
    log(`no database connection, calls rows will not be checked: ${(err as Error).message}`);
  }

  const callflow = new Callflow({ ...env, ...info.callflowEnv }, info.callflowStatusUrl);
  const stop = async () => {
    await callflow.stop();
    await db?.end().catch(() => undefined);
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  process.once('SIGTERM', () => void stop().then(() => process.exit(143)));

  const files = asteriskFiles(info);
  const ctx: Context = { info, stackFile, callflow, db, files };
  let hostLookupsPerCall: number | null = null;
  const steps: StepResult[] = [];
  let idle: BenchRun['idle'] | undefined;
  let astPids: number[] | undefined;
  try {
    await callflow.waitConnected(60_000);
    astPids = asteriskPids(info);
    log(`callflow connected to ARI and AMI; Asterisk pid(s) ${astPids.join(', ') || 'not found'}`);
    if (opts.hold) {
      log('holding (--hold): the stack stays up until Ctrl-C');
      await new Promise(() => undefined);
    }

    // A few calls first: SIPp must run, and Asterisk should not wait on DNS for each call.
    const probeOffset = files ? fileSize(files.messagesLog) : 0;
    const probe = await sipp('plain', 4, 4, info);
    if (probe.noStats) {
      console.error(`SIPp could not run (exit ${probe.exitCode}):\n${probe.output}`);
      return 1;
    }
    await sleep(500);
    if (files) {
      hostLookupsPerCall = countLookups(readSince(files.messagesLog, probeOffset)) / 4;
      if (hostLookupsPerCall)
        log(
          `Asterisk logs ${hostLookupsPerCall} "Unable to lookup" warning(s) per call: it resolves its own host ` +
            'name for every call (RTP on a wildcard address, name not in its /etc/hosts); expect DNS stalls',
        );
    }

    // Idle cost, for reading the per-step figures.
    const pids: Measured = { asterisk: astPids, callflow: [callflow.child.pid ?? 0], mariadb: [] };
    const i0 = snapshot(pids);
    await sleep(5_000);
    const i1 = snapshot(pids);
    const perS = (a: number | null, b: number | null) =>
      a === null || b === null ? null : Math.round(((b - a) / ((i1.t - i0.t) / 1000)) * 100) / 100;
    idle = {
      seconds: Math.round((i1.t - i0.t) / 100) / 10,
      asteriskMsPerS: perS(i0.asterisk, i1.asterisk),
      callflowMsPerS: perS(i0.callflow, i1.callflow),
    };
    log(`idle: Asterisk ${idle.asteriskMsPerS} ms/s, callflow ${idle.callflowMsPerS} ms/s`);

    // Warm-up (not reported): first calls load prompts, JIT-compile callflow, fill pools.
    if (opts.warmupCalls) {
      for (const flow of opts.flows) {
        const w = await sipp(flow, 10, opts.warmupCalls, info);
        if (w.noStats) {
          console.error(`SIPp could not run (exit ${w.exitCode}):\n${w.output}`);
          return 1;
        }
        log(`warm-up ${flow}: ${w.successful}/${opts.warmupCalls} calls ok`);
        await sleep(1_500);
      }
    }

    for (const rate of opts.rates) {
      for (const flow of opts.flows) {
        log(`step: ${flow} (${EXTENSION[flow]}) at ${rate} calls/s for ${opts.seconds} s`);
        const step = await runStep(ctx, flow, rate, opts.seconds);
        steps.push(step);
        log(summarize(step));
        if (step.sippOutput) console.log(step.sippOutput);
        await sleep(2_000);
      }
    }
  } finally {
    await stop();
  }
  if (callflow.outputLines > 20) log(`callflow wrote ${callflow.outputLines} log line(s) at warn or above`);

  if (steps.length && steps.every((s) => s.notes.some((n) => n.startsWith('SIPp did not run')))) {
    console.error('SIPp did not run in any step.');
    return 1;
  }

  const result: BenchRun = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    options: {
      rates: opts.rates,
      seconds: opts.seconds,
      flows: opts.flows,
      warmupCalls: opts.warmupCalls,
    },
    machine,
    idle: idle ?? { seconds: 0, asteriskMsPerS: null, callflowMsPerS: null },
    asteriskPids: astPids ?? [],
    hostLookupsPerCall,
    steps,
    ratios: computeRatios(steps),
  };

  console.log('');
  console.log(formatTable(result));

  const resultsDir = path.join(ROOT, 'bench/results');
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${result.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  log(`raw results: ${path.relative(ROOT, file)}`);
  if (opts.docs) await writeDocs(result, file);
  return 0;
}

async function writeDocs(result: BenchRun, resultsFile: string): Promise<void> {
  const doc = path.join(ROOT, 'docs/BENCHMARKS.md');
  mkdirSync(path.dirname(doc), { recursive: true });
  // The phones suite keeps its own section at the end of the file: carry it over.
  const existing = existsSync(doc) ? readFileSync(doc, 'utf8') : '';
  // (and the webphone suite's, kept just before it).
  const kept = [ROUTING_MARKER, QUEUES_MARKER, WEBPHONE_MARKER, PHONES_MARKER]
    .map((m) => existing.indexOf(m))
    .filter((i) => i >= 0);
  const tail = kept.length ? existing.slice(Math.min(...kept)) : '';
  const report = await renderMarkdown(result, path.relative(ROOT, resultsFile));
  writeFileSync(doc, tail ? `${report.trimEnd()}\n\n${tail}` : report);
  log(`report: ${path.relative(ROOT, doc)}`);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
