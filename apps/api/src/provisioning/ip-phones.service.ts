import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { IpPhone, IpPhoneSaved, IpPhoneVendor, PhoneProvisioningInfo } from '#contracts';
import { IpPhoneEntity, TenantEntity, UserEntity } from '#database';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { AuditService, changedFields } from '../audit/audit.service.js';
import { API_CONFIG, type ApiConfig } from '../config/api-config.js';
import { DevicesService } from '../devices/devices.service.js';
import { NotFoundError, type TenantScope } from '../tenancy/tenant-scope.js';
import type { SipAccountParams } from './formats/account.js';
import { PHONE_RENDERERS } from './formats/phone-renderers.js';
import { formatMac, macInUserAgent, normalizeMac } from './mac.js';
import { InvalidMacError, MacTakenError, UserWithoutPhoneError } from './provisioning.errors.js';
import { publicBase, type RenderedFile } from './provisioning-links.service.js';
import { isProvisioningKeyShape, newProvisioningKey } from './token.js';

/** Tenants have no time zone setting yet: every phone gets Vietnam's. */
const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export interface IpPhoneInput {
  mac?: string;
  vendor?: IpPhoneVendor;
  model?: string | null;
  label?: string | null;
  userId?: number | null;
}

type Snapshot = {
  mac: string;
  vendor: string;
  model: string | null;
  label: string | null;
  userId: number | null;
};

const snapshot = (p: IpPhoneEntity): Snapshot => ({
  mac: formatMac(p.mac),
  vendor: p.vendor,
  model: p.model,
  label: p.label,
  userId: p.userId,
});

/**
 * Zero-touch IP phones (F6): the tenant's phones by MAC, each optionally given a user's SIP
 * account, and the files the phones fetch from `/api/provision/phones/<tenant key>/<file>`.
 */
