// What the benchmark ran on.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import mysql from 'mysql2/promise';
import type { StackInfo } from '../../scripts/stack-info.ts';
import type { Machine } from './types.ts';

/** stdout + stderr of a command, whatever its exit code (`sipp -v` exits with 99). */
function command(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 15_000 });
  return `${r.stdout ?? ''}\n${r.stderr ?? ''}`;
}

export async function describeMachine(info: StackInfo, databaseUrl: string | undefined): Promise<Machine> {
  let cpuModel = os.cpus()[0]?.model ?? 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) cpuModel = line.split(':')[1].trim();
  } catch {
    // not Linux: keep os.cpus()
  }

  let asterisk = 'external Asterisk (version unknown)';
  if (info.asteriskCli) {
    const [cmd, ...args] = info.asteriskCli;
    const out = command(cmd, [...args, '-rx', 'core show version'])
      .trim()
      .split('\n')[0];
    if (out) asterisk = out.replace(/ built by .*$/, '');
  }

  const sipp =
    command('sipp', ['-v'])
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.startsWith('SIPp')) ?? 'SIPp (version unknown)';

  let mariadb = 'unknown';
  if (databaseUrl) {
    try {
      const db = await mysql.createConnection({ uri: databaseUrl });
      const [rows] = await db.query('SELECT VERSION() AS v');
      mariadb = String((rows as { v: string }[])[0].v);
      await db.end();
    } catch {
      // reported as unknown
    }
  }

  return {
    cpus: os.availableParallelism(),
    cpuModel,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    asterisk,
    sipp,
    mariadb,
  };
}
