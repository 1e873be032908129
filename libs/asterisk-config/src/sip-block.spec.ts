import { describe, expect, it } from '@jest/globals';
import { BLOCKED_ENDPOINT, sipBlockIdentify } from './sip-block.js';

describe('sipBlockIdentify', () => {
  it('given an IPv4 address then it maps exactly that address to the blocked endpoint', () => {
    expect(sipBlockIdentify('203.0.113.7')).toEqual({
      id: 'webcall-block-203-0-113-7',
      fields: [
        ['endpoint', BLOCKED_ENDPOINT],
        ['match', '203.0.113.7/32'],
      ],
    });
  });

  it('given an IPv6 address then the match is a /128 and the id has only safe characters', () => {
    const block = sipBlockIdentify('2001:DB8::1');
    expect(block.id).toBe('webcall-block-2001-db8--1');
    expect(block.fields).toContainEqual(['match', '2001:DB8::1/128']);
  });

  it('given something that is not an address then it refuses', () => {
    expect(() => sipBlockIdentify('127.0.0.1/8')).toThrow('not an IP address');
    expect(() => sipBlockIdentify('evil;endpoint=x')).toThrow('not an IP address');
  });
});
