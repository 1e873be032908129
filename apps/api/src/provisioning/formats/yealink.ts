import type { SipTransportProtocol } from '#contracts';
import type { PhoneConfigParams, PhoneRenderer } from './phone-renderer.js';

/** `account.N.sip_server.M.transport_type`: 0 UDP, 1 TCP, 2 TLS (3 is DNS-NAPTR). */
const TRANSPORT_TYPES: Partial<Record<SipTransportProtocol, number>> = { udp: 0, tcp: 1, tls: 2 };

/** `local_time.time_zone` (UTC offset) and `local_time.time_zone_name` (Yealink's list). */
const TIME_ZONES: Record<string, [offset: string, name: string]> = {
  'Asia/Ho_Chi_Minh': ['+7', 'Vietnam(Hanoi)'],
  'Asia/Bangkok': ['+7', 'Thailand(Bangkok)'],
  UTC: ['0', 'United Kingdom(London)'],
};
const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** Registration interval: short enough that a re-provisioned phone is back within minutes. */
const REGISTER_EXPIRES = 300;
/** NAT keep-alive every 30 s keeps a home router's UDP mapping open. */
const KEEP_ALIVE_SECONDS = 30;

/** A value on one line: the cfg format has no quoting, a newline would start a new setting. */
const value = (text: string | number): string =>
  String(text)
    .replace(/[\r\n]+/g, ' ')
    .trim();

const lines = (settings: [string, string | number][]): string[] =>
  settings.map(([key, v]) => `${key} = ${value(v)}`);

/**
 * Yealink (T4x/T5x and their siblings): the phone asks for `y0000000000xx.cfg` (common, per
 * model) and then `<mac>.cfg`; both start with `#!version:1.0.0.1`.
 */
export const YEALINK: PhoneRenderer = {
  vendor: 'yealink',
  contentType: 'text/plain; charset=utf-8',

  parseFile(name) {
    const device = /^([0-9a-f]{12})\.cfg$/i.exec(name);
    if (device) return { kind: 'device', mac: device[1].toLowerCase() };
    if (/^y0{6}[0-9a-z]{6}\.cfg$/i.test(name)) return { kind: 'common' };
    return null;
  },

  renderCommon() {
    // Nothing is shared between a tenant's phones yet: a valid, empty common file.
    return ['#!version:1.0.0.1', '## WebCall: common file (settings are in <mac>.cfg)', ''].join('\n');
  },

  renderDevice(p: PhoneConfigParams) {
    const [offset, zoneName] = TIME_ZONES[p.timeZone] ?? TIME_ZONES[DEFAULT_TIME_ZONE];
    const head = [
      '#!version:1.0.0.1',
      `## WebCall: ${value(p.label ?? p.mac)} (generated; changes made on the phone are overwritten)`,
    ];
    const account = p.account;
    const transport = account?.transports.find((t) => TRANSPORT_TYPES[t.protocol] !== undefined);
    const line =
      account && transport
        ? lines([
            ['account.1.enable', 1],
            ['account.1.label', account.extension ?? account.displayName],
            ['account.1.display_name', account.displayName],
            ['account.1.auth_name', account.username],
            ['account.1.user_name', account.username],
            ['account.1.password', account.password],
            ['account.1.sip_server.1.address', transport.host],
            ['account.1.sip_server.1.port', transport.port],
            ['account.1.sip_server.1.transport_type', TRANSPORT_TYPES[transport.protocol]!],
            ['account.1.sip_server.1.expires', REGISTER_EXPIRES],
            ['account.1.nat.udp_update_enable', 1],
            ['account.1.nat.udp_update_time', KEEP_ALIVE_SECONDS],
          ])
        : // No account for this phone: the line is switched off and the old credentials wiped.
          [
            'account.1.enable = 0',
            'account.1.label = %NULL%',
            'account.1.display_name = %NULL%',
            'account.1.auth_name = %NULL%',
            'account.1.user_name = %NULL%',
            'account.1.password = %NULL%',
            'account.1.sip_server.1.address = %NULL%',
          ];
    // Yealink's phone and web UI have no Vietnamese: English for both languages.
    const settings = lines([
      ['local_time.time_zone', offset],
      ['local_time.time_zone_name', zoneName],
      ['lang.gui', 'English'],
      ['lang.wui', 'English'],
    ]);
    return [...head, '', ...line, '', ...settings, ''].join('\n');
  },
};
