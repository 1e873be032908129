// `npm run bench -- --suite routing`: a hotline call through the tenant's flow — IVR, the caller
// presses 1, an extension answers — run by callflow (ARI), against the same flow in plain
// dialplan (1902NNN, asterisk-conf/extensions.conf), in one run, under SIPp load. Reports;
// never passes or fails on timings.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import type { StackInfo } from '../scripts/stack-info.ts';
import { pjsipAccountObjects } from '../libs/asterisk-config/src/pjsip-account.ts';
import { findProcesses, totalCpuMs } from './lib/procfs.ts';
import { runSippStep, type SippStepResult } from './lib/sipp.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ROUTING_MARKER = '<!-- routing bench -->';
const SCENARIO = path.join(ROOT, 'bench/sipp/uac-ivr-key.xml');
/** Extensions 2100… of the demo tenant answer (a SIPp UAS); one hotline and one flow each. */
const AGENTS = 120;
const EXT_BASE = 100;
const UAS_PORT = 25090;
const UAC_PORT = 25071;
const RATES = (process.env.BENCH_ROUTING_RATES ?? '5,10,20').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_ROUTING_SECONDS ?? 20);

const log = (msg: string) => console.log(`[routing] ${msg}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Step {
  flow: 'plain' | 'ari';
  rate: number;
  attempted: number;
  successful: number;
  failed: number;
  cpuMsPerCall: { asterisk: number | null; callflow: number | null; mariadb: number | null };
  setupMs: { p50: number | null; p95: number | null };
  firstCommandMs: { p50: number | null; p95: number | null; p99: number | null } | null;
  callflowRssMiB: number | null;
}

function pct(values: number[], q: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] * 10) / 10;
}

function rssMiB(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return line ? Math.round(Number(line.replace(/\D+/g, '')) / 1024) : null;
  } catch {
    return null;
  }
}

async function setup(info: StackInfo, db: mysql.Connection): Promise<void> {
  const tenant = info.demoTenantId;
  // The simulated carrier of pjsip.conf, seeded as a trunk row.
  const [[trunk]] = await db.query<mysql.RowDataPacket[]>(
    "SELECT id FROM trunks WHERE endpoint_name = 'loopback-carrier'",
  );
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
  for (let i = 0; i < AGENTS; i++) {
    const ext = String(2000 + EXT_BASE + i);
    const [u] = await db.query<mysql.ResultSetHeader>(
      `INSERT INTO users (tenant_id, email, full_name, role, status, extension)
       VALUES (?, ?, ?, 'agent', 'active', ?) ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id), status = 'active'`,
      [tenant, `bench-${ext}@bench.webcall.local`, `Bench ${ext}`, ext],
    );
    await db.query(
      `INSERT INTO sip_accounts (user_id, tenant_id, username, mode, secret_enc, secret_updated_at)
       VALUES (?, ?, ?, 'sip', 'bench', NOW(3)) ON DUPLICATE KEY UPDATE mode = 'sip'`,
      [u.insertId, tenant, `t${tenant}-${ext}`],
    );
    const graph = {
      version: 1,
      entry: 'menu',
      nodes: [
        {
          id: 'menu',
          type: 'ivr',
          prompt: { promptId: String(promptId) },
          keys: { '1': 'agent' },
          timeoutS: 5,
          retries: 0,
          directDial: false,
        },
        { id: 'agent', type: 'extension', extension: ext, ringTimeoutS: 20 },
      ],
    };
    const [f] = await db.query<mysql.ResultSetHeader>(
      `INSERT INTO flows (tenant_id, name, draft, published_version) VALUES (?, ?, ?, 1)
       ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id), draft = VALUES(draft)`,
      [tenant, `Bench ${ext}`, JSON.stringify(graph)],
    );
    await db.query(
      `INSERT INTO flow_versions (flow_id, version, graph, published_at) VALUES (?, 1, ?, NOW(3))
       ON DUPLICATE KEY UPDATE graph = VALUES(graph)`,
      [f.insertId, JSON.stringify(graph)],
    );
    await db.query(
      `INSERT INTO hotlines (tenant_id, number, status, trunk_id, flow_id, requested_at) VALUES (?, ?, 'active', ?, ?, NOW(3))
       ON DUPLICATE KEY UPDATE status = 'active', trunk_id = VALUES(trunk_id), flow_id = VALUES(flow_id)`,
      [tenant, `1903${EXT_BASE + i}`, trunk!.id, f.insertId],
    );
  }
  // Each extension's phone is the SIPp UAS: a static contact instead of a registration.
  const base = `${info.env.ARI_URL}/ari/asterisk/config/dynamic/res_pjsip`;
  const auth = `Basic ${Buffer.from(`${info.env.ARI_USERNAME}:${info.env.ARI_PASSWORD}`).toString('base64')}`;
  for (let i = 0; i < AGENTS; i++) {
    const ext = String(2000 + EXT_BASE + i);
    const o = pjsipAccountObjects(
      {
        tenantId: tenant,
        extension: ext,
        displayName: `Bench ${ext}`,
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
        headers: { authorization: auth, 'content-type': 'application/json' },
        body: JSON.stringify({ fields: fields.map(([attribute, value]) => ({ attribute, value })) }),
      });
      if (res.status !== 200) throw new Error(`PUT ${type}/${o.id}: ${res.status} ${await res.text()}`);
    }
  }
}

function startUas(): ChildProcess {
  return spawn(
    'sipp',
    ['-sn', 'uas', '-i', '127.0.0.1', '-p', String(UAS_PORT), '-mi', '127.0.0.1', '-mp', '26000', '-nostdin'],
    { stdio: 'ignore' },
  );
}

function startCallflow(info: StackInfo): ChildProcess {
  return spawn('node', ['dist/apps/callflow/src/main.js'], {
    cwd: ROOT,
    env: { ...process.env, ...info.env, ...info.callflowEnv, LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    stdio: 'ignore',
  });
}

async function callflowStatus(info: StackInfo) {
  const res = await fetch(info.callflowStatusUrl, { signal: AbortSignal.timeout(5_000) });
  return (await res.json()) as {
    ari: { connected: boolean };
    activeCalls: number;
    answerLatencyMs: { p50: number | null; p95: number | null; p99: number | null };
  };
}

async function step(
  info: StackInfo,
  flow: 'plain' | 'ari',
  rate: number,
  callflow: ChildProcess,
): Promise<Step> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'webcall-routing-'));
  const numbers = path.join(dir, 'numbers.csv');
  writeFileSync(
    numbers,
    [
      'SEQUENTIAL',
      ...Array.from({ length: AGENTS }, (_, i) => `${flow === 'plain' ? '1902' : '1903'}${EXT_BASE + i};`),
    ].join('\n') + '\n',
  );
  for (let i = 0; i < 60; i++) {
    if ((await callflowStatus(info)).activeCalls === 0) break;
    await sleep(500);
  }
  await fetch(`${info.callflowStatusUrl}/reset-latency`, { method: 'POST' });
  const asterisk = findProcesses(['asterisk'])
    .filter((p) => p.args.some((a) => a.includes(`/${info.profile}/`)) && !p.args.includes('-rx'))
    .map((p) => p.pid);
  const mariadb = findProcesses(['mariadbd', 'mysqld'])
    .filter((p) => p.args.some((a) => a.includes(`.runtime/${info.profile}/`)))
    .map((p) => p.pid);
  const cf = callflow.pid ? [callflow.pid] : [];
  const before = { a: totalCpuMs(asterisk), c: totalCpuMs(cf), m: totalCpuMs(mariadb) };
  const calls = Math.round(rate * SECONDS);
  const run: SippStepResult = await runSippStep({
    scenario: SCENARIO,
    sipPort: info.ports.sip,
    service: 'x',
    calls,
    rate,
    localIp: '127.0.0.2',
    localPort: UAC_PORT,
    mediaPort: 27000,
    limit: AGENTS,
    timeoutS: SECONDS + 60,
    extraArgs: ['-inf', numbers],
  });
  const after = { a: totalCpuMs(asterisk), c: totalCpuMs(cf), m: totalCpuMs(mariadb) };
  const per = (x: number | null, y: number | null) =>
    x === null || y === null || !run.successful ? null : Math.round(((y - x) / run.successful) * 100) / 100;
  const status = flow === 'ari' ? await callflowStatus(info) : null;
  return {
    flow,
    rate,
    attempted: run.created,
    successful: run.successful,
    failed: run.failed,
    cpuMsPerCall: {
      asterisk: per(before.a, after.a),
      callflow: flow === 'ari' ? per(before.c, after.c) : null,
      mariadb: per(before.m, after.m),
    },
    setupMs: { p50: pct(run.setupMs, 0.5), p95: pct(run.setupMs, 0.95) },
    firstCommandMs: status ? status.answerLatencyMs : null,
    callflowRssMiB: flow === 'ari' ? rssMiB(callflow.pid) : null,
  };
}

export async function runRoutingBench(info: StackInfo, writeDocs: boolean): Promise<number> {
  const db = await mysql.createConnection({ uri: info.env.DATABASE_URL });
  log(`setting up ${AGENTS} extensions, flows and hotlines of the demo tenant`);
  await setup(info, db);
  await db.end();
  const uas = startUas();
  const callflow = startCallflow(info);
  try {
    for (let i = 0; i < 80; i++) {
      try {
        if ((await callflowStatus(info)).ari.connected) break;
      } catch {
        /* starting */
      }
      await sleep(250);
    }
    const steps: Step[] = [];
    for (const rate of RATES) {
      for (const flow of ['plain', 'ari'] as const) {
        log(`${flow} at ${rate} calls/s for ${SECONDS} s`);
        const s = await step(info, flow, rate, callflow);
        log(JSON.stringify(s));
        steps.push(s);
      }
    }
    if (writeDocs) updateDocs(steps);
    return 0;
  } finally {
    callflow.kill('SIGTERM');
    uas.kill('SIGTERM');
  }
}

function updateDocs(steps: Step[]): void {
  const doc = path.join(ROOT, 'docs/BENCHMARKS.md');
  const text = readFileSync(doc, 'utf8');
  const start = text.indexOf(ROUTING_MARKER);
  const end = text.indexOf('<!-- end routing bench -->');
  const f = (n: number | null | undefined) => (n === null || n === undefined ? '—' : String(n));
  const rows = steps.map(
    (s) =>
      `| ${s.rate} | ${s.flow} | ${s.successful} / ${s.attempted} | ${s.failed} | ${f(s.cpuMsPerCall.asterisk)} | ${f(s.cpuMsPerCall.callflow)} | ${f(s.cpuMsPerCall.mariadb)} | ${f(s.setupMs.p50)} / ${f(s.setupMs.p95)} | ${s.firstCommandMs ? `${f(s.firstCommandMs.p50)} / ${f(s.firstCommandMs.p95)} / ${f(s.firstCommandMs.p99)}` : '—'} | ${f(s.callflowRssMiB)} |`,
  );
  const ratios = [...new Set(steps.map((s) => s.rate))].map((rate) => {
    const plain = steps.find((s) => s.rate === rate && s.flow === 'plain');
    const ari = steps.find((s) => s.rate === rate && s.flow === 'ari');
    const total = (s?: Step) =>
      s ? (s.cpuMsPerCall.asterisk ?? 0) + (s.cpuMsPerCall.callflow ?? 0) + (s.cpuMsPerCall.mariadb ?? 0) : 0;
    const ratio = plain && ari && total(plain) ? Math.round((total(ari) / total(plain)) * 100) / 100 : null;
    return `| ${rate} | ${f(ratio)} | ${plain && ari ? `${ari.successful}/${plain.successful}` : '—'} |`;
  });
  const section = `${ROUTING_MARKER}
