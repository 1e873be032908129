import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Secrets {
  dbPassword: string;
  ariUsername: string;
  ariPassword: string;
  amiUsername: string;
  amiSecret: string;
  jwtSecret: string;
  /** AES-256-GCM key (base64, 32 bytes) of the SIP passwords stored in the database. */
  sipSecretKey: string;
  /** What the api presents to callflow's live event stream (`/events`). */
  callflowEventsToken: string;
  operatorPassword: string;
  adminPassword: string;
}

const token = (bytes: number) => randomBytes(bytes).toString('base64url');
/** Human-typable demo password: 16 chars from a CSPRNG, no ambiguous characters. */
function password(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/** Random credentials (>= 128 bits each) created once per profile and kept in .runtime/. */
export function loadSecrets(profileDir: string): Secrets {
  const file = path.join(profileDir, 'secrets.json');
  const existing: Partial<Secrets> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const secrets: Secrets = {
    dbPassword: existing.dbPassword ?? token(18),
    ariUsername: existing.ariUsername ?? `webcall-${token(6)}`,
    ariPassword: existing.ariPassword ?? token(24),
    amiUsername: existing.amiUsername ?? `webcall-${token(6)}`,
    amiSecret: existing.amiSecret ?? token(24),
    jwtSecret: existing.jwtSecret ?? token(32),
    sipSecretKey: existing.sipSecretKey ?? randomBytes(32).toString('base64'),
    callflowEventsToken: existing.callflowEventsToken ?? token(32),
    operatorPassword: existing.operatorPassword ?? password(),
    adminPassword: existing.adminPassword ?? password(),
  };
  if (JSON.stringify(secrets) !== JSON.stringify(existing)) {
    writeFileSync(`${file}.tmp`, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  }
  return secrets;
}
