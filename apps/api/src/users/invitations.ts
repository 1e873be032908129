import { Inject, Injectable } from '@nestjs/common';
import { UserTokenEntity, type UserEntity } from '#database';
import { IsNull, type EntityManager } from 'typeorm';
import { newOpaqueToken, sha256 } from '../auth/tokens.js';
import { API_CONFIG, type ApiConfig } from '../config/api-config.js';
import { MailService } from '../mail/mail.service.js';

export const INVITE_TTL_DAYS = 7;
export const FIRST_EXTENSION = 1001;

/** The next free extension of a tenant (from 1001); call it with the tenant row locked. */
export async function nextExtension(em: EntityManager, tenantId: number): Promise<string> {
  const [row] = await em.query<{ n: string | number | null }[]>(
    `SELECT MAX(CAST(extension AS UNSIGNED)) AS n FROM users WHERE tenant_id = ? AND extension REGEXP '^[0-9]+$'`,
    [tenantId],
  );
  const max = row?.n === null || row?.n === undefined ? 0 : Number(row.n);
  return String(Math.max(FIRST_EXTENSION, max + 1));
}

/** Invitation links: single-use tokens (only their hash stored) mailed with a set-password link. */
@Injectable()
export class InvitationService {
  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly mail: MailService,
  ) {}

  /** A new invitation token for the user; earlier unused ones stop working. */
  async issue(em: EntityManager, userId: number): Promise<string> {
    await em.update(UserTokenEntity, { userId, kind: 'invite', usedAt: IsNull() }, { usedAt: new Date() });
    const token = newOpaqueToken();
    await em.insert(UserTokenEntity, {
      userId,
      kind: 'invite',
      tokenHash: sha256(token),
      expiresAt: new Date(Date.now() + INVITE_TTL_DAYS * 24 * 3600 * 1000),
      usedAt: null,
    });
    return token;
  }

  /** Mails the invitation (after the transaction that issued the token has committed). */
  async send(user: UserEntity, company: string, token: string): Promise<void> {
    const link = new URL('/reset-password', this.config.PUBLIC_URL);
    link.searchParams.set('token', token);
    link.searchParams.set('invite', '1');
    await this.mail.send(user.email, 'invite', user.language, {
      name: user.fullName,
      company,
      link: link.toString(),
      days: INVITE_TTL_DAYS,
    });
  }
}
