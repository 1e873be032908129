import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { PresenceState } from '@webcall/contracts';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import type { TranslationKey } from '../../core/i18n/vi';

/** A presence state as a coloured dot and its name (the colour is never the only cue). */
@Component({
  selector: 'wc-presence-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe],
  host: { '[attr.data-state]': 'state()' },
  template: `<span class="dot" aria-hidden="true"></span>{{ labelKey() | t }}`,
  styles: `
    :host {
      --fg: var(--muted);
      --bg-tint: var(--unknown-bg);
      --line: var(--border);
      --dot: #94a3b8;
      display: inline-flex;
      align-items: center;
      gap: 7px;
      padding: 3px 10px;
      border: 1px solid var(--line);
      border-radius: 999px;
      background: var(--bg-tint);
      color: var(--fg);
      font-size: 0.8125rem;
      font-weight: 600;
      white-space: nowrap;
    }
    .dot {
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: var(--dot);
    }
    :host([data-state='offline']) .dot {
      border: 1.5px solid var(--dot);
      background: transparent;
    }
    :host([data-state='available']) {
      --fg: var(--ok-fg);
      --bg-tint: var(--ok-bg);
      --line: var(--ok-border);
      --dot: var(--ok-dot);
    }
    :host([data-state='ringing']) {
      --fg: #1e3a8a;
      --bg-tint: #dbeafe;
      --line: #bfdbfe;
      --dot: #2563eb;
    }
    :host([data-state='ringing']) .dot {
      animation: pulse 1s ease-in-out infinite;
    }
    :host([data-state='on_call']) {
      --fg: var(--err-fg);
      --bg-tint: var(--err-bg);
      --line: var(--err-border);
      --dot: var(--err-dot);
    }
    :host([data-state='dnd']) {
      --fg: #581c87;
      --bg-tint: #f3e8ff;
      --line: #e9d5ff;
      --dot: #9333ea;
    }
    /* Do not disturb: the dot gets a bar, like a no-entry sign. */
    :host([data-state='dnd']) .dot {
      background: linear-gradient(#fff, #fff) center / 5px 1.5px no-repeat var(--dot);
    }
    :host([data-state='away']) {
      --fg: var(--warn-fg);
      --bg-tint: var(--warn-bg);
      --line: var(--warn-border);
      --dot: var(--warn-dot);
    }
    @keyframes pulse {
      50% {
        box-shadow: 0 0 0 4px rgb(37 99 235 / 25%);
      }
    }
  `,
})
export class PresenceBadge {
  readonly state = input.required<PresenceState>();

  protected readonly labelKey = computed(() => `staff.state.${this.state()}` satisfies TranslationKey);
}
