import type { SipTransport } from '#contracts';

/** What every renderer gets: one SIP account, already decrypted. */
export interface SipAccountParams {
  displayName: string;
  extension: string | null;
  domain: string;
  username: string;
  password: string;
  /** In order of preference; renderers that take one transport take the first. */
  transports: SipTransport[];
}
