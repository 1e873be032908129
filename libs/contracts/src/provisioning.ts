import type { SipTransport } from './devices.js';

/**
 * `POST /api/me/device/provisioning-link` (and `/api/users/:id/device/provisioning-link` for
 * admins) → 201: a one-time link to the user's SIP account for a softphone (F5), valid 24 h.
 * Only in SIP mode (409 `not_sip_mode` otherwise). A new link, a new SIP password or a switch
 * back to WebPhone voids the earlier unused links.
 */
export interface ProvisioningLink {
  /** `GET` it once: Linphone remote-provisioning XML (`?format=json` for plain JSON). */
  url: string;
  /** ISO time after which the link answers 404. */
  expiresAt: string;
  /** The URL as a QR code, an SVG document drawn by the server. */
  qrSvg: string;
}

export const PROVISIONING_FORMATS = ['linphone', 'json'] as const;
export type ProvisioningFormat = (typeof PROVISIONING_FORMATS)[number];

/** `GET /api/provision/:token?format=json`: the account as plain JSON (documented format). */
export interface ProvisionedSipAccount {
  format: 'webcall-sip-account';
  version: 1;
  displayName: string;
  extension: string | null;
  /** SIP domain = registrar host. */
  domain: string;
  username: string;
  password: string;
  /** In order of preference; the first is what the Linphone format uses. */
  transports: SipTransport[];
}

/** Vendors of zero-touch IP phones (F6). A vendor = one renderer file in the api. */
export const IP_PHONE_VENDORS = ['yealink'] as const;
export type IpPhoneVendor = (typeof IP_PHONE_VENDORS)[number];

/** `GET /api/ip-phones` → IpPhone[]; `GET /api/ip-phones/:id` → IpPhone. */
export interface IpPhone {
  id: number;
  /** 12 lower-case hex digits, e.g. `001565abcdef`. */
  mac: string;
  vendor: IpPhoneVendor;
  model: string | null;
  label: string | null;
  /** The user whose SIP account the phone gets; null: the phone gets a disabled account. */
  user: { id: number; fullName: string; extension: string | null } | null;
  lastProvisionedAt: string | null;
  lastProvisionedIp: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * `POST /api/ip-phones` (all but `mac` and `vendor` optional) and `PATCH /api/ip-phones/:id`
 * (every field optional). MAC as `00:15:65:AB:CD:EF`, `00-15-65-ab-cd-ef` or `001565abcdef`.
 */
export interface IpPhoneRequest {
  mac: string;
  vendor: IpPhoneVendor;
  model?: string | null;
  label?: string | null;
  userId?: number | null;
}
export type UpdateIpPhoneRequest = Partial<IpPhoneRequest>;

/**
 * Answer of create and update: the phone, and whether its user was switched from WebPhone to
 * SIP mode to make the phone usable (Asterisk is updated at once).
 */
export interface IpPhoneSaved extends IpPhone {
  userSwitchedToSip: boolean;
}

/**
 * `GET /api/ip-phones/provisioning` → what an admin types into the phone (or DHCP option 66):
 * it holds the tenant's secret provisioning key. `POST …/provisioning/regenerate` → a new key;
 * the old URL stops working.
 */
export interface PhoneProvisioningInfo {
  serverUrl: string;
}
