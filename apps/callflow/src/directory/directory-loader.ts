import { SipAccountEntity, UserEntity } from '#database';
import type { DataSource } from 'typeorm';
import type { DirectoryIndex } from './extension-directory.js';
import { settledStamp, UNSETTLED_S } from '../calls/refreshing-snapshot.js';

/** Active users with a SIP account, by tenant and extension. */
export async function loadDirectory(db: DataSource): Promise<DirectoryIndex> {
  const rows = await db
    .getRepository(UserEntity)
    .createQueryBuilder('u')
    .innerJoin(SipAccountEntity, 's', 's.user_id = u.id')
    .select([
      'u.id AS userId',
      'u.tenant_id AS tenantId',
      'u.extension AS extension',
      'u.full_name AS fullName',
      'u.presence AS presence',
    ])
    .addSelect('s.username', 'endpoint')
    .where("u.status = 'active' AND u.extension IS NOT NULL AND u.tenant_id IS NOT NULL")
    .getRawMany<{
      userId: number;
      tenantId: number;
      extension: string;
      presence: string;
      fullName: string;
      endpoint: string;
    }>();
  const index: DirectoryIndex = new Map();
  for (const r of rows) {
    const tenantId = Number(r.tenantId);
    let tenant = index.get(tenantId);
    if (!tenant) index.set(tenantId, (tenant = new Map()));
    tenant.set(r.extension, {
      userId: Number(r.userId),
      tenantId,
      extension: r.extension,
      fullName: r.fullName,
      endpoint: r.endpoint,
      dnd: r.presence === 'dnd',
    });
  }
  return index;
}

/** Changes when a user or SIP account is added, changed or removed (a deletion changes the count;
 *  see `settledStamp` for changes within one second). */
export async function directoryStamp(db: DataSource): Promise<string> {
  const rows: { recent: number | string }[] = await db.query(
    `SELECT u.n AS users, u.at AS usersAt, s.n AS sip, s.at AS sipAt,
            GREATEST(COALESCE(u.at, 0), COALESCE(s.at, 0)) >= NOW() - INTERVAL ${UNSETTLED_S} SECOND AS recent
       FROM (SELECT COUNT(*) AS n, MAX(updated_at) AS at FROM users) u,
            (SELECT COUNT(*) AS n, MAX(updated_at) AS at FROM sip_accounts) s`,
  );
  return settledStamp(rows);
}
