/** How a user makes and takes calls (F4): in the browser, or on a SIP phone / softphone. */
export const DEVICE_MODES = ['webphone', 'sip'] as const;
export type DeviceMode = (typeof DEVICE_MODES)[number];

export type SipTransportProtocol = 'udp' | 'tcp' | 'tls' | 'ws' | 'wss';

export interface SipTransport {
  protocol: SipTransportProtocol;
  host: string;
  port: number;
}

/**
 * `GET /api/me/device` (and `/api/users/:id/device` for admins): the user's extension and SIP
 * account. `password` is present only for the owner and tenant admins.
 */
export interface DeviceInfo {
  mode: DeviceMode;
  extension: string | null;
  sip: {
    /** SIP domain / registrar host. */
    domain: string;
    /** SIP user name = auth user name, e.g. `t42-1001`. */
    username: string;
    password?: string;
    transports: SipTransport[];
  };
  /** WebSocket URL the browser webphone registers over. */
  webphone: { wsUrl: string };
}

/** `PUT /api/me/device` and `PUT /api/users/:id/device` → 200 DeviceInfo; applied to Asterisk at once. */
export interface UpdateDeviceRequest {
  mode: DeviceMode;
}

/** `POST /api/me/device/password` → 200 DeviceInfo with a new SIP password (old one stops working). */
export type RegenerateSipPasswordResponse = DeviceInfo;

export const PRESENCE_STATES = ['offline', 'available', 'ringing', 'on_call', 'dnd', 'away'] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];

/** `GET /api/presence` → the caller's tenant's users with their live state. */
export interface PresenceEntry {
  userId: number;
  fullName: string;
  extension: string;
  state: PresenceState;
}

/** What a user chose for themself; the live state adds offline / ringing / on a call. */
export const PRESENCE_CHOICES = ['available', 'dnd', 'away'] as const;
export type PresenceChoice = (typeof PRESENCE_CHOICES)[number];

/** `PUT /api/me/presence` → 204. Do-not-disturb users are not rung by internal calls. */
export interface UpdatePresenceRequest {
  state: PresenceChoice;
}

/**
 * `GET /api/operator/sip-blocks` (operators): source addresses shut out of SIP after repeated
 * failed authentications, until `blockedUntil` or until an operator lifts the block
 * (`DELETE /api/operator/sip-blocks/:address` → 204).
 */
export interface SipBlock {
  address: string;
  /** Failed authentications counted when the block started. */
  failures: number;
  blockedAt: string;
  blockedUntil: string;
}
