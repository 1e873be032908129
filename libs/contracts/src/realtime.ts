import type { IncomingCallEvent } from './routing.js';

/**
 * Live call events: callflow publishes them on its `/events` WebSocket (to the api only, with
 * a shared token); the api relays each one over socket.io to the users of `tenantId` whose
 * extension is `extension`, never to anyone else.
 */
export type CallEvent =
  | { type: 'call.incoming'; tenantId: number; extension: string; payload: IncomingCallEvent }
  | { type: 'call.ended'; tenantId: number; extension: string; payload: CallEndedEvent }
  | { type: 'voicemail.new'; tenantId: number; extension: string; payload: VoicemailEvent };

/** A message was left in the mailbox of `extension` (its user is told live and by mail). */
export interface VoicemailEvent {
  /** The caller's channel (the call record). */
  channelId: string;
  voicemailId: number;
  callerNumber: string;
  hotlineNumber: string;
  durationMs: number;
  at: string;
}

export interface CallEndedEvent {
  /** The channel of the ringing leg, as in the `call.incoming` it ends. */
  channelId: string;
}

export type CallEventType = CallEvent['type'];
export const CALL_EVENT_TYPES: readonly CallEventType[] = ['call.incoming', 'call.ended', 'voicemail.new'];

/** socket.io path of the console's live events, on the api's HTTP port. */
export const REALTIME_PATH = '/socket.io';
/** callflow's event stream, on its status HTTP server. */
export const CALLFLOW_EVENTS_PATH = '/events';

/** Why the socket.io server refused a connection (the `connect_error` message). */
export type RealtimeRefusal = 'unauthorized' | 'tenant_suspended';

/**
 * A well-formed call event, or null: the api checks what it receives before relaying it.
 */
export function parseCallEvent(value: unknown): CallEvent | null {
  if (typeof value !== 'object' || value === null) return null;
  const e = value as { type?: unknown; tenantId?: unknown; extension?: unknown; payload?: unknown };
  if (!CALL_EVENT_TYPES.includes(e.type as CallEventType)) return null;
  if (typeof e.tenantId !== 'number' || !Number.isInteger(e.tenantId) || e.tenantId <= 0) return null;
  if (typeof e.extension !== 'string' || e.extension === '') return null;
  if (typeof e.payload !== 'object' || e.payload === null) return null;
  const p = e.payload as Partial<Record<keyof IncomingCallEvent, unknown>>;
  if (typeof p.channelId !== 'string') return null;
  if (e.type === 'call.incoming') {
    for (const key of ['callerNumber', 'hotlineNumber', 'extension', 'at'] as const)
      if (typeof p[key] !== 'string') return null;
  }
  if (e.type === 'voicemail.new') {
    const v = e.payload as Partial<Record<keyof VoicemailEvent, unknown>>;
    if (typeof v.voicemailId !== 'number' || typeof v.durationMs !== 'number') return null;
    for (const key of ['callerNumber', 'hotlineNumber', 'at'] as const)
      if (typeof v[key] !== 'string') return null;
  }
  return value as CallEvent;
}
