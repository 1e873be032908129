import { BlockList, isIP } from 'node:net';

/**
 * AMI security events (class `security`) that mean "someone tried credentials that are wrong":
 * a bad digest answer and an unknown account name. `FailedACL` is not counted: a blocked
 * address keeps producing it, and it must not extend its own block.
 */
export const FAILED_AUTH_EVENTS = ['ChallengeResponseFailed', 'InvalidAccountID', 'InvalidPassword'] as const;

/** `IPV4/UDP/203.0.113.7/5060` or `IPV6/TCP/2001:db8::1/5060` → the address, else null. */
export function remoteAddressOf(field: string | undefined): string | null {
  if (!field) return null;
  const parts = field.split('/');
  if (parts.length < 4) return null;
  const address = parts.slice(2, -1).join('/');
  return isIP(address) ? address : null;
}

/** `127.0.0.1, 10.0.0.0/8, ::1` → a list to test addresses against; throws on a bad entry. */
export function parseAddressList(raw: string): BlockList {
  const list = new BlockList();
  for (const entry of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [address, prefix] = entry.split('/');
    const family = isIP(address ?? '');
    if (!family) throw new Error(`not an IP address: ${entry}`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) {
      list.addAddress(address!, type);
      continue;
    }
    const bits = Number(prefix);
    if (!Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128))
      throw new Error(`bad prefix length: ${entry}`);
    list.addSubnet(address!, bits, type);
  }
  return list;
}

export function listHas(list: BlockList, address: string): boolean {
  return list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * Failed authentications per source address in a sliding window. `record` says when an
 * address has just reached the limit; the caller then blocks it and calls `forget`.
 */
export class FailureTracker {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly options: { maxFailures: number; windowMs: number }) {}

  /** Counts one failure at `now`; true when the address now has `maxFailures` in the window. */
  record(address: string, now: number): boolean {
    const since = now - this.options.windowMs;
    const times = (this.failures.get(address) ?? []).filter((t) => t > since);
    times.push(now);
    this.failures.set(address, times);
    return times.length >= this.options.maxFailures;
  }

  count(address: string, now: number): number {
    const since = now - this.options.windowMs;
    return (this.failures.get(address) ?? []).filter((t) => t > since).length;
  }

  forget(address: string): void {
    this.failures.delete(address);
  }

  /** Drops addresses with no failure in the window (memory stays bounded under a scan). */
  prune(now: number): void {
    const since = now - this.options.windowMs;
    for (const [address, times] of this.failures) {
      if (times[times.length - 1]! <= since) this.failures.delete(address);
    }
  }

  get size(): number {
    return this.failures.size;
  }
}
