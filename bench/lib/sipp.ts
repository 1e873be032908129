// One SIPp load step: `calls` calls at `rate` calls/s from the simulated carrier (127.0.0.2),
// with the statistics CSV (one row a second) and the per-call setup times (-trace_rtt).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cpuMs } from './procfs.ts';

export interface SippStepOptions {
  scenario: string;
  sipPort: number;
  service: string;
  calls: number;
  rate: number;
  localIp: string;
  localPort: number;
  mediaPort: number;
  /** Maximum simultaneous calls before SIPp throttles. */
  limit: number;
  timeoutS: number;
  /** More SIPp arguments (e.g. `-inf numbers.csv`). */
  extraArgs?: string[];
}

export interface SippStepResult {
  /** Exit code of SIPp (0 all calls succeeded, 1 some failed, other: could not run properly). */
  exitCode: number | null;
  wallMs: number;
  created: number;
  successful: number;
  failed: number;
  retransmissions: number;
  /** Failure counters that are not zero, by SIPp's column name. */
  failures: Record<string, number>;
  /** Highest CurrentCall of the per-second statistics rows. */
  peakConcurrent: number;
  /** Per-call INVITE → 200 OK times in ms. */
  setupMs: number[];
  /** Times (ms, SIPp's clock) at which each 200 OK arrived, for the achieved call rate. */
  answeredAtMs: number[];
  /** CPU used by SIPp itself (last sample before it exited), ms. */
  sippCpuMs: number | null;
  /** Last lines of SIPp's output when it did not exit with 0 or 1. */
  output: string;
  /** The statistics file was missing or unreadable: SIPp did not run. */
  noStats: boolean;
}

export function runSippStep(o: SippStepOptions): Promise<SippStepResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'webcall-bench-sipp-'));
  const args = [
    `127.0.0.1:${o.sipPort}`,
    '-sf',
    o.scenario,
    '-s',
    o.service,
    '-i',
    o.localIp,
    '-p',
    String(o.localPort),
    '-mi',
    o.localIp,
    '-mp',
    String(o.mediaPort),
    '-m',
    String(o.calls),
    '-r',
    String(o.rate),
    '-rp',
    '1000',
    '-l',
    String(o.limit),
    '-timeout',
    `${o.timeoutS}s`,
    '-timeout_error',
    '-nostdin',
    '-trace_stat',
    '-stf',
    path.join(dir, 'stat.csv'),
    '-fd',
    '1',
    '-trace_rtt',
    '-rtt_freq',
    '1',
    ...(o.extraArgs ?? []),
  ];
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn('sipp', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (d: Buffer) => {
      output = (output + d.toString()).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let sippCpuMs: number | null = null;
    const sampler = setInterval(() => {
      if (child.pid) sippCpuMs = cpuMs(child.pid) ?? sippCpuMs;
    }, 250);
    const finish = (exitCode: number | null) => {
      clearInterval(sampler);
      const wallMs = performance.now() - started;
      const stats = parseStats(path.join(dir, 'stat.csv'));
      const rtt = parseRtt(dir);
      rmSync(dir, { recursive: true, force: true });
      resolve({
        exitCode,
        wallMs,
        ...stats,
        ...rtt,
        sippCpuMs,
        output: output.trim().split('\n').slice(-30).join('\n'),
      });
    };
    child.on('error', (err) => {
      output += `\n${err.message}`;
      finish(null);
    });
    child.on('close', (code) => finish(code));
  });
}

type Stats = Pick<
  SippStepResult,
  'created' | 'successful' | 'failed' | 'retransmissions' | 'failures' | 'peakConcurrent' | 'noStats'
>;

function parseStats(file: string): Stats {
  const empty: Stats = {
    created: 0,
    successful: 0,
    failed: 0,
    retransmissions: 0,
    failures: {},
    peakConcurrent: 0,
    noStats: true,
  };
  if (!existsSync(file)) return empty;
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  if (lines.length < 2) return empty;
  const header = lines[0].split(';');
  const rows = lines.slice(1).map((l) => l.split(';'));
  const last = rows[rows.length - 1];
  const col = (row: string[], name: string) => {
    const i = header.indexOf(name);
    return i < 0 ? 0 : Number(row[i]) || 0;
  };
  const failures: Record<string, number> = {};
  header.forEach((name, i) => {
    if (name.startsWith('Failed') && name.endsWith('(C)') && name !== 'FailedCall(C)') {
      const n = Number(last[i]) || 0;
      if (n) failures[name.slice(0, -3)] = n;
    }
  });
  return {
    created: col(last, 'TotalCallCreated'),
    successful: col(last, 'SuccessfulCall(C)'),
    failed: col(last, 'FailedCall(C)'),
    retransmissions: col(last, 'Retransmissions(C)'),
    failures,
    peakConcurrent: Math.max(0, ...rows.map((r) => col(r, 'CurrentCall'))),
    noStats: false,
  };
}

/** `<scenario>_<pid>_rtt.csv`: `Date_ms;response_time_ms;rtd_no` (rtd_no = the counter's name). */
function parseRtt(dir: string): Pick<SippStepResult, 'setupMs' | 'answeredAtMs'> {
  const file = readdirSync(dir).find((f) => f.endsWith('_rtt.csv'));
  if (!file) return { setupMs: [], answeredAtMs: [] };
  const [header, ...lines] = readFileSync(path.join(dir, file), 'utf8').trim().split('\n');
  const names = header.split(';');
  const dateCol = Math.max(0, names.indexOf('Date_ms'));
  const rttCol = names.indexOf('response_time_ms') >= 0 ? names.indexOf('response_time_ms') : 1;
  const setupMs: number[] = [];
  const answeredAtMs: number[] = [];
  for (const line of lines) {
    const cells = line.split(';');
    const rtt = Number(cells[rttCol]);
    const date = Number(cells[dateCol]);
    if (!Number.isFinite(rtt)) continue;
    setupMs.push(rtt);
    if (Number.isFinite(date)) answeredAtMs.push(date);
  }
  return { setupMs, answeredAtMs };
}
