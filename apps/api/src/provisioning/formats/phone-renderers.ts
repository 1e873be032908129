import type { IpPhoneVendor } from '#contracts';
import type { PhoneRenderer } from './phone-renderer.js';
import { YEALINK } from './yealink.js';

/** Every vendor's renderer; a vendor added to `IP_PHONE_VENDORS` must be added here. */
export const PHONE_RENDERERS: Record<IpPhoneVendor, PhoneRenderer> = {
  yealink: YEALINK,
};
