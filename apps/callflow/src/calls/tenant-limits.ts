import { TenantEntity } from '#database';
import type { DataSource } from 'typeorm';
import { settledStamp, UNSETTLED_S } from './refreshing-snapshot.js';
import type { TenantLimits } from './tenant-gate.js';

/** Every tenant's status and concurrent-call quota (a few bytes per tenant). */
export async function loadTenantLimits(db: DataSource): Promise<Map<number, TenantLimits>> {
  const rows = await db.getRepository(TenantEntity).find({
    select: { id: true, status: true, quotaConcurrentCalls: true },
  });
  return new Map(
    rows.map((t) => [
      t.id,
      { suspended: t.status === 'suspended', maxConcurrentCalls: t.quotaConcurrentCalls },
    ]),
  );
}

/** Changes when a tenant is added or changed (see `settledStamp` for changes within one second). */
export async function tenantLimitsStamp(db: DataSource): Promise<string> {
  const rows: { recent: number | string }[] = await db.query(
    `SELECT COUNT(*) AS n, MAX(updated_at) AS at, MAX(updated_at) >= NOW() - INTERVAL ${UNSETTLED_S} SECOND AS recent
       FROM tenants`,
  );
  return settledStamp(rows);
}
