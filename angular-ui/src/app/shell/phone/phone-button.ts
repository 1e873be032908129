import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { TranslationService } from '../../core/i18n/translation.service';
import type { TranslationKey } from '../../core/i18n/vi';
import { WebPhoneService } from '../../core/phone/webphone.service';
import { PhoneDock, formatDuration } from './phone-dock';
import { Icon } from '../icon';

type Tone = 'ok' | 'busy' | 'ring' | 'warn' | 'err' | 'idle';

/**
 * Top-bar entry to the webphone: the registration state at a glance (dot + word) and, during a
 * call, "In call" in the call colour. Opens and closes the docked panel. Hidden for accounts
 * without a phone (operators).
 */
@Component({
  selector: 'wc-phone-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, Icon],
  template: `
    @if (phone.mode(); as mode) {
      <button
        type="button"
        class="trigger"
        data-testid="phone-toggle"
        aria-controls="phone-panel"
        [class]="'trigger tone-' + tone()"
        [attr.data-mode]="mode"
        [attr.data-registration]="phone.registration()"
        [attr.data-call]="inCall() ? 'active' : 'idle'"
        [attr.aria-expanded]="dock.open()"
        [attr.aria-label]="'phone.open' | t: { state: label() }"
        [attr.title]="label()"
        (click)="dock.toggle()"
      >
        <span class="icon">
          <wc-icon name="phone" />
          <span class="dot" aria-hidden="true"></span>
        </span>
        <span class="text" data-testid="phone-toggle-state">{{ label() }}</span>
        @if (elapsed(); as time) {
          <span class="time" data-testid="phone-toggle-timer">{{ time }}</span>
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
      background: var(--primary-soft);
      color: var(--primary);
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
      background: #94a3b8;
    }
    .tone-ok .dot {
      background: var(--ok-dot);
    }
    .tone-warn .dot {
      background: var(--warn-dot);
      animation: pulse 1.2s ease-in-out infinite;
    }
    .tone-err .dot {
      background: var(--err-dot);
    }
    .tone-err {
      border-color: var(--err-border);
      color: var(--err-fg);
    }
    .tone-busy {
      border-color: #15803d;
      background: #15803d;
      color: #fff;
    }
    .tone-busy:hover,
    .tone-busy[aria-expanded='true'] {
      border-color: #166534;
      background: #166534;
    }
    .tone-busy .icon {
      background: rgb(255 255 255 / 20%);
      color: #fff;
    }
    .tone-busy .dot,
    .tone-ring .dot {
      display: none;
    }
    .tone-ring,
    .tone-ring:hover,
    .tone-ring[aria-expanded='true'] {
      border-color: var(--primary);
      background: var(--primary);
      color: #fff;
      animation: ring 1.2s ease-out infinite;
    }
    .tone-ring .icon {
      background: rgb(255 255 255 / 20%);
      color: #fff;
    }
    .time {
      font-variant-numeric: tabular-nums;
      font-weight: 500;
      opacity: 0.9;
    }
    @keyframes pulse {
      50% {
        opacity: 0.35;
      }
    }
    @keyframes ring {
      from {
        box-shadow: 0 0 0 0 rgb(29 78 216 / 45%);
      }
      to {
        box-shadow: 0 0 0 8px rgb(29 78 216 / 0%);
      }
    }
    @media (max-width: 600px) {
      .text {
        display: none;
      }
      .trigger {
        padding: 0 4px;
      }
    }
  `,
})
export class PhoneButton {
  protected readonly phone = inject(WebPhoneService);
  protected readonly dock = inject(PhoneDock);
  private readonly i18n = inject(TranslationService);

  protected readonly inCall = computed(() => this.phone.activeCall() !== null);
  private readonly ringingIn = computed(() => {
    const call = this.phone.activeCall();
    return call?.direction === 'incoming' && call.state === 'ringing';
  });
  private readonly now = signal(Date.now());
  /** Talk time of the call, ticking once a second while it lasts. */
  protected readonly elapsed = computed(() => {
    const startedAt = this.phone.activeCall()?.startedAt;
    return startedAt ? formatDuration((this.now() - startedAt) / 1000) : '';
  });

  constructor() {
    let timer: ReturnType<typeof setInterval> | undefined;
    effect(() => {
      const answered = !!this.phone.activeCall()?.startedAt;
      clearInterval(timer);
      if (answered) timer = setInterval(() => this.now.set(Date.now()), 1000);
      this.now.set(Date.now());
    });
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected readonly stateKey = computed<TranslationKey>(() => {
    if (this.phone.mode() === 'sip') return 'phone.state.sip';
    if (this.ringingIn()) return 'phone.incoming';
    if (this.inCall()) return 'phone.state.inCall';
    if (this.phone.isReconnecting()) return 'phone.state.reconnecting';
    return `phone.state.${this.phone.registration()}`;
  });

  protected readonly label = computed(() => this.i18n.t(this.stateKey()));

  protected readonly tone = computed<Tone>(() => {
    if (this.phone.mode() === 'sip') return 'idle';
    if (this.ringingIn()) return 'ring';
    if (this.inCall()) return 'busy';
    if (this.phone.isReconnecting()) return 'warn';
    const registration = this.phone.registration();
    return registration === 'registered'
      ? 'ok'
      : registration === 'registering'
        ? 'warn'
        : registration === 'failed'
          ? 'err'
          : 'idle';
  });
}
