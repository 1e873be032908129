import { describe, expect, it } from '@jest/globals';
import { FailureTracker, listHas, parseAddressList, remoteAddressOf } from './security-events.js';

describe('remoteAddressOf', () => {
  it('reads the address of IPv4 and IPv6 AMI addresses', () => {
    expect(remoteAddressOf('IPV4/UDP/203.0.113.7/5060')).toBe('203.0.113.7');
    expect(remoteAddressOf('IPV6/TCP/2001:db8::1/5061')).toBe('2001:db8::1');
    expect(remoteAddressOf('IPV4/WS/127.0.0.1/40122')).toBe('127.0.0.1');
  });

  it('gives null for missing or malformed fields', () => {
    expect(remoteAddressOf(undefined)).toBeNull();
    expect(remoteAddressOf('IPV4/UDP')).toBeNull();
    expect(remoteAddressOf('IPV4/UDP/not-an-ip/5060')).toBeNull();
  });
});

describe('parseAddressList', () => {
  it('matches single addresses and subnets of both families', () => {
    const list = parseAddressList(' 127.0.0.1, 10.0.0.0/8 ,::1');
    expect(listHas(list, '127.0.0.1')).toBe(true);
    expect(listHas(list, '127.0.0.2')).toBe(false);
    expect(listHas(list, '10.20.30.40')).toBe(true);
    expect(listHas(list, '::1')).toBe(true);
    expect(listHas(list, '2001:db8::1')).toBe(false);
  });

  it('an empty list matches nothing; a bad entry is refused', () => {
    expect(listHas(parseAddressList(''), '127.0.0.1')).toBe(false);
    expect(() => parseAddressList('127.0.0.1,localhost')).toThrow('not an IP address: localhost');
    expect(() => parseAddressList('10.0.0.0/33')).toThrow('bad prefix length');
  });
});

describe('FailureTracker', () => {
  it('given failures within the window then the limit is reached at exactly maxFailures', () => {
    const tracker = new FailureTracker({ maxFailures: 3, windowMs: 1000 });
    expect(tracker.record('a', 0)).toBe(false);
    expect(tracker.record('a', 100)).toBe(false);
    expect(tracker.record('b', 150)).toBe(false);
    expect(tracker.record('a', 200)).toBe(true);
  });

  it('given failures spread beyond the window then old ones no longer count', () => {
    const tracker = new FailureTracker({ maxFailures: 3, windowMs: 1000 });
    tracker.record('a', 0);
    tracker.record('a', 500);
    expect(tracker.record('a', 1200)).toBe(false);
    expect(tracker.count('a', 1200)).toBe(2);
  });

  it('forgets an address and prunes idle ones', () => {
    const tracker = new FailureTracker({ maxFailures: 3, windowMs: 1000 });
    tracker.record('a', 0);
    tracker.record('b', 900);
    tracker.forget('b');
    expect(tracker.count('b', 900)).toBe(0);
    tracker.record('c', 1500);
    tracker.prune(1600);
    expect(tracker.size).toBe(1);
    expect(tracker.count('c', 1600)).toBe(1);
  });
});
