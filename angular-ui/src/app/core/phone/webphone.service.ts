import { HttpClient } from '@angular/common/http';
import {
  DOCUMENT,
  DestroyRef,
  Injectable,
  type Signal,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import type { DeviceInfo, DeviceMode, PresenceEntry } from '@webcall/contracts';
import type {
  Invitation,
  Inviter,
  Registerer,
  Session,
  SessionDescriptionHandlerFactory,
  UserAgent,
  Web,
} from 'sip.js';
import { firstValueFrom } from 'rxjs';
import { AuthService } from '../auth/auth.service';
import { Ringer } from './ringer';

export type RegistrationState = 'off' | 'registering' | 'registered' | 'failed';
export type CallState = 'ringing' | 'connecting' | 'established' | 'held';
export type CallDirection = 'outgoing' | 'incoming';

/** The call the webphone is on (or being rung with). */
export interface ActiveCall {
  /** Stable while the call lasts (SIP.js session id). */
  id: string;
  direction: CallDirection;
  remoteExtension: string;
  remoteName: string | null;
  state: CallState;
  /** Epoch ms when the call was answered; null until then. */
  startedAt: number | null;
  muted: boolean;
}

/** Why the last call ended, shown for a few seconds after it. */
export type CallEndReason =
  | 'hangup'
  | 'busy'
  | 'rejected'
  | 'no_answer'
  | 'unavailable'
  | 'not_found'
  | 'transferred'
  | 'failed'
  | 'media';

export interface EndedCall {
  direction: CallDirection;
  remoteExtension: string;
  remoteName: string | null;
  reason: CallEndReason;
  /** Talk time in seconds (0 when never answered). */
  durationS: number;
  at: number;
}

export type PhoneError =
  'transfer_failed' | 'call_failed' | 'microphone' | 'not_registered' | 'invalid_number';

/** RTP counters of the focused call, read from `RTCPeerConnection.getStats()` once a second. */
export interface CallStats {
  packetsSent: number;
  packetsReceived: number;
  packetsLost: number;
  jitterMs: number | null;
  rttMs: number | null;
  codec: string | null;
}

export interface AudioDeviceOption {
  deviceId: string;
  label: string;
}

type Sip = typeof import('sip.js');
type Slot = 'primary' | 'consult';

interface Leg {
  session: Session;
  slot: Slot;
  call: ActiveCall;
  held: boolean;
  audio: HTMLAudioElement;
  /** Why it failed, when the far end refused before answering. */
  refusal: CallEndReason | null;
  /** Put on hold by `attendedTransfer` (resumed by `cancelTransfer`). */
  heldForTransfer: boolean;
  transferred: boolean;
}

/**
 * Host candidates only: every endpoint of this deployment is reachable without STUN/TURN (the
 * browser talks to Asterisk, never to another browser), and a STUN server that cannot be
 * reached costs the whole gathering timeout on every call. Gathering host candidates takes a
 * few milliseconds; the timeout only caps a machine with a slow interface.
 */
export const PEER_CONNECTION_CONFIGURATION: RTCConfiguration = {
  iceServers: [],
  bundlePolicy: 'max-bundle',
  rtcpMuxPolicy: 'require',
};
/**
 * Chromium finds its UDP host candidates within ~10 ms but declares gathering complete only after
 * the TCP ones (~130 ms), which Asterisk never uses. So the offer / answer goes out
 * `ICE_SETTLE_MS` after the first UDP candidate (time for the other interfaces' UDP candidates);
 * the timeout is only the cap for a machine where no UDP candidate shows up.
 */
export const ICE_SETTLE_MS = 20;
export const ICE_GATHERING_TIMEOUT_MS = 500;

/**
 * Diagnostics switch (`localStorage['webcall.webphone.earlyIce'] = 'off'`): wait for ICE gathering
 * instead of sending the offer/answer after the first UDP candidate — for a network where the
 * first candidates are not the reachable ones, and as the benchmark's baseline.
 */
function earlyIceCompletion(): boolean {
  try {
    return localStorage.getItem('webcall.webphone.earlyIce') !== 'off';
  } catch {
    return true;
  }
}

/** Asks Asterisk for a short registration so a closed tab's contact does not linger. */
const REGISTER_EXPIRES_S = 120;
/** Transport reconnection back-off (then stays at the last value). */
const RECONNECT_DELAYS_MS = [250, 1000, 2000, 4000, 8000, 15000, 30000];
const STATS_INTERVAL_MS = 1000;
const DIRECTORY_TTL_MS = 30_000;
const INPUT_KEY = 'webcall.phone.input';
const OUTPUT_KEY = 'webcall.phone.output';
const DTMF = /^[0-9*#A-D]$/;
export const DIALABLE = /^[0-9*#+]{1,32}$/;

const emptyStats = (): CallStats => ({
  packetsSent: 0,
  packetsReceived: 0,
  packetsLost: 0,
  jitterMs: null,
  rttMs: null,
  codec: null,
});

/**
 * The browser webphone (F1, F4): one SIP.js user agent registered over Asterisk's WebSocket
 * while the signed-in user is in WebPhone mode. Everything the console shows about the phone
 * is a signal here; components only call the methods.
 *
 * SIP.js is loaded on demand (its own chunk), so the login page and SIP-mode users never
 * download it.
 */
@Injectable({ providedIn: 'root' })
export class WebPhoneService {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthService);
  private readonly document = inject(DOCUMENT);
  private readonly window = this.document.defaultView;
  private readonly ringer = new Ringer();

  private readonly registrationState = signal<RegistrationState>('off');
  private readonly modeState = signal<DeviceMode | null>(null);
  private readonly deviceState = signal<DeviceInfo | null>(null);
  private readonly primaryCall = signal<ActiveCall | null>(null);
  private readonly consultCall = signal<ActiveCall | null>(null);
  private readonly statsState = signal<CallStats | null>(null);
  private readonly endedState = signal<EndedCall | null>(null);
  private readonly errorState = signal<PhoneError | null>(null);
  private readonly reconnecting = signal(false);
  private readonly inputs = signal<AudioDeviceOption[]>([]);
  private readonly outputs = signal<AudioDeviceOption[]>([]);
  private readonly inputId = signal<string>(this.stored(INPUT_KEY));
  private readonly outputId = signal<string>(this.stored(OUTPUT_KEY));

  readonly registration: Signal<RegistrationState> = this.registrationState.asReadonly();
  readonly mode: Signal<DeviceMode | null> = this.modeState.asReadonly();
  /** The user's extension and SIP account as last read (null before, or without a device). */
  readonly device = computed(() => {
    const device = this.deviceState();
    return device ? { mode: device.mode, extension: device.extension, username: device.sip.username } : null;
  });
  /** The call (first leg while consulting a transfer target). */
  readonly activeCall: Signal<ActiveCall | null> = this.primaryCall.asReadonly();
  /** The consultation call of an attended transfer in progress. */
  readonly consultation: Signal<ActiveCall | null> = this.consultCall.asReadonly();
  /** Live RTP counters of the call the user is talking on. */
  readonly stats: Signal<CallStats | null> = this.statsState.asReadonly();
  readonly lastEnded: Signal<EndedCall | null> = this.endedState.asReadonly();
  readonly error: Signal<PhoneError | null> = this.errorState.asReadonly();
  /** True between a lost connection to the server and the next successful registration. */
  readonly isReconnecting: Signal<boolean> = this.reconnecting.asReadonly();
  readonly audioInputs: Signal<AudioDeviceOption[]> = this.inputs.asReadonly();
  readonly audioOutputs: Signal<AudioDeviceOption[]> = this.outputs.asReadonly();
  readonly audioInput: Signal<string> = this.inputId.asReadonly();
  readonly audioOutput: Signal<string> = this.outputId.asReadonly();
  /** Browsers without `setSinkId` always play on the system's default output. */
  readonly canChooseOutput =
    typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;

  private sip: Sip | null = null;
  private sipLoading: Promise<Sip> | null = null;
  private ua: UserAgent | null = null;
  private registerer: Registerer | null = null;
  private legs: Leg[] = [];
  private readonly preparedMedia = new WeakMap<Session, Promise<MediaStream>>();
  /** Bumped by every (re)start and stop, so a slower earlier one cannot win. */
  private generation = 0;
  private reconnectAttempt = 0;
  private microphoneWarm = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private endedTimer: ReturnType<typeof setTimeout> | undefined;
  private directory: { at: number; entries: Promise<PresenceEntry[]> } | null = null;
  /** The account the user agent runs for: a new login or role re-reads the device. */
  private readonly account = computed(() => {
    const user = this.auth.user();
    return user && user.tenantId !== null && user.role !== 'operator' ? `${user.id}` : null;
  });

  constructor() {
    effect(() => {
      const account = this.account();
      untracked(() => void (account ? this.reload() : this.stop()));
    });
    // Ring while a call rings here; ring back while the far end is being rung.
    effect(() => {
      const call = this.consultCall() ?? this.primaryCall();
      if (call?.state === 'ringing') this.ringer.start(call.direction === 'incoming' ? 'ring' : 'ringback');
      else this.ringer.stop();
    });
    const onOnline = () => this.reconnectNow();
    const onPageHide = () => void this.ua?.stop();
    const onDeviceChange = () => void this.refreshDevices();
    this.window?.addEventListener('online', onOnline);
    this.window?.addEventListener('pagehide', onPageHide);
    navigator.mediaDevices?.addEventListener('devicechange', onDeviceChange);
    inject(DestroyRef).onDestroy(() => {
      this.window?.removeEventListener('online', onOnline);
      this.window?.removeEventListener('pagehide', onPageHide);
      navigator.mediaDevices?.removeEventListener('devicechange', onDeviceChange);
      void this.stop();
      this.ringer.close();
    });
  }

  /** Re-reads `GET /api/me/device` and (re-)registers when in WebPhone mode (after a mode switch). */
  async reload(): Promise<void> {
    const generation = ++this.generation;
    performance.mark('webphone:reload');
    // Fetched alongside the device: most users are in WebPhone mode.
    this.loadSip().catch(() => undefined);
    let device: DeviceInfo;
    try {
      device = await firstValueFrom(this.http.get<DeviceInfo>('/api/me/device'));
      performance.mark('webphone:device');
    } catch {
      if (generation !== this.generation) return;
      // No phone for this account (409 no_device) or the API is unreachable.
      await this.teardown();
      this.deviceState.set(null);
      this.modeState.set(null);
      this.registrationState.set('off');
      return;
    }
    if (generation !== this.generation) return;
    this.deviceState.set(device);
    this.modeState.set(device.mode);
    // A running call survives a reload that changes nothing (same account, same mode).
    if (device.mode === 'webphone' && this.ua && this.sameAccount(device) && this.legs.length) return;
    await this.teardown();
    if (generation !== this.generation) return;
    if (device.mode !== 'webphone' || !device.sip.password) {
      this.registrationState.set('off');
      return;
    }
    await this.startAgent(device, generation);
  }

  /** Calls an extension (or any dialable number). `name` is shown until the far end says more. */
  async call(extension: string, name?: string): Promise<void> {
    const target = extension.replace(/[\s.()-]/g, '');
    this.errorState.set(null);
    if (!DIALABLE.test(target)) return this.fail('invalid_number');
    if (this.legs.length) return;
    const leg = await this.invite(target, 'primary', name ?? null);
    if (leg && !name) void this.lookUpName(leg);
  }

  async answer(): Promise<void> {
    const leg = this.leg('primary');
    if (!leg || !this.isInvitation(leg.session) || leg.call.state !== 'ringing') return;
    this.update(leg, { state: 'connecting' });
    performance.mark('webphone:answer');
    try {
      await leg.session.accept({ sessionDescriptionHandlerOptions: this.mediaOptions() });
      performance.mark('webphone:answer-sent');
    } catch (error) {
      // The caller gave up while we were answering: a missed call, not an error.
      if (leg.session.state === this.sip?.SessionState.Terminated) return;
      this.fail(isMediaError(error) ? 'microphone' : 'call_failed');
      leg.refusal = isMediaError(error) ? 'media' : 'failed';
      await leg.session.reject().catch(() => undefined);
    }
  }

  async reject(): Promise<void> {
    const leg = this.leg('primary');
    if (!leg || !this.isInvitation(leg.session) || leg.call.state !== 'ringing') return;
    leg.refusal = 'rejected';
    // 486 Busy Here: the caller hears "busy", the same as a phone whose owner pressed reject.
    await leg.session.reject({ statusCode: 486 }).catch(() => undefined);
  }

  /** Ends the focused call: the consultation while one runs, else the call (ringing or not). */
  async hangup(): Promise<void> {
    const leg = this.leg('consult') ?? this.leg('primary');
    if (leg) await this.end(leg);
  }

  async toggleMute(): Promise<void> {
    const leg = this.focused();
    if (!leg) return;
    const muted = !leg.call.muted;
    this.update(leg, { muted });
    this.applyTracks(leg);
  }

  async toggleHold(): Promise<void> {
    const leg = this.leg('primary');
    if (!leg || this.leg('consult')) return;
    await this.setHold(leg, !leg.held);
  }

  sendDtmf(digit: string): void {
    const leg = this.focused();
    if (!leg || !DTMF.test(digit) || !this.isUp(leg)) return;
    const sdh = leg.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
    // RFC 4733 events in the RTP stream (the endpoint's dtmf_mode); SIP INFO if the browser has no DTMF sender.
    if (sdh?.sendDtmf(digit, { duration: 120, interToneGap: 70 })) return;
    void leg.session
      .info({
        requestOptions: {
          body: {
            contentDisposition: 'render',
            contentType: 'application/dtmf-relay',
            content: `Signal=${digit}\r\nDuration=120`,
          },
        },
      })
      .catch(() => undefined);
  }

  /** Hands the call to `extension` at once (REFER); this phone leaves the call when it is accepted. */
  async blindTransfer(extension: string): Promise<void> {
    this.errorState.set(null);
    const target = extension.trim();
    const leg = this.leg('primary');
    if (!leg || !this.isUp(leg) || this.leg('consult')) return;
    if (!DIALABLE.test(target)) return this.fail('invalid_number');
    const uri = this.targetUri(target);
    if (!uri) return this.fail('invalid_number');
    await this.refer(leg, uri);
  }

  /** Puts the call on hold and calls `extension`; then `completeTransfer()` or `cancelTransfer()`. */
  async attendedTransfer(extension: string): Promise<void> {
    this.errorState.set(null);
    const target = extension.trim();
    const leg = this.leg('primary');
    if (!leg || !this.isUp(leg) || this.leg('consult')) return;
    if (!DIALABLE.test(target)) return this.fail('invalid_number');
    if (!leg.held) {
      await this.setHold(leg, true);
      leg.heldForTransfer = true;
    }
    const consult = await this.invite(target, 'consult', null);
    if (consult) void this.lookUpName(consult);
  }

  /** Joins the held caller with the consulted colleague (REFER with Replaces) and leaves. */
  async completeTransfer(): Promise<void> {
    const leg = this.leg('primary');
    const consult = this.leg('consult');
    if (!leg || !consult || consult.call.state !== 'established') return;
    await this.refer(leg, consult.session, consult);
  }

  /** Ends the consultation and takes the held call back. */
  async cancelTransfer(): Promise<void> {
    const consult = this.leg('consult');
    if (consult) await this.end(consult);
    const leg = this.leg('primary');
    if (leg?.held && leg.heldForTransfer) await this.setHold(leg, false);
  }

  dismissError(): void {
    this.errorState.set(null);
  }

  /** Lists microphones and speakers (labels need the microphone permission, given by the first call). */
  async refreshDevices(): Promise<void> {
    const devices = await navigator.mediaDevices?.enumerateDevices().catch(() => []);
    if (!devices) return;
    const options = (kind: MediaDeviceKind) =>
      devices
        .filter((d) => d.kind === kind && d.deviceId !== 'default' && d.deviceId !== 'communications')
        .map((d, i) => ({
          deviceId: d.deviceId,
          label: d.label || `${kind === 'audioinput' ? 'Mic' : 'Speaker'} ${i + 1}`,
        }));
    this.inputs.set(options('audioinput'));
    this.outputs.set(options('audiooutput'));
  }

  /** Microphone for the next calls, and switched at once on the running ones. '' = system default. */
  async setAudioInput(deviceId: string): Promise<void> {
    this.inputId.set(deviceId);
    this.store(INPUT_KEY, deviceId);
    for (const leg of this.legs) {
      const pc = this.peerConnection(leg);
      const sender = pc?.getSenders().find((s) => s.track?.kind === 'audio');
      if (!sender) continue;
      try {
        const stream = await navigator.mediaDevices.getUserMedia({
          audio: this.audioConstraint(),
          video: false,
        });
        const [track] = stream.getAudioTracks();
        const old = sender.track;
        await sender.replaceTrack(track);
        old?.stop();
        this.applyTracks(leg);
      } catch {
        this.fail('microphone');
      }
    }
  }

  /** Speaker for call audio and the ringtone. '' = system default. */
  async setAudioOutput(deviceId: string): Promise<void> {
    this.outputId.set(deviceId);
    this.store(OUTPUT_KEY, deviceId);
    await Promise.all(this.legs.map((leg) => this.applySink(leg.audio)));
    await this.ringer.setSinkId(deviceId);
  }

  // ---- user agent -------------------------------------------------------------------------

  private async startAgent(device: DeviceInfo, generation: number): Promise<void> {
    this.registrationState.set('registering');
    let sip: Sip;
    try {
      sip = await this.loadSip();
    } catch {
      // The chunk could not be fetched (offline, or a new release replaced it): a reload fixes it.
      if (generation === this.generation) this.registrationState.set('failed');
      return;
    }
    if (generation !== this.generation) return;
    const host = hostOf(device.webphone.wsUrl);
    const uri = sip.UserAgent.makeURI(`sip:${device.sip.username}@${host}`);
    if (!uri) {
      this.registrationState.set('failed');
      return;
    }
    const ua = new sip.UserAgent({
      uri,
      authorizationUsername: device.sip.username,
      authorizationPassword: device.sip.password,
      displayName: this.auth.user()?.fullName,
      transportOptions: { server: device.webphone.wsUrl, connectionTimeout: 5, keepAliveInterval: 15 },
      sessionDescriptionHandlerFactory: this.sessionDescriptionHandlerFactory(sip),
      sessionDescriptionHandlerFactoryOptions: {
        peerConnectionConfiguration: PEER_CONNECTION_CONFIGURATION,
        iceGatheringTimeout: ICE_GATHERING_TIMEOUT_MS,
      },
      logLevel: 'error',
      userAgentString: 'WebCall WebPhone',
      delegate: {
        onConnect: () => this.onConnected(ua),
        onDisconnect: (error) => this.onDisconnected(ua, error),
        onInvite: (invitation) => this.onInvite(ua, invitation),
      },
    });
    const registerer = new sip.Registerer(ua, { expires: REGISTER_EXPIRES_S });
    registerer.stateChange.addListener((state) => {
      if (this.registerer !== registerer) return;
      if (state === sip.RegistererState.Registered) {
        performance.mark('webphone:registered');
        this.registrationState.set('registered');
        this.reconnecting.set(false);
        void this.warmUpMicrophone();
      } else if (state === sip.RegistererState.Unregistered && this.registrationState() === 'registered') {
        this.registrationState.set('registering');
      }
    });
    this.ua = ua;
    this.registerer = registerer;
    try {
      await ua.start();
    } catch {
      // The WebSocket did not open (server down, network): keep trying, and say so.
      if (this.ua !== ua) return;
      this.reconnecting.set(true);
      this.scheduleReconnect(ua);
    }
  }

  private loadSip(): Promise<Sip> {
    this.sipLoading ??= import('sip.js').then((sip) => {
      performance.mark('webphone:sip-loaded');
      return (this.sip = sip);
    });
    this.sipLoading.catch(() => (this.sipLoading = null));
    return this.sipLoading;
  }

  /**
   * SIP.js's default handler, with ICE gathering cut short once the UDP host candidates are in
   * (see `ICE_SETTLE_MS`), and a failed media path renegotiated with an ICE restart.
   */
  private sessionDescriptionHandlerFactory(sip: Sip): SessionDescriptionHandlerFactory {
    return (session: Session, options?: object) => {
      const base = sip.Web.defaultSessionDescriptionHandlerFactory(async (constraints) => {
        const prepared = this.preparedMedia.get(session);
        this.preparedMedia.delete(session);
        const stream =
          (await prepared?.catch(() => null)) ?? (await navigator.mediaDevices.getUserMedia(constraints));
        performance.mark('webphone:microphone');
        return stream;
      });
      const sdh = base(session, options) as Web.SessionDescriptionHandler;
      let settle: ReturnType<typeof setTimeout> | undefined;
      sdh.peerConnectionDelegate = {
        onicegatheringstatechange: () => {
          // A new gathering (ICE restart): wait for its own first candidate.
          if (sdh.peerConnection?.iceGatheringState !== 'gathering') return;
          clearTimeout(settle);
          settle = undefined;
        },
        onicecandidate: (event: RTCPeerConnectionIceEvent) => {
          if (settle || event.candidate?.protocol !== 'udp' || !earlyIceCompletion()) return;
          performance.mark('webphone:candidate');
          settle = setTimeout(() => sdh.iceGatheringComplete(), ICE_SETTLE_MS);
        },
        // Media path lost while signalling is fine (e.g. an interface changed): renegotiate ICE.
        oniceconnectionstatechange: () => {
          if (sdh.peerConnection?.iceConnectionState !== 'failed' || !this.ua?.isConnected()) return;
          const leg = this.legs.find((l) => l.session === session);
          if (leg) void this.restartIce(leg);
        },
      };
      return sdh;
    };
  }

  /**
   * Opens and closes the microphone once after registering: the browser's first capture start
   * costs ~0.8 s (measured in Chromium), which would otherwise land on the first call's set-up.
   * The same goes for the page's first ICE gathering (~80 ms more than later ones).
   * It also asks for the microphone permission now rather than when a call rings, and gives the
   * device list its labels.
   */
  private async warmUpMicrophone(): Promise<void> {
    if (this.microphoneWarm || !navigator.mediaDevices?.getUserMedia) return;
    this.microphoneWarm = true;
    void warmUpPeerConnection();
    try {
      const stream = await navigator.mediaDevices.getUserMedia({
        audio: this.audioConstraint(),
        video: false,
      });
      for (const track of stream.getTracks()) track.stop();
      await this.refreshDevices();
    } catch {
      this.microphoneWarm = false;
      this.fail('microphone');
    }
  }

  private onConnected(ua: UserAgent): void {
    if (this.ua !== ua) return;
    performance.mark('webphone:connected');
    this.reconnectAttempt = 0;
    clearTimeout(this.reconnectTimer);
    void this.register().then((ok) => {
      // Calls that outlived the drop: new ICE credentials over the new connection.
      if (ok && this.ua === ua) for (const leg of this.legs) if (this.isUp(leg)) void this.restartIce(leg);
    });
  }

  private onDisconnected(ua: UserAgent, error?: Error): void {
    if (this.ua !== ua) return;
    // A clean close is our own stop(); anything else is the network or the server.
    if (!error) return;
    this.reconnecting.set(true);
    this.registrationState.set('registering');
    this.scheduleReconnect(ua);
  }

  private scheduleReconnect(ua: UserAgent): void {
    clearTimeout(this.reconnectTimer);
    const delay = RECONNECT_DELAYS_MS[Math.min(this.reconnectAttempt, RECONNECT_DELAYS_MS.length - 1)];
    this.reconnectAttempt++;
    this.reconnectTimer = setTimeout(() => {
      if (this.ua !== ua) return;
      ua.reconnect().catch(() => this.ua === ua && this.scheduleReconnect(ua));
    }, delay);
  }

  /** The browser says the network is back: retry now instead of waiting out the back-off. */
  private reconnectNow(): void {
    const ua = this.ua;
    if (!ua || !this.reconnecting()) return;
    this.reconnectAttempt = 0;
    this.scheduleReconnect(ua);
  }

  private async register(): Promise<boolean> {
    const registerer = this.registerer;
    if (!registerer) return false;
    this.registrationState.set('registering');
    return new Promise<boolean>((resolve) => {
      registerer
        .register({
          requestDelegate: {
            // After a reconnection the registerer never left "registered", so no state change says it.
            onAccept: () => {
              if (this.registerer === registerer) {
                this.registrationState.set('registered');
                this.reconnecting.set(false);
              }
              resolve(true);
            },
            onReject: () => {
              if (this.registerer === registerer) this.registrationState.set('failed');
              resolve(false);
            },
          },
        })
        .catch(() => {
          if (this.registerer === registerer) this.registrationState.set('failed');
          resolve(false);
        });
    });
  }

  private async stop(): Promise<void> {
    this.generation++;
    await this.teardown();
    this.deviceState.set(null);
    this.modeState.set(null);
    this.registrationState.set('off');
    this.endedState.set(null);
    this.errorState.set(null);
  }

  /** Ends calls, unregisters and closes the WebSocket. */
  private async teardown(): Promise<void> {
    clearTimeout(this.reconnectTimer);
    this.reconnecting.set(false);
    const ua = this.ua;
    const registerer = this.registerer;
    this.ua = null;
    this.registerer = null;
    for (const leg of [...this.legs]) await this.end(leg).catch(() => undefined);
    if (!ua) return;
    if (registerer && ua.isConnected()) await registerer.unregister().catch(() => undefined);
    await ua.stop().catch(() => undefined);
  }

  private sameAccount(device: DeviceInfo): boolean {
    return this.ua?.configuration.authorizationUsername === device.sip.username;
  }

  // ---- calls ------------------------------------------------------------------------------

  private async invite(target: string, slot: Slot, name: string | null): Promise<Leg | null> {
    const sip = this.sip;
    const ua = this.ua;
    if (!sip || !ua || this.registrationState() !== 'registered') {
      this.fail('not_registered');
      return null;
    }
    const uri = this.targetUri(target);
    if (!uri) {
      this.fail('invalid_number');
      return null;
    }
    performance.mark('webphone:dial');
    const inviter = new sip.Inviter(ua, uri, { sessionDescriptionHandlerOptions: this.mediaOptions() });
    const leg = this.track(inviter, slot, {
      id: inviter.id,
      direction: 'outgoing',
      remoteExtension: target,
      remoteName: name,
      state: 'connecting',
      startedAt: null,
      muted: false,
    });
    try {
      await inviter.invite({
        requestDelegate: {
          onProgress: (response) => {
            const code = response.message.statusCode ?? 0;
            if (code === 180 || code === 183) this.update(leg, { state: 'ringing' });
          },
          onReject: (response) => (leg.refusal = refusalOf(response.message.statusCode ?? 0)),
        },
      });
      performance.mark('webphone:invite-sent');
    } catch (error) {
      leg.refusal = isMediaError(error) ? 'media' : 'failed';
      this.fail(isMediaError(error) ? 'microphone' : 'call_failed');
      this.untrack(leg);
      return null;
    }
    return leg;
  }

  private onInvite(ua: UserAgent, invitation: Invitation): void {
    if (this.ua !== ua || this.legs.length) {
      // One call at a time: a second caller hears busy (Asterisk already spares a busy phone).
      void invitation.reject({ statusCode: 486 }).catch(() => undefined);
      return;
    }
    performance.mark('webphone:incoming');
    // The microphone starts while it rings (nothing is sent before the answer), so answering
    // does not wait for the capture device (0.1–0.8 s).
    const media = navigator.mediaDevices?.getUserMedia({ audio: this.audioConstraint(), video: false });
    if (media) {
      media.catch(() => undefined);
      this.preparedMedia.set(invitation, media);
    }
    const identity = invitation.remoteIdentity;
    this.track(invitation, 'primary', {
      id: invitation.id,
      direction: 'incoming',
      remoteExtension: identity.uri.user ?? '',
      remoteName: identity.displayName || null,
      state: 'ringing',
      startedAt: null,
      muted: false,
    });
    this.endedState.set(null);
  }

  private track(session: Session, slot: Slot, call: ActiveCall): Leg {
    const sip = this.sip!;
    const audio = this.document.createElement('audio');
    audio.autoplay = true;
    void this.applySink(audio);
    const leg: Leg = {
      session,
      slot,
      call,
      held: false,
      audio,
      refusal: null,
      heldForTransfer: false,
      transferred: false,
    };
    this.legs.push(leg);
    this.publish(leg);
    clearTimeout(this.endedTimer);
    this.endedState.set(null);
    session.stateChange.addListener((state) => {
      if (state === sip.SessionState.Established) this.onEstablished(leg);
      if (state === sip.SessionState.Terminated) this.onTerminated(leg);
    });
    // A re-INVITE naming someone else (P-Asserted-Identity, sent after a transfer): show them.
    session.delegate = {
      ...session.delegate,
      onInvite: (request) => {
        const other = assertedIdentity(request.getHeader('P-Asserted-Identity'));
        const own = this.deviceState()?.extension;
        if (other && other.extension !== own && other.extension !== leg.call.remoteExtension)
          this.update(leg, { remoteExtension: other.extension, remoteName: other.name });
      },
    };
    return leg;
  }

  private onEstablished(leg: Leg): void {
    performance.mark('webphone:established');
    this.update(leg, {
      state: leg.held ? 'held' : 'established',
      startedAt: leg.call.startedAt ?? Date.now(),
    });
    const sdh = leg.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
    if (sdh) {
      leg.audio.srcObject = sdh.remoteMediaStream;
      void leg.audio.play().catch(() => undefined);
    }
    this.applyTracks(leg);
    this.startStats();
    void this.refreshDevices();
  }

  private onTerminated(leg: Leg): void {
    // Rung but never answered: release the microphone opened for the answer.
    void this.preparedMedia
      .get(leg.session)
      ?.then((stream) => stream.getTracks().forEach((track) => track.stop()))
      .catch(() => undefined);
    this.preparedMedia.delete(leg.session);
    const durationS = leg.call.startedAt ? Math.round((Date.now() - leg.call.startedAt) / 1000) : 0;
    const reason: CallEndReason = leg.transferred
      ? 'transferred'
      : (leg.refusal ??
        (leg.call.startedAt ? 'hangup' : leg.call.direction === 'incoming' ? 'no_answer' : 'failed'));
    const wasPrimary = leg.slot === 'primary';
    this.untrack(leg);
    // The held caller hung up during a consultation: the consultation becomes the call.
    const consult = this.leg('consult');
    if (wasPrimary && consult) {
      consult.slot = 'primary';
      this.consultCall.set(null);
      this.publish(consult);
    }
    if (!this.legs.length) {
      this.endedState.set({
        direction: leg.call.direction,
        remoteExtension: leg.call.remoteExtension,
        remoteName: leg.call.remoteName,
        reason,
        durationS,
        at: Date.now(),
      });
      clearTimeout(this.endedTimer);
      this.endedTimer = setTimeout(() => this.endedState.set(null), 6000);
    } else if (!wasPrimary && reason !== 'transferred' && reason !== 'hangup') {
      // The consulted colleague did not answer: say so, the held call stays held.
      this.fail('transfer_failed');
    }
  }

  private untrack(leg: Leg): void {
    this.legs = this.legs.filter((l) => l !== leg);
    leg.audio.srcObject = null;
    if (leg.slot === 'primary') this.primaryCall.set(null);
    else this.consultCall.set(null);
    if (!this.legs.some((l) => this.isUp(l))) this.stopStats();
  }

  private async end(leg: Leg): Promise<void> {
    const sip = this.sip!;
    const session = leg.session;
    switch (session.state) {
      case sip.SessionState.Initial:
      case sip.SessionState.Establishing:
        if (this.isInvitation(session)) {
          leg.refusal ??= 'rejected';
          await session.reject({ statusCode: 486 }).catch(() => undefined);
        } else {
          leg.refusal ??= 'hangup';
          await (session as Inviter).cancel().catch(() => undefined);
        }
        break;
      case sip.SessionState.Established:
        await session.bye().catch(() => session.dispose());
        break;
      default:
        break;
    }
  }

  private async setHold(leg: Leg, hold: boolean): Promise<void> {
    if (!this.isUp(leg) || leg.held === hold) return;
    const previous = leg.held;
    leg.held = hold;
    leg.session.sessionDescriptionHandlerOptionsReInvite = { ...this.mediaOptions(), hold } as object;
    try {
      await new Promise<void>((resolve, reject) => {
        leg.session
          .invite({
            requestDelegate: {
              onAccept: () => resolve(),
              onReject: () => reject(new Error('re-INVITE refused')),
            },
          })
          .catch(reject);
      });
      if (!hold) leg.heldForTransfer = false;
      this.update(leg, { state: hold ? 'held' : 'established' });
    } catch {
      leg.held = previous;
      leg.session.sessionDescriptionHandlerOptionsReInvite = {
        ...this.mediaOptions(),
        hold: previous,
      } as object;
      this.fail('call_failed');
    }
    this.applyTracks(leg);
  }

  /** New ICE credentials (and candidates) for a call, e.g. after the network came back. */
  private async restartIce(leg: Leg): Promise<void> {
    if (!this.isUp(leg)) return;
    const options = { ...this.mediaOptions(), hold: leg.held };
    performance.mark('webphone:ice-restart');
    try {
      await leg.session.invite({
        sessionDescriptionHandlerOptions: { ...options, offerOptions: { iceRestart: true } } as object,
        requestDelegate: { onAccept: () => performance.mark('webphone:ice-restarted') },
      });
    } catch {
      // A glare with the server's own re-INVITE: its offer renegotiates the media just the same.
    } finally {
      // Later re-INVITEs (hold, resume) must not restart ICE again.
      leg.session.sessionDescriptionHandlerOptionsReInvite = options as object;
    }
  }

  private async refer(
    leg: Leg,
    target: ReturnType<Sip['UserAgent']['makeURI']> | Session,
    consult?: Leg,
  ): Promise<void> {
    if (!target) return;
    try {
      await new Promise<void>((resolve, reject) => {
        leg.session
          .refer(target, {
            requestDelegate: {
              onAccept: () => resolve(),
              onReject: () => reject(new Error('REFER refused')),
            },
            // Progress of the transfer (sipfrag): a final success means we may leave.
            onNotify: (notification) => {
              void notification.accept().catch(() => undefined);
              const frag = /^SIP\/2\.0 (\d{3})/.exec(notification.request.body ?? '');
              const code = frag ? Number(frag[1]) : 0;
              if (code >= 200 && code < 300) {
                leg.transferred = true;
                if (consult) consult.transferred = true;
                void this.end(leg);
                if (consult) void this.end(consult);
              } else if (code >= 300) {
                this.fail('transfer_failed');
              }
            },
          })
          .catch(reject);
      });
    } catch {
      this.fail('transfer_failed');
    }
  }

  // ---- media ------------------------------------------------------------------------------

  private mediaOptions(): { constraints: MediaStreamConstraints } {
    return { constraints: { audio: this.audioConstraint(), video: false } };
  }

  private audioConstraint(): MediaTrackConstraints | boolean {
    const id = this.inputId();
    return id ? { deviceId: { exact: id } } : true;
  }

  private async applySink(audio: HTMLAudioElement): Promise<void> {
    const id = this.outputId();
    const media = audio as HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };
    await media.setSinkId?.(id).catch(() => undefined);
  }

  /** Microphone off while muted or held; the far end's audio off while held. */
  private applyTracks(leg: Leg): void {
    const pc = this.peerConnection(leg);
    if (!pc) return;
    for (const sender of pc.getSenders())
      if (sender.track) sender.track.enabled = !leg.held && !leg.call.muted;
    for (const receiver of pc.getReceivers()) if (receiver.track) receiver.track.enabled = !leg.held;
  }

  private peerConnection(leg: Leg): RTCPeerConnection | undefined {
    return (leg.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined)
      ?.peerConnection;
  }

  private startStats(): void {
    if (this.statsTimer) return;
    this.statsState.set(emptyStats());
    void this.readStats();
    this.statsTimer = setInterval(() => void this.readStats(), STATS_INTERVAL_MS);
  }

  private stopStats(): void {
    clearInterval(this.statsTimer);
    this.statsTimer = undefined;
    this.statsState.set(null);
  }

  private async readStats(): Promise<void> {
    const leg = this.focused();
    const pc = leg && this.peerConnection(leg);
    if (!pc) return;
    const report = await pc.getStats().catch(() => null);
    if (!report || this.focused() !== leg) return;
    const stats = emptyStats();
    const codecs = new Map<string, string>();
    report.forEach((entry: RTCStats & Record<string, unknown>) => {
      if (entry.type === 'codec')
        codecs.set(entry.id, String(entry['mimeType'] ?? '').replace(/^audio\//, ''));
    });
    report.forEach((entry: RTCStats & Record<string, unknown>) => {
      if (entry['kind'] !== 'audio') return;
      if (entry.type === 'outbound-rtp') stats.packetsSent += Number(entry['packetsSent'] ?? 0);
      if (entry.type === 'inbound-rtp') {
        stats.packetsReceived += Number(entry['packetsReceived'] ?? 0);
        stats.packetsLost += Math.max(0, Number(entry['packetsLost'] ?? 0));
        if (typeof entry['jitter'] === 'number') stats.jitterMs = Math.round(entry['jitter'] * 1000);
        stats.codec = codecs.get(String(entry['codecId'])) ?? stats.codec;
      }
      if (entry.type === 'remote-inbound-rtp' && typeof entry['roundTripTime'] === 'number')
        stats.rttMs = Math.round(entry['roundTripTime'] * 1000);
    });
    this.statsState.set(stats);
  }

  // ---- helpers ----------------------------------------------------------------------------

  private leg(slot: Slot): Leg | undefined {
    return this.legs.find((l) => l.slot === slot);
  }

  /** The call the user talks on: the consultation while one runs. */
  private focused(): Leg | undefined {
    return this.leg('consult') ?? this.leg('primary');
  }

  private isUp(leg: Leg): boolean {
    return leg.session.state === this.sip?.SessionState.Established;
  }

  private isInvitation(session: Session): session is Invitation {
    return !!this.sip && session instanceof this.sip.Invitation;
  }

  private update(leg: Leg, patch: Partial<ActiveCall>): void {
    leg.call = { ...leg.call, ...patch };
    this.publish(leg);
  }

  private publish(leg: Leg): void {
    if (!this.legs.includes(leg)) return;
    (leg.slot === 'primary' ? this.primaryCall : this.consultCall).set(leg.call);
  }

  private targetUri(target: string) {
    const device = this.deviceState();
    if (!this.sip || !device) return undefined;
    return this.sip.UserAgent.makeURI(`sip:${encodeURIComponent(target)}@${hostOf(device.webphone.wsUrl)}`);
  }

  /** Fills in a colleague's name from the tenant's directory (presence list), off the call path. */
  private async lookUpName(leg: Leg): Promise<void> {
    if (!this.directory || Date.now() - this.directory.at > DIRECTORY_TTL_MS) {
      this.directory = {
        at: Date.now(),
        entries: firstValueFrom(this.http.get<PresenceEntry[]>('/api/presence')).catch(() => []),
      };
    }
    const entry = (await this.directory.entries).find((e) => e.extension === leg.call.remoteExtension);
    if (entry && !leg.call.remoteName) this.update(leg, { remoteName: entry.fullName });
  }

  private fail(error: PhoneError): void {
    this.errorState.set(error);
  }

  private stored(key: string): string {
    try {
      return this.document.defaultView?.localStorage.getItem(key) ?? '';
    } catch {
      return '';
    }
  }

  private store(key: string, value: string): void {
    try {
      this.document.defaultView?.localStorage.setItem(key, value);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }
}

/** Creates, gathers and drops a receive-only peer connection: starts the browser's network stack. */
async function warmUpPeerConnection(): Promise<void> {
  if (typeof RTCPeerConnection === 'undefined') return;
  const pc = new RTCPeerConnection(PEER_CONNECTION_CONFIGURATION);
  try {
    pc.addTransceiver('audio', { direction: 'recvonly' });
    const gathered = new Promise<void>((resolve) => {
      pc.onicecandidate = () => resolve();
      setTimeout(resolve, ICE_GATHERING_TIMEOUT_MS);
    });
    await pc.setLocalDescription(await pc.createOffer());
    await gathered;
  } catch {
    // Only an optimisation.
  } finally {
    pc.close();
  }
}

function hostOf(wsUrl: string): string {
  try {
    return new URL(wsUrl).hostname;
  } catch {
    return 'localhost';
  }
}

function refusalOf(code: number): CallEndReason {
  if (code === 486 || code === 600) return 'busy';
  if (code === 603) return 'rejected';
  if (code === 404 || code === 484) return 'not_found';
  if (code === 408 || code === 480) return 'no_answer';
  return 'unavailable';
}

function isMediaError(error: unknown): boolean {
  return (
    error instanceof DOMException &&
    ['NotAllowedError', 'NotFoundError', 'NotReadableError', 'OverconstrainedError'].includes(error.name)
  );
}

/** `"Name" <sip:1003@host>` → the name and the user part; null when the header is absent. */
export function assertedIdentity(
  header: string | undefined,
): { name: string | null; extension: string } | null {
  const match = /^\s*(?:"((?:[^"\\]|\\.)*)"|([^<]*?))\s*<sips?:([^@>;]+)@/.exec(header ?? '');
  if (!match) return null;
  const name = (match[1]?.replace(/\\(.)/g, '$1') ?? match[2] ?? '').trim();
  return { name: name || null, extension: decodeURIComponent(match[3]!) };
}
