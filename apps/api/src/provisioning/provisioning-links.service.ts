import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ProvisioningFormat, ProvisioningLink } from '#contracts';
import { ProvisioningLinkEntity } from '#database';
import QRCode from 'qrcode';
import { IsNull, type DataSource } from 'typeorm';
import type { Principal } from '../common/principal.js';
import { API_CONFIG, type ApiConfig } from '../config/api-config.js';
import { DevicesService } from '../devices/devices.service.js';
import { NotFoundError } from '../tenancy/tenant-scope.js';
import type { SipAccountParams } from './formats/account.js';
import { renderAccountJson } from './formats/json.js';
import { renderLinphoneXml } from './formats/linphone.js';
import { NotSipModeError } from './provisioning.errors.js';
import { hashLinkToken, isLinkTokenShape, newLinkToken } from './token.js';

/** A link is valid for a day: long enough to install the app, short enough to be worthless later. */
export const LINK_TTL_MS = 24 * 60 * 60 * 1000;

export interface RenderedFile {
  contentType: string;
  body: string;
}

/** The api's public base URL without a trailing slash. */
export function publicBase(config: ApiConfig): string {
  return config.PUBLIC_URL.replace(/\/+$/, '');
}

/**
 * One-time softphone links (F5). The token goes to the user once (URL and QR code); the
 * database keeps its SHA-256. Redeeming marks it used in the same UPDATE that checks it, so two
 * fetches racing each other cannot both get the account.
 */
@Injectable()
export class ProvisioningLinksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly devices: DevicesService,
  ) {
    devices.onAccountInvalidated((userId) => this.voidUnused(userId));
  }

  private get repo() {
    return this.db.getRepository(ProvisioningLinkEntity);
  }

  /** A new link for `userId` as seen by `viewer` (owner or tenant admin); earlier unused links die. */
  async create(viewer: Principal, userId: number): Promise<ProvisioningLink> {
    // Access (self or admin of the tenant: 403/404) and "has a phone" (409 no_device) as for the device.
    const device = await this.devices.get(viewer, userId);
    if (device.mode !== 'sip') throw new NotSipModeError();
    const token = newLinkToken();
    const expiresAt = new Date(Date.now() + LINK_TTL_MS);
    await this.db.transaction(async (em) => {
      await em.delete(ProvisioningLinkEntity, { userId, usedAt: IsNull() });
      await em.insert(ProvisioningLinkEntity, {
        tenantId: viewer.tenantId!,
        userId,
        tokenHash: hashLinkToken(token),
        expiresAt,
        usedAt: null,
      });
    });
    const url = `${publicBase(this.config)}/api/provision/${token}`;
    const qrSvg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { url, expiresAt: expiresAt.toISOString(), qrSvg };
  }

  /** The account behind a token, once; unknown, used and expired tokens are all the same 404. */
  async redeem(token: string, format: ProvisioningFormat): Promise<RenderedFile> {
    if (!isLinkTokenShape(token)) throw new NotFoundError();
    const tokenHash = hashLinkToken(token);
    const now = new Date();
    const claimed = await this.repo
      .createQueryBuilder()
      .update()
      .set({ usedAt: now })
      .where('token_hash = :tokenHash AND used_at IS NULL AND expires_at > :now', { tokenHash, now })
      .execute();
    if (claimed.affected !== 1) throw new NotFoundError();
    const link = await this.repo.findOneByOrFail({ tokenHash });
    const found = await this.devices.accountForProvisioning(link.userId);
    // Left SIP mode, disabled or moved since the link was made: nothing to hand out.
    if (!found || found.device.mode !== 'sip' || found.tenantId !== link.tenantId) throw new NotFoundError();
    const account: SipAccountParams = {
      displayName: found.fullName,
      extension: found.device.extension,
      domain: found.device.sip.domain,
      username: found.device.sip.username,
      password: found.device.sip.password!,
      transports: found.device.sip.transports,
    };
    return format === 'json'
      ? { contentType: 'application/json; charset=utf-8', body: renderAccountJson(account) }
      : { contentType: 'application/xml; charset=utf-8', body: renderLinphoneXml(account) };
  }

  /** A new SIP password or leaving SIP mode makes every unused link of the user worthless. */
  async voidUnused(userId: number): Promise<void> {
    await this.repo.delete({ userId, usedAt: IsNull() });
  }
}
