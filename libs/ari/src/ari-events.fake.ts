import type {
  AriEventMap,
  AriEventType,
  Bridge,
  Channel,
  LiveRecording,
  Playback,
} from './generated/ari-types.js';

export function fakeChannel(id: string, overrides: Partial<Channel> = {}): Channel {
  return {
    id,
    protocol_id: '',
    name: `PJSIP/t1-1001-${id}`,
    state: 'Up',
    caller: { name: 'Alice', number: '1001' },
    connected: { name: '', number: '' },
    accountcode: '',
    dialplan: { context: 't1-internal', exten: '2000', priority: 1, app_name: 'Stasis', app_data: 'webcall' },
    creationtime: '2026-11-24T10:00:00.000+0000',
    language: 'en',
    ...overrides,
  };
}

export function fakeBridge(id: string, overrides: Partial<Bridge> = {}): Bridge {
  return {
    id,
    technology: 'simple_bridge',
    bridge_type: 'mixing',
    bridge_class: 'stasis',
    creator: 'Stasis',
    name: '',
    channels: [],
    creationtime: '2026-11-24T10:00:00.000+0000',
    ...overrides,
  };
}

export function fakePlayback(id: string, targetUri: string, state: Playback['state'] = 'playing'): Playback {
  return { id, media_uri: 'sound:hello-world', target_uri: targetUri, state };
}

export function fakeRecording(
  name: string,
  targetUri: string,
  state: LiveRecording['state'] = 'recording',
): LiveRecording {
  return { name, format: 'wav', target_uri: targetUri, state };
}

type EventFields<K extends AriEventType> = Omit<AriEventMap[K], 'type' | 'application' | 'timestamp'>;

/** A complete event of `type` as Asterisk would send it to the `webcall` app. */
export function ariEvent<K extends AriEventType>(type: K, fields: EventFields<K>): AriEventMap[K] {
  return {
    type,
    application: 'webcall',
    timestamp: '2026-11-24T10:00:00.000+0000',
    asterisk_id: '00:11:22:33:44:55',
    ...fields,
  } as unknown as AriEventMap[K];
}
