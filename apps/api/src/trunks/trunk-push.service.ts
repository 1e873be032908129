import { Injectable } from '@nestjs/common';
import { AriClient, AriNotFoundError } from '#ari';
import type { PjsipTrunkObjects, SorceryFields } from '#asterisk-config';
import { PjsipApplyError, PjsipPushService, type PushedObjectType } from '../devices/pjsip-push.service.js';

/** Creation order: what an object names must exist first (the registration names the endpoint). */
const ORDER = ['auth', 'aor', 'endpoint', 'identify', 'registration'] as const;
type TrunkObjectType = (typeof ORDER)[number];

/**
 * Pushes carrier trunks into Asterisk at run time, like users' accounts (ARI dynamic
 * configuration, sorcery memory wizard, asterisk-conf/sorcery.conf — the outbound registration
 * type included: creating it starts registering, deleting it unregisters). A change replaces
 * the trunk's objects whole rather than merging options into them, so an option removed
 * from the trunk is removed from Asterisk too.
 */
@Injectable()
export class TrunkPushService {
  constructor(
    private readonly pjsip: PjsipPushService,
    private readonly ari: AriClient,
  ) {}

  /**
   * Replaces `previous` (null: none in Asterisk) by `next` and reads the trunk back. On any
   * failure the previous objects are put back (or the new ones removed) and the error thrown.
   */
  async apply(next: PjsipTrunkObjects, previous: PjsipTrunkObjects | null): Promise<void> {
    try {
      await this.remove(next.id);
      await this.putAll(next);
      await this.verify(next);
    } catch (err) {
      await this.remove(next.id).catch(() => undefined);
      if (previous) await this.putAll(previous).catch(() => undefined);
      throw new PjsipApplyError(`Asterisk refused trunk ${next.id}: ${(err as Error).message}`);
    }
  }

  /** Pushes without read-back or rollback (start-up, after an Asterisk restart). */
  async push(objects: PjsipTrunkObjects): Promise<void> {
    await this.remove(objects.id);
    await this.putAll(objects);
  }

  /** Removes every object of a trunk: registration first (it unregisters), endpoint before aor. */
  async remove(id: string): Promise<void> {
    for (const type of [...ORDER].reverse()) await this.pjsip.delete(type, id);
  }

  private async putAll(objects: PjsipTrunkObjects): Promise<void> {
    for (const type of ORDER) {
      const fields = objects[type];
      if (fields) await this.pjsip.put(type as PushedObjectType, objects.id, fields);
    }
  }

  private async read(type: TrunkObjectType, id: string): Promise<Map<string, string>> {
    const tuples = await this.ari.asterisk.getObject({ configClass: 'res_pjsip', objectType: type, id });
    return new Map(tuples.map((t) => [t.attribute, t.value]));
  }

  /** The options that decide where calls go and who the carrier is must read back as pushed. */
  private async verify(objects: PjsipTrunkObjects): Promise<void> {
    const want = (fields: SorceryFields | null, name: string) => fields?.find(([k]) => k === name)?.[1];
    const wrong: string[] = [];
    const endpoint = await this.read('endpoint', objects.id);
    for (const name of ['context', 'transport', 'aors']) {
      if (endpoint.get(name) !== want(objects.endpoint, name)) wrong.push(`endpoint.${name}`);
    }
    try {
      if (objects.identify) {
        const identify = await this.read('identify', objects.id);
        if (identify.get('endpoint') !== objects.id) wrong.push('identify.endpoint');
      }
      if (objects.registration) {
        const registration = await this.read('registration', objects.id);
        if (registration.get('server_uri') !== want(objects.registration, 'server_uri'))
          wrong.push('registration.server_uri');
      }
    } catch (err) {
      if (err instanceof AriNotFoundError) wrong.push('missing object');
      else throw err;
    }
    if (wrong.length) throw new PjsipApplyError(`read back differs: ${wrong.join(', ')}`);
  }
}
