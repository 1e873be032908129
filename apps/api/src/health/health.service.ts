import { Inject, Injectable } from '@nestjs/common';
import { AmiClient } from '#ami';
import { AriClient } from '#ari';
import type { ComponentHealth, HealthResponse } from '#contracts';
import { DataSource } from 'typeorm';

const PROBE_TIMEOUT_MS = 2_000;

async function probe(check: () => Promise<unknown>): Promise<ComponentHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)),
          PROBE_TIMEOUT_MS,
        );
      }),
    ]);
    return { status: 'up', latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (err) {
    return { status: 'down', detail: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

@Injectable()
export class HealthService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(AriClient) private readonly ari: AriClient,
    @Inject(AmiClient) private readonly ami: AmiClient,
  ) {}

  /** Probes the three dependencies in parallel; each answers within PROBE_TIMEOUT_MS. */
  async check(version: string): Promise<HealthResponse> {
    const [database, ari, ami] = await Promise.all([
      probe(() => this.db.query('SELECT 1')),
      probe(() => this.ari.asterisk.ping()),
      probe(() => this.ami.action({ Action: 'Ping' })),
    ]);
    const components = { database, ari, ami };
    const ok = Object.values(components).every((c) => c.status === 'up');
    return { status: ok ? 'ok' : 'degraded', version, checkedAt: new Date().toISOString(), components };
  }
}
