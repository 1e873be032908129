import { randomBytes } from 'node:crypto';
import { newSipPassword, SipSecretBox } from './sip-secret.js';

describe('SIP secrets', () => {
  const box = new SipSecretBox(randomBytes(32).toString('base64'));

  it('given new passwords then each is 24 letters or digits and they differ', () => {
    const all = Array.from({ length: 200 }, newSipPassword);
    for (const p of all) expect(p).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(new Set(all).size).toBe(200);
  });

  it('given a sealed password then it opens to the same text and does not contain it', () => {
    const sealed = box.seal('a1B2c3D4e5F6g7H8i9J0k1L2');
    expect(sealed).not.toContain('a1B2c3D4e5F6g7H8i9J0k1L2');
    expect(box.open(sealed)).toBe('a1B2c3D4e5F6g7H8i9J0k1L2');
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('given a tampered value or another key then opening fails', () => {
    const sealed = box.seal('secret-value-123');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('x'.repeat(16)).toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
    expect(() => new SipSecretBox(randomBytes(32).toString('base64')).open(sealed)).toThrow();
    expect(() => box.open('plain-text')).toThrow('not a sealed SIP secret');
  });

  it('given a key of the wrong size then the box refuses it', () => {
    expect(() => new SipSecretBox(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });
});
