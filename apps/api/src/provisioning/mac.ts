/**
 * MAC addresses as typed by people and as phones send them. Accepted: six pairs of hex digits
 * joined by `:` or by `-` (one separator throughout), or twelve hex digits; stored as twelve
 * lower-case hex digits.
 */
const FORMS = [/^[0-9a-f]{12}$/i, /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i, /^[0-9a-f]{2}(-[0-9a-f]{2}){5}$/i];

export function normalizeMac(input: string): string | null {
  const text = input.trim();
  if (!FORMS.some((form) => form.test(text))) return null;
  return text.replace(/[:-]/g, '').toLowerCase();
}

/** `00:15:65:ab:cd:ef`: how the console shows a stored MAC. */
export function formatMac(mac: string): string {
  return mac.match(/../g)!.join(':');
}

/**
 * The MAC a phone names in its User-Agent (Yealink: `Yealink SIP-T46S 66.86.0.15 00:15:65:ab:cd:ef`),
 * or null when it names none. Only separated forms count: twelve bare hex digits could be a
 * firmware or serial number.
 */
export function macInUserAgent(userAgent: string | undefined): string | null {
  const match = /(?:^|[^0-9a-f])([0-9a-f]{2}([:-])[0-9a-f]{2}(?:\2[0-9a-f]{2}){4})(?![0-9a-f])/i.exec(
    userAgent ?? '',
  );
  return match ? normalizeMac(match[1]) : null;
}
