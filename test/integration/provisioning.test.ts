import { createHash } from 'node:crypto';
import type {
  ApiErrorBody,
  AuditPage,
  DeviceInfo,
  IpPhone,
  IpPhoneSaved,
  PhoneProvisioningInfo,
  ProvisionedSipAccount,
  ProvisioningLink,
} from '#contracts';
import mysql from 'mysql2/promise';
import { startApi } from '../support/api.js';
import { ApiClient, invitedMember, signupTenant } from '../support/api-client.js';
import { Baresip } from '../support/baresip.js';
import type { AppProcess } from '../support/processes.js';
import { stackInfo } from '../support/stack-info.js';

/** The entries of a Linphone remote-provisioning document, by section. */
function linphoneSections(xml: string): Record<string, Record<string, string>> {
  const unescape = (t: string) =>
    t
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  const sections: Record<string, Record<string, string>> = {};
  for (const [, name, body] of xml.matchAll(/<section name="([^"]+)">([\s\S]*?)<\/section>/g)) {
    sections[name] = Object.fromEntries(
      [...body.matchAll(/<entry name="([^"]+)"[^>]*>([^<]*)<\/entry>/g)].map(([, k, v]) => [k, unescape(v)]),
    );
  }
  return sections;
}

/** `key = value` lines of a Yealink cfg. */
function yealinkSettings(cfg: string): Record<string, string> {
  return Object.fromEntries(
    cfg
      .split('\n')
      .filter((line) => /^[a-z]/.test(line))
      .map((line) => {
        const at = line.indexOf(' = ');
        return [line.slice(0, at), line.slice(at + 3)];
      }),
  );
}

