import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectEventually } from './eventually.js';

export interface SippRun {
  exitCode: number | null;
  successful: number;
  failed: number;
  /** Per-call setup times (INVITE → 200 OK) in ms, when `rtt` was asked. */
  setupMs: number[];
  output: string;
}

export interface SippOptions {
  sipPort: number;
  service: string;
  calls: number;
  rate: number;
  limit?: number;
  /** Source address: the simulated carrier. */
  localIp?: string;
  localPort?: number;
  timeoutS?: number;
  rtt?: boolean;
}

const SCENARIO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../sipp/uac-wait-bye.xml');

/** Places `calls` calls with SIPp from the simulated carrier and reports the outcome. */
export function runSipp(o: SippOptions): Promise<SippRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'webcall-sipp-'));
  const args = [
    `127.0.0.1:${o.sipPort}`,
    '-sf',
    SCENARIO,
    '-s',
    o.service,
    '-i',
    o.localIp ?? '127.0.0.2',
    '-p',
    String(o.localPort ?? 5070),
    '-mi',
    o.localIp ?? '127.0.0.2',
    '-mp',
    // RTP below Linux's ephemeral range (32768-60999) and clear of the stack profiles' ports.
    String(20000 + Math.floor(Math.random() * 4000) * 2),
    '-m',
    String(o.calls),
    '-r',
    String(o.rate),
    '-l',
    String(o.limit ?? Math.max(1, o.calls)),
    '-timeout',
    `${o.timeoutS ?? 120}s`,
    '-timeout_error',
    '-nostdin',
    '-trace_stat',
    '-stf',
    path.join(dir, 'stat.csv'),
    '-fd',
    '1',
    ...(o.rtt ? ['-trace_rtt', '-rtt_freq', '1'] : []),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('sipp', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (exitCode) => {
      const stats = parseStats(path.join(dir, 'stat.csv'));
      resolve({ exitCode, ...stats, setupMs: o.rtt ? parseRtt(dir) : [], output });
    });
  });
}

function parseStats(file: string): { successful: number; failed: number } {
  try {
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const header = lines[0].split(';');
    const last = lines[lines.length - 1].split(';');
    const col = (name: string) => Number(last[header.indexOf(name)] ?? NaN);
    return { successful: col('SuccessfulCall(C)'), failed: col('FailedCall(C)') };
  } catch {
    return { successful: 0, failed: NaN };
  }
}

function parseRtt(dir: string): number[] {
  const file = readdirSync(dir).find((f) => f.endsWith('_rtt.csv'));
  if (!file) return [];
  return readFileSync(path.join(dir, file), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => Number(line.split(';')[1]))
    .filter((n) => Number.isFinite(n));
}

const REGISTER_SCENARIO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../sipp/register.xml');

export interface SippRegisterOptions {
  sipPort: number;
  username: string;
  password: string;
  /** Source address, e.g. an attacker on 127.0.0.32. */
  localIp: string;
  localPort?: number;
}

/**
 * One REGISTER with digest authentication from `localIp`; resolves to the final status code
 * Asterisk answered (200 registered, 401 refused credentials, 403 forbidden), or 0 when no
 * final answer came.
 */
export function sippRegister(o: SippRegisterOptions): Promise<number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'webcall-sipp-reg-'));
  const trace = path.join(dir, 'messages.log');
  const args = [
    `127.0.0.1:${o.sipPort}`,
    '-sf',
    REGISTER_SCENARIO,
    '-s',
    o.username,
    '-au',
    o.username,
    '-ap',
    o.password,
    '-i',
    o.localIp,
    '-p',
    String(o.localPort ?? 5090),
    '-m',
    '1',
    '-timeout',
    '10s',
    '-nostdin',
    '-trace_msg',
    '-message_file',
    trace,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('sipp', args, { cwd: dir, stdio: ['ignore', 'ignore', 'ignore'] });
    child.on('error', reject);
    child.on('close', () => {
      let log = '';
      try {
        log = readFileSync(trace, 'utf8');
      } catch {
        // no trace: nothing was exchanged
      }
      const codes = [...log.matchAll(/^SIP\/2\.0 (\d{3}) /gm)].map((m) => Number(m[1]));
      resolve(codes.at(-1) ?? 0);
    });
  });
}

const REGISTRAR_SCENARIO = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../sipp/registrar.xml',
);

export interface SippRegistrar {
  /** REGISTER requests answered 200 (accepted credentials) so far. */
  accepted(): number;
  /** REGISTER requests answered 403 (wrong credentials) so far. */
  refused(): number;
  stop(): Promise<void>;
}

/**
 * A carrier's registrar: SIPp as UAS on `ip:port` challenging every REGISTER and accepting the
 * given credentials (test/sipp/registrar.xml). Runs until stopped.
 */
export async function startRegistrar(o: {
  ip: string;
  port: number;
  username: string;
  password: string;
}): Promise<SippRegistrar> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'webcall-sipp-registrar-'));
  const trace = path.join(dir, 'messages.log');
  const args = [
    '-sf',
    REGISTRAR_SCENARIO,
    '-i',
    o.ip,
    '-p',
    String(o.port),
    '-set',
    'user',
    o.username,
    '-set',
    'pass',
    o.password,
    '-nostdin',
    '-trace_msg',
    '-message_file',
    trace,
  ];
  const child = spawn('sipp', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (d: Buffer) => (errors += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const count = (status: number) => {
    try {
      return [...readFileSync(trace, 'utf8').matchAll(new RegExp(`^SIP/2\\.0 ${status} `, 'gm'))].length;
    } catch {
      return 0;
    }
  };
  // Ready once its UDP port is taken (binding it ourselves fails).
  await expectEventually(async () => {
    if (child.exitCode !== null) throw new Error(`sipp registrar exited: ${errors}`);
    expect(await udpPortTaken(o.ip, o.port)).toBe(true);
  });
  return {
    accepted: () => count(200),
    refused: () => count(403),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

function udpPortTaken(ip: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      resolve(true);
    });
    socket.bind(port, ip, () => socket.close(() => resolve(false)));
  });
}
