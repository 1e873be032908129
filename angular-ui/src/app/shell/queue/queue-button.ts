import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { TranslationService } from '../../core/i18n/translation.service';
import { Icon } from '../icon';
import { formatDuration } from '../phone/phone-dock';
import { AgentQueueService } from './agent-queue.service';
import { ACTIVITY_KEYS, QueueDock } from './queue-dock';

/**
 * Top-bar entry to the queue panel, beside the phone: the agent's activity as a coloured pill
 * (with the wrap-up countdown). Shown only to users who belong to at least one queue.
 */
@Component({
  selector: 'wc-queue-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, Icon],
  styleUrl: './activity.css',
  template: `
    @if (agent.hasQueues()) {
      <button
        type="button"
        data-testid="queue-toggle"
        aria-controls="queue-panel"
        [class]="'trigger act-' + agent.activity()"
        [attr.data-activity]="agent.activity()"
        [attr.aria-expanded]="dock.open()"
        [attr.aria-label]="'queue.open' | t: { state: label() }"
        [attr.title]="label()"
        (click)="dock.toggle()"
      >
        <span class="icon"><wc-icon name="headphones" /><span class="dot" aria-hidden="true"></span></span>
        <span class="text" data-testid="queue-toggle-state">{{ label() }}</span>
        @if (agent.activity() === 'wrapup') {
          <span class="time">{{ countdown() }}</span>
        }
      </button>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
    }
    .trigger {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      height: 34px;
      padding: 0 12px 0 8px;
      border: 1px solid var(--border-strong);
      border-radius: 999px;
      background: var(--surface);
      color: var(--text);
      font-size: 0.875rem;
      font-weight: 600;
      white-space: nowrap;
      cursor: pointer;
      transition:
        background-color 0.15s,
        border-color 0.15s;
    }
    .trigger:hover,
    .trigger[aria-expanded='true'] {
      background: var(--bg);
      border-color: var(--muted);
    }
    .icon {
      position: relative;
      display: inline-grid;
      place-items: center;
      width: 24px;
      height: 24px;
      border-radius: 50%;
      background: var(--act-bg);
      color: var(--act);
      --icon-size: 14px;
    }
    .dot {
      position: absolute;
      right: -2px;
      bottom: -2px;
      width: 10px;
      height: 10px;
      border: 2px solid var(--surface);
      border-radius: 50%;
      background: var(--act);
    }
    .text {
      color: var(--act);
    }
    .time {
      font-variant-numeric: tabular-nums;
      font-weight: 500;
      color: var(--act);
    }
    .act-ringing .dot {
      animation: pulse 1s ease-in-out infinite;
    }
    @keyframes pulse {
      50% {
        opacity: 0.3;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .act-ringing .dot {
        animation: none;
      }
    }
    @media (max-width: 600px) {
      .text,
      .time {
        display: none;
      }
      .trigger {
        padding: 0 4px;
      }
    }
  `,
})
export class QueueButton {
  protected readonly agent = inject(AgentQueueService);
  protected readonly dock = inject(QueueDock);
  private readonly i18n = inject(TranslationService);

  protected readonly label = computed(() => this.i18n.t(ACTIVITY_KEYS[this.agent.activity()]));
  protected readonly countdown = computed(() => formatDuration(this.agent.wrapupLeftS()));
}
