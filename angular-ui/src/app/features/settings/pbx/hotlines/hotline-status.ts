import type { HotlineStatusId } from '@webcall/contracts';
import type { TranslationKey } from '../../../../core/i18n/vi';

/** Badge colour per status: requested blue, waiting for the contract amber, active green, suspended red. */
export const HOTLINE_STATUS_BADGE: Record<HotlineStatusId, string> = {
  requested: 'badge-info',
  waiting_contract: 'badge-warn',
  active: 'badge-ok',
  suspended: 'badge-off',
};

export function hotlineStatusKey(status: HotlineStatusId): TranslationKey {
  return `hotlines.status.${status}`;
}

/** `19001234` → `1900 1234`, `02873001234` → `028 7300 1234`, `0912345678` → `0912 345 678`. */
export function formatHotline(number: string): string {
  if (/^(1800|1900)\d+$/.test(number)) return `${number.slice(0, 4)} ${number.slice(4)}`;
  if (/^02\d{9}$/.test(number)) return `${number.slice(0, 3)} ${number.slice(3, 7)} ${number.slice(7)}`;
  if (/^0\d{9}$/.test(number)) return `${number.slice(0, 4)} ${number.slice(4, 7)} ${number.slice(7)}`;
  return number;
}

/** Shared badge styles (the console's palette has no blue/amber badge yet). */
export const HOTLINE_BADGE_STYLES = `
  .badge-info {
    border-color: #c7d2fe;
    background: var(--primary-soft);
    color: var(--primary-hover);
  }
  .badge-warn {
    border-color: var(--warn-border);
    background: var(--warn-bg);
    color: var(--warn-fg);
  }
`;
