import { createHash, randomBytes } from 'node:crypto';

/** 32 bytes from the CSPRNG: 256 bits, 43 base64url characters. */
const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** 16 bytes: 128 bits, 22 base64url characters. */
const KEY_BYTES = 16;
const KEY_SHAPE = /^[A-Za-z0-9_-]{22}$/;

/** A new one-time link token; only its hash is stored. */
export function newLinkToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** What the database keeps of a token: hex SHA-256 (a lookup key, not a password: 256 bits). */
export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Anything else cannot be one of our tokens: answered 404 without a database query. */
export function isLinkTokenShape(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

/** A tenant's phone provisioning key (part of the URL its phones fetch). */
export function newProvisioningKey(): string {
  return randomBytes(KEY_BYTES).toString('base64url');
}

export function isProvisioningKeyShape(key: string): boolean {
  return KEY_SHAPE.test(key);
}
