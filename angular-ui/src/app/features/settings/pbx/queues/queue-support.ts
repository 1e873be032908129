import {
  QUEUE_LIMITS,
  QUEUE_STRATEGY_IDS,
  type QueueMemberRef,
  type QueueStrategyId,
} from '@webcall/contracts';
import type { TranslationKey } from '../../../../core/i18n/vi';
import type { Message } from '../../../auth/form-support';

export const STRATEGIES: readonly QueueStrategyId[] = QUEUE_STRATEGY_IDS;

export function strategyKey(id: QueueStrategyId): TranslationKey {
  return `queues.strategy.${id}` as TranslationKey;
}

export function strategyHintKey(id: QueueStrategyId): TranslationKey {
  return `queues.strategy.${id}.hint` as TranslationKey;
}

/** Keys a waiting caller may press to leave the queue (by the flow's exit branch). */
export const EXIT_KEYS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'] as const;

export const DEFAULTS = {
  strategy: 'ring_all' as QueueStrategyId,
  ringTimeoutS: 20,
  wrapupS: 10,
  announceEveryS: 60,
};

/** One member line of the dialog: a user or a user group, with its penalty. */
export interface MemberLine extends QueueMemberRef {
  name: string;
}

export function memberKey(m: QueueMemberRef): string {
  return `${m.kind}:${m.id}`;
}

/** A whole number from an input's text: null when empty, NaN when not a whole number. */
export function parseWhole(text: string): number | null {
  const t = text.trim();
  if (!t) return null;
  return /^\d+$/.test(t) ? Number(t) : NaN;
}

type NumberField = 'ringTimeoutS' | 'wrapupS' | 'maxWaitS' | 'maxCallers' | 'announceEveryS';

/**
 * The client-side check of a number field (the same bounds as the API's, from the contract):
 * null when fine. `optional` fields may be empty (no limit).
 */
export function checkNumber(field: NumberField, value: number | null, optional: boolean): Message | null {
  const { min, max } = QUEUE_LIMITS[field];
  if (value === null) return optional ? null : { key: 'queues.error.required' };
  if (!Number.isInteger(value)) return { key: 'queues.error.whole' };
  if (value < min || value > max) return { key: 'queues.error.range', params: { min, max } };
  return null;
}

/** 90 → "1 phút 30 giây" / "1 min 30 s"; 45 → "45 giây" / "45 s". */
export function formatSeconds(s: number, lang: string): string {
  const [min, sec] = lang === 'vi' ? ['phút', 'giây'] : ['min', 's'];
  const m = Math.floor(s / 60);
  const rest = s % 60;
  if (!m) return `${rest} ${sec}`;
  return rest ? `${m} ${min} ${rest} ${sec}` : `${m} ${min}`;
}
