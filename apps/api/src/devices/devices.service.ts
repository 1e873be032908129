import { HttpStatus, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AmiClient } from '#ami';
import type { DeviceInfo, DeviceMode, SipTransport } from '#contracts';
import { pjsipAccountObjects, sipAccountId, type PjsipAccountObjects } from '#asterisk-config';
import { SipAccountEntity, TenantEntity, UserEntity } from '#database';
import { In, type DataSource } from 'typeorm';
import { DomainError, ForbiddenError } from '../common/domain-error.js';
import type { Principal } from '../common/principal.js';
import { API_CONFIG, type ApiConfig } from '../config/api-config.js';
import { NotFoundError } from '../tenancy/tenant-scope.js';
import { PjsipPushService } from './pjsip-push.service.js';
import { newSipPassword, SipSecretBox } from './sip-secret.js';

/** The context of every device call (asterisk-conf/extensions.conf). */
export const DEVICE_CONTEXT = 'webcall-devices';

export class AsteriskApplyError extends DomainError {
  constructor(reason: string) {
    super(HttpStatus.SERVICE_UNAVAILABLE, 'asterisk_apply_failed', [], { reason });
  }
}

/** Users whose account has no phone yet: invited (no password), disabled, deleted, operators. */
export class NoDeviceError extends DomainError {
  constructor() {
    super(HttpStatus.CONFLICT, 'no_device');
  }
}

/**
 * Users' SIP accounts (F4, F5): the database holds the truth (mode, sealed password), Asterisk
 * holds a pushed copy for every active user with an extension. `sync*` make Asterisk match the
 * database; they run at start-up, after every Asterisk (re)boot and after each user change.
 */
