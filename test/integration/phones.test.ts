import type { ApiErrorBody, DeviceInfo, LoginResponse, PresenceEntry, TenantUser } from '#contracts';
import mysql from 'mysql2/promise';
import { startApi } from '../support/api.js';
import { ApiClient, invitedMember, signupTenant } from '../support/api-client.js';
import { Baresip } from '../support/baresip.js';
import { expectEventually } from '../support/eventually.js';
import { startApp, type AppProcess } from '../support/processes.js';
import { stackInfo } from '../support/stack-info.js';

interface CallRow {
  entry_kind: string;
  entry_id: string;
  tenant_id: number;
  disposition: string | null;
  hangup_cause_text: string | null;
  answered_at: Date | null;
  ended_at: Date | null;
}

describe('phones: SIP accounts pushed to Asterisk, registration and internal calls with real SIP phones', () => {
  const info = stackInfo();
  const anonymous = new ApiClient(`${info.apiUrl}/api`);
  const ari = `${info.env.ARI_URL}/ari`;
  const ariAuth = `Basic ${Buffer.from(`${info.env.ARI_USERNAME}:${info.env.ARI_PASSWORD}`).toString('base64')}`;
  const server = `127.0.0.1:${info.ports.sip}`;
  let api: AppProcess;
  let callflow: AppProcess;
  let db: mysql.Pool;
  const phones: Baresip[] = [];

  beforeAll(async () => {
    db = mysql.createPool({ uri: info.env.DATABASE_URL, connectionLimit: 2 });
    api = await startApi(info);
    callflow = startApp('dist/apps/callflow/src/main.js', { ...info.env, ...info.callflowEnv });
    await expectEventually(async () => {
      const status = (await (await fetch(info.callflowStatusUrl)).json()) as { ari: { connected: boolean } };
      expect(status.ari.connected).toBe(true);
    });
  });

  afterEach(async () => {
    await Promise.all(phones.splice(0).map((p) => p.stop()));
  });

  afterAll(async () => {
    await callflow?.stop();
    await api?.stop();
    await db?.end();
  });

  async function ariGet(path: string): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${ari}${path}`, { headers: { authorization: ariAuth } });
    return { status: res.status, body: res.status === 200 ? await res.json() : null };
  }

  async function endpointField(id: string, field: string): Promise<string | undefined> {
    const { body } = await ariGet(`/asterisk/config/dynamic/res_pjsip/endpoint/${id}`);
    return (body as { attribute: string; value: string }[] | null)?.find((t) => t.attribute === field)?.value;
  }

  async function phone(
    device: DeviceInfo,
    options: { autoAnswer?: boolean; password?: string; transport?: 'udp' | 'tls' } = {},
  ) {
    const tls = device.sip.transports.find((t) => t.protocol === 'tls');
    const p = await Baresip.start({
      username: device.sip.username,
      password: options.password ?? device.sip.password!,
      server: options.transport === 'tls' ? `${tls!.host}:${tls!.port}` : server,
      transport: options.transport,
      autoAnswer: options.autoAnswer,
    });
    phones.push(p);
    return p;
  }

  /** A tenant admin and an agent, both in SIP mode. */
  async function tenantWithTwoSipUsers() {
    const admin = await signupTenant(anonymous);
    const agent = await invitedMember(admin.client, info.mailSinkUrl!, 'agent');
    const a = await admin.client.expect<DeviceInfo>(200, 'PUT', '/me/device', { mode: 'sip' });
    const b = await agent.client.expect<DeviceInfo>(200, 'PUT', '/me/device', { mode: 'sip' });
    return { admin, agent, a, b };
  }

  async function callsOf(tenantId: number): Promise<CallRow[]> {
    const [rows] = await db.query<mysql.RowDataPacket[]>(
      'SELECT * FROM calls WHERE tenant_id = ? ORDER BY id',
      [tenantId],
    );
    return rows as CallRow[];
  }

  it('given a new company then its admin has extension 1001 in WebPhone mode with a strong password, pushed to Asterisk and sealed in the database', async () => {
    const { client, session } = await signupTenant(anonymous);
    const device = await client.expect<DeviceInfo>(200, 'GET', '/me/device');
    expect(device).toMatchObject({
      mode: 'webphone',
      extension: '1001',
      sip: { username: `t${session.user.tenantId}-1001` },
    });
    expect(device.sip.password).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(device.webphone.wsUrl).toMatch(/^wss?:\/\//);
    expect(await endpointField(device.sip.username, 'webrtc')).toBe('yes');
    const [[row]] = await db.query<mysql.RowDataPacket[]>(
      'SELECT secret_enc FROM sip_accounts WHERE user_id = ?',
      [session.user.id],
    );
    expect(row.secret_enc).toMatch(/^v1\./);
    expect(row.secret_enc).not.toContain(device.sip.password);
  });

  it('given SIP mode when a phone registers with the generated credentials then it is registered, and a wrong password is refused', async () => {
    const { client } = await signupTenant(anonymous);
    const before = (await ariGet('/asterisk/info')).body as { status: { startup_time: string } };
    const device = await client.expect<DeviceInfo>(200, 'PUT', '/me/device', { mode: 'sip' });
    expect(device.mode).toBe('sip');
    expect(await endpointField(device.sip.username, 'webrtc')).toBe('no');
    // The switch reached Asterisk without restarting it.
    const after = (await ariGet('/asterisk/info')).body as { status: { startup_time: string } };
    expect(after.status.startup_time).toBe(before.status.startup_time);

    const good = await phone(device);
    await good.waitForType('REGISTER_OK');
    const bad = await phone(device, { password: 'Wrong0password0for0this0' });
    await bad.waitForType('REGISTER_FAIL');
    expect(bad.events.some((e) => e.type === 'REGISTER_OK')).toBe(false);
  });

  it('given the TLS transport the credentials card lists when a phone registers over TLS then it calls a UDP phone of the company and both talk', async () => {
    const { a, b } = await tenantWithTwoSipUsers();
    expect(a.sip.transports.map((t) => t.protocol)).toEqual(['udp', 'tcp', 'tls']);
    const secure = await phone(a, { transport: 'tls' });
    const plain = await phone(b, { autoAnswer: true });
    await Promise.all([secure.waitForType('REGISTER_OK'), plain.waitForType('REGISTER_OK')]);
    // Asterisk holds the TLS contact.
    const contacts = (await ariGet(`/endpoints/PJSIP/${a.sip.username}`)).body as { state: string };
    expect(contacts.state).toBe('online');

    await secure.dial(b.extension!);
    await Promise.all([secure.waitForType('CALL_ESTABLISHED'), plain.waitForType('CALL_ESTABLISHED')]);
    await expectEventually(async () => {
      const channels = (await ariGet('/channels')).body as { id: string; name: string }[];
      const leg = channels.find((c) => c.name.startsWith(`PJSIP/${a.sip.username}-`));
      expect(leg).toBeDefined();
      const stats = (await ariGet(`/channels/${leg!.id}/rtp_statistics`)).body as {
        rxcount: number;
        txcount: number;
      };
      expect(stats.rxcount).toBeGreaterThan(10);
      expect(stats.txcount).toBeGreaterThan(10);
    });
    await secure.command('hangup');
    await plain.waitForType('CALL_CLOSED');
  });

  it('given a new SIP password then the old one is refused and the new one registers', async () => {
    const { client } = await signupTenant(anonymous);
    const old = await client.expect<DeviceInfo>(200, 'PUT', '/me/device', { mode: 'sip' });
    const renewed = await client.expect<DeviceInfo>(200, 'POST', '/me/device/password');
    expect(renewed.sip.password).not.toBe(old.sip.password);
    await (await phone(old)).waitForType('REGISTER_FAIL');
    await (await phone(renewed)).waitForType('REGISTER_OK');
  });

  it('given two SIP phones of one company when one dials the other then it rings, is answered, both talk, and a hang-up ends both', async () => {
    const { admin, a, b } = await tenantWithTwoSipUsers();
    const caller = await phone(a);
    const callee = await phone(b);
    await Promise.all([caller.waitForType('REGISTER_OK'), callee.waitForType('REGISTER_OK')]);

    await caller.dial(b.extension!);
    await callee.waitForType('CALL_INCOMING');
    await caller.waitForType('CALL_RINGING');
    await callee.command('accept');
    const [, answered] = await Promise.all([
      caller.waitForType('CALL_ESTABLISHED'),
      callee.waitForType('CALL_ESTABLISHED'),
    ]);
    // The callee sees who calls: the caller's extension.
    expect(answered.peeruri).toContain(`${a.extension}@`);
    // Audio flows both ways: Asterisk receives RTP from each phone.
    await expectEventually(async () => {
      const channels = (await ariGet('/channels')).body as { id: string; name: string }[];
      const legs = channels.filter((c) => [a, b].some((d) => c.name.startsWith(`PJSIP/${d.sip.username}-`)));
      expect(legs).toHaveLength(2);
      for (const leg of legs) {
        const stats = (await ariGet(`/channels/${leg.id}/rtp_statistics`)).body as {
          rxcount: number;
          txcount: number;
        };
        expect(stats.rxcount).toBeGreaterThan(10);
        expect(stats.txcount).toBeGreaterThan(10);
      }
    });
    await caller.command('hangup');
    await callee.waitForType('CALL_CLOSED');

    const tenantId = admin.session.user.tenantId!;
    const rows = await expectEventually(async () => {
      const r = await callsOf(tenantId);
      expect(r).toHaveLength(1);
      expect(r[0].ended_at).not.toBeNull();
      return r;
    });
    expect(rows[0]).toMatchObject({ entry_kind: 'internal', entry_id: b.extension, disposition: 'answered' });
  });

  it('given an offline and an unknown extension when dialled then the caller hears why and the call ends', async () => {
    const { admin, a, b } = await tenantWithTwoSipUsers();
    const caller = await phone(a);
    await caller.waitForType('REGISTER_OK');

    await caller.dial(b.extension!); // b has no phone registered
    await caller.waitForType('CALL_CLOSED', 20_000);
    caller.clearEvents();
    await caller.dial('1999');
    await caller.waitForType('CALL_CLOSED', 20_000);

    const tenantId = admin.session.user.tenantId!;
    const rows = await expectEventually(async () => {
      const r = await callsOf(tenantId);
      expect(r.filter((c) => c.ended_at !== null)).toHaveLength(2);
      return r;
    });
    expect(rows.map((r) => r.hangup_cause_text)).toEqual(['unavailable', 'invalid']);
  });

  it("given another company's extension when dialled then only the caller's company is searched: that phone never rings", async () => {
    const home = await tenantWithTwoSipUsers(); // 1001, 1002
    const other = await signupTenant(anonymous);
    const otherAgent = await invitedMember(other.client, info.mailSinkUrl!, 'agent'); // 1002
    const third = await invitedMember(other.client, info.mailSinkUrl!, 'agent'); // 1003
    const target = await third.client.expect<DeviceInfo>(200, 'PUT', '/me/device', { mode: 'sip' });
    expect(target.extension).toBe('1003');
    expect(otherAgent.user.extension).toBe('1002');
    const victim = await phone(target, { autoAnswer: true });
    const caller = await phone(home.a);
    await Promise.all([victim.waitForType('REGISTER_OK'), caller.waitForType('REGISTER_OK')]);

    await caller.dial('1003');
    await caller.waitForType('CALL_CLOSED', 20_000);
    expect(victim.events.some((e) => e.class === 'call')).toBe(false);
    const rows = await expectEventually(async () => {
      const r = await callsOf(home.admin.session.user.tenantId!);
      expect(r[0]?.ended_at).toBeInstanceOf(Date);
      return r;
    });
    expect(rows[0]).toMatchObject({ entry_id: '1003', hangup_cause_text: 'invalid' });
    // Dialled with the other tenant's prefix, the endpoint name is not a number: still nothing.
    caller.clearEvents();
    await caller.dial(`t${other.session.user.tenantId}-1003`);
    await caller
      .waitFor(
        (e) =>
          e.type === 'CALL_CLOSED' || e.type === 'CALL_FAILED' || (e.response === true && e.ok === false),
        20_000,
      )
      .catch(() => undefined);
    expect(victim.events.some((e) => e.class === 'call')).toBe(false);
  });

  it('given registered, talking, unregistered and do-not-disturb users then presence shows each state, and a dnd user is not rung', async () => {
    const { admin, agent, a, b } = await tenantWithTwoSipUsers();
    const presence = async () =>
      Object.fromEntries(
        (await admin.client.expect<PresenceEntry[]>(200, 'GET', '/presence')).map((p) => [
          p.extension,
          p.state,
        ]),
      );
    expect(await presence()).toEqual({ [a.extension!]: 'offline', [b.extension!]: 'offline' });

    const caller = await phone(a);
    const callee = await phone(b);
    await Promise.all([caller.waitForType('REGISTER_OK'), callee.waitForType('REGISTER_OK')]);
    await expectEventually(async () =>
      expect(await presence()).toEqual({ [a.extension!]: 'available', [b.extension!]: 'available' }),
    );

    await caller.dial(b.extension!);
    await callee.waitForType('CALL_INCOMING');
    await expectEventually(async () => expect((await presence())[b.extension!]).toBe('ringing'));
    await callee.command('accept');
    await caller.waitForType('CALL_ESTABLISHED');
    await expectEventually(async () =>
      expect(await presence()).toEqual({ [a.extension!]: 'on_call', [b.extension!]: 'on_call' }),
    );
    await caller.command('hangup');
    await callee.waitForType('CALL_CLOSED');

    await agent.client.expect(204, 'PUT', '/me/presence', { state: 'dnd' });
    expect(await agent.client.fieldCodes('PUT', '/me/presence', { state: 'busy' })).toEqual({
      state: 'invalid_value',
    });
    await expectEventually(async () => expect((await presence())[b.extension!]).toBe('dnd'));
    // Callflow reloads the directory every 2 s: then a call to the dnd user does not ring.
    await new Promise((r) => setTimeout(r, 2_500));
    callee.clearEvents();
    caller.clearEvents();
    await caller.dial(b.extension!);
    await caller.waitForType('CALL_CLOSED', 20_000);
    expect(callee.events.some((e) => e.type === 'CALL_INCOMING')).toBe(false);
  });

  it('given bad device requests then each is refused with a clear error and nothing changes', async () => {
    const admin = await signupTenant(anonymous);
    expect(await admin.client.fieldCodes('PUT', '/me/device', { mode: 'fax' })).toEqual({
      mode: 'invalid_value',
    });
    expect(await admin.client.fieldCodes('PUT', '/me/device', { mode: 'sip', port: 5060 })).toEqual({
      port: 'unknown_field',
    });
    expect(await admin.client.fieldCodes('PUT', '/me/device', {})).toEqual({ mode: 'required' });
    expect((await admin.client.expect<DeviceInfo>(200, 'GET', '/me/device')).mode).toBe('webphone');

    const invited = await admin.client.expect<TenantUser>(201, 'POST', '/users', {
      fullName: 'Chưa Kích Hoạt',
      email: `pending-${Date.now()}@example.com`,
      role: 'agent',
    });
    expect((await admin.client.expect<ApiErrorBody>(409, 'GET', `/users/${invited.id}/device`)).code).toBe(
      'no_device',
    );

    const sup = await invitedMember(admin.client, info.mailSinkUrl!, 'supervisor');
    const supDevice = await sup.client.expect<DeviceInfo>(200, 'GET', '/me/device');
    expect(supDevice.sip.password).toBeDefined();
    // Admins see and change other users' phones; the password only for owner and admins.
    const seen = await admin.client.expect<DeviceInfo>(200, 'GET', `/users/${sup.user.id}/device`);
    expect(seen.sip.password).toBe(supDevice.sip.password);
    expect((await sup.client.call('GET', `/users/${admin.session.user.id}/device`)).status).toBe(403);
    const switched = await admin.client.expect<DeviceInfo>(200, 'PUT', `/users/${sup.user.id}/device`, {
      mode: 'sip',
    });
    expect(switched.mode).toBe('sip');
    expect(await endpointField(switched.sip.username, 'webrtc')).toBe('no');

    // A disabled user's account leaves Asterisk; enabling brings it back.
    await admin.client.expect(200, 'PATCH', `/users/${sup.user.id}`, { status: 'disabled' });
    expect(
      (await ariGet(`/asterisk/config/dynamic/res_pjsip/endpoint/${switched.sip.username}`)).status,
    ).toBe(404);
    await admin.client.expect(200, 'PATCH', `/users/${sup.user.id}`, { status: 'active' });
    expect(await endpointField(switched.sip.username, 'webrtc')).toBe('no');
    const login: LoginResponse = admin.session;
    expect(login.user.extension).toBe('1001');
  });
});
