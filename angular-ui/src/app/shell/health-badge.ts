import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import type { HealthComponentName } from '@webcall/contracts';
import { TranslatePipe } from '../core/i18n/translate.pipe';
import { TranslationService } from '../core/i18n/translation.service';
import type { TranslationKey } from '../core/i18n/vi';
import {
  HEALTH_COMPONENTS,
  downComponents,
  type HealthState,
  type HealthStatus,
} from '../core/health/health.model';

const STATUS_LABEL: Record<HealthStatus, TranslationKey> = {
  ok: 'health.ok',
  degraded: 'health.degraded',
  offline: 'health.offline',
  unknown: 'health.unknown',
};

interface ComponentRow {
  name: HealthComponentName;
  labelKey: TranslationKey;
  up: boolean;
  latencyMs?: number;
  detail?: string;
}

/**
 * Colour-coded system status with a disclosure panel listing each component. The same summary is
 * in `title` for a mouse hover. `data-status` is the e2e hook: ok | degraded | offline | unknown.
 */
@Component({
  selector: 'wc-health-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe],
  templateUrl: './health-badge.html',
  styleUrl: './health-badge.css',
  host: {
    '(document:click)': 'onDocumentClick($event)',
    '(document:keydown.escape)': 'open.set(false)',
  },
})
export class HealthBadge {
  readonly health = input.required<HealthState>();

  private readonly i18n = inject(TranslationService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly open = signal(false);
  protected readonly status = computed(() => this.health().status);
  protected readonly labelKey = computed(() => STATUS_LABEL[this.status()]);

  /** Short names of the components that are down, shown in the badge itself when degraded. */
  protected readonly downShort = computed(() =>
    this.status() === 'degraded'
      ? downComponents(this.health().response)
          .map((name) => this.i18n.t(`health.short.${name}`))
          .join(', ')
      : '',
  );

  /** Accessible name: the visible text prefixed with what it is about. */
  protected readonly ariaLabel = computed(() => {
    const down = this.downShort();
    const label = `${this.i18n.t('health.label')}: ${this.i18n.t(this.labelKey())}`;
    return down ? `${label}. ${this.i18n.t('health.downList', { list: down })}` : label;
  });

  protected readonly rows = computed<ComponentRow[]>(() => {
    const state = this.health();
    if (state.status !== 'ok' && state.status !== 'degraded') return [];
    const components = state.response?.components;
    if (!components) return [];
    return HEALTH_COMPONENTS.filter((name) => components[name]).map((name) => ({
      name,
      labelKey: `health.component.${name}`,
      up: components[name].status === 'up',
      latencyMs: components[name].latencyMs,
      detail: components[name].detail,
    }));
  });

  protected readonly checkedAt = computed(() => {
    const at = this.health().receivedAt;
    if (!at) return '';
    const locale = this.i18n.lang() === 'vi' ? 'vi-VN' : 'en-GB';
    return new Intl.DateTimeFormat(locale, { timeStyle: 'medium' }).format(at);
  });

  protected readonly offlineReason = computed(() => {
    const { error, httpStatus } = this.health();
    return this.i18n.t(`health.reason.${error ?? 'network'}`, { status: httpStatus ?? '?' });
  });

  /** Plain-text summary for the native tooltip and for screen readers. */
  protected readonly summary = computed(() => {
    const t = (key: TranslationKey, params?: Record<string, string | number>) => this.i18n.t(key, params);
    const state = this.health();
    const lines = [`${t('health.label')}: ${t(this.labelKey())}`];
    for (const row of this.rows()) {
      const status = t(row.up ? 'health.component.up' : 'health.component.down');
      const extra =
        row.detail ?? (row.latencyMs !== undefined ? t('health.latency', { ms: row.latencyMs }) : '');
      lines.push(`${t(row.labelKey)}: ${status}${extra ? ` (${extra})` : ''}`);
    }
    if (state.status === 'offline') lines.push(t('health.offlineDetail', { reason: this.offlineReason() }));
    if (state.status === 'unknown') lines.push(t('health.unknownDetail'));
    return lines.join('\n');
  });

  protected toggle(): void {
    this.open.update((open) => !open);
  }

  protected onDocumentClick(event: MouseEvent): void {
    if (this.open() && !this.host.nativeElement.contains(event.target as Node | null)) this.open.set(false);
  }
}
