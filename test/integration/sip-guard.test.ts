import type { AuditPage, DeviceInfo, SipBlock } from '#contracts';
import { startApi } from '../support/api.js';
import { ApiClient, signupTenant } from '../support/api-client.js';
import { expectEventually } from '../support/eventually.js';
import type { AppProcess } from '../support/processes.js';
import { sippRegister } from '../support/sipp.js';
import { stackInfo } from '../support/stack-info.js';

// Addresses of this suite's SIP peers; 127.0.0.1 stays on the never-blocked list.
const HONEST = '127.0.0.31';
const ATTACKER = '127.0.0.32';
const SCANNER = '127.0.0.33';
const MAX_FAILURES = 5;

describe('SIP guard: addresses that keep failing authentication are blocked for a while (real Asterisk, SIPp)', () => {
  const info = stackInfo();
  const anonymous = new ApiClient(`${info.apiUrl}/api`);
  let api: AppProcess;
  let operator: ApiClient;
  let device: DeviceInfo;

  const register = (localIp: string, password: string, username = device.sip.username) =>
    sippRegister({ sipPort: info.ports.sip, username, password, localIp });

  beforeAll(async () => {
    api = await startApi(info, {
      SIP_GUARD_IGNORE: '127.0.0.1',
      SIP_GUARD_MAX_FAILURES: String(MAX_FAILURES),
      SIP_GUARD_WINDOW_S: '60',
      SIP_GUARD_BLOCK_S: '6',
    });
    operator = (await anonymous.login(info.logins.operator.email, info.logins.operator.password)).client;
    const admin = await signupTenant(anonymous);
    device = await admin.client.expect<DeviceInfo>(200, 'PUT', '/me/device', { mode: 'sip' });
  });

  afterAll(async () => {
    await api?.stop();
  });

  const blocked = async () =>
    (await operator.expect<SipBlock[]>(200, 'GET', '/operator/sip-blocks')).map((b) => b.address);

  it('given repeated wrong passwords from one address then it is blocked: even the right password is refused there, while other addresses still register, and the block ends by itself', async () => {
    expect(await register(HONEST, device.sip.password!)).toBe(200);
    expect(await register(ATTACKER, device.sip.password!)).toBe(200);

    for (let i = 0; i < MAX_FAILURES; i++)
      expect(await register(ATTACKER, 'wrong-password-123456')).toBe(401);
    await expectEventually(async () => expect(await blocked()).toContain(ATTACKER));
    const [entry] = (await operator.expect<SipBlock[]>(200, 'GET', '/operator/sip-blocks')).filter(
      (b) => b.address === ATTACKER,
    );
    expect(entry!.failures).toBe(MAX_FAILURES);
    expect(Date.parse(entry!.blockedUntil) - Date.parse(entry!.blockedAt)).toBe(6000);

    // The right password no longer helps from there; elsewhere nothing changed.
    expect(await register(ATTACKER, device.sip.password!)).not.toBe(200);
    expect(await register(HONEST, device.sip.password!)).toBe(200);
    expect(await register('127.0.0.1', device.sip.password!)).toBe(200);

    // Six seconds later (plus the sweep) the address may register again.
    await expectEventually(async () => expect(await blocked()).not.toContain(ATTACKER), {
      timeoutMs: 20_000,
    });
    await expectEventually(async () => expect(await register(ATTACKER, device.sip.password!)).toBe(200), {
      timeoutMs: 10_000,
    });
  });

  it('given a scan of unknown accounts then the scanner is blocked too, and an operator can lift the block (audited)', async () => {
    for (let i = 0; i < MAX_FAILURES; i++) await register(SCANNER, 'whatever-123456', `t999999-${1000 + i}`);
    await expectEventually(async () => expect(await blocked()).toContain(SCANNER));
    expect(await register(SCANNER, device.sip.password!)).not.toBe(200);

    await operator.expect(204, 'DELETE', `/operator/sip-blocks/${SCANNER}`);
    expect(await blocked()).not.toContain(SCANNER);
    expect(await register(SCANNER, device.sip.password!)).toBe(200);
    // Lifting twice, or an address that was never blocked: 404.
    await operator.expect(404, 'DELETE', `/operator/sip-blocks/${SCANNER}`);
    await operator.expect(404, 'DELETE', '/operator/sip-blocks/not-an-address');

    const audit = await operator.expect<AuditPage>(200, 'GET', '/audit-log');
    expect(audit.items[0]).toMatchObject({ action: 'sip_block.lift', targetLabel: SCANNER, tenantId: null });
  });

  it('given an address on the never-block list then its failures never block it', async () => {
    for (let i = 0; i < MAX_FAILURES + 2; i++) await register('127.0.0.1', 'wrong-password-123456');
    expect(await register('127.0.0.1', device.sip.password!)).toBe(200);
    expect(await blocked()).not.toContain('127.0.0.1');
  });
});