describe('provisioning: one-time softphone links and zero-touch IP phones, checked with real SIP phones', () => {
  const info = stackInfo();
  const anonymous = new ApiClient(`${info.apiUrl}/api`);
  let api: AppProcess;
  let db: mysql.Pool;
  const phones: Baresip[] = [];
  /** SIP test peers of this suite live on 127.0.0.20–29, away from every other suite. */
  let peer = 0;
  const peerIp = () => `127.0.0.${20 + (peer++ % 10)}`;

  beforeAll(async () => {
    db = mysql.createPool({ uri: info.env.DATABASE_URL, connectionLimit: 2 });
    // Many fetches from one address: the per-IP limit itself is checked with its own process below.
    api = await startApi(info, { PROVISIONING_RATE_LIMIT_PER_MINUTE: '1000' });
  });

  afterEach(async () => {
    await Promise.all(phones.splice(0).map((p) => p.stop()));
  });

  afterAll(async () => {
    await api?.stop();
    await db?.end();
  });

  /** A request to a URL the API handed out, sent to this run's API (PUBLIC_URL says localhost). */
  function fetchPublic(url: string, headers: Record<string, string> = {}): Promise<Response> {
    expect(url.startsWith(`${info.env.PUBLIC_URL}/api/provision/`)).toBe(true);
    return fetch(url.replace(info.env.PUBLIC_URL, info.apiUrl), {
      headers: { 'accept-language': 'en', ...headers },
    });
  }

  async function register(account: { username: string; password: string; server: string }): Promise<Baresip> {
    const phone = await Baresip.start({ ...account, localIp: peerIp() });
    phones.push(phone);
    await phone.waitForType('REGISTER_OK');
    return phone;
  }

  async function linkRows(userId: number) {
    const [rows] = await db.query<mysql.RowDataPacket[]>(
      'SELECT token_hash, expires_at, used_at FROM provisioning_links WHERE user_id = ? ORDER BY id',
      [userId],
    );
    return rows as { token_hash: string; expires_at: Date; used_at: Date | null }[];
  }

  const tokenOf = (link: ProvisioningLink) => new URL(link.url).pathname.split('/').pop()!;
  const notFoundBody = async () =>
    (await fetchPublic(`${info.env.PUBLIC_URL}/api/provision/${'A'.repeat(43)}`)).text();

  describe('softphone links (F5)', () => {
    it('given WebPhone mode then no link is made (409 not_sip_mode); in SIP mode a 24-h link with a QR code is, and only its hash is stored', async () => {
      const { client, session } = await signupTenant(anonymous);
      const refused = await client.expect<ApiErrorBody>(409, 'POST', '/me/device/provisioning-link');
      expect(refused.code).toBe('not_sip_mode');
      expect(await linkRows(session.user.id)).toHaveLength(0);

      await client.expect<DeviceInfo>(200, 'PUT', '/me/device', { mode: 'sip' });
      const before = Date.now();
      const link = await client.expect<ProvisioningLink>(201, 'POST', '/me/device/provisioning-link');
      const token = tokenOf(link);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const ttl = Date.parse(link.expiresAt) - before;
      expect(ttl).toBeGreaterThan(24 * 3600_000 - 60_000);
      expect(ttl).toBeLessThanOrEqual(24 * 3600_000 + 1000);
      expect(link.qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"[\s\S]*<path/);
      const rows = await linkRows(session.user.id);
      expect(rows).toHaveLength(1);
      expect(rows[0].token_hash).toBe(createHash('sha256').update(token).digest('hex'));
      expect(JSON.stringify(rows)).not.toContain(token);
    });

    it('given a link when fetched then the Linphone XML registers a real SIP phone, and the second fetch is the 404 of an unknown link', async () => {
      const { client } = await signupTenant(anonymous);
      const device = await client.expect<DeviceInfo>(200, 'PUT', '/me/device', { mode: 'sip' });
      const link = await client.expect<ProvisioningLink>(201, 'POST', '/me/device/provisioning-link');

      const res = await fetchPublic(link.url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/xml/);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const xml = await res.text();
      expect(xml).toContain('<config xmlns="http://www.linphone.org/xsds/lpconfig.xsd"');
      const { proxy_0: proxy, auth_info_0: auth } = linphoneSections(xml);
      expect(auth.username).toBe(device.sip.username);
      // The first transport of the account: UDP to the SIP host and port.
      const target = /^<sip:([^:;>]+):(\d+);transport=udp>$/.exec(proxy.reg_proxy);
      expect(target).not.toBeNull();
      expect(proxy.reg_identity).toContain(`<sip:${auth.username}@${auth.domain}>`);
      await register({
        username: auth.username,
        password: auth.passwd,
        server: `${target![1]}:${target![2]}`,
      });

      const again = await fetchPublic(link.url);
      expect(again.status).toBe(404);
      expect(await again.text()).toBe(await notFoundBody());
      // Not even a malformed token tells anything different.
      expect(await (await fetchPublic(`${info.env.PUBLIC_URL}/api/provision/x`)).text()).toBe(
        await notFoundBody(),
      );
    });

    it('given ?format=json then the documented JSON account comes back, with the password of the device', async () => {
      const { client } = await signupTenant(anonymous);
      const device = await client.expect<DeviceInfo>(200, 'PUT', '/me/device', { mode: 'sip' });
      const link = await client.expect<ProvisioningLink>(201, 'POST', '/me/device/provisioning-link');
      // An unknown format is refused before the link is spent.
      expect((await fetchPublic(`${link.url}?format=zoiper`)).status).toBe(400);
      const res = await fetchPublic(`${link.url}?format=json`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as ProvisionedSipAccount;
      expect(body).toMatchObject({
        format: 'webcall-sip-account',
        version: 1,
        extension: device.extension,
        username: device.sip.username,
        password: device.sip.password,
        transports: device.sip.transports,
      });
    });

    it('given a link whose expiry passed then it answers 404 and is not spent by the attempt', async () => {
      const { client, session } = await signupTenant(anonymous);
      await client.expect<DeviceInfo>(200, 'PUT', '/me/device', { mode: 'sip' });
      const link = await client.expect<ProvisioningLink>(201, 'POST', '/me/device/provisioning-link');
      await db.query('UPDATE provisioning_links SET expires_at = ? WHERE user_id = ?', [
        new Date(Date.now() - 1000),
        session.user.id,
      ]);
      const res = await fetchPublic(link.url);
      expect(res.status).toBe(404);
      expect(await res.text()).toBe(await notFoundBody());
      expect((await linkRows(session.user.id))[0].used_at).toBeNull();
    });

    it('given unused links then a new link, a new SIP password and a switch to WebPhone each void them', async () => {
      const { client } = await signupTenant(anonymous);
      await client.expect<DeviceInfo>(200, 'PUT', '/me/device', { mode: 'sip' });
      const first = await client.expect<ProvisioningLink>(201, 'POST', '/me/device/provisioning-link');
      const second = await client.expect<ProvisioningLink>(201, 'POST', '/me/device/provisioning-link');
      expect((await fetchPublic(first.url)).status).toBe(404);

      await client.expect<DeviceInfo>(200, 'POST', '/me/device/password');
      expect((await fetchPublic(second.url)).status).toBe(404);

      const third = await client.expect<ProvisioningLink>(201, 'POST', '/me/device/provisioning-link');
      await client.expect<DeviceInfo>(200, 'PUT', '/me/device', { mode: 'webphone' });
      expect((await fetchPublic(third.url)).status).toBe(404);

      // And a link made after all that works.
      await client.expect<DeviceInfo>(200, 'PUT', '/me/device', { mode: 'sip' });
      const fourth = await client.expect<ProvisioningLink>(201, 'POST', '/me/device/provisioning-link');
      expect((await fetchPublic(fourth.url)).status).toBe(200);
    });

    it("given a tenant admin then they make links for their users, and another tenant's admin gets 404 for them", async () => {
      const home = await signupTenant(anonymous);
      const agent = await invitedMember(home.client, info.mailSinkUrl!, 'agent');
      const other = await signupTenant(anonymous);
      await home.client.expect<DeviceInfo>(200, 'PUT', `/users/${agent.user.id}/device`, { mode: 'sip' });

      const intruder = await other.client.expect<ApiErrorBody>(
        404,
        'POST',
        `/users/${agent.user.id}/device/provisioning-link`,
      );
      expect(intruder.code).toBe('not_found');
      expect(await linkRows(agent.user.id)).toHaveLength(0);

      const link = await home.client.expect<ProvisioningLink>(
        201,
        'POST',
        `/users/${agent.user.id}/device/provisioning-link`,
      );
      const { auth_info_0: auth } = linphoneSections(await (await fetchPublic(link.url)).text());
      expect(auth.username).toBe(`t${home.session.user.tenantId}-${agent.user.extension}`);
    });
  });

  describe('IP phones (F6)', () => {
    async function phoneRows(tenantId: number) {
      const [rows] = await db.query<mysql.RowDataPacket[]>('SELECT * FROM ip_phones WHERE tenant_id = ?', [
        tenantId,
      ]);
      return rows;
    }

    const randomMac = () =>
      Array.from({ length: 6 }, () =>
        Math.floor(Math.random() * 256)
          .toString(16)
          .padStart(2, '0'),
      ).join(':');

    async function serverUrl(client: ApiClient): Promise<string> {
      return (await client.expect<PhoneProvisioningInfo>(200, 'GET', '/ip-phones/provisioning')).serverUrl;
    }

    it('given bad input then each field says what is wrong and nothing is written; then create, read, update and delete work and are audited', async () => {
      const { client, session } = await signupTenant(anonymous);
      const tenantId = session.user.tenantId!;
      expect(
        await client.fieldCodes('POST', '/ip-phones', { mac: '00:15:65:AB:CD', vendor: 'yealink' }),
      ).toEqual({
        mac: 'invalid_mac',
      });
      expect(
        await client.fieldCodes('POST', '/ip-phones', {
          mac: '001565abcdef',
          vendor: 'yealink',
          color: 'red',
        }),
      ).toEqual({ color: 'unknown_field' });
      expect(
        await client.fieldCodes('POST', '/ip-phones', {
          mac: '001565abcdef',
          vendor: 'yealink',
          label: 'x'.repeat(101),
        }),
      ).toEqual({ label: 'too_long' });
      expect(
        await client.fieldCodes('POST', '/ip-phones', { mac: 42, vendor: 'cisco', userId: '5', model: true }),
      ).toEqual({
        mac: 'invalid_type',
        vendor: 'invalid_value',
        userId: 'invalid_type',
        model: 'invalid_type',
      });
      expect(await client.fieldCodes('POST', '/ip-phones', {})).toEqual({
        mac: 'required',
        vendor: 'required',
      });
      expect(await phoneRows(tenantId)).toHaveLength(0);
      expect(await client.expect<IpPhone[]>(200, 'GET', '/ip-phones')).toEqual([]);

      const mac = randomMac();
      const created = await client.expect<IpPhoneSaved>(201, 'POST', '/ip-phones', {
        mac: mac.toUpperCase().replace(/:/g, '-'),
        vendor: 'yealink',
        model: 'T46U',
        label: '  Quầy   lễ tân ',
      });
      expect(created).toMatchObject({
        mac: mac.replace(/:/g, ''),
        vendor: 'yealink',
        model: 'T46U',
        label: 'Quầy lễ tân',
        user: null,
        lastProvisionedAt: null,
        userSwitchedToSip: false,
      });
      expect(await client.expect<IpPhone>(200, 'GET', `/ip-phones/${created.id}`)).toMatchObject({
        id: created.id,
      });
      expect(await client.fieldCodes('PATCH', `/ip-phones/${created.id}`, { mac: 'nope' })).toEqual({
        mac: 'invalid_mac',
      });
      const updated = await client.expect<IpPhoneSaved>(200, 'PATCH', `/ip-phones/${created.id}`, {
        label: 'Phòng họp',
        model: '',
      });
      expect(updated).toMatchObject({ label: 'Phòng họp', model: null, mac: created.mac });
      expect((await client.expect<IpPhone[]>(200, 'GET', '/ip-phones')).map((p) => p.label)).toEqual([
        'Phòng họp',
      ]);
      await client.expect(204, 'DELETE', `/ip-phones/${created.id}`);
      await client.expect(404, 'GET', `/ip-phones/${created.id}`);
      expect(await phoneRows(tenantId)).toHaveLength(0);

      const log = await client.expect<AuditPage>(200, 'GET', '/audit-log?pageSize=100');
      const entries = log.items.filter((e) => e.targetType === 'ip_phone');
      expect(entries.map((e) => e.action).sort()).toEqual([
        'ip_phone.create',
        'ip_phone.delete',
        'ip_phone.update',
      ]);
      expect(entries.find((e) => e.action === 'ip_phone.update')).toMatchObject({
        before: { label: 'Quầy lễ tân', model: 'T46U' },
        after: { label: 'Phòng họp', model: null },
      });
    });

    it('given a MAC registered by another company then it is 409 mac without saying whose; their phones and users are 404', async () => {
      const home = await signupTenant(anonymous);
      const other = await signupTenant(anonymous);
      const otherAgent = await invitedMember(other.client, info.mailSinkUrl!, 'agent');
      const mac = randomMac();
      const phone = await home.client.expect<IpPhoneSaved>(201, 'POST', '/ip-phones', {
        mac,
        vendor: 'yealink',
        label: 'Máy Bí Mật',
      });

      const res = await other.client.call('POST', '/ip-phones', {
        mac: mac.replace(/:/g, ''),
        vendor: 'yealink',
      });
      expect(res.status).toBe(409);
      const text = await res.text();
      expect(JSON.parse(text)).toMatchObject({ code: 'already_used', fields: ['mac'] });
      expect(text).not.toMatch(/Bí Mật|Công ty/);
      // The same company cannot register it twice either.
      expect((await home.client.call('POST', '/ip-phones', { mac, vendor: 'yealink' })).status).toBe(409);

      for (const [method, body] of [
        ['GET', undefined],
        ['PATCH', { label: 'Hacked' }],
        ['DELETE', undefined],
      ] as const) {
        expect((await other.client.call(method, `/ip-phones/${phone.id}`, body)).status).toBe(404);
      }
      // A user of another company is "not found", and nothing is written.
      expect(
        (
          await home.client.call('POST', '/ip-phones', {
            mac: randomMac(),
            vendor: 'yealink',
            userId: otherAgent.user.id,
          })
        ).status,
      ).toBe(404);
      expect(
        (await home.client.call('PATCH', `/ip-phones/${phone.id}`, { userId: otherAgent.user.id })).status,
      ).toBe(404);
      const rows = await phoneRows(home.session.user.tenantId!);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ label: 'Máy Bí Mật', user_id: null });
      expect(await other.client.expect<IpPhone[]>(200, 'GET', '/ip-phones')).toEqual([]);
    });

    it('given a phone assigned to a WebPhone user then the user is switched to SIP, and the cfg fetched by MAC registers a real SIP phone', async () => {
      const { client } = await signupTenant(anonymous);
      const agent = await invitedMember(client, info.mailSinkUrl!, 'agent');
      expect((await client.expect<DeviceInfo>(200, 'GET', `/users/${agent.user.id}/device`)).mode).toBe(
        'webphone',
      );
      const mac = randomMac();
      const saved = await client.expect<IpPhoneSaved>(201, 'POST', '/ip-phones', {
        mac,
        vendor: 'yealink',
        label: 'Bàn 2',
        userId: agent.user.id,
      });
      expect(saved.userSwitchedToSip).toBe(true);
      expect(saved.user).toMatchObject({ id: agent.user.id, extension: agent.user.extension });
      const device = await client.expect<DeviceInfo>(200, 'GET', `/users/${agent.user.id}/device`);
      expect(device.mode).toBe('sip');

      const base = await serverUrl(client);
      expect(base).toMatch(/\/api\/provision\/phones\/[A-Za-z0-9_-]{22}\/$/);
      const file = `${mac.replace(/:/g, '')}.cfg`;
      const res = await fetchPublic(`${base}${file}`, {
        'user-agent': `Yealink SIP-T46U 108.86.0.45 ${mac}`,
      });
      expect(res.status).toBe(200);
      const cfg = await res.text();
      expect(cfg.startsWith('#!version:1.0.0.1\n')).toBe(true);
      const s = yealinkSettings(cfg);
      expect(s).toMatchObject({
        'account.1.enable': '1',
        'account.1.auth_name': device.sip.username,
        'account.1.user_name': device.sip.username,
        'account.1.sip_server.1.transport_type': '0',
        'local_time.time_zone_name': 'Vietnam(Hanoi)',
      });
      await register({
        username: s['account.1.user_name'],
        password: s['account.1.password'],
        server: `${s['account.1.sip_server.1.address']}:${s['account.1.sip_server.1.port']}`,
      });
      const [phone] = await client.expect<IpPhone[]>(200, 'GET', '/ip-phones');
      expect(phone.lastProvisionedIp).toBe('127.0.0.1');
      expect(Date.now() - Date.parse(phone.lastProvisionedAt!)).toBeLessThan(60_000);
      // The common file every Yealink asks for first: valid, and without secrets.
      const common = await fetchPublic(`${base}y000000000028.cfg`);
      expect(common.status).toBe(200);
      expect(await common.text()).not.toContain('account.1.password');
    });

    it('given wrong keys, unknown or foreign MACs and a User-Agent naming another MAC then all are the same 404; a new key kills the old URL', async () => {
      const home = await signupTenant(anonymous);
      const other = await signupTenant(anonymous);
      const mac = randomMac().replace(/:/g, '');
      const foreign = randomMac().replace(/:/g, '');
      await home.client.expect(201, 'POST', '/ip-phones', { mac, vendor: 'yealink' });
      await other.client.expect(201, 'POST', '/ip-phones', { mac: foreign, vendor: 'yealink' });
      const base = await serverUrl(home.client);
      expect(await serverUrl(home.client)).toBe(base);
      const otherBase = await serverUrl(other.client);
      expect(otherBase).not.toBe(base);
      expect((await fetchPublic(`${base}${mac}.cfg`)).status).toBe(200);

      const notFound = await notFoundBody();
      const wrongKey = base.replace(/[A-Za-z0-9_-]{22}\/$/, `${'b'.repeat(22)}/`);
      for (const [url, headers] of [
        [`${wrongKey}${mac}.cfg`, {}],
        [`${base}${randomMac().replace(/:/g, '')}.cfg`, {}],
        [`${base}${foreign}.cfg`, {}],
        [`${otherBase}${mac}.cfg`, {}],
        [`${base}${mac}.cfg`, { 'user-agent': `Yealink SIP-T46S 66.86.0.15 ${randomMac()}` }],
        [`${base}${mac}.xml`, {}],
      ] as const) {
        const res = await fetchPublic(url, headers);
        expect(`${url} → ${res.status}`).toBe(`${url} → 404`);
        expect(await res.text()).toBe(notFound);
      }

      const renewed = await home.client.expect<PhoneProvisioningInfo>(
        200,
        'POST',
        '/ip-phones/provisioning/regenerate',
      );
      expect(renewed.serverUrl).not.toBe(base);
      expect((await fetchPublic(`${base}${mac}.cfg`)).status).toBe(404);
      expect((await fetchPublic(`${renewed.serverUrl}${mac}.cfg`)).status).toBe(200);
      const log = await home.client.expect<AuditPage>(200, 'GET', '/audit-log?pageSize=100');
      const entry = log.items.find((e) => e.action === 'ip_phone.provisioning_key_regenerate');
      expect(entry).toBeDefined();
      expect(JSON.stringify(entry)).not.toContain(renewed.serverUrl.split('/').at(-2));
    });

    it('given a phone without a user, or whose user went back to WebPhone, then its cfg disables the line', async () => {
      const { client } = await signupTenant(anonymous);
      const agent = await invitedMember(client, info.mailSinkUrl!, 'agent');
      const mac = randomMac().replace(/:/g, '');
      const phone = await client.expect<IpPhoneSaved>(201, 'POST', '/ip-phones', { mac, vendor: 'yealink' });
      const base = await serverUrl(client);
      const unassigned = yealinkSettings(await (await fetchPublic(`${base}${mac}.cfg`)).text());
      expect(unassigned['account.1.enable']).toBe('0');
      expect(unassigned['account.1.password']).toBe('%NULL%');

      await client.expect(200, 'PATCH', `/ip-phones/${phone.id}`, { userId: agent.user.id });
      expect(yealinkSettings(await (await fetchPublic(`${base}${mac}.cfg`)).text())['account.1.enable']).toBe(
        '1',
      );
      await client.expect(200, 'PUT', `/users/${agent.user.id}/device`, { mode: 'webphone' });
      expect(yealinkSettings(await (await fetchPublic(`${base}${mac}.cfg`)).text())['account.1.enable']).toBe(
        '0',
      );
    });
  });

  it('given a low per-IP limit then the public routes answer 429 once it is used up', async () => {
    // A second api on another port with a limit of 3 per minute; the suite's own api is unaffected.
    const port = String(info.ports.http + 1);
    const limited = await startApi(
      { ...info, apiUrl: `http://127.0.0.1:${port}` },
      { HTTP_PORT: port, PROVISIONING_RATE_LIMIT_PER_MINUTE: '3' },
    );
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push((await fetch(`http://127.0.0.1:${port}/api/provision/${'A'.repeat(43)}`)).status);
      }
      expect(statuses).toEqual([404, 404, 404, 429]);
    } finally {
      await limited.stop();
    }
  });
});