## Routing: hotline → IVR (key 1) → extension, callflow vs plain dialplan

\`npm run bench -- --suite routing\` (${new Date().toISOString().slice(0, 16)}Z, same machine as above). SIPp
on 127.0.0.2 calls ${AGENTS} hotlines of the demo tenant (1903NNN, each with its published flow:
IVR menu → key 1 → its own extension) and the same in plain dialplan (1902NNN: Answer, Read, Dial);
the caller presses 1 (RFC 2833) 0.5 s after the answer, talks 4 s, hangs up; the extensions are a
SIPp UAS. ${SECONDS} s per step, both flows at each rate, in one run.

| calls/s | flow | answered / attempted | failed | Asterisk CPU ms/call | callflow CPU ms/call | MariaDB CPU ms/call | setup p50 / p95 ms | StasisStart→answer p50 / p95 / p99 ms | callflow RSS MiB |
|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

| calls/s | CPU per call, callflow ÷ plain (all processes) | answered, callflow / plain |
|---|---|---|
${ratios.join('\n')}

StasisStart→answer includes the hotline lookup (one indexed query per call, so a publish or a hotline
change applies to the next call). The plain flow plays \`beep\` before reading the key, the callflow
the tenant's menu prompt (stopped by the key: barge-in).
<!-- end routing bench -->
`;
  const next =
    start >= 0 && end >= 0
      ? `${text.slice(0, start)}${section}${text.slice(end + '<!-- end routing bench -->\n'.length)}`
      : text.includes('<!-- webphone bench -->')
        ? text.replace('<!-- webphone bench -->', `${section}\n<!-- webphone bench -->`)
        : `${text.trimEnd()}\n\n${section}`;
  writeFileSync(doc, next);
  log('report: docs/BENCHMARKS.md');
}
