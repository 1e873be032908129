import { readFileSync } from 'node:fs';
import { InvalidTrunkError, matchIpProblem, pjsipTrunkObjects, type TrunkSpec } from './pjsip-trunk.js';

const options = { context: 'webcall-carrier', mediaAddress: '127.0.0.1' };
const ipTrunk: TrunkSpec = {
  id: 7,
  authMode: 'ip',
  host: 'sbc.carrier.example',
  port: 5060,
  transport: 'udp',
  username: null,
  secret: null,
  matchIps: ['203.0.113.10', '198.51.100.0/28'],
  codecs: ['alaw', 'ulaw'],
};
const regTrunk: TrunkSpec = {
  ...ipTrunk,
  id: 8,
  authMode: 'registration',
  host: '127.0.0.3',
  port: 28100,
  username: 'carrieruser',
  secret: 's3cret-pass',
  matchIps: [],
  fromDomain: 'voice.carrier.example',
};

function asConf(o: ReturnType<typeof pjsipTrunkObjects>): string {
  const sections = (['auth', 'aor', 'endpoint', 'identify', 'registration'] as const)
    .filter((type) => o[type])
    .map((type) => [`[${o.id}]`, `type = ${type}`, ...o[type]!.map(([k, v]) => `${k} = ${v}`)].join('\n'));
  return `${sections.join('\n\n')}\n`;
}

const golden = (name: string) => readFileSync(new URL(`./golden/${name}`, import.meta.url), 'utf8');

describe('pjsipTrunkObjects', () => {
  it('given an IP-authenticated trunk then endpoint, aor and identify match the golden file', () => {
    expect(asConf(pjsipTrunkObjects(ipTrunk, options))).toBe(golden('ip-trunk.conf'));
  });

  it('given a registration trunk then outbound auth and registration (line, endpoint) match the golden file', () => {
    expect(asConf(pjsipTrunkObjects(regTrunk, options))).toBe(golden('registration-trunk.conf'));
  });

  it('given TCP/TLS or an IPv6 host then the URIs carry the transport and brackets', () => {
    const o = pjsipTrunkObjects({ ...regTrunk, host: '2001:db8::5', transport: 'tls', port: 5061 }, options);
    expect(o.registration?.find(([k]) => k === 'server_uri')?.[1]).toBe(
      'sip:[2001:db8::5]:5061;transport=tls',
    );
    expect(o.endpoint.find(([k]) => k === 'transport')?.[1]).toBe('transport-tls');
  });

  it('given an IP trunk without a host then there is no contact (the carrier only calls in)', () => {
    const o = pjsipTrunkObjects({ ...ipTrunk, host: '' }, options);
    expect(o.aor.find(([k]) => k === 'contact')).toBeUndefined();
  });

  it.each([
    ['no match IPs', { matchIps: [] }, 'matchIps'],
    ['127.0.0.1 (the phones)', { matchIps: ['127.0.0.1'] }, 'matchIps'],
    ['a bad host', { host: 'bad host;x' }, 'host'],
    ['an unknown codec', { codecs: ['speex'] }, 'codecs'],
    ['a port out of range', { port: 70000 }, 'port'],
  ])('given %s then it is refused', (_name, change, field) => {
    expect(() => pjsipTrunkObjects({ ...ipTrunk, ...change }, options)).toThrow(new InvalidTrunkError(field));
  });

  it('given a registration trunk with a line break in the secret then it is refused', () => {
    expect(() => pjsipTrunkObjects({ ...regTrunk, secret: 'a\nb' }, options)).toThrow(InvalidTrunkError);
  });
});

describe('matchIpProblem', () => {
  it.each([
    ['203.0.113.10', null],
    ['198.51.100.0/28', null],
    ['2001:db8::/32', null],
    ['127.0.0.2', null],
    ['127.0.0.1', 'phones_address'],
    ['127.0.0.0/8', 'phones_address'],
    ['127.0.0.0/30', 'phones_address'],
    ['::1', 'phones_address'],
    ['0.0.0.0/0', 'too_wide'],
    ['10.0.0.0/4', 'too_wide'],
    ['300.1.1.1', 'invalid'],
    ['1.2.3.4/33', 'invalid'],
    ['1.2.3.4/x', 'invalid'],
    ['example.com', 'invalid'],
    ['1.2.3.4/8/9', 'invalid'],
  ])('given %s then %s', (entry, problem) => {
    expect(matchIpProblem(entry)).toBe(problem);
  });
});
