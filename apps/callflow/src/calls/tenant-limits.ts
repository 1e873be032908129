import { TenantEntity } from '#database';
import type { DataSource } from 'typeorm';
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

/** Changes when a tenant is added or changed (`updated_at` is bumped by MariaDB on every update). */
export async function tenantLimitsStamp(db: DataSource): Promise<string> {
  const rows: unknown[] = await db.query('SELECT COUNT(*) AS n, MAX(updated_at) AS at FROM tenants');
  return JSON.stringify(rows);
}
