// Plain functions (no Angular imports) so `npm run check` can exercise them with Node alone.
import type { UserRole } from '@webcall/contracts';

/** Vietnamese mobile number as the API accepts it: `0xxxxxxxxx` or `+84xxxxxxxxx` (9 digits after the prefix). */
export const VN_PHONE_PATTERN = /^(?:0|\+84)\d{9}$/;

/** People type `0912 345 678` or `0912.345.678`; the API wants the bare digits. */
export function normalizePhone(value: string): string {
  return value.replace(/[\s.\-()]/g, '');
}

export function isVnPhone(value: string): boolean {
  return VN_PHONE_PATTERN.test(normalizePhone(value));
}

export const DEFAULT_AFTER_LOGIN = '/home/overview';
/** Where operators start: they run the platform and have no tenant pages. */
export const OPERATOR_HOME = '/operator/tenants';

/** The start page of a role: the tenant overview, or the tenant list for operators. */
export function homeFor(role: UserRole | undefined): string {
  return role === 'operator' ? OPERATOR_HOME : DEFAULT_AFTER_LOGIN;
}
const PUBLIC_PREFIXES = ['/login', '/signup', '/forgot-password', '/reset-password'];

/**
 * `returnUrl` comes from the address bar, so only an in-app absolute path is followed: anything
 * that could leave the origin (`//evil`, `/\evil`, `https:…`) or loop back to a public page falls
 * back to the overview.
 */
export function safeReturnUrl(raw: unknown): string {
  if (typeof raw !== 'string' || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) {
    return DEFAULT_AFTER_LOGIN;
  }
  if (raw.includes('\\') || [...raw].some((char) => char.charCodeAt(0) < 0x20)) return DEFAULT_AFTER_LOGIN;
  const path = raw.split(/[?#]/, 1)[0];
  if (PUBLIC_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) {
    return DEFAULT_AFTER_LOGIN;
  }
  return raw;
}
