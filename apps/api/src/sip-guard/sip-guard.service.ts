import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AmiClient, type AmiMessage } from '#ami';
import { sipBlockId, sipBlockIdentify } from '#asterisk-config';
import type { SipBlock } from '#contracts';
import { SipBlockEntity } from '#database';
import { IsNull, LessThanOrEqual, MoreThan, type DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../common/principal.js';
import { API_CONFIG, type ApiConfig } from '../config/api-config.js';
import { PjsipPushService } from '../devices/pjsip-push.service.js';
import { NotFoundError } from '../tenancy/tenant-scope.js';
import {
  FAILED_AUTH_EVENTS,
  FailureTracker,
  listHas,
  parseAddressList,
  remoteAddressOf,
} from './security-events.js';

const SWEEP_MS = 5_000;

/**
 * Shuts out addresses that keep failing SIP authentication (issue 4 §8): Asterisk reports each
 * failure as an AMI security event; past SIP_GUARD_MAX_FAILURES in SIP_GUARD_WINDOW_S the
 * address gets an `identify` pushed to Asterisk that maps it to an endpoint refusing everything,
 * for SIP_GUARD_BLOCK_S. The database keeps the blocks, so they survive restarts of the api and
 * of Asterisk (whose pushed objects live in memory and are pushed again after every AMI login).
 */
@Injectable()
export class SipGuardService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SipGuardService.name);
  private readonly tracker: FailureTracker;
  private readonly ignored;
  /** Addresses blocked now (also while their block is being written). */
  private readonly active = new Set<string>();
  private sweepTimer: ReturnType<typeof setInterval> | undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly ami: AmiClient,
    private readonly pjsip: PjsipPushService,
    private readonly audit: AuditService,
  ) {
    this.tracker = new FailureTracker({
      maxFailures: config.SIP_GUARD_MAX_FAILURES,
      windowMs: config.SIP_GUARD_WINDOW_S * 1000,
    });
    this.ignored = parseAddressList(config.SIP_GUARD_IGNORE);
  }

  onApplicationBootstrap(): void {
    for (const name of FAILED_AUTH_EVENTS) this.ami.on(`event:${name}`, (e) => this.onFailure(e));
    const restore = () => void this.restore().catch((err: Error) => this.logger.warn(err.message));
    this.ami.on('FullyBooted', restore);
    if (this.ami.isConnected) restore();
    this.sweepTimer = setInterval(
      () => void this.sweep().catch((err: Error) => this.logger.warn(err.message)),
      SWEEP_MS,
    );
    this.sweepTimer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweepTimer);
  }

  /** Blocks in force, newest first. */
  async list(): Promise<SipBlock[]> {
    const rows = await this.db.getRepository(SipBlockEntity).find({
      where: { liftedAt: IsNull(), blockedUntil: MoreThan(new Date()) },
      order: { blockedAt: 'DESC' },
    });
    return rows.map((r) => ({
      address: r.address,
      failures: r.failures,
      blockedAt: r.blockedAt.toISOString(),
      blockedUntil: r.blockedUntil.toISOString(),
    }));
  }

  /** An operator lifts a block before it expires. */
  async lift(operator: Principal, address: string): Promise<void> {
    const repo = this.db.getRepository(SipBlockEntity);
    const rows = await repo.find({
      where: { address, liftedAt: IsNull(), blockedUntil: MoreThan(new Date()) },
    });
    if (!rows.length) throw new NotFoundError();
    await this.unpush(address);
    await this.db.transaction(async (em) => {
      const liftedAt = new Date();
      await em.update(
        SipBlockEntity,
        rows.map((r) => r.id),
        { liftedAt, liftedBy: operator.userId },
      );
      await this.audit.record(em, operator, null, {
        action: 'sip_block.lift',
        targetType: 'sip_block',
        targetId: rows[0]!.id,
        targetLabel: address,
        before: { blockedUntil: rows[0]!.blockedUntil.toISOString() },
        after: { liftedAt: liftedAt.toISOString() },
      });
    });
    this.active.delete(address);
    this.tracker.forget(address);
    this.logger.log(`SIP block of ${address} lifted by operator ${operator.userId}`);
  }

  private onFailure(event: AmiMessage): void {
    const address = remoteAddressOf(event['RemoteAddress']);
    if (!address || this.active.has(address) || listHas(this.ignored, address)) return;
    const now = Date.now();
    if (!this.tracker.record(address, now)) return;
    const failures = this.tracker.count(address, now);
    this.tracker.forget(address);
    this.active.add(address);
    void this.block(address, failures).catch((err: Error) => {
      this.active.delete(address);
      this.logger.error(`could not block ${address}: ${err.message}`);
    });
  }

  private async block(address: string, failures: number): Promise<void> {
    const blockedAt = new Date();
    const blockedUntil = new Date(blockedAt.getTime() + this.config.SIP_GUARD_BLOCK_S * 1000);
    await this.push(address);
    await this.db
      .getRepository(SipBlockEntity)
      .insert({ address, failures, blockedAt, blockedUntil, liftedAt: null, liftedBy: null });
    this.logger.warn(
      `SIP: ${address} blocked until ${blockedUntil.toISOString()} after ${failures} failed authentications`,
    );
  }

  /** After an Asterisk (re)start or an api restart: push every block still in force. */
  private async restore(): Promise<void> {
    const blocks = await this.list();
    for (const block of blocks) {
      await this.push(block.address);
      this.active.add(block.address);
    }
  }

  /** Ends the blocks whose time is up. */
  private async sweep(): Promise<void> {
    this.tracker.prune(Date.now());
    const repo = this.db.getRepository(SipBlockEntity);
    const expired = await repo.find({
      where: { liftedAt: IsNull(), blockedUntil: LessThanOrEqual(new Date()) },
    });
    for (const row of expired) {
      const stillBlocked = await repo.exists({
        where: { address: row.address, liftedAt: IsNull(), blockedUntil: MoreThan(new Date()) },
      });
      if (!stillBlocked) {
        await this.unpush(row.address);
        this.active.delete(row.address);
      }
      await repo.update(row.id, { liftedAt: new Date() });
    }
  }

  private async push(address: string): Promise<void> {
    const { id, fields } = sipBlockIdentify(address);
    await this.pjsip.put('identify', id, fields);
  }

  private unpush(address: string): Promise<void> {
    return this.pjsip.delete('identify', sipBlockId(address));
  }
}
