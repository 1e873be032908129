import { formatMac, macInUserAgent, normalizeMac } from './mac.js';
import {
  hashLinkToken,
  isLinkTokenShape,
  isProvisioningKeyShape,
  newLinkToken,
  newProvisioningKey,
} from './token.js';

describe('MAC addresses', () => {
  it('given the three accepted forms then each is stored as 12 lower-case hex digits', () => {
    for (const input of ['00:15:65:AB:CD:EF', '00-15-65-ab-cd-ef', '001565abcdef', ' 001565ABCDEF ']) {
      expect(normalizeMac(input)).toBe('001565abcdef');
    }
    expect(formatMac('001565abcdef')).toBe('00:15:65:ab:cd:ef');
  });

  it('given malformed addresses then none is accepted', () => {
    for (const input of [
      '',
      '00:15:65:AB:CD',
      '00:15:65:AB:CD:EF:01',
      '00:15-65:AB:CD:EF',
      '0015.65ab.cdef',
      '001565abcdeg',
      '001565abcde',
      '00 15 65 ab cd ef',
      '00::15:65:AB:CD:EF',
    ]) {
      expect(normalizeMac(input)).toBeNull();
    }
  });

  it('given User-Agents then the MAC they name is found, and bare hex or no MAC gives null', () => {
    expect(macInUserAgent('Yealink SIP-T46S 66.86.0.15 00:15:65:ab:cd:ef')).toBe('001565abcdef');
    expect(macInUserAgent('Yealink SIP-T54W 96.86.0.100 80-5E-C0-12-34-56')).toBe('805ec0123456');
    expect(macInUserAgent('Mozilla/5.0 (X11; Linux x86_64)')).toBeNull();
    expect(macInUserAgent('Yealink SIP-T46S 66.86.0.15 001565abcdef')).toBeNull();
    expect(macInUserAgent(undefined)).toBeNull();
  });
});

describe('link tokens and provisioning keys', () => {
  it('given new tokens then each has 256 bits in 43 base64url characters, and they differ', () => {
    const tokens = Array.from({ length: 100 }, newLinkToken);
    for (const t of tokens) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(t, 'base64url')).toHaveLength(32);
      expect(isLinkTokenShape(t)).toBe(true);
    }
    expect(new Set(tokens).size).toBe(100);
  });

  it('given a token then only its SHA-256 is stored: 64 hex digits, stable, without the token', () => {
    const token = newLinkToken();
    const hash = hashLinkToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashLinkToken(token)).toBe(hash);
    expect(hash).not.toContain(token);
    expect(hashLinkToken(newLinkToken())).not.toBe(hash);
    // Known vector: SHA-256("abc").
    expect(hashLinkToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('given odd token shapes then they are refused before any lookup', () => {
    for (const t of [
      '',
      'short',
      `${newLinkToken()}x`,
      `${newLinkToken().slice(0, 42)}/`,
      '../../etc/passwd',
    ]) {
      expect(isLinkTokenShape(t)).toBe(false);
    }
  });

  it('given new provisioning keys then each has 128 bits in 22 base64url characters', () => {
    const keys = Array.from({ length: 50 }, newProvisioningKey);
    for (const k of keys) {
      expect(isProvisioningKeyShape(k)).toBe(true);
      expect(Buffer.from(k, 'base64url')).toHaveLength(16);
    }
    expect(new Set(keys).size).toBe(50);
    expect(isProvisioningKeyShape('a'.repeat(21))).toBe(false);
  });
});
