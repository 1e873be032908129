import { Injectable, inject, signal } from '@angular/core';
import type { AgentActivity } from '@webcall/contracts';
import type { TranslationKey } from '../../core/i18n/vi';
import { PhoneDock } from '../phone/phone-dock';

/**
 * Whether the queue panel is open. It docks where the phone panel does, so the two take turns:
 * opening one closes the other (a call opening the phone panel closes the queue panel).
 */
@Injectable({ providedIn: 'root' })
export class QueueDock {
  private readonly phoneDock = inject(PhoneDock);
  readonly open = signal(false);

  toggle(): void {
    this.open.update((open) => !open);
    if (this.open()) this.phoneDock.close();
  }

  close(): void {
    this.open.set(false);
  }
}

/** The label of each activity in the state pill. */
export const ACTIVITY_KEYS: Record<AgentActivity, TranslationKey> = {
  offline: 'queue.activity.offline',
  available: 'queue.activity.available',
  ringing: 'queue.activity.ringing',
  busy: 'queue.activity.busy',
  wrapup: 'queue.activity.wrapup',
  paused: 'queue.activity.paused',
};

/** `hh:mm` in the viewer's time zone. */
export function clockTime(iso: string | null): string {
  if (!iso) return '';
  const at = new Date(iso);
  return Number.isNaN(at.getTime())
    ? ''
    : `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
}
