import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslationService } from '../../core/i18n/translation.service';
import type { CallStats } from '../../core/phone/webphone.service';
import { Icon } from '../icon';

/**
 * One line of live call quality: RTP packets sent / received (the e2e test reads `data-sent` and
 * `data-received` to prove audio flows both ways), then codec, loss, jitter and round trip when known.
 */
@Component({
  selector: 'wc-call-stats',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon],
  host: {
    'data-testid': 'call-stats',
    role: 'status',
    '[attr.data-sent]': 'stats().packetsSent',
    '[attr.data-received]': 'stats().packetsReceived',
    '[attr.aria-label]': 'label()',
  },
  template: `
    <wc-icon name="activity" />
    <span class="main">{{ packets() }}</span>
    <span class="detail">{{ detail() }}</span>
  `,
  styles: `
    :host {
      display: grid;
      grid-template-columns: auto 1fr;
      column-gap: 8px;
      width: 100%;
      margin-top: 12px;
      padding: 8px 10px;
      border-radius: 8px;
      background: var(--bg);
      color: var(--muted);
      font-size: 0.75rem;
      font-variant-numeric: tabular-nums;
      text-align: left;
      --icon-size: 14px;
    }
    wc-icon {
      grid-row: span 2;
      align-self: center;
      color: var(--ok-dot);
    }
    .main {
      color: var(--text);
      font-weight: 600;
    }
    .detail:empty {
      display: none;
    }
  `,
})
export class CallStatsLine {
  readonly stats = input.required<CallStats>();
  private readonly i18n = inject(TranslationService);

  protected readonly packets = computed(() =>
    this.i18n.t('phone.stats.packets', {
      sent: this.stats().packetsSent,
      received: this.stats().packetsReceived,
    }),
  );

  protected readonly detail = computed(() => {
    const { codec, packetsLost, jitterMs, rttMs } = this.stats();
    const parts = [codec, this.i18n.t('phone.stats.lost', { lost: packetsLost })];
    if (jitterMs !== null) parts.push(this.i18n.t('phone.stats.jitter', { ms: jitterMs }));
    if (rttMs !== null) parts.push(this.i18n.t('phone.stats.rtt', { ms: rttMs }));
    return parts.filter(Boolean).join(' · ');
  });

  protected readonly label = computed(() => `${this.i18n.t('phone.stats.label')}: ${this.packets()}`);
}
