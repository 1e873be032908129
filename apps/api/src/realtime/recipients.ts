import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Language } from '#contracts';
import type { DataSource } from 'typeorm';
import type { RecipientLookup } from './call-event-relay.js';
import type { TenantMembership } from './queue-event-relay.js';

/**
 * Who works at a tenant's extension now, asked per event (one indexed lookup on
 * `uq_users_tenant_extension`): a user disabled, deleted or re-numbered, or a company suspended,
 * since their socket connected gets nothing more.
 */
@Injectable()
export class DatabaseRecipients implements RecipientLookup, TenantMembership {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async usersAt(tenantId: number, extension: string): Promise<number[]> {
    const rows = await this.db.query<{ id: number }[]>(
      `SELECT u.id FROM users u JOIN tenants t ON t.id = u.tenant_id
        WHERE u.tenant_id = ? AND u.extension = ? AND u.status = 'active' AND u.deleted_at IS NULL
          AND t.status <> 'suspended'`,
      [tenantId, extension],
    );
    return rows.map((r) => Number(r.id));
  }

  /** The same users with what a mail to them needs. */
  async contactsAt(
    tenantId: number,
    extension: string,
  ): Promise<{ email: string; fullName: string; language: Language }[]> {
    const rows = await this.db.query<{ email: string; fullName: string; language: string }[]>(
      `SELECT u.email, u.full_name AS fullName, u.language FROM users u JOIN tenants t ON t.id = u.tenant_id
        WHERE u.tenant_id = ? AND u.extension = ? AND u.status = 'active' AND u.deleted_at IS NULL
          AND t.status <> 'suspended'`,
      [tenantId, extension],
    );
    return rows.map((r) => ({ ...r, language: r.language === 'en' ? 'en' : 'vi' }));
  }

  /** Whether the user belongs to the tenant and is not deleted (agent events go to that user only). */
  async belongsTo(tenantId: number, userId: number): Promise<boolean> {
    const rows = await this.db.query<{ id: number }[]>(
      `SELECT u.id FROM users u WHERE u.id = ? AND u.tenant_id = ? AND u.deleted_at IS NULL AND u.status <> 'deleted'`,
      [userId, tenantId],
    );
    return rows.length > 0;
  }
}
