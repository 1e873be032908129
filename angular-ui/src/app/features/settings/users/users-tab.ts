import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { TenantUser, UserGroup } from '@webcall/contracts';
import { Subject, debounceTime, distinctUntilChanged, map } from 'rxjs';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { WebPhoneService } from '../../../core/phone/webphone.service';
import type { TranslationKey } from '../../../core/i18n/vi';
import { Icon, type IconName } from '../../../shell/icon';
import { apiMessage } from '../../../shared/api-message';
import { listLoader } from '../../../shared/list-loader';
import { LocalDatePipe } from '../../../shared/local-date.pipe';
import { Pager } from '../../../shared/pager';
import type { Message } from '../../auth/form-support';
import { MessagePipe } from '../../auth/message.pipe';
import { ConfirmDialog } from './confirm-dialog';
import { UserDialog } from './user-dialog';
import { USERS_PAGE_SIZE, UsersApi } from './users-api';
import { failureMessage, roleKey, statusKey } from './users-support';

const SEARCH_DEBOUNCE_MS = 300;

type Dialog = { kind: 'add' } | { kind: 'edit'; user: TenantUser } | { kind: 'delete'; user: TenantUser };
type Notice = { kind: 'success' | 'error'; icon: IconName; message: Message };

/**
 * Users tab: debounced search, group filter, one page of 20, and per user call (webphone) / edit /
 * disable-enable / resend invitation / delete. Admins only for the changes (`canEdit`).
 */
@Component({
  selector: 'wc-users-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, MessagePipe, Icon, LocalDatePipe, Pager, UserDialog, ConfirmDialog],
  styleUrls: ['../../../shared/list-page.css', './users.css'],
  templateUrl: './users-tab.html',
  styles: `
    .search {
      position: relative;
      flex: 1 1 280px;
      min-width: 0;
    }
    .search .input {
      padding: 0 38px;
    }
    /* Our own clear button replaces the browser's. */
    .search .input::-webkit-search-cancel-button {
      display: none;
    }
    .search > wc-icon {
      position: absolute;
      top: 10px;
      left: 12px;
      color: var(--muted);
      pointer-events: none;
      --icon-size: 18px;
    }
    .search .clear {
      position: absolute;
      top: 3px;
      right: 3px;
      display: inline-grid;
      place-items: center;
      width: 32px;
      height: 32px;
      border: 0;
      border-radius: 6px;
      background: transparent;
      color: var(--muted);
      cursor: pointer;
      --icon-size: 16px;
    }
    .search .clear:hover {
      background: var(--bg);
      color: var(--text);
    }
    .toolbar {
      align-items: center;
    }
    .filter {
      flex: 1 1 200px;
      max-width: 260px;
    }
    .table {
      min-width: 900px;
    }
    .table td,
    .table th {
      padding-right: 8px;
      padding-left: 8px;
      white-space: nowrap;
    }
    .table th:first-child {
      padding-left: 20px;
    }
    /* The actions stay in view while a narrow screen scrolls the table sideways. */
    .table .actions-col {
      position: sticky;
      right: 0;
      padding-right: 14px;
      background: var(--surface);
      box-shadow: -8px 0 8px -8px rgb(15 23 42 / 18%);
    }
    .table thead .actions-col {
      background: #f8fafc;
    }
    .table tbody tr:hover .actions-col {
      background: #f8fafc;
    }
    .who {
      display: flex;
      align-items: center;
      gap: 10px;
    }
    .avatar {
      display: inline-grid;
      flex: none;
      place-items: center;
      width: 32px;
      height: 32px;
      border-radius: 50%;
      background: var(--primary-soft);
      color: var(--primary);
      font-size: 0.75rem;
      font-weight: 700;
    }
    .names {
      display: grid;
      min-width: 0;
    }
    .name {
      display: flex;
      align-items: center;
      gap: 8px;
    }
    .you {
      padding: 0 7px;
      border-radius: 999px;
      background: var(--primary-soft);
      color: var(--primary);
      font-size: 0.6875rem;
      line-height: 18px;
    }
    .email {
      max-width: 170px;
      overflow: hidden;
      color: var(--muted);
      font-size: 0.8125rem;
      font-weight: 400;
      text-overflow: ellipsis;
    }
    .status {
      display: grid;
      justify-items: start;
      gap: 3px;
    }
    /* The one cell allowed to wrap, so the table fits a 1366 px laptop screen. */
    .seen {
      color: var(--muted);
      font-size: 0.75rem;
      white-space: normal;
    }
    .call {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      height: 30px;
      padding: 0 10px;
      border: 1px solid var(--primary);
      border-radius: 999px;
      background: var(--surface);
      color: var(--primary);
      font-weight: 600;
      font-variant-numeric: tabular-nums;
      cursor: pointer;
      --icon-size: 14px;
    }
    .call:not([aria-disabled='true']):hover {
      background: var(--primary);
      color: #fff;
    }
    .call[aria-disabled='true'] {
      border-color: var(--border);
      color: var(--muted);
      cursor: not-allowed;
    }
    .call .spinner {
      width: 14px;
      height: 14px;
    }
    .spinner.dark {
      border-color: rgb(15 23 42 / 15%);
      border-top-color: var(--primary);
    }
    .table .chips {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
      min-width: 110px;
      max-width: 180px;
      white-space: normal;
    }
    .chip {
      padding: 1px 8px;
      border: 1px solid var(--border);
      border-radius: 6px;
      background: var(--bg);
      font-size: 0.8125rem;
    }
    .badge-warn {
      border-color: var(--warn-border);
      background: var(--warn-bg);
      color: var(--warn-fg);
    }
  `,
})
export class UsersTab {
  private readonly api = inject(UsersApi);
  private readonly webphone = inject(WebPhoneService);

