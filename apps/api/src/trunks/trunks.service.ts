import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AmiClient } from '#ami';
import {
  matchIpProblem,
  isTrunkHost,
  pjsipTrunkObjects,
  trunkEndpointId,
  type PjsipTrunkObjects,
} from '#asterisk-config';
import type { TrunkView } from '#contracts';
import { HotlineEntity, TrunkEntity } from '#database';
import type { DataSource, EntityManager } from 'typeorm';
import { CallflowCommands } from '../realtime/callflow-commands.js';
import { AuditService, changedFields } from '../audit/audit.service.js';
import { ValidationFailedError, type FieldIssue } from '../common/domain-error.js';
import type { Principal } from '../common/principal.js';
import { API_CONFIG, type ApiConfig } from '../config/api-config.js';
import { AsteriskApplyError } from '../devices/devices.service.js';
import { SipSecretBox } from '../devices/sip-secret.js';
import { NotFoundError } from '../tenancy/tenant-scope.js';
import type { CreateTrunkDto, UpdateTrunkDto } from './trunk.dto.js';
import { TrunkPushService } from './trunk-push.service.js';
import { TrunkInUseError, TrunkNameTakenError, TrunkStaticError } from './trunks.errors.js';

const NOT_NULL = [
  'name',
  'preset',
  'authMode',
  'host',
  'port',
  'transport',
  'secret',
  'matchIps',
  'codecs',
  'enabled',
] as const;

/** The context of every carrier call (asterisk-conf/extensions.conf). */
export const CARRIER_CONTEXT = 'webcall-carrier';

/** A trunk with its plain secret: what the objects are built from. */
type TrunkState = Omit<TrunkEntity, 'createdAt' | 'updatedAt' | 'secret'> & { secret: string | null };

/** What the audit log keeps of a trunk (never the secret). */
function snapshot(t: TrunkState): Record<string, unknown> {
  return {
    name: t.name,
    preset: t.preset,
    authMode: t.authMode,
    host: t.host,
    port: t.port,
    transport: t.transport,
    fromDomain: t.fromDomain,
    username: t.username,
    hasSecret: t.secret !== null,
    matchIps: t.matchIps,
    codecs: t.codecs,
    maxChannels: t.maxChannels,
    enabled: t.enabled,
  };
}

const list = (csv: string) =>
  csv
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Carrier trunks (F17; operators). The database holds the truth (secret sealed), Asterisk a
 * pushed copy of every enabled managed trunk: pushed on each change (Asterisk first, verified
 * and rolled back, then the row), and all again after every AMI login (an Asterisk restart
 * forgets pushed objects). The static loopback carrier of pjsip.conf has a row too (hotlines
 * name it) but is never pushed.
 */
