import { readFileSync } from 'node:fs';
import type { SipAccountParams } from './account.js';
import { renderAccountJson } from './json.js';
import { renderLinphoneXml } from './linphone.js';
import { PHONE_RENDERERS } from './phone-renderers.js';
import { YEALINK } from './yealink.js';

const golden = (name: string) => readFileSync(new URL(`./golden/${name}`, import.meta.url), 'utf8');

const account: SipAccountParams = {
  displayName: 'Nguyễn Văn "An" <Lễ tân>',
  extension: '1001',
  domain: 'sip.example.vn',
  username: 't42-1001',
  password: 'aB3dE5gH7jK9mN1pQ3sT5vW7',
  transports: [
    { protocol: 'udp', host: 'sip.example.vn', port: 5060 },
    { protocol: 'tcp', host: 'sip.example.vn', port: 5060 },
    { protocol: 'tls', host: 'sip.example.vn', port: 5061 },
  ],
};

describe('softphone formats', () => {
  it('given an account then the Linphone XML matches the golden file (proxy_0, auth_info_0, first transport, escaped)', () => {
    expect(renderLinphoneXml(account)).toBe(golden('linphone.xml'));
  });

  it('given a TCP-first account then reg_proxy says transport=tcp', () => {
    const xml = renderLinphoneXml({
      ...account,
      transports: [{ protocol: 'tcp', host: 'h.example', port: 5070 }],
    });
    expect(xml).toContain(
      '<entry name="reg_proxy" overwrite="true">&lt;sip:h.example:5070;transport=tcp&gt;</entry>',
    );
  });

  it('given an account without transports then the Linphone renderer refuses', () => {
    expect(() => renderLinphoneXml({ ...account, transports: [] })).toThrow(/transports/);
  });

  it('given an account then the JSON matches the golden file', () => {
    expect(renderAccountJson(account)).toBe(golden('account.json'));
  });
});

describe('Yealink files', () => {
  const params = {
    mac: '001565abcdef',
    label: 'Quầy lễ tân',
    timeZone: 'Asia/Ho_Chi_Minh',
    language: 'vi' as const,
  };

  it('given a phone with an account then the MAC file matches the golden file', () => {
    expect(YEALINK.renderDevice({ ...params, account })).toBe(golden('yealink-assigned.cfg'));
  });

  it('given a phone without an account then the line is disabled and wiped (golden file)', () => {
    expect(YEALINK.renderDevice({ ...params, account: null })).toBe(golden('yealink-unassigned.cfg'));
  });

  it('given a TCP-only account then transport_type is 1; a line break in a name cannot add a setting', () => {
    const cfg = YEALINK.renderDevice({
      ...params,
      label: 'x\naccount.1.password = stolen',
      account: {
        ...account,
        displayName: 'A\r\nB',
        transports: [{ protocol: 'tcp', host: 'h', port: 5070 }],
      },
    });
    expect(cfg).toContain('account.1.sip_server.1.transport_type = 1\n');
    expect(cfg).toContain('account.1.display_name = A B\n');
    expect(cfg.match(/^account\.1\.password = /gm)).toHaveLength(1);
  });

  it('given an unknown time zone then Vietnam is used', () => {
    const cfg = YEALINK.renderDevice({ ...params, timeZone: 'Mars/Olympus', account: null });
    expect(cfg).toContain('local_time.time_zone = +7\nlocal_time.time_zone_name = Vietnam(Hanoi)\n');
  });

  it('given file names then MAC files, common files and others are told apart', () => {
    expect(YEALINK.parseFile('001565ABCDEF.cfg')).toEqual({ kind: 'device', mac: '001565abcdef' });
    expect(YEALINK.parseFile('y000000000028.cfg')).toEqual({ kind: 'common' });
    expect(YEALINK.renderCommon().startsWith('#!version:1.0.0.1\n')).toBe(true);
    for (const name of [
      '001565abcde.cfg',
      '001565abcdef.xml',
      '../001565abcdef.cfg',
      'y0000000000.cfg',
      'index.html',
    ]) {
      expect(YEALINK.parseFile(name)).toBeNull();
    }
  });

  it('given the renderer registry then every vendor maps to its own renderer', () => {
    for (const [vendor, renderer] of Object.entries(PHONE_RENDERERS)) expect(renderer.vendor).toBe(vendor);
  });
});
