import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RefreshTokenEntity } from '#database';
import { IsNull, Not, type DataSource, type EntityManager } from 'typeorm';
import { InvalidRefreshTokenError } from './auth.errors.js';
import { newOpaqueToken, sha256 } from './tokens.js';

export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;

export interface ClientInfo {
  userAgent: string | null;
  ip: string | null;
}

/**
 * Rotating refresh tokens. Each use replaces the token by a new one of the same family;
 * presenting an already replaced (or revoked) token means it was copied, so the whole
 * family is revoked and the caller has to log in again.
 */
@Injectable()
export class RefreshTokenService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Starts a new family (login); returns the raw token for the cookie. */
  async issue(userId: number, client: ClientInfo, em: EntityManager = this.db.manager): Promise<string> {
    const { token } = await this.insert(em, userId, randomUUID(), client);
    return token;
  }

  /** Rotates a token; returns the user id and the new raw token. */
  async rotate(raw: string, client: ClientInfo): Promise<{ userId: number; token: string }> {
    const outcome = await this.db.transaction(async (em) => {
      const current = await em.findOne(RefreshTokenEntity, {
        where: { tokenHash: sha256(raw) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current) return null;
      if (current.revokedAt) {
        await this.revokeFamily(em, current.familyId);
        return 'reused' as const;
      }
      if (current.expiresAt.getTime() <= Date.now()) return null;
      const next = await this.insert(em, current.userId, current.familyId, client);
      current.revokedAt = new Date();
      current.replacedBy = next.id;
      await em.save(current);
      return { userId: current.userId, token: next.token };
    });
    // The family revocation must be committed, so the error is thrown after the transaction.
    if (!outcome || outcome === 'reused') throw new InvalidRefreshTokenError();
    return outcome;
  }

  /** Revokes one token (logout); unknown tokens are ignored. */
  async revoke(raw: string): Promise<void> {
    await this.db
      .getRepository(RefreshTokenEntity)
      .update({ tokenHash: sha256(raw), revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Revokes every session of a user (password reset), except the one of `keepRaw` if given. */
  async revokeAllOfUser(
    userId: number,
    em: EntityManager = this.db.manager,
    keepRaw?: string,
  ): Promise<void> {
    const keep = keepRaw
      ? await em.findOneBy(RefreshTokenEntity, { tokenHash: sha256(keepRaw), userId })
      : null;
    const where = { userId, revokedAt: IsNull(), ...(keep ? { familyId: Not(keep.familyId) } : {}) };
    await em.update(RefreshTokenEntity, where, { revokedAt: new Date() });
  }

  private async revokeFamily(em: EntityManager, familyId: string): Promise<void> {
    await em.update(RefreshTokenEntity, { familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  private async insert(
    em: EntityManager,
    userId: number,
    familyId: string,
    client: ClientInfo,
  ): Promise<{ id: string; token: string }> {
    const token = newOpaqueToken();
    const row = await em.save(
      em.create(RefreshTokenEntity, {
        userId,
        familyId,
        tokenHash: sha256(token),
        expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_MS),
        revokedAt: null,
        replacedBy: null,
        userAgent: client.userAgent?.slice(0, 255) ?? null,
        ip: client.ip?.slice(0, 45) ?? null,
      }),
    );
    return { id: row.id, token };
  }
}
