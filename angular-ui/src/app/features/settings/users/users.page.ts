import { ChangeDetectionStrategy, Component, DOCUMENT, computed, inject, input, signal } from '@angular/core';
import { ActivatedRoute, Router } from '@angular/router';
import type { UserGroup } from '@webcall/contracts';
import { AuthService } from '../../../core/auth/auth.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { Icon } from '../../../shell/icon';
import { apiMessage } from '../../../shared/api-message';
import { listLoader } from '../../../shared/list-loader';
import { GroupsTab } from './groups-tab';
import { UsersApi } from './users-api';
import { UsersTab } from './users-tab';

type Tab = 'users' | 'groups';
const TABS: readonly Tab[] = ['users', 'groups'];

/**
 * Settings → Users (F13): a tab of users and a tab of user groups. The tab and the users' group
 * filter live in the URL (`?tab=groups`, `?group=<id>`) so both survive a reload and the back
 * button. The groups are loaded here because both tabs need them.
 */
@Component({
  selector: 'wc-users-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, Icon, GroupsTab, UsersTab],
  styleUrl: '../../../shared/list-page.css',
  template: `
    <header class="page-head">
      <div>
        <p class="eyebrow">{{ 'nav.settings' | t }}</p>
        <h1 data-testid="page-title">{{ 'page.settings.users.title' | t }}</h1>
        <p class="lead" data-testid="page-description">{{ 'users.pageLead' | t }}</p>
      </div>
    </header>

    @if (!canEdit()) {
      <p class="alert alert-info read-only" role="note" data-testid="users-read-only">
        <wc-icon name="info" /><span>{{ 'users.readOnly' | t }}</span>
      </p>
    }

    <div class="tabs" role="tablist" [attr.aria-label]="'users.tabs.label' | t">
      @for (t of tabs; track t) {
        <button
          type="button"
          role="tab"
          class="tab"
          [id]="'users-tab-' + t"
          [attr.data-testid]="'users-tab-' + t"
          [attr.aria-selected]="activeTab() === t"
          [attr.aria-controls]="'users-panel-' + t"
          [attr.tabindex]="activeTab() === t ? 0 : -1"
          (click)="selectTab(t)"
          (keydown)="onTabKey($event)"
        >
          {{ (t === 'users' ? 'users.tab.users' : 'users.tab.groups') | t }}
          @if (t === 'groups' && groupsLoaded()) {
            <span class="count">{{ groups().length }}</span>
          }
        </button>
      }
    </div>

    <div
      class="tab-panel"
      role="tabpanel"
      [id]="'users-panel-' + activeTab()"
      [attr.aria-labelledby]="'users-tab-' + activeTab()"
    >
      @if (activeTab() === 'groups') {
        <wc-groups-tab
          [groups]="groups()"
          [loading]="groupsLoading()"
          [loadError]="groupsError()"
          [canEdit]="canEdit()"
          (changed)="reloadGroups()"
          (retry)="reloadGroups()"
          (showMembers)="showMembers($event)"
        />
      } @else {
        <wc-users-tab
          [groups]="groups()"
          [groupId]="groupId()"
          [canEdit]="canEdit()"
          [selfId]="selfId()"
          (groupFilterChange)="filterByGroup($event)"
          (groupsChanged)="reloadGroups()"
        />
      }
    </div>
  `,
  styles: `
    .read-only {
      margin: 20px 0 0;
    }
    .tabs {
      display: flex;
      gap: 4px;
      margin: 20px 0;
      border-bottom: 1px solid var(--border);
      overflow-x: auto;
    }
    .tab {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      margin-bottom: -1px;
      padding: 10px 14px;
      border: 0;
      border-bottom: 2px solid transparent;
      background: transparent;
      color: var(--muted);
      font-weight: 600;
      white-space: nowrap;
      cursor: pointer;
    }
    .tab:hover {
      color: var(--text);
    }
    .tab[aria-selected='true'] {
      border-bottom-color: var(--primary);
      color: var(--primary);
    }
    .tab .count {
      min-width: 22px;
      margin: 0;
      padding: 0 7px;
      border-radius: 999px;
      background: var(--border);
      color: var(--muted);
      font-size: 0.75rem;
      line-height: 20px;
      text-align: center;
    }
    .tab[aria-selected='true'] .count {
      background: var(--primary-soft);
      color: var(--primary);
    }
  `,
})
export default class UsersPage {
  private readonly api = inject(UsersApi);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly document = inject(DOCUMENT);

  /** Query parameters, bound by `withComponentInputBinding`. */
  readonly tab = input<string>();
  readonly group = input<string>();

  protected readonly tabs = TABS;
  protected readonly activeTab = computed<Tab>(() => (this.tab() === 'groups' ? 'groups' : 'users'));
  protected readonly groupId = computed(() => {
    const id = Number(this.group());
    return Number.isInteger(id) && id > 0 ? id : null;
  });
  protected readonly canEdit = computed(() => this.auth.user()?.role === 'admin');
  protected readonly selfId = computed(() => this.auth.user()?.id ?? null);

  private readonly groupList = listLoader(signal(null), () => this.api.listGroups());
  protected readonly groups = computed<readonly UserGroup[]>(() => this.groupList.data() ?? []);
  protected readonly groupsLoading = this.groupList.loading;
  protected readonly groupsLoaded = computed(() => this.groupList.data() !== null);
  protected readonly groupsError = computed(() => {
    const failure = this.groupList.failure();
    return failure ? apiMessage(failure) : null;
  });

  protected reloadGroups(): void {
    this.groupList.reload();
  }

  protected selectTab(tab: Tab): void {
    if (tab === this.activeTab()) return;
    void this.navigate({ tab: tab === 'groups' ? 'groups' : null, group: null });
  }

  /** Arrow keys move between tabs (WAI-ARIA tabs pattern, automatic activation). */
  protected onTabKey(event: KeyboardEvent): void {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    const index = TABS.indexOf(this.activeTab());
    const target =
      event.key === 'Home'
        ? TABS[0]
        : event.key === 'End'
          ? TABS[TABS.length - 1]
          : step
            ? TABS[(index + step + TABS.length) % TABS.length]
            : null;
    if (!target) return;
    event.preventDefault();
    this.selectTab(target);
    this.document.getElementById(`users-tab-${target}`)?.focus();
  }

  protected showMembers(group: UserGroup): void {
    void this.navigate({ tab: null, group: group.id });
  }

  protected filterByGroup(id: number | null): void {
    void this.navigate({ tab: null, group: id });
  }

  private navigate(queryParams: { tab: string | null; group: number | null }): Promise<boolean> {
    return this.router.navigate([], { relativeTo: this.route, queryParams });
  }
}
