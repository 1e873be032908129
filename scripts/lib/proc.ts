import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { log, SetupError } from './log.ts';

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  /** Resolves with the exit code (or signal name) when the process ends. */
  exited: Promise<number | string>;
  running: boolean;
}

export interface SpawnManagedOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Called for each output line (stdout and stderr); return false to hide the line. */
  onLine?: (line: string) => boolean | void;
  quiet?: boolean;
}

/**
 * Processes started by the stack. Each child leads its own process group so that stopping
 * it also stops whatever it spawned; pids are recorded so a later run can clean up after a
 * run that was killed with SIGKILL.
 */
export class ProcessGroup {
  readonly processes: ManagedProcess[] = [];
  private readonly pidFile: string;

  constructor(pidFile: string) {
    this.pidFile = pidFile;
  }

  spawn(name: string, cmd: string, args: string[], options: SpawnManagedOptions = {}): ManagedProcess {
    const child = spawn(cmd, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const managed: ManagedProcess = {
      name,
      child,
      running: true,
      exited: new Promise((resolve) => {
        child.on('exit', (code, signal) => {
          managed.running = false;
          resolve(code ?? signal ?? 'unknown');
        });
        child.on('error', (err) => {
          managed.running = false;
          log(name, `failed to start: ${err.message}`);
          resolve('spawn-error');
        });
      }),
    };
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        const show = options.onLine?.(line);
        if (show !== false && !options.quiet) log(name, line);
      });
    }
    this.processes.push(managed);
    this.recordPids();
    return managed;
  }

  private recordPids(): void {
    const pids = this.processes.filter((p) => p.running && p.child.pid).map((p) => p.child.pid);
    writeFileSync(this.pidFile, JSON.stringify({ owner: process.pid, pids }));
  }

  async stop(managed: ManagedProcess, timeoutMs = 10_000): Promise<void> {
    if (!managed.running || !managed.child.pid) return;
    signalGroup(managed.child.pid, 'SIGTERM');
    const timer = setTimeout(() => managed.child.pid && signalGroup(managed.child.pid, 'SIGKILL'), timeoutMs);
    await managed.exited;
    clearTimeout(timer);
    // The leader may exit before its children: make sure the whole group is gone.
    signalGroup(managed.child.pid, 'SIGKILL');
    this.recordPids();
  }

  /** Stops everything, most recently started first (api before the database). */
  async stopAll(): Promise<void> {
    for (const managed of [...this.processes].reverse()) await this.stop(managed);
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function isStackProcess(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('scripts/stack.ts');
  } catch {
    return false;
  }
}

/**
 * Before a run: refuses when another stack of this profile is alive (its processes are not
 * ours to kill), else kills the process groups a previous run left behind (after kill -9).
 */
export function killLeftovers(pidFile: string, marker: string): number {
  if (!existsSync(pidFile)) return 0;
  let recorded: { owner?: number; pids?: number[] } = {};
  try {
    recorded = JSON.parse(readFileSync(pidFile, 'utf8'));
  } catch {
    // unreadable: treat as empty
  }
  if (recorded.owner && recorded.owner !== process.pid && isStackProcess(recorded.owner)) {
    throw new SetupError(
      `WebCall (${path.basename(marker)}) is already running from this folder (pid ${recorded.owner}). ` +
        `Stop it with Ctrl-C in its terminal, or: kill ${recorded.owner}`,
    );
  }
  let killed = 0;
  for (const pid of recorded.pids ?? []) {
    try {
      // Only kill what is still ours: a recycled pid would not carry our marker.
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
      if (!cmdline.includes(marker) && !environ.includes(marker)) continue;
      process.kill(-pid, 'SIGKILL');
      killed++;
    } catch {
      // not running
    }
  }
  writeFileSync(pidFile, JSON.stringify({ owner: process.pid, pids: [] }));
  return killed;
}