  readonly groups = input.required<readonly UserGroup[]>();
  /** Filter from the URL (`?group=`), or null for everyone. */
  readonly groupId = input<number | null>(null);
  readonly canEdit = input(false);
  readonly selfId = input<number | null>(null);
  readonly groupFilterChange = output<number | null>();
  /** Memberships or member counts changed: the page reloads the groups. */
  readonly groupsChanged = output<void>();

  protected readonly roleKey = roleKey;
  protected readonly statusKey = statusKey;
  protected readonly searchText = signal('');
  private readonly search = signal('');
  private readonly searchInput = new Subject<string>();
  /** Back to the first page whenever the search or the group filter changes. */
  protected readonly page = linkedSignal({
    source: () => ({ search: this.search(), groupId: this.groupId() }),
    computation: () => 1,
  });
  private readonly users = listLoader(
    computed(() => ({ search: this.search(), groupId: this.groupId(), page: this.page() })),
    (query) => this.api.listUsers(query),
  );
  protected readonly result = this.users.data;
  protected readonly loading = this.users.loading;
  protected readonly loadError = computed(() => {
    const failure = this.users.failure();
    return failure ? apiMessage(failure) : null;
  });

  protected readonly notice = signal<Notice | null>(null);
  protected readonly dialog = signal<Dialog | null>(null);
  protected readonly busyId = signal<number | null>(null);
  protected readonly callingId = signal<number | null>(null);
  protected readonly deletePending = signal(false);
  protected readonly deleteError = signal<Message | null>(null);

  protected readonly groupNames = computed(() => new Map(this.groups().map((g) => [g.id, g.name])));
  protected readonly pageSize = USERS_PAGE_SIZE;
  protected readonly activeSearch = this.search.asReadonly();

  constructor() {
    this.searchInput
      .pipe(
        map((text) => text.trim()),
        debounceTime(SEARCH_DEBOUNCE_MS),
        distinctUntilChanged(),
        takeUntilDestroyed(),
      )
      .subscribe((text) => this.search.set(text));
  }

  protected onSearchInput(text: string): void {
    this.searchText.set(text);
    this.searchInput.next(text);
  }

  /** Enter searches at once instead of waiting for the debounce. */
  protected searchNow(): void {
    const text = this.searchText().trim();
    this.searchInput.next(text);
    this.search.set(text);
  }

  protected clearSearch(): void {
    this.onSearchInput('');
    this.search.set('');
  }

  protected onGroupFilter(value: string): void {
    this.groupFilterChange.emit(value ? Number(value) : null);
  }

  protected goTo(page: number): void {
    this.page.set(page);
  }

  protected reload(): void {
    this.users.reload();
  }

