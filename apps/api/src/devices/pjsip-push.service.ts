import { Injectable } from '@nestjs/common';
import { AriClient, AriNotFoundError, type ConfigTuple } from '#ari';
import type { PjsipAccountObjects, SorceryFields } from '#asterisk-config';

const TYPES = ['auth', 'aor', 'endpoint'] as const;
type AccountObjectType = (typeof TYPES)[number];
/** PJSIP object types pushed at run time (sorcery memory wizard, asterisk-conf/sorcery.conf). */
export type PushedObjectType = AccountObjectType | 'identify' | 'registration';

export class PjsipApplyError extends Error {
  override name = 'PjsipApplyError';
}

/**
 * Pushes users' PJSIP objects into Asterisk at run time (ARI dynamic configuration, sorcery
 * memory wizard; see asterisk-conf/sorcery.conf): one change costs a few ARI calls, not a
 * reload of res_pjsip, and live calls are untouched.
 */
@Injectable()
export class PjsipPushService {
  constructor(private readonly ari: AriClient) {}

  /**
   * Creates or updates auth, aor and endpoint, then reads them back. On any failure the
   * account is put back as `previous` (or removed when it did not exist) and the error thrown.
   */
  async apply(
    next: PjsipAccountObjects,
    previous: PjsipAccountObjects | null,
    options: { verify?: boolean } = {},
  ): Promise<void> {
    try {
      for (const type of TYPES) {
        await this.put(type, next.id, next[type]).catch(async (err: unknown) => {
          // An update merges into the existing object and Asterisk may refuse the merge (e.g. an
          // option it cannot read back); replacing the object then gives the wanted state.
          if (type !== 'endpoint' || err instanceof AriNotFoundError) throw err;
          await this.ari.asterisk.deleteObject({ configClass: 'res_pjsip', objectType: type, id: next.id });
          return this.put(type, next.id, next[type]);
        });
      }
      if (options.verify !== false) await this.verify(next);
    } catch (err) {
      await (previous ? this.putAll(previous) : this.remove(next.id)).catch(() => undefined);
      throw new PjsipApplyError(`Asterisk refused account ${next.id}: ${(err as Error).message}`);
    }
  }

  /**
   * Pushes many accounts without read-back (start-up, after an Asterisk restart): every aor
   * first, then every auth, then every endpoint. The order matters at scale: Asterisk answers
   * the creation of an aor by scanning all endpoints (res_pjsip's qualify bookkeeping, with a
   * sorted insert per endpoint), so aors created while thousands of endpoints exist cost
   * O(endpoints²) each and back up its task queues for minutes; created before the endpoints
   * they cost next to nothing. Returns the ids whose push failed (their other objects may exist:
   * the next push completes them).
   */
  async applyBulk(accounts: PjsipAccountObjects[], concurrency = 8): Promise<Set<string>> {
    const failed = new Set<string>();
    for (const type of ['aor', 'auth', 'endpoint'] as const) {
      const queue = accounts.filter((a) => !failed.has(a.id));
      const worker = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          await this.put(type, next.id, next[type]).catch(() => failed.add(next.id));
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
    }
    return failed;
  }

  /** Removes an account (endpoint first, so no call can start on a half-removed account). */
  async remove(id: string): Promise<void> {
    for (const type of [...TYPES].reverse()) await this.delete(type, id);
  }

  /** Deletes one pushed object; one that does not exist is already deleted. */
  async delete(type: PushedObjectType, id: string): Promise<void> {
    try {
      await this.ari.asterisk.deleteObject({ configClass: 'res_pjsip', objectType: type, id });
    } catch (err) {
      if (!(err instanceof AriNotFoundError)) throw err;
    }
  }

  /** True when Asterisk holds the account's endpoint. */
  async exists(id: string): Promise<boolean> {
    try {
      await this.ari.asterisk.getObject({ configClass: 'res_pjsip', objectType: 'endpoint', id });
      return true;
    } catch (err) {
      if (err instanceof AriNotFoundError) return false;
      throw err;
    }
  }

  private async putAll(objects: PjsipAccountObjects): Promise<void> {
    for (const type of TYPES) await this.put(type, objects.id, objects[type]);
  }

  /** Creates or updates one object. */
  put(type: PushedObjectType, id: string, fields: SorceryFields): Promise<ConfigTuple[]> {
    return this.ari.asterisk.updateObject({
      configClass: 'res_pjsip',
      objectType: type,
      id,
      fields: fields.map(([attribute, value]) => ({ attribute, value })),
    });
  }

  /** The fields that decide who may register and where calls go must read back as pushed. */
  private async verify(objects: PjsipAccountObjects): Promise<void> {
    const read = async (type: AccountObjectType) =>
      new Map(
        (
          await this.ari.asterisk.getObject({ configClass: 'res_pjsip', objectType: type, id: objects.id })
        ).map((t) => [t.attribute, t.value]),
      );
    const [auth, endpoint] = await Promise.all([read('auth'), read('endpoint')]);
    const expected = (fields: SorceryFields, name: string) => fields.find(([k]) => k === name)?.[1];
    const checks: [string, string | undefined, string | undefined][] = [
      ['auth.username', auth.get('username'), expected(objects.auth, 'username')],
      ['auth.password', auth.get('password'), expected(objects.auth, 'password')],
      ['endpoint.context', endpoint.get('context'), expected(objects.endpoint, 'context')],
      ['endpoint.auth', endpoint.get('auth'), objects.id],
      ['endpoint.aors', endpoint.get('aors'), objects.id],
      ['endpoint.accountcode', endpoint.get('accountcode'), expected(objects.endpoint, 'accountcode')],
    ];
    const wrong = checks.filter(([, actual, want]) => actual !== want).map(([name]) => name);
    if (wrong.length) throw new PjsipApplyError(`read back differs: ${wrong.join(', ')}`);
  }
}
