import { spawn, type SpawnOptions } from 'node:child_process';

export interface ExecResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion and captures its output (for short set-up commands). */
export function exec(cmd: string, args: string[], options: SpawnOptions = {}): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Like exec, but throws with the command's stderr when it fails. */
export async function run(cmd: string, args: string[], options: SpawnOptions = {}): Promise<string> {
  const result = await exec(cmd, args, options);
  if (result.code !== 0) {
    const output = (result.stderr || result.stdout).trim().split('\n').slice(-15).join('\n');
    throw new Error(`${cmd} ${args.join(' ')} exited with ${result.code}\n${output}`);
  }
  return result.stdout;
}

const foreground = new Set<number>();

/**
 * Runs a command with its output streamed to ours (npm ci, the test runners). It leads its
 * own process group, and the whole group is killed when it ends, so nothing it spawned (an
 * app started by a test that timed out, say) outlives it.
 */
export function runInherit(cmd: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...options, stdio: 'inherit', detached: true });
    if (child.pid) foreground.add(child.pid);
    child.on('error', reject);
    child.on('close', (code) => {
      if (child.pid) {
        foreground.delete(child.pid);
        killGroup(child.pid);
      }
      if (code === 0) resolve();
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`));
    });
  });
}

/** Stops the foreground commands (Ctrl-C of the stack). */
export function killForeground(): void {
  for (const pid of foreground) killGroup(pid);
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

export async function which(bin: string, extraDirs: string[] = []): Promise<string | null> {
  const { existsSync } = await import('node:fs');
  const dirs = [
    ...(process.env.PATH ?? '').split(':'),
    '/usr/sbin',
    '/sbin',
    '/usr/local/sbin',
    ...extraDirs,
  ];
  for (const dir of dirs) {
    if (dir && existsSync(`${dir}/${bin}`)) return `${dir}/${bin}`;
  }
  return null;
}
