import type { ApiErrorBody, AuditPage, HotlineView, TrunkPresetView, TrunkView } from '#contracts';
import { randomInt, randomUUID } from 'node:crypto';
import mysql from 'mysql2/promise';
import { startApi } from '../support/api.js';
import { ApiClient, signupTenant } from '../support/api-client.js';
import { asteriskCli } from '../support/asterisk.js';
import { expectEventually } from '../support/eventually.js';
import { startApp, type AppProcess } from '../support/processes.js';
import { startRegistrar, type SippRegistrar } from '../support/sipp.js';
import { stackInfo } from '../support/stack-info.js';

// The simulated carriers of this suite (never 127.0.0.1: phones; never 127.0.0.2: the static one).
const CARRIER_IP = '127.0.0.4';
const REGISTRAR_IP = '127.0.0.3';

type Tuple = { attribute: string; value: string };

describe('trunks: carrier trunks pushed to Asterisk, registration with a SIPp registrar (real Asterisk)', () => {
  const info = stackInfo();
  const anonymous = new ApiClient(`${info.apiUrl}/api`);
  const ari = `${info.env.ARI_URL}/ari`;
  const ariAuth = `Basic ${Buffer.from(`${info.env.ARI_USERNAME}:${info.env.ARI_PASSWORD}`).toString('base64')}`;
  let api: AppProcess;
  let operator: ApiClient;
  let db: mysql.Pool;
  const registrars: SippRegistrar[] = [];

  beforeAll(async () => {
    db = mysql.createPool({ uri: info.env.DATABASE_URL, connectionLimit: 2 });
    api = await startApi(info);
    operator = (await anonymous.login(info.logins.operator.email, info.logins.operator.password)).client;
  });

  afterEach(async () => {
    await Promise.all(registrars.splice(0).map((r) => r.stop()));
  });

  afterAll(async () => {
    await api?.stop();
    await db?.end();
  });

  /** One of this suite's registrar ports (28100–28199), different per test. */
  let nextPort = 28100 + randomInt(0, 50);
  const port = () => nextPort++;

  async function registrar(username: string, password: string, fixed?: number) {
    // A port of the range may be held by another process for a moment: take the next one then
    // (unless the test needs this very port again).
    for (let attempt = 1; ; attempt++) {
      const p = fixed ?? port();
      try {
        const r = await startRegistrar({ ip: REGISTRAR_IP, port: p, username, password });
        registrars.push(r);
        return { registrar: r, port: p };
      } catch (err) {
        if (fixed !== undefined || attempt >= 3 || !String(err).includes('Address already in use')) throw err;
      }
    }
  }

  async function pushed(type: string, id: string): Promise<Map<string, string> | null> {
    const res = await fetch(`${ari}/asterisk/config/dynamic/res_pjsip/${type}/${id}`, {
      headers: { authorization: ariAuth },
    });
    if (res.status === 404) return null;
    if (res.status !== 200) throw new Error(`ARI ${type}/${id}: ${res.status} ${await res.text()}`);
    return new Map(((await res.json()) as Tuple[]).map((t) => [t.attribute, t.value]));
  }

  /** The trunk endpoints Asterisk knows now. */
  async function trunkEndpoints(): Promise<string[]> {
    const res = await fetch(`${ari}/endpoints/PJSIP`, { headers: { authorization: ariAuth } });
    const list = (await res.json()) as { resource: string }[];
    return list
      .map((e) => e.resource)
      .filter((r) => r.startsWith('trunk-'))
      .sort();
  }

  const name = (prefix: string) => `${prefix} ${randomUUID().slice(0, 8)}`;
  const ipTrunk = (extra: Record<string, unknown> = {}) => ({
    name: name('FPT iVoice'),
    preset: 'fpt',
    authMode: 'ip',
    host: CARRIER_IP,
    matchIps: [CARRIER_IP, '198.51.100.0/28'],
    ...extra,
  });

  it('given the presets then each carrier comes with defaults and a note, and the host is left to the contract', async () => {
    const presets = await operator.expect<TrunkPresetView[]>(200, 'GET', '/trunk-presets');
    expect(presets.map((p) => p.id)).toEqual(['fpt', 'cmc', 'mobifone', 'viettel', 'generic']);
    for (const p of presets) {
      expect(p.codecs).toEqual(['alaw', 'ulaw']);
      expect(p.host).toBe('');
      expect(p.note).toMatch(/not public|Any SIP carrier/);
    }
    const vi = await new ApiClient(anonymous.base, operator.token, 'vi').expect<TrunkPresetView[]>(
      200,
      'GET',
      '/trunk-presets',
    );
    expect(vi[0]!.note).toContain('hợp đồng');
  });

  it('given an IP-authenticated trunk when created then Asterisk holds its endpoint (carrier context), aor and identify; disabled it is gone, enabled it is back', async () => {
    const trunk = await operator.expect<TrunkView>(201, 'POST', '/trunks', ipTrunk());
    expect(trunk).toMatchObject({
      authMode: 'ip',
      endpointName: `trunk-${trunk.id}`,
      managed: true,
      enabled: true,
      hasSecret: false,
      registration: null,
      hotlines: 0,
      port: 5060,
      transport: 'udp',
      codecs: ['alaw', 'ulaw'],
      matchIps: [CARRIER_IP, '198.51.100.0/28'],
    });
    const id = trunk.endpointName;
    const endpoint = (await pushed('endpoint', id))!;
    expect(
      Object.fromEntries(
        [
          'context',
          'transport',
          'aors',
          'direct_media',
          'rtp_symmetric',
          'force_rport',
          'rewrite_contact',
        ].map((k) => [k, endpoint.get(k)]),
      ),
    ).toEqual({
      context: 'webcall-carrier',
      transport: 'transport-udp',
      aors: id,
      direct_media: 'false',
      rtp_symmetric: 'true',
      force_rport: 'true',
      rewrite_contact: 'true',
    });
    expect(endpoint.get('allow')).toBe('(alaw|ulaw)');
    expect((await pushed('aor', id))!.get('contact')).toContain(`sip:${CARRIER_IP}:5060`);
    const identify = (await pushed('identify', id))!;
    expect(identify.get('endpoint')).toBe(id);
    // ARI reads back one entry of `match`; the CLI lists them all.
    const shown = await asteriskCli(info, `pjsip show identify ${id}`);
    expect(shown).toContain(`Match: ${CARRIER_IP}/32`);
    expect(shown).toContain('Match: 198.51.100.0/28');
    expect(await pushed('registration', id)).toBeNull();

    // Edit: TCP, another port, one codec; Asterisk follows.
    const edited = await operator.expect<TrunkView>(200, 'PATCH', `/trunks/${trunk.id}`, {
      transport: 'tcp',
      port: 5080,
      codecs: ['alaw'],
    });
    expect(edited).toMatchObject({ transport: 'tcp', port: 5080, codecs: ['alaw'] });
    expect((await pushed('endpoint', id))!.get('transport')).toBe('transport-tcp');
    expect((await pushed('endpoint', id))!.get('allow')).toBe('(alaw)');
    expect((await pushed('aor', id))!.get('contact')).toContain(`sip:${CARRIER_IP}:5080;transport=tcp`);

    await operator.expect(200, 'PATCH', `/trunks/${trunk.id}`, { enabled: false });
    expect(await pushed('endpoint', id)).toBeNull();
    expect(await pushed('identify', id)).toBeNull();
    expect(await pushed('aor', id)).toBeNull();
    await operator.expect(200, 'PATCH', `/trunks/${trunk.id}`, { enabled: true });
    expect((await pushed('endpoint', id))!.get('context')).toBe('webcall-carrier');

    const log = await operator.expect<AuditPage>(200, 'GET', '/audit-log?targetType=trunk&pageSize=100');
    const mine = log.items.filter((e) => e.targetId === trunk.id).map((e) => e.action);
    expect(mine).toEqual(['trunk.update', 'trunk.update', 'trunk.update', 'trunk.create']);

    await operator.expect(204, 'DELETE', `/trunks/${trunk.id}`);
    expect(await pushed('endpoint', id)).toBeNull();
    await operator.expect(404, 'GET', `/trunks/${trunk.id}`);
  });

  it('given a registration trunk and a carrier registrar then Asterisk registers with the secret (never returned); a wrong secret is rejected; a disabled trunk unregisters', async () => {
    const username = `wc${randomInt(100000, 999999)}`;
    const secret = `Secret-${randomUUID()}`;
    const { registrar: carrier, port: carrierPort } = await registrar(username, secret);
    const trunk = await operator.expect<TrunkView>(201, 'POST', '/trunks', {
      name: name('CMC Telecom'),
      preset: 'cmc',
      authMode: 'registration',
      host: REGISTRAR_IP,
      port: carrierPort,
      username,
      secret,
      fromDomain: 'voice.carrier.test',
    });
    expect(trunk).toMatchObject({ authMode: 'registration', username, hasSecret: true, matchIps: [] });
    expect(JSON.stringify(trunk)).not.toContain(secret);
    const id = trunk.endpointName;
    const registration = (await pushed('registration', id))!;
    expect(registration.get('server_uri')).toBe(`sip:${REGISTRAR_IP}:${carrierPort}`);
    expect(registration.get('client_uri')).toBe(`sip:${username}@${REGISTRAR_IP}:${carrierPort}`);
    expect(registration.get('outbound_auth')).toBe(id);
    expect(registration.get('endpoint')).toBe(id);
    expect((await pushed('auth', id))!.get('username')).toBe(username);
    expect((await pushed('endpoint', id))!.get('from_domain')).toBe('voice.carrier.test');
    expect((await pushed('endpoint', id))!.get('outbound_auth')).toBe(id);
    expect(await pushed('identify', id)).toBeNull();
    // The secret is sealed at rest.
    const [rows] = await db.query<mysql.RowDataPacket[]>('SELECT secret FROM trunks WHERE id = ?', [
      trunk.id,
    ]);
    expect(rows[0]!.secret).toMatch(/^v1\./);
    expect(rows[0]!.secret).not.toContain(secret);

    await expectEventually(
      async () =>
        expect((await operator.expect<TrunkView>(200, 'GET', `/trunks/${trunk.id}`)).registration).toBe(
          'Registered',
        ),
      { timeoutMs: 20_000, intervalMs: 250 },
    );
    expect(carrier.accepted()).toBeGreaterThanOrEqual(1);
    const listed = (await operator.expect<TrunkView[]>(200, 'GET', '/trunks')).find(
      (t) => t.id === trunk.id,
    )!;
    expect(listed.registration).toBe('Registered');
    expect(JSON.stringify(listed)).not.toContain(secret);

    // A wrong secret: the carrier answers 403 and the trunk shows it.
    await operator.expect(200, 'PATCH', `/trunks/${trunk.id}`, { secret: 'not-the-secret' });
    await expectEventually(
      async () =>
        expect((await operator.expect<TrunkView>(200, 'GET', `/trunks/${trunk.id}`)).registration).toBe(
          'Rejected',
        ),
      { timeoutMs: 20_000, intervalMs: 250 },
    );
    expect(carrier.refused()).toBeGreaterThanOrEqual(1);
    await operator.expect(200, 'PATCH', `/trunks/${trunk.id}`, { secret });
    await expectEventually(
      async () =>
        expect((await operator.expect<TrunkView>(200, 'GET', `/trunks/${trunk.id}`)).registration).toBe(
          'Registered',
        ),
      { timeoutMs: 20_000, intervalMs: 250 },
    );

    // Disabled: no registration, no endpoint; the view says so (no state).
    const disabled = await operator.expect<TrunkView>(200, 'PATCH', `/trunks/${trunk.id}`, {
      enabled: false,
    });
    expect(disabled.registration).toBeNull();
    expect(await pushed('registration', id)).toBeNull();
    expect(await pushed('endpoint', id)).toBeNull();
    expect(await pushed('auth', id)).toBeNull();
    await operator.expect(204, 'DELETE', `/trunks/${trunk.id}`);
  });

  it('given bad input then 400 with field errors, and neither the database nor Asterisk changed', async () => {
    const before = await operator.expect<TrunkView[]>(200, 'GET', '/trunks');
    const endpointsBefore = await trunkEndpoints();
    const long = 'x'.repeat(101);
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{}, { name: 'required', preset: 'required', authMode: 'required' }],
      [{ ...ipTrunk(), name: long }, { name: 'too_long' }],
      [{ ...ipTrunk(), name: '   ' }, { name: 'required' }],
      [{ ...ipTrunk(), preset: 'vnpt' }, { preset: 'invalid_value' }],
      [{ ...ipTrunk(), authMode: 'digest' }, { authMode: 'invalid_value' }],
      [{ ...ipTrunk(), port: 0 }, { port: 'too_small' }],
      [{ ...ipTrunk(), port: '5060' }, { port: 'invalid_type' }],
      [{ ...ipTrunk(), transport: 'ws' }, { transport: 'invalid_value' }],
      [{ ...ipTrunk(), codecs: ['opus'] }, { codecs: 'invalid_value' }],
      [{ ...ipTrunk(), codecs: [] }, { codecs: 'invalid_value' }],
      [{ ...ipTrunk(), host: 'sbc carrier;x' }, { host: 'invalid_host' }],
      [{ ...ipTrunk(), host: 'h'.repeat(256) }, { host: 'too_long' }],
      [{ ...ipTrunk(), fromDomain: 'not a domain' }, { fromDomain: 'invalid_host' }],
      [{ ...ipTrunk(), maxChannels: 0 }, { maxChannels: 'too_small' }],
      [{ ...ipTrunk(), enabled: 'yes' }, { enabled: 'invalid_type' }],
      [{ ...ipTrunk(), matchIps: [] }, { matchIps: 'required' }],
      [{ ...ipTrunk(), matchIps: '127.0.0.4' }, { matchIps: 'invalid_type' }],
      [{ ...ipTrunk(), matchIps: ['300.1.2.3'] }, { matchIps: 'ip_invalid' }],
      [{ ...ipTrunk(), matchIps: ['10.0.0.0/33'] }, { matchIps: 'ip_invalid' }],
      [{ ...ipTrunk(), matchIps: ['sbc.example.com'] }, { matchIps: 'ip_invalid' }],
      [{ ...ipTrunk(), matchIps: ['127.0.0.1'] }, { matchIps: 'ip_phones_address' }],
      [{ ...ipTrunk(), matchIps: [CARRIER_IP, '127.0.0.0/8'] }, { matchIps: 'ip_phones_address' }],
      [{ ...ipTrunk(), matchIps: ['0.0.0.0/0'] }, { matchIps: 'ip_too_wide' }],
      [{ ...ipTrunk(), id: 5 }, { id: 'unknown_field' }],
      [{ ...ipTrunk(), endpointName: 'loopback-carrier' }, { endpointName: 'unknown_field' }],
      [{ ...ipTrunk(), managed: false }, { managed: 'unknown_field' }],
      [
        { name: name('Reg'), preset: 'cmc', authMode: 'registration' },
        { host: 'required', username: 'required', secret: 'required' },
      ],
      [
        {
          name: name('Reg'),
          preset: 'cmc',
          authMode: 'registration',
          host: REGISTRAR_IP,
          username: 'a b',
          secret: 's',
        },
        { username: 'invalid_sip_user' },
      ],
      [
        {
          name: name('Reg'),
          preset: 'cmc',
          authMode: 'registration',
          host: REGISTRAR_IP,
          username: 'u',
          secret: 'x'.repeat(61),
        },
        { secret: 'too_long' },
      ],
      [
        {
          name: name('Reg'),
          preset: 'cmc',
          authMode: 'registration',
          host: REGISTRAR_IP,
          username: 'u',
          secret: 'a\r\nb',
        },
        { secret: 'invalid_value' },
      ],
    ];
    for (const [body, fields] of cases) {
      expect([body, await operator.fieldCodes('POST', '/trunks', body)]).toEqual([body, fields]);
    }
    // Malformed JSON.
    const res = await fetch(`${anonymous.base}/trunks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${operator.token}` },
      body: '{"name": ',
    });
    expect(res.status).toBe(400);

    // A PATCH that would break an existing trunk is refused the same way.
    const trunk = await operator.expect<TrunkView>(201, 'POST', '/trunks', ipTrunk());
    const endpointBefore = await pushed('endpoint', trunk.endpointName);
    for (const [body, fields] of [
      [{ matchIps: ['127.0.0.1'] }, { matchIps: 'ip_phones_address' }],
      [{ authMode: 'registration' }, { host: undefined, username: 'required', secret: 'required' }],
      [{ port: 70000 }, { port: 'too_large' }],
      [{ secret: '' }, { secret: 'required' }],
      [{ name: null }, { name: 'required' }],
      [{ color: 'red' }, { color: 'unknown_field' }],
    ] as [Record<string, unknown>, Record<string, string | undefined>][]) {
      const expected = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      expect([body, await operator.fieldCodes('PATCH', `/trunks/${trunk.id}`, body)]).toEqual([
        body,
        expected,
      ]);
    }
    expect(await operator.expect<TrunkView>(200, 'GET', `/trunks/${trunk.id}`)).toEqual(trunk);
    expect(await pushed('endpoint', trunk.endpointName)).toEqual(endpointBefore);
    await operator.expect(204, 'DELETE', `/trunks/${trunk.id}`);

    expect(await operator.expect<TrunkView[]>(200, 'GET', '/trunks')).toEqual(before);
    expect(await trunkEndpoints()).toEqual(endpointsBefore);
  });

  it('given a name in use then 409 naming the field (create and rename), nothing changed', async () => {
    const first = await operator.expect<TrunkView>(201, 'POST', '/trunks', ipTrunk());
    const second = await operator.expect<TrunkView>(201, 'POST', '/trunks', ipTrunk());
    const count = (await operator.expect<TrunkView[]>(200, 'GET', '/trunks')).length;
    const conflict = await operator.expect<ApiErrorBody & { fields: string[]; details: { field: string }[] }>(
      409,
      'POST',
      '/trunks',
      ipTrunk({ name: first.name }),
    );
    expect(conflict).toMatchObject({
      code: 'already_used',
      fields: ['name'],
      details: [{ field: 'name', code: 'taken' }],
    });
    const rename = await operator.expect<ApiErrorBody & { fields: string[] }>(
      409,
      'PATCH',
      `/trunks/${second.id}`,
      {
        name: first.name,
      },
    );
    expect(rename.fields).toEqual(['name']);
    expect((await operator.expect<TrunkView[]>(200, 'GET', '/trunks')).length).toBe(count);
    expect((await operator.expect<TrunkView>(200, 'GET', `/trunks/${second.id}`)).name).toBe(second.name);
    await operator.expect(204, 'DELETE', `/trunks/${first.id}`);
    await operator.expect(204, 'DELETE', `/trunks/${second.id}`);
  });

  it('given tenant users then every trunk endpoint answers 403', async () => {
    const admin = (await signupTenant(anonymous)).client;
    const trunk = await operator.expect<TrunkView>(201, 'POST', '/trunks', ipTrunk());
    for (const [method, path, body] of [
      ['GET', '/trunks', undefined],
      ['GET', '/trunk-presets', undefined],
      ['POST', '/trunks', ipTrunk()],
      ['GET', `/trunks/${trunk.id}`, undefined],
      ['PATCH', `/trunks/${trunk.id}`, { name: 'Hacked' }],
      ['DELETE', `/trunks/${trunk.id}`, undefined],
    ] as const) {
      expect(`${method} ${path} → ${(await admin.call(method, path, body)).status}`).toBe(
        `${method} ${path} → 403`,
      );
    }
    expect((await operator.expect<TrunkView>(200, 'GET', `/trunks/${trunk.id}`)).name).toBe(trunk.name);
    await operator.expect(204, 'DELETE', `/trunks/${trunk.id}`);
  });

  it('given the static loopback carrier then it is listed, never pushed, only renamed, never deleted', async () => {
    const loopback = (await operator.expect<TrunkView[]>(200, 'GET', '/trunks')).find(
      (t) => t.endpointName === 'loopback-carrier',
    )!;
    expect(loopback).toMatchObject({
      managed: false,
      authMode: 'ip',
      matchIps: ['127.0.0.2'],
      preset: 'generic',
    });
    for (const body of [{ host: '127.0.0.9' }, { enabled: false }, { matchIps: ['127.0.0.9'] }]) {
      const answer = await operator.expect<ApiErrorBody>(409, 'PATCH', `/trunks/${loopback.id}`, body);
      expect(answer.code).toBe('trunk_static');
      expect(answer.message).toContain('only its name');
    }
    expect((await operator.expect<ApiErrorBody>(409, 'DELETE', `/trunks/${loopback.id}`)).code).toBe(
      'trunk_static',
    );
    const renamed = name('Loopback');
    expect(
      (await operator.expect<TrunkView>(200, 'PATCH', `/trunks/${loopback.id}`, { name: renamed })).name,
    ).toBe(renamed);
    await operator.expect(200, 'PATCH', `/trunks/${loopback.id}`, { name: loopback.name });
    // Static: its endpoint is pjsip.conf's, untouched.
    expect((await pushed('endpoint', 'loopback-carrier'))!.get('context')).toBe('webcall-loopback-carrier');
  });

  it('given a trunk hotlines use then deleting it is refused with a clear message; once they are gone it goes', async () => {
    const admin = await signupTenant(anonymous);
    const trunk = await operator.expect<TrunkView>(201, 'POST', '/trunks', ipTrunk());
    const hotline = await operator.expect<HotlineView>(201, 'POST', '/operator/hotlines', {
      tenantId: admin.session.user.tenantId,
      number: `1800${randomInt(100000, 999999)}`,
      trunkId: trunk.id,
    });
    expect((await operator.expect<TrunkView>(200, 'GET', `/trunks/${trunk.id}`)).hotlines).toBe(1);
    const refused = await operator.expect<ApiErrorBody>(409, 'DELETE', `/trunks/${trunk.id}`);
    expect(refused).toMatchObject({ code: 'trunk_in_use' });
    expect(refused.message).toContain('1 hotline');
    expect(await pushed('endpoint', trunk.endpointName)).not.toBeNull();

    await operator.expect(200, 'POST', `/operator/hotlines/${hotline.id}/status`, { status: 'suspended' });
    await admin.client.expect(204, 'DELETE', `/hotlines/${hotline.id}`);
    await operator.expect(204, 'DELETE', `/trunks/${trunk.id}`);
    expect(await pushed('endpoint', trunk.endpointName)).toBeNull();
  });

  it('given Asterisk restarts then the api pushes the trunks again and the registration comes back', async () => {
    const username = `wc${randomInt(100000, 999999)}`;
    const secret = `Secret-${randomUUID()}`;
    const { port: carrierPort } = await registrar(username, secret);
    const ip = await operator.expect<TrunkView>(201, 'POST', '/trunks', ipTrunk());
    const reg = await operator.expect<TrunkView>(201, 'POST', '/trunks', {
      name: name('Generic'),
      preset: 'generic',
      authMode: 'registration',
      host: REGISTRAR_IP,
      port: carrierPort,
      username,
      secret,
    });
    const disabled = await operator.expect<TrunkView>(201, 'POST', '/trunks', ipTrunk({ enabled: false }));
    expect(await pushed('endpoint', disabled.endpointName)).toBeNull();

    await asteriskCli(info, 'core restart now');
    await expectEventually(
      async () => {
        expect((await pushed('endpoint', ip.endpointName))?.get('context')).toBe('webcall-carrier');
        expect(await pushed('identify', ip.endpointName)).not.toBeNull();
        expect(await pushed('registration', reg.endpointName)).not.toBeNull();
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    await expectEventually(
      async () =>
        expect((await operator.expect<TrunkView>(200, 'GET', `/trunks/${reg.id}`)).registration).toBe(
          'Registered',
        ),
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(await pushed('endpoint', disabled.endpointName)).toBeNull();
    for (const t of [ip, reg, disabled]) await operator.expect(204, 'DELETE', `/trunks/${t.id}`);
  });

  it('given Asterisk refuses the change (the api cannot reach ARI) then 503 asterisk_apply_failed and the row is unchanged', async () => {
    const trunk = await operator.expect<TrunkView>(201, 'POST', '/trunks', ipTrunk());
    const before = await operator.expect<TrunkView[]>(200, 'GET', '/trunks');
    await api.stop();
    // The same api with a wrong ARI password: every push is refused (401 from Asterisk).
    const broken = startApp('dist/apps/api/src/main.js', {
      AUTH_RATE_LIMIT_PER_MINUTE: '1000',
      ...info.env,
      ARI_PASSWORD: 'wrong-password',
    });
    try {
      await expectEventually(
        async () => {
          if (broken.child.exitCode !== null) throw new Error(`api exited:\n${broken.output()}`);
          expect((await fetch(`${info.apiUrl}/api/health`)).status).toBe(503);
        },
        { timeoutMs: 30_000, intervalMs: 200 },
      );
      const op = (await anonymous.login(info.logins.operator.email, info.logins.operator.password)).client;
      const created = await op.expect<ApiErrorBody>(503, 'POST', '/trunks', ipTrunk());
      expect(created.code).toBe('asterisk_apply_failed');
      const edited = await op.expect<ApiErrorBody>(503, 'PATCH', `/trunks/${trunk.id}`, { port: 5090 });
      expect(edited.code).toBe('asterisk_apply_failed');
      expect(await op.expect<TrunkView[]>(200, 'GET', '/trunks')).toEqual(before);
    } finally {
      await broken.stop();
      api = await startApi(info);
      operator = (await anonymous.login(info.logins.operator.email, info.logins.operator.password)).client;
    }
    expect((await pushed('aor', trunk.endpointName))!.get('contact')).toContain(':5060');
    await operator.expect(204, 'DELETE', `/trunks/${trunk.id}`);
  });
});
