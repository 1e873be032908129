// Pure functions: what Asterisk must hold for one user's SIP account (endpoint, auth, aor).

export type AccountMode = 'webphone' | 'sip';

export interface SipAccountSpec {
  tenantId: number;
  /** Digits, unique in the tenant. */
  extension: string;
  /** Shown as caller name; quotes, angle brackets and control characters are dropped. */
  displayName: string;
  /** Only letters and digits (generated from a CSPRNG by the api). */
  password: string;
  mode: AccountMode;
}

export interface SipAccountOptions {
  /** Context every device call enters (static dialplan hands it to Stasis). */
  context: string;
  /** Address RTP is sent from; a concrete address avoids per-call DNS lookups. */
  mediaAddress?: string;
}

/** Sorcery fields in order; a name may repeat (e.g. `set_var`). */
export type SorceryFields = readonly (readonly [attribute: string, value: string])[];

export interface PjsipAccountObjects {
  /** The one id shared by the endpoint, its auth and its aor: `t<tenant>-<extension>`. */
  id: string;
  auth: SorceryFields;
  aor: SorceryFields;
  endpoint: SorceryFields;
}

export class InvalidSipAccountError extends Error {
  override name = 'InvalidSipAccountError';
}

/** Endpoint / auth / aor id and SIP user name of a tenant's extension. */
export function sipAccountId(tenantId: number, extension: string): string {
  return `t${tenantId}-${extension}`;
}

// G.722 last: prompts (8 kHz files) failed to play to G.722 calls in our tests (Asterisk 22.10).
const CODECS: Record<AccountMode, string> = { webphone: 'opus,ulaw,alaw', sip: 'alaw,ulaw,g722' };

/**
 * The PJSIP objects of one account. WebPhone: WebRTC (DTLS-SRTP, ICE, AVPF, rtcp-mux) over the
 * WebSocket transport. SIP: plain RTP for desk phones and softphones, NAT-safe (symmetric RTP,
 * rport, contact rewrite, keep-alive qualify). Both enter one static context that reads the
 * tenant from the authenticated endpoint's name, so a device can never speak for another
 * tenant. (No `set_var`: Asterisk 22 cannot update a dynamic endpoint that has one.)
 */
export function pjsipAccountObjects(spec: SipAccountSpec, options: SipAccountOptions): PjsipAccountObjects {
  if (!Number.isInteger(spec.tenantId) || spec.tenantId < 1) throw new InvalidSipAccountError('tenantId');
  if (!/^\d{2,8}$/.test(spec.extension)) throw new InvalidSipAccountError('extension');
  if (!/^[A-Za-z0-9]{16,128}$/.test(spec.password)) throw new InvalidSipAccountError('password');
  if (!/^[a-z0-9-]+$/.test(options.context)) throw new InvalidSipAccountError('context');
  const id = sipAccountId(spec.tenantId, spec.extension);
  const name =
    spec.displayName
      .replace(/["<>\\\p{Cc}]/gu, '')
      .trim()
      .slice(0, 80) || spec.extension;
  const webphone = spec.mode === 'webphone';

  const auth: SorceryFields = [
    ['auth_type', 'userpass'],
    ['username', id],
    ['password', spec.password],
  ];
  const aor: SorceryFields = [
    // Several browser tabs or one phone plus a softphone: each registers a contact.
    ['max_contacts', '5'],
    ['remove_existing', 'yes'],
    ['remove_unavailable', 'yes'],
    ['qualify_frequency', webphone ? '0' : '30'],
    ['default_expiration', webphone ? '120' : '300'],
    ['maximum_expiration', '3600'],
  ];
  const endpoint: [string, string][] = [
    ['context', options.context],
    ['auth', id],
    ['aors', id],
    ['callerid', `"${name}" <${spec.extension}>`],
    ['accountcode', `t${spec.tenantId}`],
    ['disallow', 'all'],
    ['allow', CODECS[spec.mode]],
    ['direct_media', 'no'],
    ['rtp_symmetric', 'yes'],
    ['force_rport', 'yes'],
    ['rewrite_contact', 'yes'],
    ['device_state_busy_at', '1'],
    ['dtmf_mode', 'rfc4733'],
    // Who the phone talks to is sent in P-Asserted-Identity, also when it changes mid-call (a
    // transfer): phones show the new party.
    ['send_pai', 'yes'],
    ['trust_id_outbound', 'yes'],
  ];
  if (webphone) {
    endpoint.push(['webrtc', 'yes'], ['dtls_auto_generate_cert', 'yes']);
  } else {
    // An update merges into the existing object: undo everything `webrtc = yes` switched on.
    endpoint.push(
      ['webrtc', 'no'],
      ['dtls_auto_generate_cert', 'no'],
      ['media_encryption', 'no'],
      ['use_avpf', 'no'],
      ['ice_support', 'no'],
      ['rtcp_mux', 'no'],
      ['media_use_received_transport', 'no'],
    );
  }
  if (options.mediaAddress) {
    endpoint.push(['media_address', options.mediaAddress], ['bind_rtp_to_media_address', 'yes']);
  }
  return { id, auth, aor, endpoint };
}
