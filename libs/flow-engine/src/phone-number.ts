// Vietnamese numbering for outbound calls (issue 5 §7): normalisation and the toll-fraud guard.

export type NumberKind = 'mobile' | 'landline' | 'toll_free' | 'premium' | 'emergency' | 'international';

export interface DialledNumber {
  kind: NumberKind;
  /** What the carrier trunk is sent: national format for Vietnam (`0…`, `1800…`, `113`), `00…` abroad. */
  dial: string;
  /** E.164 (`+84…`) where it exists (not for short service numbers). */
  e164: string | null;
}

const EMERGENCY = new Set(['113', '114', '115']);

/**
 * Reads what a person typed (`+84 912 345 678`, `0912.345.678`, `84912345678`, `(028) 3822 1234`,
 * `1800 1234`, `00 44 20 7946 0958`) into a number a Vietnamese trunk dials; null when it is not
 * a valid number.
 */
export function normalizeNumber(input: string): DialledNumber | null {
  const raw = input.trim();
  if (!/^\+?[\d\s().-]+$/.test(raw)) return null;
  const plus = raw.startsWith('+');
  let digits = raw.replace(/\D/g, '');
  if (!plus && EMERGENCY.has(digits)) return { kind: 'emergency', dial: digits, e164: null };
  if (!plus && /^(1800|1900)\d{4,6}$/.test(digits)) {
    return { kind: digits.startsWith('1800') ? 'toll_free' : 'premium', dial: digits, e164: null };
  }
  // International form: +CC… or 00CC…; Vietnam's own +84 / 0084 / bare 84 become national.
  if (plus || digits.startsWith('00')) {
    digits = plus ? digits : digits.slice(2);
    if (!digits.startsWith('84')) {
      return /^[1-9]\d{6,14}$/.test(digits)
        ? { kind: 'international', dial: `00${digits}`, e164: `+${digits}` }
        : null;
    }
    digits = `0${digits.slice(2)}`;
  } else if (/^84\d{9,10}$/.test(digits)) {
    digits = `0${digits.slice(2)}`;
  }
  if (/^0[35789]\d{8}$/.test(digits)) return { kind: 'mobile', dial: digits, e164: `+84${digits.slice(1)}` };
  if (/^02\d{9}$/.test(digits)) return { kind: 'landline', dial: digits, e164: `+84${digits.slice(1)}` };
  return null;
}

export interface OutboundPolicy {
  /** International calls (off by default: the classic toll-fraud target). */
  allowInternational: boolean;
  /** 1900 premium-rate numbers. */
  allowPremium: boolean;
  /** When not empty, only numbers (national form) starting with one of these may be called. */
  allowedPrefixes: string[];
}

export const DEFAULT_OUTBOUND_POLICY: OutboundPolicy = {
  allowInternational: false,
  allowPremium: false,
  allowedPrefixes: [],
};

export type OutboundRefusal =
  'invalid_number' | 'international_not_allowed' | 'premium_not_allowed' | 'prefix_not_allowed';

/** Whether a tenant may call `input` through its trunk; emergency numbers always may. */
export function checkOutbound(
  input: string,
  policy: OutboundPolicy = DEFAULT_OUTBOUND_POLICY,
): { allowed: true; number: DialledNumber } | { allowed: false; reason: OutboundRefusal } {
  const number = normalizeNumber(input);
  if (!number) return { allowed: false, reason: 'invalid_number' };
  if (number.kind === 'emergency') return { allowed: true, number };
  if (number.kind === 'international' && !policy.allowInternational)
    return { allowed: false, reason: 'international_not_allowed' };
  if (number.kind === 'premium' && !policy.allowPremium)
    return { allowed: false, reason: 'premium_not_allowed' };
  if (policy.allowedPrefixes.length && !policy.allowedPrefixes.some((p) => number.dial.startsWith(p)))
    return { allowed: false, reason: 'prefix_not_allowed' };
  return { allowed: true, number };
}
