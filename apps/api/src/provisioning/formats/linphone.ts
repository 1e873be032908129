import type { SipAccountParams } from './account.js';
import { escapeXml } from './xml.js';

/** How long a registration lasts before Linphone renews it (seconds). */
const REGISTER_EXPIRES = 600;

/**
 * Linphone's remote-provisioning document: the linphonerc sections in XML
 * (`http://www.linphone.org/xsds/lpconfig.xsd`). `proxy_0` is the account (reg_identity,
 * reg_proxy with the first transport, reg_expires, reg_sendregister), `auth_info_0` its
 * credentials (username, userid, passwd, domain: the keys liblinphone reads). `overwrite`
 * makes the values win over what the user had; `misc/transient_provisioning` tells Linphone
 * to apply the document once and not fetch the URL again at every start (it is single-use).
 */
export function renderLinphoneXml(account: SipAccountParams): string {
  const transport = account.transports[0];
  if (!transport) throw new Error('a SIP account without transports cannot be provisioned');
  const identity = `"${account.displayName.replace(/["\\]/g, '')}" <sip:${account.username}@${account.domain}>`;
  const proxy = `<sip:${transport.host}:${transport.port};transport=${transport.protocol}>`;
  const section = (name: string, entries: [string, string | number][]) =>
    [
      `  <section name="${name}">`,
      ...entries.map(
        ([key, value]) => `    <entry name="${key}" overwrite="true">${escapeXml(String(value))}</entry>`,
      ),
      '  </section>',
    ].join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<config xmlns="http://www.linphone.org/xsds/lpconfig.xsd" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.linphone.org/xsds/lpconfig.xsd lpconfig.xsd">',
    section('proxy_0', [
      ['reg_identity', identity],
      ['reg_proxy', proxy],
      ['reg_route', proxy],
      ['reg_expires', REGISTER_EXPIRES],
      ['reg_sendregister', 1],
      ['publish', 0],
    ]),
    section('auth_info_0', [
      ['username', account.username],
      ['userid', account.username],
      ['passwd', account.password],
      ['domain', account.domain],
    ]),
    section('misc', [['transient_provisioning', 1]]),
    '</config>',
    '',
  ].join('\n');
}
