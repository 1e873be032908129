import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve('.');

/** Runs `scripts/stack.ts start` in its own state directory, with no server of this run given. */
export function spawnStack(stateName: string, env: Record<string, string>): ChildProcess {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(DATABASE_URL|ARI_|AMI_|WEBCALL_|HTTP_PORT|CALLFLOW_)/.test(k),
    ),
  );
  return spawn(process.execPath, ['scripts/stack.ts', 'start'], {
    cwd: ROOT,
    env: { ...clean, NO_COLOR: '1', WEBCALL_STATE_NAME: stateName, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Pids of the processes a stack started for a state directory (they carry WEBCALL_STACK). */
export function processesOf(stateDir: string): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'utf8').includes(`WEBCALL_STACK=${stateDir}`);
      } catch {
        return false;
      }
    })
    .map(Number);
}
