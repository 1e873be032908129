// Pure functions: the PJSIP objects that shut one source address out.
import { isIP } from 'node:net';
import type { SorceryFields } from './pjsip-account.js';

/** Static endpoint (asterisk-conf/pjsip.conf) whose ACL denies everything. */
export const BLOCKED_ENDPOINT = 'webcall-blocked';

export interface SipBlockIdentify {
  id: string;
  fields: SorceryFields;
}

/**
 * An `identify` mapping `address` to the blocked endpoint. Endpoints are identified by source
 * address before user name (pjsip.conf `endpoint_identifier_order = ip,…`), so every request
 * from the address lands on an endpoint that refuses it, whatever account it names.
 */
export function sipBlockIdentify(address: string): SipBlockIdentify {
  const family = isIP(address);
  if (!family) throw new Error(`not an IP address: ${address}`);
  return {
    id: sipBlockId(address),
    fields: [
      ['endpoint', BLOCKED_ENDPOINT],
      ['match', `${address}/${family === 4 ? 32 : 128}`],
    ],
  };
}

export function sipBlockId(address: string): string {
  return `webcall-block-${address.toLowerCase().replace(/[^0-9a-f]/g, '-')}`;
}
