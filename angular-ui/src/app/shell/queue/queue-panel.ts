import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import type { TranslationKey } from '../../core/i18n/vi';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { MessagePipe } from '../../features/auth/message.pipe';
import { Icon } from '../icon';
import { PhoneDock, formatDuration } from '../phone/phone-dock';
import { AgentQueueService } from './agent-queue.service';
import { ACTIVITY_KEYS, QueueDock, clockTime } from './queue-dock';

const HINT_KEYS: Record<'offline' | 'available' | 'ringing' | 'busy', TranslationKey> = {
  offline: 'queue.hint.offline',
  available: 'queue.hint.available',
  ringing: 'queue.hint.ringing',
  busy: 'queue.hint.busy',
};

/**
 * The agent's queue panel (issue 6, point 3), docked where the phone panel docks: the current
 * activity, pause with a reason / resume, and a log-in switch for each queue the agent belongs to,
 * with "log in to all". Errors of the API show here.
 */
@Component({
  selector: 'wc-queue-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, MessagePipe, Icon],
  templateUrl: './queue-panel.html',
  styleUrls: ['./activity.css', './queue-panel.css'],
  host: {
    '(document:keydown.escape)': 'onEscape()',
  },
})
export class QueuePanel {
  protected readonly agent = inject(AgentQueueService);
  protected readonly dock = inject(QueueDock);
  private readonly phoneDock = inject(PhoneDock);

  /** The reason chooser is showing (pause was pressed and the tenant has reasons). */
  protected readonly choosing = signal(false);

  protected readonly activityKey = computed(() => ACTIVITY_KEYS[this.agent.activity()]);
  protected readonly hintKey = computed(() => {
    const activity = this.agent.activity();
    return activity === 'paused' || activity === 'wrapup' ? HINT_KEYS.available : HINT_KEYS[activity];
  });
  protected readonly countdown = computed(() => formatDuration(this.agent.wrapupLeftS()));
  protected readonly pausedSince = computed(() => clockTime(this.agent.status()?.changedAt ?? null));

  constructor() {
    // The phone panel docks in the same place: when it opens (a call), this one gives way.
    effect(() => {
      if (this.phoneDock.open()) untracked(() => this.dock.close());
    });
    effect(() => {
      if (!this.dock.open() || this.agent.status()?.paused) untracked(() => this.choosing.set(false));
    });
  }

  protected askPause(): void {
    // "No reason" only where the company has none.
    if (this.agent.reasons().length) this.choosing.set(true);
    else this.agent.pause(null);
  }

  protected pause(reasonId: number): void {
    this.agent.pause(reasonId);
  }

  protected resume(): void {
    this.agent.resume();
  }

  protected onEscape(): void {
    if (this.choosing()) this.choosing.set(false);
    else if (this.dock.open()) this.dock.close();
  }
}
