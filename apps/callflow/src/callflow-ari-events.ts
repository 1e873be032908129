import type { AriEventType } from '#ari';

/**
 * The ARI event types callflow listens to; Asterisk is asked to send no others (the AriClient
 * `events` option). Listening to a type missing here throws when the listener is registered.
 * The rest (bridge enter/leave, dial progress, state and connected-line changes, playback
 * start…) were 14 of the 25 events of a queued call, parsed and dropped.
 */
export const CALLFLOW_ARI_EVENTS: readonly AriEventType[] = [
  'StasisStart',
  'StasisEnd',
  'ChannelDestroyed',
  'ChannelHangupRequest',
  'ChannelDtmfReceived',
  'ChannelTransfer',
  'DeviceStateChanged',
  'PlaybackFinished',
  'RecordingFinished',
  'RecordingFailed',
];
