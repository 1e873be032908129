import { readFileSync } from 'node:fs';
import {
  InvalidSipAccountError,
  pjsipAccountObjects,
  sipAccountId,
  type SipAccountSpec,
} from './pjsip-account.js';

const options = { context: 'webcall-devices', mediaAddress: '127.0.0.1' };
const spec: SipAccountSpec = {
  tenantId: 42,
  extension: '1001',
  displayName: 'Nguyễn Văn An',
  password: 'a1B2c3D4e5F6g7H8i9J0k1L2',
  mode: 'webphone',
};

/** Renders the objects as pjsip.conf sections, for a readable golden file. */
function asConf(objects: ReturnType<typeof pjsipAccountObjects>): string {
  const section = (type: string, fields: readonly (readonly [string, string])[]) =>
    [`[${objects.id}]`, `type = ${type}`, ...fields.map(([k, v]) => `${k} = ${v}`)].join('\n');
  return `${[section('auth', objects.auth), section('aor', objects.aor), section('endpoint', objects.endpoint)].join('\n\n')}\n`;
}

const golden = (name: string) => readFileSync(new URL(`./golden/${name}`, import.meta.url), 'utf8');

describe('pjsipAccountObjects', () => {
  it('given a webphone account then the objects match the golden file (WebRTC, opus)', () => {
    expect(asConf(pjsipAccountObjects(spec, options))).toBe(golden('webphone-account.conf'));
  });

  it('given a SIP-mode account then the objects match the golden file (plain RTP, G.722, qualify)', () => {
    expect(asConf(pjsipAccountObjects({ ...spec, mode: 'sip', extension: '1002' }, options))).toBe(
      golden('sip-account.conf'),
    );
  });

  it('given a display name with quotes, brackets and a newline then they are dropped from the caller id', () => {
    const objects = pjsipAccountObjects({ ...spec, displayName: 'Evil" <666>\r\n[x]' }, options);
    expect(objects.endpoint.find(([k]) => k === 'callerid')?.[1]).toBe('"Evil 666[x]" <1001>');
  });

  it('given an empty display name then the extension is the name', () => {
    const objects = pjsipAccountObjects({ ...spec, displayName: ' "" ' }, options);
    expect(objects.endpoint.find(([k]) => k === 'callerid')?.[1]).toBe('"1001" <1001>');
  });

  it.each([
    ['extension', { extension: '10;01' }],
    ['extension', { extension: '1' }],
    ['password', { password: 'short' }],
    ['password', { password: 'has space and is long enough 123' }],
    ['tenantId', { tenantId: 0 }],
  ])('given an invalid %s then it throws before producing anything', (field, patch) => {
    expect(() => pjsipAccountObjects({ ...spec, ...patch }, options)).toThrow(
      new InvalidSipAccountError(field),
    );
  });

  it('given a tenant and an extension then the id carries both', () => {
    expect(sipAccountId(7, '1005')).toBe('t7-1005');
  });
});