@Injectable()
export class IpPhonesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly devices: DevicesService,
    private readonly audit: AuditService,
  ) {}

  private get repo() {
    return this.db.getRepository(IpPhoneEntity);
  }

  async list(scope: TenantScope): Promise<IpPhone[]> {
    const phones = await this.repo.find({ where: scope.where<IpPhoneEntity>(), order: { id: 'ASC' } });
    return this.views(phones);
  }

  async get(scope: TenantScope, id: number): Promise<IpPhone> {
    return (await this.views([await scope.findOr404(this.repo, id)]))[0];
  }

  async create(scope: TenantScope, input: Required<Pick<IpPhoneInput, 'mac' | 'vendor'>> & IpPhoneInput) {
    const mac = this.validMac(input.mac);
    await this.assertMacFree(mac);
    const userId = input.userId ?? null;
    const switched = userId !== null ? await this.readyForPhone(scope, userId) : false;
    const phone = await this.saveOrTaken(async (em) => {
      const saved = await em.save(
        em.create(IpPhoneEntity, {
          tenantId: scope.tenantId,
          mac,
          vendor: input.vendor,
          model: input.model ?? null,
          label: input.label ?? null,
          userId,
        }),
      );
      await this.audit.record(em, scope.principal, scope.tenantId, {
        action: 'ip_phone.create',
        targetType: 'ip_phone',
        targetId: saved.id,
        targetLabel: saved.label ?? formatMac(mac),
        after: snapshot(saved),
      });
      return saved;
    });
    return this.saved(phone, switched);
  }

  async update(scope: TenantScope, id: number, input: IpPhoneInput): Promise<IpPhoneSaved> {
    const phone = await scope.findOr404(this.repo, id);
    const before = snapshot(phone);
    if (input.mac !== undefined) {
      const mac = this.validMac(input.mac);
      if (mac !== phone.mac) await this.assertMacFree(mac);
      phone.mac = mac;
    }
    if (input.vendor !== undefined) phone.vendor = input.vendor;
    if (input.model !== undefined) phone.model = input.model;
    if (input.label !== undefined) phone.label = input.label;
    let switched = false;
    if (input.userId !== undefined && input.userId !== phone.userId) {
      if (input.userId !== null) switched = await this.readyForPhone(scope, input.userId);
      phone.userId = input.userId;
    }
    const changes = changedFields(before, snapshot(phone));
    if (changes) {
      await this.saveOrTaken(async (em) => {
        await em.save(phone);
        await this.audit.record(em, scope.principal, scope.tenantId, {
          action: 'ip_phone.update',
          targetType: 'ip_phone',
          targetId: id,
          targetLabel: phone.label ?? formatMac(phone.mac),
          ...changes,
        });
        return phone;
      });
    }
    return this.saved(await scope.findOr404(this.repo, id), switched);
  }

  async remove(scope: TenantScope, id: number): Promise<void> {
    const phone = await scope.findOr404(this.repo, id);
    await this.db.transaction(async (em) => {
      await em.delete(IpPhoneEntity, { id, tenantId: scope.tenantId });
      await this.audit.record(em, scope.principal, scope.tenantId, {
        action: 'ip_phone.delete',
        targetType: 'ip_phone',
        targetId: id,
        targetLabel: phone.label ?? formatMac(phone.mac),
        before: snapshot(phone),
      });
    });
  }

  /** The URL phones are pointed at; the tenant's key is made on first use. */
  async provisioningInfo(scope: TenantScope): Promise<PhoneProvisioningInfo> {
    let key = await this.keyOf(scope.tenantId);
    if (!key) {
      // Only where none exists yet, so two first visits agree on one key.
      await this.db
        .createQueryBuilder()
        .update(TenantEntity)
        .set({ phoneProvisioningKey: newProvisioningKey() })
        .where('id = :id AND phone_provisioning_key IS NULL', { id: scope.tenantId })
        .execute();
      key = await this.keyOf(scope.tenantId);
    }
    return { serverUrl: this.serverUrl(key!) };
  }

  /** A new key: every phone must be pointed at the new URL, the old one answers 404. */
  async regenerateKey(scope: TenantScope): Promise<PhoneProvisioningInfo> {
    const key = newProvisioningKey();
    await this.db.transaction(async (em) => {
      await em.update(TenantEntity, { id: scope.tenantId }, { phoneProvisioningKey: key });
      const tenant = await em.findOneByOrFail(TenantEntity, { id: scope.tenantId });
      // The key itself is a secret: the entry says only that it changed.
      await this.audit.record(em, scope.principal, scope.tenantId, {
        action: 'ip_phone.provisioning_key_regenerate',
        targetType: 'tenant',
        targetId: scope.tenantId,
        targetLabel: tenant.name,
      });
    });
    return { serverUrl: this.serverUrl(key) };
  }

  /**
   * A file a phone asks for. A wrong key, a file name no vendor uses, a MAC unknown to the key's
   * tenant and a User-Agent naming another MAC all give the same 404.
   */
  async file(
    key: string,
    name: string,
    client: { ip: string | null; userAgent: string | undefined },
  ): Promise<RenderedFile> {
    if (!isProvisioningKeyShape(key)) throw new NotFoundError();
    const tenant = await this.db
      .getRepository(TenantEntity)
      .findOneBy({ phoneProvisioningKey: key, status: 'active' });
    if (!tenant) throw new NotFoundError();
    for (const renderer of Object.values(PHONE_RENDERERS)) {
      const request = renderer.parseFile(name);
      if (!request) continue;
      if (request.kind === 'common')
        return { contentType: renderer.contentType, body: renderer.renderCommon() };
      const phone = await this.repo.findOneBy({
        mac: request.mac,
        tenantId: tenant.id,
        vendor: renderer.vendor,
      });
      if (!phone) continue;
      const uaMac = macInUserAgent(client.userAgent);
      if (uaMac !== null && uaMac !== phone.mac) throw new NotFoundError();
      const body = renderer.renderDevice({
        mac: phone.mac,
        label: phone.label,
        account: phone.userId !== null ? await this.accountOf(phone.userId, tenant.id) : null,
        timeZone: DEFAULT_TIME_ZONE,
        language: 'vi',
      });
      await this.repo.update(
        { id: phone.id },
        { lastProvisionedAt: new Date(), lastProvisionedIp: client.ip?.replace(/^::ffff:/, '') ?? null },
      );
      return { contentType: renderer.contentType, body };
    }
    throw new NotFoundError();
  }

  /** The SIP account a desk phone may use: the user's, while they are active and in SIP mode. */
  private async accountOf(userId: number, tenantId: number): Promise<SipAccountParams | null> {
    const found = await this.devices.accountForProvisioning(userId);
    if (!found || found.tenantId !== tenantId || found.device.mode !== 'sip') return null;
    const { device } = found;
    return {
      displayName: found.fullName,
      extension: device.extension,
      domain: device.sip.domain,
      username: device.sip.username,
      password: device.sip.password!,
      transports: device.sip.transports,
    };
  }

  private serverUrl(key: string): string {
    return `${publicBase(this.config)}/api/provision/phones/${key}/`;
  }

  private async keyOf(tenantId: number): Promise<string | null> {
    const row = await this.db
      .getRepository(TenantEntity)
      .createQueryBuilder('t')
      .select('t.phone_provisioning_key', 'key')
      .where('t.id = :tenantId', { tenantId })
      .getRawOne<{ key: string | null }>();
    return row?.key ?? null;
  }

  private validMac(raw: string): string {
    const mac = normalizeMac(raw);
    if (!mac) throw new InvalidMacError();
    return mac;
  }

  /** Platform-wide: a phone has one home. The answer does not say whose phone it is. */
  private async assertMacFree(mac: string): Promise<void> {
    if (await this.repo.existsBy({ mac })) throw new MacTakenError();
  }

  /**
   * The user may get a desk phone: of this tenant (else 404, like a missing one), with a SIP
   * account; switched to SIP mode through DevicesService (Asterisk first). True when switched.
   */
  private async readyForPhone(scope: TenantScope, userId: number): Promise<boolean> {
    const user = await this.db.getRepository(UserEntity).findOneBy(scope.where<UserEntity>({ id: userId }));
    if (!user || user.status === 'deleted') throw new NotFoundError();
    if (user.status !== 'active' || user.extension === null) throw new UserWithoutPhoneError();
    const device = await this.devices.get(scope.principal, userId);
    if (device.mode === 'sip') return false;
    await this.devices.setMode(scope.principal, userId, 'sip');
    return true;
  }

  private async saveOrTaken(change: (em: EntityManager) => Promise<IpPhoneEntity>): Promise<IpPhoneEntity> {
    try {
      return await this.db.transaction(change);
    } catch (err) {
      if ((err as { message?: string }).message?.includes('uq_ip_phones_mac')) throw new MacTakenError();
      throw err;
    }
  }

  private async saved(phone: IpPhoneEntity, switched: boolean): Promise<IpPhoneSaved> {
    return { ...(await this.views([phone]))[0], userSwitchedToSip: switched };
  }

  private async views(phones: IpPhoneEntity[]): Promise<IpPhone[]> {
    const ids = [...new Set(phones.map((p) => p.userId).filter((id): id is number => id !== null))];
    const users = ids.length
      ? await this.db.getRepository(UserEntity).find({
          select: { id: true, fullName: true, extension: true },
          where: { id: In(ids) },
        })
      : [];
    const byId = new Map(users.map((u) => [u.id, u]));
    return phones.map((p) => {
      const user = p.userId !== null ? byId.get(p.userId) : undefined;
      return {
        id: p.id,
        mac: p.mac,
        vendor: p.vendor as IpPhoneVendor,
        model: p.model,
        label: p.label,
        user: user ? { id: user.id, fullName: user.fullName, extension: user.extension } : null,
        lastProvisionedAt: p.lastProvisionedAt?.toISOString() ?? null,
        lastProvisionedIp: p.lastProvisionedIp,
        createdAt: p.createdAt.toISOString(),
        updatedAt: p.updatedAt.toISOString(),
      };
    });
  }
}
