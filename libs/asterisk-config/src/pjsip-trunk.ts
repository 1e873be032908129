// Pure functions: what Asterisk must hold for one carrier trunk (endpoint, aor, and per auth
// mode an identify or an outbound auth + registration).
import { isIP } from 'node:net';
import type { SorceryFields } from './pjsip-account.js';

export type TrunkAuthModeSpec = 'ip' | 'registration';
export type TrunkTransportSpec = 'udp' | 'tcp' | 'tls';

export interface TrunkSpec {
  id: number;
  authMode: TrunkAuthModeSpec;
  /** Carrier host (name or address); empty when the carrier only calls in (IP mode). */
  host: string;
  port: number;
  transport: TrunkTransportSpec;
  username: string | null;
  /** Plain secret (registration mode). */
  secret: string | null;
  /** IP mode: addresses / CIDRs the carrier calls from. */
  matchIps: string[];
  codecs: string[];
  /** From-domain for outbound calls (some carriers want their own domain there). */
  fromDomain?: string | null;
  maxChannels?: number | null;
}

export interface TrunkOptions {
  /** The context carrier calls enter (asterisk-conf/extensions.conf `webcall-carrier`). */
  context: string;
  mediaAddress?: string;
}

/** The pushed objects of one trunk; all share the id `trunk-<id>`. */
export interface PjsipTrunkObjects {
  id: string;
  endpoint: SorceryFields;
  aor: SorceryFields;
  /** Registration mode only. */
  auth: SorceryFields | null;
  /** IP mode only. */
  identify: SorceryFields | null;
  /** Registration mode only (res_pjsip_outbound_registration). */
  registration: SorceryFields | null;
}

export class InvalidTrunkError extends Error {
  override name = 'InvalidTrunkError';
}

export const TRUNK_CODECS = ['alaw', 'ulaw', 'g729', 'g722', 'gsm', 'opus'] as const;

export function trunkEndpointId(id: number): string {
  return `trunk-${id}`;
}

const HOST =
  /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** A host name or an IPv4/IPv6 address (what may follow `sip:`). */
export function isTrunkHost(host: string): boolean {
  return isIP(host) !== 0 || HOST.test(host);
}

/**
 * One `match` entry: an address or CIDR, never a loopback 127.0.0.1 (phones register from there:
 * an identify matching it would capture every REGISTER, DESIGN.md §3), never a whole family
 * (`0.0.0.0/0`). Returns the problem, or null when it is fine.
 */
export function matchIpProblem(entry: string): 'invalid' | 'phones_address' | 'too_wide' | null {
  const [address = '', prefix, extra] = entry.split('/');
  if (extra !== undefined) return 'invalid';
  const family = isIP(address);
  if (!family) return 'invalid';
  const max = family === 4 ? 32 : 128;
  let bits = max;
  if (prefix !== undefined) {
    if (!/^\d{1,3}$/.test(prefix)) return 'invalid';
    bits = Number(prefix);
    if (bits > max) return 'invalid';
  }
  if (bits < (family === 4 ? 8 : 16)) return 'too_wide';
  if (family === 4 && covers(address, bits, '127.0.0.1')) return 'phones_address';
  if (family === 6 && (address === '::1' || address === '0:0:0:0:0:0:0:1')) return 'phones_address';
  return null;
}

function covers(network: string, bits: number, address: string): boolean {
  const n = (a: string) => a.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
  const mask = bits === 0 ? 0 : 2 ** 32 - 2 ** (32 - bits);
  const and = (x: number) => Number(BigInt(x) & BigInt(mask));
  return and(n(network)) === and(n(address));
}

/** `sip:host:port` (IPv6 in brackets), with `;transport=` for TCP/TLS. */
function sipUri(host: string, port: number, transport: TrunkTransportSpec, user?: string): string {
  const h = isIP(host) === 6 ? `[${host}]` : host;
  const params = transport === 'udp' ? '' : `;transport=${transport}`;
  return `sip:${user ? `${user}@` : ''}${h}:${port}${params}`;
}

