/**
 * Ringtone and ringback made with WebAudio (no audio files to ship or to load).
 * - `ring`: an incoming call, a two-tone warble (1 s on, 2 s off) that stands out from speech.
 * - `ringback`: the far end is being rung, the Vietnamese network tone (425 Hz, 1 s on, 4 s off).
 */
export type RingKind = 'ring' | 'ringback';

interface Pattern {
  /** Tones played alternately every `stepS` while on. */
  tones: number[];
  stepS: number;
  onS: number;
  periodS: number;
  gain: number;
}

const PATTERNS: Record<RingKind, Pattern> = {
  ring: { tones: [784, 659], stepS: 0.05, onS: 1, periodS: 3, gain: 0.18 },
  ringback: { tones: [425], stepS: 1, onS: 1, periodS: 5, gain: 0.12 },
};

/** Seconds of pattern scheduled ahead; re-filled by a timer. */
const LOOKAHEAD_S = 6;

export class Ringer {
  private context: AudioContext | null = null;
  private output: GainNode | null = null;
  private kind: RingKind | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private nextCycleAt = 0;
  private sinkId = '';

  /** Starts (or switches to) a pattern; a second call with the same kind keeps it going. */
  start(kind: RingKind): void {
    if (this.kind === kind) return;
    this.stop();
    const context = this.ensureContext();
    if (!context) return;
    this.kind = kind;
    void context.resume().catch(() => undefined);
    this.output = context.createGain();
    this.output.gain.value = 1;
    this.output.connect(context.destination);
    this.nextCycleAt = context.currentTime + 0.05;
    this.schedule();
    this.timer = setInterval(() => this.schedule(), 1000);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.kind = null;
    if (this.output && this.context) {
      // A short fade instead of a click.
      const now = this.context.currentTime;
      this.output.gain.setTargetAtTime(0, now, 0.015);
      const output = this.output;
      setTimeout(() => output.disconnect(), 100);
    }
    this.output = null;
  }

  async setSinkId(sinkId: string): Promise<void> {
    this.sinkId = sinkId;
    const context = this.context as (AudioContext & { setSinkId?: (id: string) => Promise<void> }) | null;
    await context?.setSinkId?.(sinkId).catch(() => undefined);
  }

  close(): void {
    this.stop();
    void this.context?.close().catch(() => undefined);
    this.context = null;
  }

  private ensureContext(): AudioContext | null {
    if (this.context) return this.context;
    if (typeof AudioContext === 'undefined') return null;
    this.context = new AudioContext({ latencyHint: 'playback' });
    if (this.sinkId) void this.setSinkId(this.sinkId);
    return this.context;
  }

  private schedule(): void {
    const context = this.context;
    const output = this.output;
    const kind = this.kind;
    if (!context || !output || !kind) return;
    const pattern = PATTERNS[kind];
    while (this.nextCycleAt < context.currentTime + LOOKAHEAD_S) {
      this.burst(context, output, pattern, this.nextCycleAt);
      this.nextCycleAt += pattern.periodS;
    }
  }

  private burst(context: AudioContext, output: GainNode, pattern: Pattern, at: number): void {
    const envelope = context.createGain();
    envelope.gain.setValueAtTime(0, at);
    envelope.gain.linearRampToValueAtTime(pattern.gain, at + 0.02);
    envelope.gain.setValueAtTime(pattern.gain, at + pattern.onS - 0.03);
    envelope.gain.linearRampToValueAtTime(0, at + pattern.onS);
    envelope.connect(output);
    const oscillator = context.createOscillator();
    oscillator.type = 'sine';
    const steps = Math.max(1, Math.round(pattern.onS / pattern.stepS));
    for (let i = 0; i < steps; i++)
      oscillator.frequency.setValueAtTime(pattern.tones[i % pattern.tones.length], at + i * pattern.stepS);
    oscillator.connect(envelope);
    oscillator.start(at);
    oscillator.stop(at + pattern.onS + 0.01);
    oscillator.onended = () => envelope.disconnect();
  }
}
