// SIP over TLS for the stack's Asterisk: a certificate (the user's, or a self-signed one made
// once per profile) and the transport that uses it, written as pjsip_tls.conf next to the
// rendered config (pjsip.conf includes it when present; Docker users mount their own).
import { chmodSync, copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { ensureBinaries } from './apt.ts';
import { run } from './exec.ts';
import { SetupError } from './log.ts';

export interface SipTlsFiles {
  /** Paths as Asterisk sees them (inside its root). */
  certFile: string;
  keyFile: string;
}

/**
 * Makes sure a certificate and key exist under `keysDirHost` (seen by Asterisk as `keysDirInside`):
 * SIP_TLS_CERT / SIP_TLS_KEY when given, else a self-signed certificate for `host`, made once.
 */
export async function ensureSipCertificate(
  keysDirHost: string,
  keysDirInside: string,
  host: string,
): Promise<SipTlsFiles> {
  // Parents with the default mode (Asterisk, another user, must reach its own folders); only the
  // keys folder is private (Asterisk's start chowns it to the asterisk user).
  mkdirSync(path.dirname(keysDirHost), { recursive: true });
  mkdirSync(keysDirHost, { recursive: true });
  chmodSync(keysDirHost, 0o700);
  const cert = path.join(keysDirHost, 'sip-tls.crt');
  const key = path.join(keysDirHost, 'sip-tls.key');
  const given = { cert: process.env.SIP_TLS_CERT, key: process.env.SIP_TLS_KEY };
  if (given.cert || given.key) {
    if (!given.cert || !given.key || !existsSync(given.cert) || !existsSync(given.key))
      throw new SetupError('SIP_TLS_CERT and SIP_TLS_KEY must both name readable PEM files.');
    copyFileSync(given.cert, cert);
    copyFileSync(given.key, key);
  } else if (!existsSync(cert) || !existsSync(key)) {
    await ensureBinaries([{ bin: 'openssl', pkg: 'openssl' }], 'The SIP TLS certificate');
    const altNames = /^\d+\.\d+\.\d+\.\d+$/.test(host) ? `IP:${host}` : `DNS:${host}`;
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '825',
      '-subj',
      `/CN=${host}`,
      '-addext',
      `subjectAltName=${altNames},DNS:localhost,IP:127.0.0.1`,
      '-keyout',
      key,
      '-out',
      cert,
    ]).catch((err: Error) => {
      throw new SetupError(`Could not make a self-signed SIP TLS certificate with openssl: ${err.message}`);
    });
  }
  return { certFile: `${keysDirInside}/sip-tls.crt`, keyFile: `${keysDirInside}/sip-tls.key` };
}

/** The TLS transport (TLS 1.2, no client certificates: phones authenticate with digest). */
export function sipTlsTransport(bind: string, port: number, files: SipTlsFiles): string {
  return [
    '; Written by scripts/lib/sip-tls.ts at start-up.',
    '[transport-tls]',
    'type = transport',
    'protocol = tls',
    `bind = ${bind}:${port}`,
    `cert_file = ${files.certFile}`,
    `priv_key_file = ${files.keyFile}`,
    'method = tlsv1_2',
    '',
  ].join('\n');
}
