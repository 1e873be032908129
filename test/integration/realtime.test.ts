import { createHmac } from 'node:crypto';
import type { DeviceInfo, IncomingCallEvent } from '#contracts';
import { startApi } from '../support/api.js';
import { ApiClient, invitedMember, signupTenant } from '../support/api-client.js';
import { Baresip } from '../support/baresip.js';
import { expectEventually } from '../support/eventually.js';
import { startApp, type AppProcess } from '../support/processes.js';
import { connectLive, refusalOf, waitForEventSubscribers, type LiveClient } from '../support/realtime.js';
import { stackInfo } from '../support/stack-info.js';

/** An HS256 JWT signed with `secret` (to forge an expired token the api would otherwise accept). */
function jwt(claims: object, secret: string): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

describe('realtime: live call events from callflow to the console over socket.io', () => {
  const info = stackInfo();
  const anonymous = new ApiClient(`${info.apiUrl}/api`);
  const server = `127.0.0.1:${info.ports.sip}`;
  let api: AppProcess;
  let callflow: AppProcess;
  const phones: Baresip[] = [];
  const live: LiveClient[] = [];

  beforeAll(async () => {
    api = await startApi(info);
    callflow = startApp('dist/apps/callflow/src/main.js', info.env);
    await expectEventually(async () => {
      const status = (await (await fetch(info.callflowStatusUrl)).json()) as { ari: { connected: boolean } };
      expect(status.ari.connected).toBe(true);
    });
    // The api subscribes to callflow's stream by itself (it retries until callflow is up).
    await waitForEventSubscribers(info.callflowStatusUrl);
  });

  afterEach(async () => {
    for (const client of live.splice(0)) client.close();
    await Promise.all(phones.splice(0).map((p) => p.stop()));
  });

  afterAll(async () => {
    await callflow?.stop();
    await api?.stop();
  });

  async function listen(token: string | null): Promise<LiveClient> {
    const client = await connectLive(info.apiUrl, token);
    live.push(client);
    return client;
  }

  async function phone(device: DeviceInfo) {
    const p = await Baresip.start({ username: device.sip.username, password: device.sip.password!, server });
    phones.push(p);
    await p.waitForType('REGISTER_OK');
    return p;
  }

  it('given a bad, forged, expired or missing token when a client connects then it is refused as unauthorized', async () => {
    const { session } = await signupTenant(anonymous);
    const claims = { sub: String(session.user.id), tenantId: session.user.tenantId, role: 'admin' };
    const now = Math.floor(Date.now() / 1000);

    expect(await refusalOf(info.apiUrl, 'not-a-token')).toBe('unauthorized');
    expect(await refusalOf(info.apiUrl, undefined)).toBe('unauthorized');
    expect(await refusalOf(info.apiUrl, 42)).toBe('unauthorized');
    expect(await refusalOf(info.apiUrl, jwt({ ...claims, iat: now, exp: now + 600 }, 'x'.repeat(43)))).toBe(
      'unauthorized',
    );
    expect(
      await refusalOf(info.apiUrl, jwt({ ...claims, iat: now - 1200, exp: now - 600 }, info.env.JWT_SECRET)),
    ).toBe('unauthorized');
    // The same claims, valid for now, are accepted: the refusals above are the token's fault.
    (await listen(jwt({ ...claims, iat: now, exp: now + 600 }, info.env.JWT_SECRET))).close();
  });

  it('given a disabled user or a suspended company when a still-valid token connects then it is refused', async () => {
    const admin = await signupTenant(anonymous);
    const agent = await invitedMember(admin.client, info.mailSinkUrl!, 'agent');
    (await listen(agent.client.token!)).close();
    await admin.client.expect(200, 'PATCH', `/users/${agent.user.id}`, { status: 'disabled' });
    expect(await refusalOf(info.apiUrl, agent.client.token)).toBe('unauthorized');

    const operator = await anonymous.login(info.logins.operator.email, info.logins.operator.password);
    const tenantId = admin.session.user.tenantId!;
    await operator.client.expect(200, 'POST', `/tenants/${tenantId}/suspend`, { reason: 'realtime test' });
    try {
      expect(await refusalOf(info.apiUrl, admin.client.token)).toBe('tenant_suspended');
    } finally {
      await operator.client.expect(200, 'POST', `/tenants/${tenantId}/reactivate`);
    }
  });

  it('given a SIP phone calling a colleague when the colleague’s phone rings then only the colleague’s console gets call.incoming, and call.ended when the caller hangs up', async () => {
    // Company A: the admin (1001) calls the agent (1002). Company B has its own 1002.
    const a = await signupTenant(anonymous);
    const agentA = await invitedMember(a.client, info.mailSinkUrl!, 'agent');
    const b = await signupTenant(anonymous);
    const agentB = await invitedMember(b.client, info.mailSinkUrl!, 'agent');
    const callerDevice = await a.client.expect<DeviceInfo>(200, 'PUT', '/me/device', { mode: 'sip' });
    const calleeDevice = await agentA.client.expect<DeviceInfo>(200, 'PUT', '/me/device', { mode: 'sip' });
    expect(calleeDevice.extension).toBe('1002');
    expect(agentB.user.extension).toBe('1002');

    const callee = await listen(agentA.client.token!);
    const callerConsole = await listen(a.client.token!);
    const otherCompany = await listen(agentB.client.token!);
    const otherCompanyAdmin = await listen(b.client.token!);
    // A second console tab of the callee gets the same events.
    const calleeTab = await listen(agentA.client.token!);

    const caller = await phone(callerDevice);
    const calleePhone = await phone(calleeDevice);
    await caller.dial('1002');
    await calleePhone.waitForType('CALL_INCOMING');

    const [incoming] = await expectEventually(() => {
      expect(callee.received.map((e) => e.type)).toEqual(['call.incoming']);
      return callee.received;
    });
    const pop = incoming.payload as IncomingCallEvent;
    expect(pop).toEqual({
      channelId: expect.any(String),
      callerNumber: callerDevice.extension,
      hotlineNumber: '',
      extension: '1002',
      at: expect.any(String),
    });
    expect(Date.parse(pop.at)).not.toBeNaN();
    await expectEventually(() => expect(calleeTab.received).toHaveLength(1));

    await caller.command('hangup');
    await calleePhone.waitForType('CALL_CLOSED');
    await expectEventually(() =>
      expect(callee.received).toEqual([
        incoming,
        { type: 'call.ended', payload: { channelId: pop.channelId } },
      ]),
    );
    await expectEventually(() => expect(calleeTab.received).toHaveLength(2));

    // Events to one user reach their sockets in order; the others had theirs sent at the same
    // moment: by now any misrouted event would have arrived.
    expect(callerConsole.received).toEqual([]);
    expect(otherCompany.received).toEqual([]);
    expect(otherCompanyAdmin.received).toEqual([]);
  });

  it('given a call the colleague answers when the colleague hangs up then call.ended follows the answered call', async () => {
    const a = await signupTenant(anonymous);
    const agentA = await invitedMember(a.client, info.mailSinkUrl!, 'agent');
    const callerDevice = await a.client.expect<DeviceInfo>(200, 'PUT', '/me/device', { mode: 'sip' });
    const calleeDevice = await agentA.client.expect<DeviceInfo>(200, 'PUT', '/me/device', { mode: 'sip' });
    const callee = await listen(agentA.client.token!);
    const caller = await phone(callerDevice);
    const calleePhone = await phone(calleeDevice);

    await caller.dial(calleeDevice.extension!);
    await calleePhone.waitForType('CALL_INCOMING');
    await calleePhone.command('accept');
    await Promise.all([caller.waitForType('CALL_ESTABLISHED'), calleePhone.waitForType('CALL_ESTABLISHED')]);
    await expectEventually(() => expect(callee.received.map((e) => e.type)).toEqual(['call.incoming']));

    await calleePhone.command('hangup');
    await caller.waitForType('CALL_CLOSED');
    await expectEventually(() =>
      expect(callee.received.map((e) => e.type)).toEqual(['call.incoming', 'call.ended']),
    );
  });
});
