import type { ProvisionedSipAccount } from '#contracts';
import type { SipAccountParams } from './account.js';

/** `?format=json`: the account for any client or script (`ProvisionedSipAccount` in contracts). */
export function renderAccountJson(account: SipAccountParams): string {
  const body: ProvisionedSipAccount = {
    format: 'webcall-sip-account',
    version: 1,
    displayName: account.displayName,
    extension: account.extension,
    domain: account.domain,
    username: account.username,
    password: account.password,
    transports: account.transports,
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
