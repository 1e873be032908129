import type { HealthResponse } from '#contracts';
import { startApi } from '../support/api.js';
import { expectEventually } from '../support/eventually.js';
import { startApp, type AppProcess } from '../support/processes.js';
import { stackInfo } from '../support/stack-info.js';

describe('api on the real servers', () => {
  const info = stackInfo();
  let api: AppProcess;

  beforeAll(async () => {
    api = await startApi(info);
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('given database, ARI and AMI are up when /api/health is asked then every component is up', async () => {
    const res = await fetch(`${info.apiUrl}/api/health`);
    const body = (await res.json()) as HealthResponse;

    expect(res.status).toBe(200);
    expect(body.status).toBe('ok');
    for (const name of ['database', 'ari', 'ami'] as const) {
      expect(body.components[name].status).toBe('up');
      expect(body.components[name].latencyMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('given the api when the OpenAPI document is asked then every operation has a summary and a documented success answer, and the docs page is served', async () => {
    const doc = (await (await fetch(`${info.apiUrl}/api/docs-json`)).json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { summary?: string; responses: Record<string, { content?: unknown }> }>
      >;
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/health');
    const undocumented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => {
          const success = Object.entries(op.responses).filter(([code]) => code.startsWith('2'));
          const described = success.some(
            ([code, r]) => r.content !== undefined || code === '204' || code === '202',
          );
          return !op.summary || !described;
        })
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(undocumented).toEqual([]);

    const page = await fetch(`${info.apiUrl}/api/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger');
  });

  it('given an unknown API path when asked then it is a JSON 404, not the console page', async () => {
    const res = await fetch(`${info.apiUrl}/api/no-such-thing`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
  });

  it('given a console deep link when asked then index.html is served for client-side routing', async () => {
    const res = await fetch(`${info.apiUrl}/settings/users`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<wc-root');
  });

  it('given a wrong AMI secret when the api runs then health reports AMI down and answers 503', async () => {
    const port = info.ports.http + 7;
    const broken = await startApp('dist/apps/api/src/main.js', {
      ...info.env,
      HTTP_PORT: String(port),
      AMI_SECRET: 'wrong-secret',
    });
    try {
      const body = await expectEventually(
        async () => {
          const res = await fetch(`http://127.0.0.1:${port}/api/health`);
          expect(res.status).toBe(503);
          return (await res.json()) as HealthResponse;
          // A whole api process starting (slow on a loaded machine), not a response time.
        },
        { timeoutMs: 60_000 },
      );
      expect(body.status).toBe('degraded');
      expect(body.components.ami.status).toBe('down');
      expect(body.components.database.status).toBe('up');
      expect(body.components.ari.status).toBe('up');
    } finally {
      await broken.stop();
    }
  });

  it('given an invalid configuration when the api starts then it exits non-zero naming the bad field', async () => {
    const bad = startApp('dist/apps/api/src/main.js', {
      ...info.env,
      DATABASE_URL: 'postgres://nope',
      HTTP_PORT: '70000',
    });
    const code = await bad.exited;
    expect(code).not.toBe(0);
    expect(bad.output()).toContain('DATABASE_URL: must be a mysql:// URL');
    expect(bad.output()).toContain('HTTP_PORT');
  });
});
