import type { IpPhoneVendor } from '#contracts';
import type { SipAccountParams } from './account.js';

/** A file a phone asked for, as its vendor names files. */
export type PhoneFileRequest = { kind: 'device'; mac: string } | { kind: 'common' };

/** What a phone's own file is made of. */
export interface PhoneConfigParams {
  mac: string;
  /** The admin's name for the phone (shown nowhere secret). */
  label: string | null;
  /** Null: no user, or the user cannot take calls on a desk phone now: the line is disabled. */
  account: SipAccountParams | null;
  /** IANA name, e.g. `Asia/Ho_Chi_Minh`. */
  timeZone: string;
  language: 'vi' | 'en';
}

/**
 * One vendor's provisioning files. Adding a vendor = one file implementing this, listed in
 * `PHONE_RENDERERS` (the compiler insists once the vendor is in `IP_PHONE_VENDORS`).
 */
export interface PhoneRenderer {
  readonly vendor: IpPhoneVendor;
  readonly contentType: string;
  /** The request a file name stands for, or null when this vendor never asks for it. */
  parseFile(name: string): PhoneFileRequest | null;
  renderDevice(params: PhoneConfigParams): string;
  /** The file every phone of the vendor asks for first (no secrets in it). */
  renderCommon(): string;
}
