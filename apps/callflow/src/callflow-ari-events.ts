import type { AriEventType } from '#ari';

/**
 * The ARI event types callflow handles; Asterisk is asked to send no others (the client's
 * `events` option). Registering a handler for a type missing here throws at once, so a new
 * handler cannot silently wait forever: add its type here.
 */
export const CALLFLOW_ARI_EVENTS: readonly AriEventType[] = [
  'StasisStart',
  'StasisEnd',
  'ChannelDestroyed',
  'ChannelHangupRequest',
  'ChannelDtmfReceived',
  'ChannelTransfer',
  'PlaybackFinished',
  'RecordingFinished',
  'RecordingFailed',
  'DeviceStateChanged',
  'ApplicationReplaced',
];
