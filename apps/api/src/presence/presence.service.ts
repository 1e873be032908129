import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AriClient } from '#ari';
import type { PresenceChoice, PresenceEntry, PresenceState } from '#contracts';
import { SipAccountEntity, UserEntity } from '#database';
import type { DataSource } from 'typeorm';
import type { TenantScope } from '../tenancy/tenant-scope.js';

interface LiveEndpoint {
  online: boolean;
  ringing: boolean;
  talking: boolean;
}

/**
 * Presence (F29): Asterisk says whether a user's phone is registered and whether a call rings
 * or is up on it; the user's own choice (do not disturb, away) applies while they are online.
 */
@Injectable()
export class PresenceService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly ari: AriClient,
  ) {}

  async list(scope: TenantScope): Promise<PresenceEntry[]> {
    const users = await this.db
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .innerJoin(SipAccountEntity, 's', 's.user_id = u.id')
      .select([
        'u.id AS userId',
        'u.full_name AS fullName',
        'u.extension AS extension',
        'u.presence AS choice',
      ])
      .addSelect('s.username', 'endpoint')
      .where("u.tenant_id = :tenantId AND u.status = 'active' AND u.extension IS NOT NULL", {
        tenantId: scope.tenantId,
      })
      .orderBy('u.full_name', 'ASC')
      .getRawMany<{
        userId: number;
        fullName: string;
        extension: string;
        choice: PresenceChoice;
        endpoint: string;
      }>();
    const live = await this.liveEndpoints(`t${scope.tenantId}-`);
    return users.map((u) => ({
      userId: Number(u.userId),
      fullName: u.fullName,
      extension: u.extension,
      state: stateOf(live.get(u.endpoint), u.choice),
    }));
  }

  async setChoice(scope: TenantScope, choice: PresenceChoice): Promise<void> {
    await this.db
      .getRepository(UserEntity)
      .update({ id: scope.principal.userId, tenantId: scope.tenantId }, { presence: choice });
  }

  /** Endpoints of one tenant (by name prefix) with registration and call state. */
  private async liveEndpoints(prefix: string): Promise<Map<string, LiveEndpoint>> {
    const [endpoints, channels] = await Promise.all([
      this.ari.endpoints.listByTech({ tech: 'PJSIP' }),
      this.ari.channels.list(),
    ]);
    const channelState = new Map(channels.map((c) => [c.id, c.state]));
    const map = new Map<string, LiveEndpoint>();
    for (const e of endpoints) {
      if (!e.resource.startsWith(prefix)) continue;
      const states = e.channel_ids.map((id) => channelState.get(id));
      map.set(e.resource, {
        online: e.state === 'online',
        ringing: states.some((s) => s === 'Ringing' || s === 'Ring'),
        talking: states.some((s) => s === 'Up'),
      });
    }
    return map;
  }
}

function stateOf(live: LiveEndpoint | undefined, choice: PresenceChoice): PresenceState {
  if (live?.talking) return 'on_call';
  if (live?.ringing) return 'ringing';
  if (!live?.online) return 'offline';
  return choice;
}