  protected toggleLabel(user: TenantUser): TranslationKey {
    return user.status === 'disabled' ? 'users.action.enable' : 'users.action.disable';
  }

  protected initials(name: string): string {
    const words = name.trim().split(/\s+/);
    const letters =
      words.length > 1 ? words[0][0] + words[words.length - 1][0] : (words[0] ?? '').slice(0, 2);
    return letters.toUpperCase();
  }

  /** Why a user cannot be called from here, or null when they can (they need a live phone). */
  protected callBlock(user: TenantUser): Message | null {
    if (user.id === this.selfId()) return { key: 'staff.call.self' };
    if (user.status !== 'active') return { key: 'staff.call.inactive', params: { name: user.fullName } };
    return null;
  }

  /** Internal call from the webphone (F13). */
  protected async call(user: TenantUser): Promise<void> {
    if (!user.extension || this.callBlock(user) || this.callingId() !== null) return;
    this.notice.set(null);
    this.callingId.set(user.id);
    try {
      await this.webphone.call(user.extension);
    } catch {
      this.notice.set({
        kind: 'error',
        icon: 'alert',
        message: { key: 'staff.call.failed', params: { name: user.fullName } },
      });
    } finally {
      this.callingId.set(null);
    }
  }

  protected openAdd(): void {
    this.notice.set(null);
    this.dialog.set({ kind: 'add' });
  }

  protected openEdit(user: TenantUser): void {
    this.notice.set(null);
    this.dialog.set({ kind: 'edit', user });
  }

  protected openDelete(user: TenantUser): void {
    this.notice.set(null);
    this.deleteError.set(null);
    this.dialog.set({ kind: 'delete', user });
  }

  protected closeDialog(): void {
    this.dialog.set(null);
  }

  protected onSaved(user: TenantUser): void {
    const added = this.dialog()?.kind === 'add';
    this.dialog.set(null);
    if (added) {
      this.notice.set({
        kind: 'success',
        icon: 'mail',
        message: { key: 'users.invited', params: { name: user.fullName, email: user.email } },
      });
      this.reload();
    } else {
      this.success({ key: 'users.saved', params: { name: user.fullName } });
      this.reload();
    }
    this.groupsChanged.emit();
  }

  protected toggle(user: TenantUser): void {
    if (this.busyId() !== null) return;
    const status = user.status === 'disabled' ? 'active' : 'disabled';
    this.busyId.set(user.id);
    this.notice.set(null);
    this.api.updateUser(user.id, { status }).subscribe({
      next: (updated) => {
        this.busyId.set(null);
        this.reload();
        this.success({
          key: status === 'disabled' ? 'users.disabledDone' : 'users.enabledDone',
          params: { name: updated.fullName },
        });
      },
      error: (error: unknown) => this.fail(error),
    });
  }

  protected resend(user: TenantUser): void {
    if (this.busyId() !== null) return;
    this.busyId.set(user.id);
    this.notice.set(null);
    this.api.resendInvitation(user.id).subscribe({
      next: () => {
        this.busyId.set(null);
        this.notice.set({
          kind: 'success',
          icon: 'mail',
          message: { key: 'users.resent', params: { email: user.email } },
        });
      },
      error: (error: unknown) => this.fail(error),
    });
  }

  protected confirmDelete(user: TenantUser): void {
    if (this.deletePending()) return;
    this.deletePending.set(true);
    this.deleteError.set(null);
    this.api.deleteUser(user.id).subscribe({
      next: () => {
        this.deletePending.set(false);
        this.dialog.set(null);
        this.success({ key: 'users.deleted', params: { name: user.fullName } });
        // The last row of a later page is gone: show the page before it.
        const shown = this.result();
        if (shown && shown.items.length === 1 && this.page() > 1) this.page.update((n) => n - 1);
        else this.reload();
        this.groupsChanged.emit();
      },
      error: (error: unknown) => {
        this.deletePending.set(false);
        this.deleteError.set(failureMessage(error));
      },
    });
  }

  private fail(error: unknown): void {
    this.busyId.set(null);
    this.notice.set({ kind: 'error', icon: 'alert', message: failureMessage(error) });
    // The row may be stale (e.g. the user accepted the invitation meanwhile).
    this.reload();
  }

  private success(message: Message): void {
    this.notice.set({ kind: 'success', icon: 'check', message });
  }
}
