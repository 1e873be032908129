import { createServer } from 'node:net';
import { statfsSync } from 'node:fs';
import { SetupError } from './log.ts';

export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export async function assertPortsFree(ports: { port: number; what: string; env: string }[]): Promise<void> {
  const busy: string[] = [];
  for (const { port, what, env } of ports) {
    if (!(await isPortFree(port)))
      busy.push(
        `  port ${port} (${what}) is already in use: stop what uses it (ss -ltnp 'sport = :${port}') or choose another with ${env}=...`,
      );
  }
  if (busy.length) throw new SetupError(`Cannot start: \n${busy.join('\n')}`);
}

/** Thrown by a waitFor probe when waiting longer is pointless (the process died). */
export class GiveUp extends Error {}

export async function waitFor<T>(
  probe: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs: number,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      if (err instanceof GiveUp) throw err;
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${reason}`);
}

export function assertDiskSpace(dir: string, minBytes: number, purpose: string): void {
  const stats = statfsSync(dir);
  const free = stats.bavail * stats.bsize;
  if (free < minBytes) {
    throw new SetupError(
      `Not enough disk space for ${purpose}: ${(free / 2 ** 30).toFixed(2)} GiB free in ${dir}, ` +
        `${(minBytes / 2 ** 30).toFixed(1)} GiB needed. Free some space and retry.`,
    );
  }
}
