import { expectEventually } from './eventually.js';
import { startApp, type AppProcess } from './processes.js';
import type { StackInfo } from './stack-info.js';

/** Starts the real api process against the run's servers and waits until it is healthy. */
export async function startApi(info: StackInfo, env: Record<string, string> = {}): Promise<AppProcess> {
  const api = startApp('dist/apps/api/src/main.js', { ...info.env, ...env });
  await expectEventually(
    async () => {
      if (api.child.exitCode !== null) throw new Error(`api exited:\n${api.output()}`);
      const res = await fetch(`${info.apiUrl}/api/health`);
      return res.status === 200;
    },
    { timeoutMs: 30_000, intervalMs: 200 },
  );
  return api;
}