@Injectable()
export class TrunksService implements OnApplicationBootstrap {
  private readonly logger = new Logger(TrunksService.name);
  private readonly box: SipSecretBox;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly push: TrunkPushService,
    private readonly ami: AmiClient,
    private readonly audit: AuditService,
    private readonly commands: CallflowCommands,
  ) {
    this.box = new SipSecretBox(config.SIP_SECRET_KEY);
  }

  onApplicationBootstrap(): void {
    // FullyBooted, not the AMI login: after an Asterisk restart AMI accepts the login before
    // ARI configuration is ready (it answers 503 "Asterisk not booted" until the boot ends).
    // Asterisk also sends FullyBooted right after each login once booted.
    const sync = () => void this.syncAll().catch((err: Error) => this.logger.warn(err.message));
    this.ami.on('FullyBooted', sync);
    if (this.ami.isConnected) sync();
  }

  async list(): Promise<TrunkView[]> {
    const rows = await this.db.getRepository(TrunkEntity).find({ order: { id: 'ASC' } });
    const [counts, states] = await Promise.all([this.hotlineCounts(), this.registrationStates()]);
    const secrets = await this.secretFlags();
    return rows.map((r) => this.view(r, secrets.has(r.id), counts.get(r.id) ?? 0, states));
  }

  async get(id: number): Promise<TrunkView> {
    const row = await this.load(this.db.manager, id);
    const [counts, states] = await Promise.all([this.hotlineCounts(id), this.registrationStates()]);
    return this.view(row, row.secret !== null, counts.get(id) ?? 0, states);
  }

  async create(operator: Principal, input: CreateTrunkDto): Promise<TrunkView> {
    const state: TrunkState = {
      id: 0,
      name: input.name,
      preset: input.preset,
      authMode: input.authMode,
      host: input.host ?? '',
      port: input.port ?? 5060,
      transport: input.transport ?? 'udp',
      fromDomain: input.fromDomain || null,
      username: input.username || null,
      secret: input.secret ?? null,
      matchIps: (input.matchIps ?? []).join(','),
      codecs: (input.codecs ?? ['alaw', 'ulaw']).join(','),
      maxChannels: input.maxChannels ?? null,
      endpointName: '',
      managed: true,
      enabled: input.enabled ?? true,
    };
    // What the other mode would need is not kept.
    if (state.authMode === 'ip') {
      state.username = null;
      state.secret = null;
    } else {
      state.matchIps = '';
    }
    this.check(state);
    await this.checkName(state.name, null);
    const id = await this.db
      .transaction(async (em) => {
        const row = await em.save(
          em.create(TrunkEntity, {
            ...state,
            id: undefined,
            secret: state.secret === null ? null : this.box.seal(state.secret),
            // Unique until the id is known.
            endpointName: `new-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`,
          }),
        );
        state.id = row.id;
        state.endpointName = trunkEndpointId(row.id);
        await em.update(TrunkEntity, { id: row.id }, { endpointName: state.endpointName });
        await this.audit.record(em, operator, null, {
          action: 'trunk.create',
          targetType: 'trunk',
          targetId: row.id,
          targetLabel: state.name,
          after: snapshot(state),
        });
        // Asterisk last: a refusal rolls the row back.
        if (state.enabled) await this.apply(state, null);
        return row.id;
      })
      .catch((err: unknown) => {
        if (isDuplicateName(err)) throw new TrunkNameTakenError();
        throw err;
      });
    return this.get(id);
  }

  async update(operator: Principal, id: number, input: UpdateTrunkDto): Promise<TrunkView> {
    // PATCH's optional fields let null through: only the nullable ones may be cleared.
    const nulls = NOT_NULL.filter((k) => (input as Record<string, unknown>)[k] === null);
    if (nulls.length) throw new ValidationFailedError(nulls.map((field) => ({ field, code: 'required' })));
    const current = await this.load(this.db.manager, id);
    const before = this.state(current);
    if (!current.managed) {
      const others = Object.entries(input).filter(([k, v]) => k !== 'name' && v !== undefined);
      if (others.length) throw new TrunkStaticError();
    }
    const next: TrunkState = {
      ...before,
      name: input.name ?? before.name,
      preset: input.preset ?? before.preset,
      authMode: input.authMode ?? before.authMode,
      host: input.host ?? before.host,
      port: input.port ?? before.port,
      transport: input.transport ?? before.transport,
      fromDomain: input.fromDomain === undefined ? before.fromDomain : input.fromDomain || null,
      username: input.username === undefined ? before.username : input.username || null,
      secret: input.secret ?? before.secret,
      matchIps: input.matchIps ? input.matchIps.join(',') : before.matchIps,
      codecs: input.codecs ? input.codecs.join(',') : before.codecs,
      maxChannels: input.maxChannels === undefined ? before.maxChannels : input.maxChannels,
      enabled: input.enabled ?? before.enabled,
    };
    // What the other mode needed is dropped when the mode changes.
    if (next.authMode === 'ip') {
      next.username = null;
      next.secret = null;
    } else {
      next.matchIps = '';
    }
    if (current.managed) this.check(next);
    if (next.name !== before.name) await this.checkName(next.name, id);
    const changes = changedFields(snapshot(before), snapshot(next));
    const secretChanged = next.secret !== before.secret;
    if (!changes && !secretChanged) return this.get(id);

    const pushed = current.managed && (before.enabled || next.enabled);
    if (pushed) {
      if (next.enabled) await this.apply(next, before.enabled ? before : null);
      else await this.push.remove(current.endpointName);
    }
    try {
      await this.db.transaction(async (em) => {
        await em.update(
          TrunkEntity,
          { id },
          {
            ...next,
            id: undefined,
            secret: next.secret === null ? null : secretChanged ? this.box.seal(next.secret) : current.secret,
          },
        );
        await this.audit.record(em, operator, null, {
          action: 'trunk.update',
          targetType: 'trunk',
          targetId: id,
          targetLabel: next.name,
          before: changes?.before ?? { secret: 'changed' },
          after: changes?.after ?? { secret: 'changed' },
        });
      });
    } catch (err) {
      // The row did not change: Asterisk goes back to it.
      if (pushed) await this.restore(before).catch(() => undefined);
      if (isDuplicateName(err)) throw new TrunkNameTakenError();
      throw err;
    }
    // Calls find their hotline through an enabled trunk's endpoint name (callflow caches it).
    this.commands.routesChanged(null);
    return this.get(id);
  }

  async remove(operator: Principal, id: number): Promise<void> {
    const current = await this.load(this.db.manager, id);
    if (!current.managed) throw new TrunkStaticError();
    await this.db.transaction(async (em) => {
      // Lock the trunk so no hotline is put on it meanwhile (operators assign trunks under it too).
      await em.findOne(TrunkEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      const used = await em.countBy(HotlineEntity, { trunkId: id });
      if (used) throw new TrunkInUseError(used);
      await em.delete(TrunkEntity, { id });
      await this.audit.record(em, operator, null, {
        action: 'trunk.delete',
        targetType: 'trunk',
        targetId: id,
        targetLabel: current.name,
        before: snapshot(this.state(current)),
      });
      await this.push.remove(current.endpointName);
    });
  }

  /** Pushes every enabled managed trunk; removes the disabled ones (after each AMI login). */
  async syncAll(): Promise<{ pushed: number; failed: number }> {
    const rows = await this.db
      .getRepository(TrunkEntity)
      .createQueryBuilder('t')
      .addSelect('t.secret')
      .where('t.managed = 1')
      .getMany();
    let pushed = 0;
    let failed = 0;
    for (const row of rows) {
      try {
        if (row.enabled) {
          await this.push.push(this.objects(this.state(row)));
          pushed++;
        } else {
          await this.push.remove(row.endpointName);
        }
      } catch (err) {
        failed++;
        this.logger.warn(`could not push trunk ${row.id}: ${(err as Error).message}`);
      }
    }
    if (rows.length) this.logger.log(`trunks synced with Asterisk: ${pushed} pushed, ${failed} failed`);
    return { pushed, failed };
  }

  private async apply(state: TrunkState, previous: TrunkState | null): Promise<void> {
    try {
      await this.push.apply(this.objects(state), previous ? this.objects(previous) : null);
    } catch (err) {
      this.logger.warn(`apply failed for trunk ${state.id}: ${(err as Error).message}`);
      throw new AsteriskApplyError((err as Error).message);
    }
  }

  private async restore(state: TrunkState): Promise<void> {
    if (state.enabled) await this.push.push(this.objects(state));
    else await this.push.remove(state.endpointName);
  }

  private objects(t: TrunkState): PjsipTrunkObjects {
    return pjsipTrunkObjects(
      {
        id: t.id,
        authMode: t.authMode,
        host: t.host,
        port: t.port,
        transport: t.transport,
        username: t.username,
        secret: t.secret,
        matchIps: list(t.matchIps),
        codecs: list(t.codecs),
        fromDomain: t.fromDomain,
        maxChannels: t.maxChannels,
      },
      { context: CARRIER_CONTEXT, mediaAddress: this.config.SIP_MEDIA_ADDRESS },
    );
  }

  /** What each auth mode needs, and addresses that are well-formed and safe. */
  private check(t: TrunkState): void {
    const issues: FieldIssue[] = [];
    if (t.host && !isTrunkHost(t.host)) issues.push({ field: 'host', code: 'invalid_host' });
    if (t.fromDomain && !isTrunkHost(t.fromDomain))
      issues.push({ field: 'fromDomain', code: 'invalid_host' });
    if (t.authMode === 'registration') {
      if (!t.host) issues.push({ field: 'host', code: 'required' });
      if (!t.username) issues.push({ field: 'username', code: 'required' });
      else if (!/^[A-Za-z0-9._+-]{1,64}$/.test(t.username))
        issues.push({ field: 'username', code: 'invalid_sip_user' });
      if (!t.secret) issues.push({ field: 'secret', code: 'required' });
      else if (/[\r\n;\p{Cc}]/u.test(t.secret)) issues.push({ field: 'secret', code: 'invalid_value' });
    } else {
      const ips = list(t.matchIps);
      if (!ips.length) issues.push({ field: 'matchIps', code: 'required' });
      for (const entry of ips) {
        const problem = matchIpProblem(entry);
        if (problem) {
          issues.push({ field: 'matchIps', code: `ip_${problem}`, params: { entry } });
          break;
        }
      }
    }
    if (issues.length) throw new ValidationFailedError(issues);
  }

  private async checkName(name: string, exceptId: number | null): Promise<void> {
    const row = await this.db.getRepository(TrunkEntity).findOneBy({ name });
    if (row && row.id !== exceptId) throw new TrunkNameTakenError();
  }

  private async load(em: EntityManager, id: number): Promise<TrunkEntity> {
    const row = await em
      .getRepository(TrunkEntity)
      .createQueryBuilder('t')
      .addSelect('t.secret')
      .where('t.id = :id', { id })
      .getOne();
    if (!row) throw new NotFoundError();
    return row;
  }

  private state(row: TrunkEntity): TrunkState {
    const { createdAt: _c, updatedAt: _u, secret, ...rest } = row;
    return { ...rest, secret: secret ? this.box.open(secret) : null };
  }

  private async secretFlags(): Promise<Set<number>> {
    const rows = await this.db
      .getRepository(TrunkEntity)
      .createQueryBuilder('t')
      .select('t.id', 'id')
      .where('t.secret IS NOT NULL')
      .getRawMany<{ id: number }>();
    return new Set(rows.map((r) => Number(r.id)));
  }

  private async hotlineCounts(trunkId?: number): Promise<Map<number, number>> {
    const qb = this.db
      .getRepository(HotlineEntity)
      .createQueryBuilder('h')
      .select('h.trunk_id', 'trunkId')
      .addSelect('COUNT(*)', 'n')
      .where('h.trunk_id IS NOT NULL')
      .groupBy('h.trunk_id');
    if (trunkId) qb.andWhere('h.trunk_id = :trunkId', { trunkId });
    const rows = await qb.getRawMany<{ trunkId: number; n: string }>();
    return new Map(rows.map((r) => [Number(r.trunkId), Number(r.n)]));
  }

  /** Outbound registration states by object name (`trunk-3` → `Registered`); empty if AMI is down. */
  private async registrationStates(): Promise<Map<string, string> | null> {
    if (!this.ami.isConnected) return null;
    try {
      const list = await this.ami.actionList(
        { Action: 'PJSIPShowRegistrationsOutbound' },
        { timeoutMs: 3000 },
      );
      return new Map(
        list.events
          .filter((e) => e['Event'] === 'OutboundRegistrationDetail')
          .map((e) => [String(e['ObjectName']), String(e['Status'])]),
      );
    } catch {
      // Asterisk answers an error when there is no registration at all.
      return new Map();
    }
  }

  private view(
    row: TrunkEntity,
    hasSecret: boolean,
    hotlines: number,
    states: Map<string, string> | null,
  ): TrunkView {
    const registering = row.authMode === 'registration' && row.managed && row.enabled;
    return {
      id: row.id,
      name: row.name,
      preset: row.preset,
      authMode: row.authMode,
      host: row.host,
      port: row.port,
      transport: row.transport,
      fromDomain: row.fromDomain,
      username: row.username,
      hasSecret,
      matchIps: list(row.matchIps),
      codecs: list(row.codecs),
      maxChannels: row.maxChannels,
      endpointName: row.endpointName,
      managed: row.managed,
      enabled: row.enabled,
      registration: registering ? (states ? (states.get(row.endpointName) ?? 'Unregistered') : null) : null,
      hotlines,
    };
  }
}

function isDuplicateName(err: unknown): boolean {
  const message = (err as { message?: string }).message ?? '';
  return message.includes('uq_trunks_name');
}
