import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RefreshTokenEntity, transactionWithRetry } from '#database';
import { IsNull, Not, type DataSource, type EntityManager } from 'typeorm';
import { InvalidRefreshTokenError } from './auth.errors.js';
import { newOpaqueToken, sha256 } from './tokens.js';

export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;
/**
 * A token replaced less than this long ago may be presented once more: two tabs of one browser
 * refreshing at the same moment send the same cookie, and must not sign each other out.
 */
export const REUSE_GRACE_MS = 10_000;

export interface ClientInfo {
  userAgent: string | null;
  ip: string | null;
}

/**
 * Rotating refresh tokens. Each use replaces the token by a new one of the same family;
 * presenting an already replaced (or revoked) token means it was copied, so the whole
 * family is revoked and the caller has to log in again — except within REUSE_GRACE_MS of
 * its replacement while the family is alive (concurrent refreshes of one browser).
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
    const outcome = await transactionWithRetry(this.db, async (em) => {
      const current = await em.findOne(RefreshTokenEntity, {
        where: { tokenHash: sha256(raw) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current) return null;
      if (current.revokedAt) {
        if (await this.isConcurrentRefresh(em, current)) {
          const sibling = await this.insert(em, current.userId, current.familyId, client);
          return { userId: current.userId, token: sibling.token };
        }
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

  /** Replaced (not logged out) moments ago, and its successor still alive. */
  private async isConcurrentRefresh(em: EntityManager, token: RefreshTokenEntity): Promise<boolean> {
    if (!token.replacedBy || !token.revokedAt) return false;
    if (Date.now() - token.revokedAt.getTime() > REUSE_GRACE_MS) return false;
    const successor = await em.findOneBy(RefreshTokenEntity, { id: token.replacedBy });
    return successor !== null && successor.revokedAt === null;
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
