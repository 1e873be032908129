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
  const rows: { recent: number | string }[] = await db.query(
    `SELECT COUNT(*) AS n, MAX(updated_at) AS at, MAX(updated_at) >= NOW() - INTERVAL ${UNSETTLED_S} SECOND AS recent
       FROM tenants`,
  );
  return settledStamp(rows);
}

/** A change this recent may share its `updated_at` second with the one before it (TypeORM writes
 *  whole seconds), so an equal stamp proves nothing: such a stamp never equals the last one. */
export const UNSETTLED_S = 3;

export function settledStamp(rows: { recent: number | string }[]): string {
  const recent = rows.some((r) => Number(r.recent) === 1);
  return recent ? `${JSON.stringify(rows)} ${process.hrtime.bigint()}` : JSON.stringify(rows);
}
