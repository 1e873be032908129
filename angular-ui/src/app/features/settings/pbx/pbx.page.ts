import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import type { TranslationKey } from '../../../core/i18n/vi';
import { FlowStore } from './shared/flow-store';

const TABS: { path: string; labelKey: TranslationKey }[] = [
  { path: 'flows', labelKey: 'pbx.tab.flows' },
  { path: 'shifts', labelKey: 'pbx.tab.shifts' },
  { path: 'ivrs', labelKey: 'pbx.tab.ivrs' },
  { path: 'hotlines', labelKey: 'pbx.tab.hotlines' },
  { path: 'prompts', labelKey: 'pbx.tab.prompts' },
  { path: 'queues', labelKey: 'pbx.tab.queues' },
];

/**
 * The PBX settings layout: title, tab bar, the selected tab. The routing editor's state (the flow
 * being edited, prompts, extensions) lives here so it survives switching tabs.
 */
@Component({
  selector: 'wc-pbx-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslatePipe],
  providers: [FlowStore],
  template: `
    <header class="page-header">
      <p class="eyebrow">{{ 'nav.settings' | t }}</p>
      <h1 data-testid="page-title">{{ 'page.settings.pbx.title' | t }}</h1>
      <p class="lead">{{ 'page.settings.pbx.desc' | t }}</p>
    </header>
    <nav class="tabs" role="tablist" [attr.aria-label]="'page.settings.pbx.title' | t">
      @for (tab of tabs; track tab.path) {
        <a
          role="tab"
          [routerLink]="tab.path"
          routerLinkActive="active"
          #rla="routerLinkActive"
          [attr.aria-selected]="rla.isActive"
          [attr.data-testid]="'pbx-tab-' + tab.path"
          >{{ tab.labelKey | t }}</a
        >
      }
    </nav>
    <router-outlet />
  `,
  styles: `
    :host {
      display: block;
      max-width: 1180px;
    }
    .eyebrow {
      margin: 0 0 6px;
      color: var(--primary);
      font-size: 0.8125rem;
      font-weight: 600;
      letter-spacing: 0.06em;
      text-transform: uppercase;
    }
    .tabs {
      display: flex;
      gap: 4px;
      margin: 16px 0 20px;
      border-bottom: 1px solid var(--border);
      overflow-x: auto;
    }
    .tabs a {
      padding: 10px 16px;
      border-bottom: 2px solid transparent;
      color: var(--text-muted);
      font-weight: 500;
      text-decoration: none;
      white-space: nowrap;
    }
    .tabs a.active {
      border-bottom-color: var(--primary);
      color: var(--primary);
    }
  `,
})
export default class PbxPage {
  protected readonly tabs = TABS;
}
