import { ChangeDetectionStrategy, Component, DOCUMENT, computed, inject, input } from '@angular/core';
import { ActivatedRoute, Router } from '@angular/router';
import { AuthService } from '../../../core/auth/auth.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { Icon } from '../../../shell/icon';
import { CallsTab } from './calls-tab';
import { VoicemailTab } from './voicemail-tab';

type Tab = 'calls' | 'voicemail';
const TABS: readonly Tab[] = ['calls', 'voicemail'];

/**
 * Home → Calls (F22): the tenant's call history with the path of each call, and the voicemail
 * messages. Admins and supervisors (the API's roles); agents get a note instead. The tab lives in
 * the URL (`?tab=voicemail`); `?voicemail=<id>` (the notification mail's link) opens that message.
 */
@Component({
  selector: 'wc-calls-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, Icon, CallsTab, VoicemailTab],
  styleUrls: ['../../../shared/list-page.css', '../../settings/users/users.css', './calls.css'],
  template: `
    <header class="page-head">
      <div>
        <p class="eyebrow">{{ 'nav.home' | t }}</p>
        <h1 data-testid="page-title">{{ 'page.home.calls.title' | t }}</h1>
        <p class="lead" data-testid="page-description">{{ 'calls.pageLead' | t }}</p>
      </div>
    </header>

    @if (!allowed()) {
      <section class="card not-allowed" data-testid="calls-not-allowed">
        <span class="empty-icon"><wc-icon name="shield" /></span>
        <h2>{{ 'calls.notForRole.title' | t }}</h2>
        <p>{{ 'calls.notForRole.text' | t }}</p>
      </section>
    } @else {
      <div class="tabs" role="tablist" [attr.aria-label]="'calls.tabs.label' | t">
        @for (t of tabs; track t) {
          <button
            type="button"
            role="tab"
            class="tab"
            [id]="'calls-tab-' + t"
            [attr.data-testid]="'calls-tab-' + t"
            [attr.aria-selected]="activeTab() === t"
            [attr.aria-controls]="'calls-panel-' + t"
            [attr.tabindex]="activeTab() === t ? 0 : -1"
            (click)="selectTab(t)"
            (keydown)="onTabKey($event)"
          >
            <wc-icon [name]="t === 'calls' ? 'phone-incoming' : 'mic'" />
            {{ (t === 'calls' ? 'calls.tab.calls' : 'calls.tab.voicemail') | t }}
          </button>
        }
      </div>
      <div
        class="tab-panel"
        role="tabpanel"
        [id]="'calls-panel-' + activeTab()"
        [attr.aria-labelledby]="'calls-tab-' + activeTab()"
      >
        @if (activeTab() === 'voicemail') {
          <wc-voicemail-tab [selectedId]="voicemailId()" />
        } @else {
          <wc-calls-tab />
        }
      </div>
    }
  `,
})
export default class CallsPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly document = inject(DOCUMENT);

  /** Query parameters, bound by `withComponentInputBinding`. */
  readonly tab = input<string>();
  readonly voicemail = input<string>();

  protected readonly tabs = TABS;
  protected readonly allowed = computed(() => {
    const role = this.auth.user()?.role;
    return role === 'admin' || role === 'supervisor';
  });
  protected readonly voicemailId = computed(() => {
    const id = Number(this.voicemail());
    return Number.isInteger(id) && id > 0 ? id : null;
  });
  protected readonly activeTab = computed<Tab>(() =>
    this.tab() === 'voicemail' || this.voicemailId() !== null ? 'voicemail' : 'calls',
  );

  protected selectTab(tab: Tab): void {
    if (tab === this.activeTab()) return;
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { tab: tab === 'voicemail' ? 'voicemail' : null, voicemail: null },
    });
  }

  /** Arrow keys move between tabs (WAI-ARIA tabs pattern, automatic activation). */
  protected onTabKey(event: KeyboardEvent): void {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step && event.key !== 'Home' && event.key !== 'End') return;
    const index = TABS.indexOf(this.activeTab());
    const target =
      event.key === 'Home'
        ? TABS[0]
        : event.key === 'End'
          ? TABS[TABS.length - 1]
          : TABS[(index + step + TABS.length) % TABS.length];
    event.preventDefault();
    this.selectTab(target);
    this.document.getElementById(`calls-tab-${target}`)?.focus();
  }
}
