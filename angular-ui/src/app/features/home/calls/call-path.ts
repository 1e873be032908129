import type { CallRecordView } from '@webcall/contracts';
import type { TranslationKey } from '../../../core/i18n/vi';
import type { IconName } from '../../../shell/icon';

export type Tone = 'ok' | 'bad' | 'neutral';

/** One line of a call's story: a step of its flow, with the leg it rang when there is one. */
export interface TimelineEntry {
  at: string;
  icon: IconName;
  key: TranslationKey;
  params: Record<string, string>;
  outcome: { key: TranslationKey; tone: Tone } | null;
}

type Step = CallRecordView['path'][number];
type Leg = CallRecordView['legs'][number];

const OUTCOMES: Record<string, Tone> = {
  answered: 'ok',
  connected: 'ok',
  recorded: 'ok',
  no_answer: 'bad',
  busy: 'bad',
  unavailable: 'bad',
  caller_left: 'bad',
  failed: 'bad',
  invalid: 'bad',
  overflow: 'bad',
  exit: 'neutral',
};

function outcome(value: string | undefined): TimelineEntry['outcome'] {
  if (!value) return null;
  const tone = OUTCOMES[value];
  return tone
    ? { key: `calls.outcome.${value}` as TranslationKey, tone }
    : { key: 'calls.outcome.other', tone: 'neutral' };
}

/**
 * The path (`calls.path`) and the legs (`calls.legs`) as one readable list, oldest first. The
 * flow's extension, voicemail and external steps do not carry the number they rang: each takes the
 * nearest leg of its kind; legs no step claims (a direct dial from a menu) get a line of their own.
 */
export function timeline(call: CallRecordView): TimelineEntry[] {
  const legs = call.legs.map((leg) => ({ leg, used: false }));
  const claim = (kind: string, at: string): Leg | null => {
    const time = new Date(at).getTime();
    let best: (typeof legs)[number] | null = null;
    for (const candidate of legs) {
      if (candidate.used || candidate.leg.kind !== kind) continue;
      const gap = Math.abs(new Date(candidate.leg.at).getTime() - time);
      if (!best || gap < Math.abs(new Date(best.leg.at).getTime() - time)) best = candidate;
    }
    if (!best) return null;
    best.used = true;
    return best.leg;
  };

  const entries = call.path.map((step) => describeStep(step, claim, call.voicemailId !== null));
  for (const { leg, used } of legs) {
    if (used) continue;
    entries.push({
      at: leg.at,
      icon: leg.kind === 'voicemail' ? 'mic' : leg.kind === 'external' ? 'phone-forward' : 'phone',
      key:
        leg.kind === 'voicemail'
          ? 'calls.leg.voicemail'
          : leg.kind === 'external'
            ? 'calls.leg.external'
            : 'calls.leg.extension',
      params: { target: leg.target },
      outcome: outcome(leg.outcome),
    });
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}

function describeStep(
  step: Step,
  claim: (kind: string, at: string) => Leg | null,
  hasMessage: boolean,
): TimelineEntry {
  const base = { at: step.at, outcome: null, params: {} as Record<string, string> };
  const branch = step.branch ?? '';
  switch (step.type) {
    case 'shift':
      return branch === 'out_of_hours'
        ? { ...base, icon: 'ban', key: 'calls.step.shift.out', outcome: null }
        : { ...base, icon: 'check', key: 'calls.step.shift.in' };
    case 'ivr': {
      if (branch.startsWith('key:'))
        return { ...base, icon: 'grid', key: 'calls.step.ivr.key', params: { key: branch.slice(4) } };
      if (branch.startsWith('direct:'))
        return { ...base, icon: 'grid', key: 'calls.step.ivr.direct', params: { ext: branch.slice(7) } };
      return {
        ...base,
        icon: 'grid',
        key: branch === 'timeout' ? 'calls.step.ivr.timeout' : 'calls.step.ivr.invalid',
        outcome: {
          key: branch === 'timeout' ? 'calls.outcome.timeout' : 'calls.outcome.invalid',
          tone: 'bad',
        },
      };
    }
    case 'play':
      return { ...base, icon: 'play', key: 'calls.step.play' };
    case 'extension': {
      const leg = claim('extension', step.at);
      return {
        ...base,
        icon: 'phone',
        key: leg ? 'calls.step.extension' : 'calls.step.extensionUnknown',
        params: { ext: leg?.target ?? '' },
        outcome: outcome(branch || leg?.outcome),
      };
    }
    case 'voicemail': {
      const leg = claim('voicemail', step.at);
      return {
        ...base,
        icon: 'mic',
        key: leg ? 'calls.step.voicemail' : 'calls.step.voicemailUnknown',
        params: { mailbox: leg?.target ?? '' },
        // The recording ends with the call, after the call's legs are closed: the stored message tells.
        outcome: outcome(leg?.outcome ?? (hasMessage ? 'recorded' : undefined)),
      };
    }
    case 'external': {
      const leg = claim('external', step.at);
      return {
        ...base,
        icon: 'phone-forward',
        key: leg ? 'calls.step.external' : 'calls.step.externalUnknown',
        params: { number: leg?.target ?? '' },
        outcome: outcome(leg?.outcome),
      };
    }
    case 'queue':
      // answered: an agent took the call; overflow: the queue was full or the wait too long;
      // exit: the caller pressed the queue's exit key (e.g. to leave a message).
      return {
        ...base,
        icon: 'staff',
        key: branch === 'exit' ? 'calls.step.queueExit' : 'calls.step.queue',
        outcome: outcome(branch || undefined),
      };
    case 'callback':
      // requested: the caller hung up keeping their place, an agent calls back (a call of kind
      // `callback`); refused: no number to call back, the call just ended.
      return {
        ...base,
        icon: 'phone-forward',
        key: branch === 'refused' ? 'calls.step.callbackRefused' : 'calls.step.callback',
      };
    case 'hangup':
      return { ...base, icon: 'phone-off', key: 'calls.step.hangup' };
    default:
      return { ...base, icon: 'activity', key: 'calls.step.other', params: { type: step.type } };
  }
}