@Injectable()
export class DevicesService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DevicesService.name);
  private readonly box: SipSecretBox;
  private readonly invalidationListeners: ((userId: number) => Promise<void>)[] = [];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly push: PjsipPushService,
    private readonly ami: AmiClient,
  ) {
    this.box = new SipSecretBox(config.SIP_SECRET_KEY);
  }

  onApplicationBootstrap(): void {
    // Every Asterisk start (and every AMI login: Asterisk then says FullyBooted at once): push
    // all accounts again (Asterisk keeps them in memory only). Not on the login itself: after a
    // restart AMI takes logins before ARI configuration works (503 "Asterisk not booted").
    // The first login may have happened already.
    this.ami.on(
      'FullyBooted',
      () => void this.syncAll().catch((err: Error) => this.logger.warn(err.message)),
    );
    if (this.ami.isConnected) void this.syncAll().catch((err: Error) => this.logger.warn(err.message));
  }

  /** The device of `userId` as seen by `viewer` (the password only for the owner and admins). */
  async get(viewer: Principal, userId: number): Promise<DeviceInfo> {
    const { user, account } = await this.loadActive(viewer, userId);
    const withPassword = viewer.userId === userId || viewer.role === 'admin';
    return this.view(user, account, withPassword);
  }

  /** Switches the mode: Asterisk first (verified, rolled back on failure), then the database. */
  async setMode(viewer: Principal, userId: number, mode: DeviceMode): Promise<DeviceInfo> {
    const { user, account } = await this.loadActive(viewer, userId);
    if (account.mode !== mode) {
      await this.applyChange(user, account, { ...account, mode } as SipAccountEntity);
      await this.db.getRepository(SipAccountEntity).update({ userId }, { mode });
      account.mode = mode;
      if (mode !== 'sip') await this.invalidated(userId);
    }
    return this.view(user, account, true);
  }

  /** A new SIP password; the old one stops working at once (phones must be re-configured). */
  async regeneratePassword(viewer: Principal, userId: number): Promise<DeviceInfo> {
    const { user, account } = await this.loadActive(viewer, userId);
    const next = { ...account, secretEnc: this.secrets().seal(newSipPassword()) } as SipAccountEntity;
    await this.applyChange(user, account, next);
    await this.db
      .getRepository(SipAccountEntity)
      .update({ userId }, { secretEnc: next.secretEnc, secretUpdatedAt: new Date() });
    await this.invalidated(userId);
    return this.view(user, next, true);
  }

  /** Makes Asterisk match the database for one user (after any change of that user). */
  async syncUser(userId: number): Promise<void> {
    try {
      const user = await this.db.getRepository(UserEntity).findOneBy({ id: userId });
      const account = await this.db.getRepository(SipAccountEntity).findOneBy({ userId });
      if (user && this.wantsPhone(user)) {
        const live = await this.ensureAccount(user, account);
        await this.push.apply(this.objects(user, live), null);
      } else if (account) {
        await this.push.remove(account.username);
        // A disabled user keeps mode and password for when they are enabled again.
        if (!user || user.status === 'deleted')
          await this.db.getRepository(SipAccountEntity).delete({ userId });
      }
    } catch (err) {
      this.logger.warn(`could not sync the phone of user ${userId}: ${(err as Error).message}`);
    }
  }

  /** Pushes every active user's account; removes accounts of users who no longer have one. */
  async syncAll(): Promise<{ pushed: number; removed: number; failed: number }> {
    const result = { pushed: 0, removed: 0, failed: 0 };
    const started = Date.now();
    const users = await this.db
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .innerJoin(TenantEntity, 't', 't.id = u.tenant_id')
      .where("u.status = 'active' AND u.extension IS NOT NULL")
      .getMany();
    const accounts = await this.db.getRepository(SipAccountEntity).find();
    const byUser = new Map(accounts.map((a) => [a.userId, a]));
    const wanted = new Set(users.map((u) => u.id));
    const deleted = new Set(
      (
        await this.db.getRepository(UserEntity).find({
          select: { id: true },
          where: { id: In(accounts.map((a) => a.userId).filter((id) => !wanted.has(id))), status: 'deleted' },
        })
      ).map((u) => u.id),
    );
    for (const account of accounts.filter((a) => !wanted.has(a.userId))) {
      await this.push.remove(account.username).catch(() => result.failed++);
      if (deleted.has(account.userId))
        await this.db.getRepository(SipAccountEntity).delete({ userId: account.userId });
      result.removed++;
    }
    // Bounded parallelism: the ARI client caps requests in flight anyway.
    const objects: PjsipAccountObjects[] = [];
    for (const user of users) {
      try {
        objects.push(this.objects(user, await this.ensureAccount(user, byUser.get(user.id) ?? null)));
      } catch (err) {
        result.failed++;
        this.logger.warn(`could not prepare the phone of user ${user.id}: ${(err as Error).message}`);
      }
    }
    // Bulk: phased (all aors, auths, then endpoints) and without read-back, see applyBulk.
    const failed = await this.push.applyBulk(objects);
    result.pushed += objects.length - failed.size;
    result.failed += failed.size;
    if (failed.size)
      this.logger.warn(`could not push ${failed.size} phone(s): ${[...failed].slice(0, 10).join(', ')}`);
    this.logger.log(
      `phones synced with Asterisk: ${result.pushed} pushed, ${result.removed} removed, ${result.failed} failed in ${Date.now() - started} ms`,
    );
    return result;
  }

  /**
   * Other modules (provisioning) learn here that what they handed out for a user is stale: the
   * SIP password changed or the user left SIP mode. Awaited before the change is answered.
   */
  onAccountInvalidated(listener: (userId: number) => Promise<void>): void {
    this.invalidationListeners.push(listener);
  }

  private async invalidated(userId: number): Promise<void> {
    for (const listener of this.invalidationListeners) await listener(userId);
  }

  /**
   * The SIP account of an active user who has a phone, with its password, for provisioning a
   * device on the user's behalf; null when the user has none (invited, disabled, deleted).
   */
  async accountForProvisioning(
    userId: number,
  ): Promise<{ device: DeviceInfo; fullName: string; tenantId: number } | null> {
    const user = await this.db.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user || !this.wantsPhone(user)) return null;
    const account = await this.db.getRepository(SipAccountEntity).findOneBy({ userId });
    if (!account || account.username !== sipAccountId(user.tenantId!, user.extension!)) return null;
    return { device: this.view(user, account, true), fullName: user.fullName, tenantId: user.tenantId! };
  }

  /** Accounts of the given users, for other modules (presence, provisioning). */
  async accountsOf(userIds: number[]): Promise<SipAccountEntity[]> {
    if (!userIds.length) return [];
    return this.db.getRepository(SipAccountEntity).findBy({ userId: In(userIds) });
  }

  private wantsPhone(user: UserEntity): boolean {
    return user.status === 'active' && user.tenantId !== null && user.extension !== null && !user.deletedAt;
  }

  private async applyChange(
    user: UserEntity,
    current: SipAccountEntity,
    next: SipAccountEntity,
  ): Promise<void> {
    try {
      await this.push.apply(this.objects(user, next), this.objects(user, current));
    } catch (err) {
      this.logger.warn(`apply failed for user ${user.id}: ${(err as Error).message}`);
      throw new AsteriskApplyError((err as Error).message);
    }
  }

  /** The user of the viewer's tenant with a phone, and its account (created if missing). */
  private async loadActive(
    viewer: Principal,
    userId: number,
  ): Promise<{ user: UserEntity; account: SipAccountEntity }> {
    if (viewer.tenantId === null) throw new ForbiddenError();
    if (viewer.userId !== userId && viewer.role !== 'admin') throw new ForbiddenError();
    const user = await this.db.getRepository(UserEntity).findOneBy({ id: userId, tenantId: viewer.tenantId });
    if (!user || user.status === 'deleted') throw new NotFoundError();
    if (!this.wantsPhone(user)) throw new NoDeviceError();
    const account = await this.ensureAccount(
      user,
      await this.db.getRepository(SipAccountEntity).findOneBy({ userId }),
    );
    return { user, account };
  }

  private async ensureAccount(user: UserEntity, account: SipAccountEntity | null): Promise<SipAccountEntity> {
    const username = sipAccountId(user.tenantId!, user.extension!);
    if (account && account.username === username) return account;
    const repo = this.db.getRepository(SipAccountEntity);
    if (account) {
      // The extension changed: the old name goes away in Asterisk, the account follows the user.
      await this.push.remove(account.username);
      await repo.update({ userId: user.id }, { username });
      return { ...account, username } as SipAccountEntity;
    }
    const created = repo.create({
      userId: user.id,
      tenantId: user.tenantId!,
      username,
      mode: 'webphone',
      secretEnc: this.secrets().seal(newSipPassword()),
      secretUpdatedAt: new Date(),
    });
    await repo.createQueryBuilder().insert().values(created).orIgnore().execute();
    return (await repo.findOneBy({ userId: user.id })) ?? created;
  }

  private objects(user: UserEntity, account: SipAccountEntity): PjsipAccountObjects {
    return pjsipAccountObjects(
      {
        tenantId: user.tenantId!,
        extension: user.extension!,
        displayName: user.fullName,
        password: this.secrets().open(account.secretEnc),
        mode: account.mode,
      },
      { context: DEVICE_CONTEXT, mediaAddress: this.config.SIP_MEDIA_ADDRESS },
    );
  }

  private secrets(): SipSecretBox {
    return this.box;
  }

  private view(user: UserEntity, account: SipAccountEntity, withPassword: boolean): DeviceInfo {
    const host = this.config.SIP_PUBLIC_HOST ?? new URL(this.config.PUBLIC_URL).hostname;
    const port = this.config.SIP_PUBLIC_PORT;
    const transports: SipTransport[] = [
      { protocol: 'udp', host, port },
      { protocol: 'tcp', host, port },
      ...(this.config.SIP_TLS_PORT
        ? [{ protocol: 'tls' as const, host, port: this.config.SIP_TLS_PORT }]
        : []),
    ];
    return {
      mode: account.mode,
      extension: user.extension,
      sip: {
        domain: host,
        username: account.username,
        ...(withPassword ? { password: this.secrets().open(account.secretEnc) } : {}),
        transports,
      },
      webphone: { wsUrl: this.config.SIP_WS_URL },
    };
  }
}
