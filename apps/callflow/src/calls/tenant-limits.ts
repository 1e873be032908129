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