/**
 * The PJSIP objects of one carrier trunk. Calls from the carrier enter `context`, which hands
 * them to Stasis with the endpoint's name and the dialled digits; the carrier is identified by
 * source address (IP mode) or by the `line` parameter of the Contact we registered
 * (registration mode), never by a user name a caller can choose. Media: symmetric RTP, no
 * re-INVITEs to direct media (carriers' SBCs expect media to stay on us).
 */
export function pjsipTrunkObjects(spec: TrunkSpec, options: TrunkOptions): PjsipTrunkObjects {
  if (!Number.isInteger(spec.id) || spec.id < 1) throw new InvalidTrunkError('id');
  if (!/^[a-z0-9-]+$/.test(options.context)) throw new InvalidTrunkError('context');
  if (spec.host && !isTrunkHost(spec.host)) throw new InvalidTrunkError('host');
  if (!Number.isInteger(spec.port) || spec.port < 1 || spec.port > 65535) throw new InvalidTrunkError('port');
  if (!spec.codecs.length || spec.codecs.some((c) => !(TRUNK_CODECS as readonly string[]).includes(c)))
    throw new InvalidTrunkError('codecs');
  if (spec.authMode === 'ip') {
    if (!spec.matchIps.length || spec.matchIps.some((m) => matchIpProblem(m) !== null))
      throw new InvalidTrunkError('matchIps');
  } else {
    if (!spec.host) throw new InvalidTrunkError('host');
    if (!spec.username || !/^[A-Za-z0-9._+-]{1,64}$/.test(spec.username))
      throw new InvalidTrunkError('username');
    if (!spec.secret || /[\r\n;]/.test(spec.secret)) throw new InvalidTrunkError('secret');
  }
  if (spec.fromDomain && !isTrunkHost(spec.fromDomain)) throw new InvalidTrunkError('fromDomain');

  const id = trunkEndpointId(spec.id);
  const registration = spec.authMode === 'registration';
  const endpoint: [string, string][] = [
    ['context', options.context],
    ['transport', `transport-${spec.transport}`],
    ['aors', id],
    ['disallow', 'all'],
    ['allow', spec.codecs.join(',')],
    ['direct_media', 'no'],
    ['rtp_symmetric', 'yes'],
    ['force_rport', 'yes'],
    ['rewrite_contact', 'yes'],
    ['dtmf_mode', 'rfc4733'],
    ['send_pai', 'yes'],
    ['trust_id_inbound', 'yes'],
    ['outbound_auth', registration ? id : ''],
    ['from_domain', spec.fromDomain ?? ''],
    ['from_user', registration ? spec.username! : ''],
  ];
  if (spec.maxChannels) endpoint.push(['device_state_busy_at', String(spec.maxChannels)]);
  if (options.mediaAddress)
    endpoint.push(['media_address', options.mediaAddress], ['bind_rtp_to_media_address', 'yes']);

  const aor: SorceryFields = [
    ['contact', spec.host ? sipUri(spec.host, spec.port, spec.transport) : ''],
    ['qualify_frequency', '0'],
  ];
  const auth: SorceryFields | null = registration
    ? [
        ['auth_type', 'userpass'],
        ['username', spec.username!],
        ['password', spec.secret!],
      ]
    : null;
  const identify: SorceryFields | null = registration
    ? null
    : [
        ['endpoint', id],
        ['match', spec.matchIps.join(',')],
      ];
  const reg: SorceryFields | null = registration
    ? [
        ['transport', `transport-${spec.transport}`],
        ['server_uri', sipUri(spec.host, spec.port, spec.transport)],
        ['client_uri', sipUri(spec.host, spec.port, spec.transport, spec.username!)],
        ['contact_user', spec.username!],
        ['outbound_auth', id],
        ['expiration', '300'],
        ['retry_interval', '30'],
        ['forbidden_retry_interval', '300'],
        ['max_retries', '100000'],
        // Register right after a push (default: a random delay of up to 10 s).
        ['max_random_initial_delay', '1'],
        // Calls the carrier sends to the registered contact carry `line`: that names the trunk.
        ['line', 'yes'],
        ['endpoint', id],
      ]
    : null;
  // Objects are replaced whole on a change (never merged), so an unset option is simply left out.
  const set = (fields: SorceryFields) => fields.filter(([, value]) => value !== '');
  return { id, endpoint: set(endpoint), aor: set(aor), auth, identify, registration: reg };
}
