import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  linkedSignal,
  signal,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import type { Tenant, TenantStatus } from '@webcall/contracts';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';
import { toApiFailure } from '../../../core/auth/api-error';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import type { TranslationKey } from '../../../core/i18n/vi';
import { apiMessage } from '../../../shared/api-message';
import { listLoader } from '../../../shared/list-loader';
import { LocalDatePipe } from '../../../shared/local-date.pipe';
import { Pager } from '../../../shared/pager';
import { Icon } from '../../../shell/icon';
import type { Message } from '../../auth/form-support';
import { MessagePipe } from '../../auth/message.pipe';
import { SuspendDialog } from './suspend-dialog';
import { TenantDialog } from './tenant-dialog';
import { TenantsApi } from './tenants.api';

const PAGE_SIZE = 20;
/** Wait for a pause in typing before searching, so each key press is not a request. */
const SEARCH_DEBOUNCE_MS = 300;

type StatusFilter = TenantStatus | 'all';
type Dialog = { kind: 'add' } | { kind: 'edit'; tenant: Tenant } | { kind: 'suspend'; tenant: Tenant };

/**
 * The platform's tenants for operators (F31): search, status filter, usage against quotas, and the
 * add / edit / suspend / reactivate actions. Every change reloads the current page from the API.
 */
@Component({
  selector: 'wc-tenants-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, MessagePipe, LocalDatePipe, Icon, Pager, TenantDialog, SuspendDialog],
  templateUrl: './tenants.page.html',
  styleUrls: ['../../../shared/list-page.css', './tenants.page.css'],
})
export default class TenantsPage {
  private readonly api = inject(TenantsApi);

  protected readonly searchText = signal('');
  private readonly search = toSignal(
    toObservable(this.searchText).pipe(
      debounceTime(SEARCH_DEBOUNCE_MS),
      map((text) => text.trim()),
      distinctUntilChanged(),
    ),
    { initialValue: '' },
  );
  protected readonly status = signal<StatusFilter>('all');
  /** Back to the first page whenever the filters change. */
  protected readonly page = linkedSignal({
    source: () => [this.search(), this.status()] as const,
    computation: () => 1,
  });
  protected readonly pageSize = PAGE_SIZE;
  protected readonly filtered = computed(() => this.search() !== '' || this.status() !== 'all');

  protected readonly list = listLoader(
    computed(() => ({
      search: this.search(),
      status: this.status() === 'all' ? null : (this.status() as TenantStatus),
      page: this.page(),
      pageSize: PAGE_SIZE,
    })),
    (query) => this.api.list(query),
  );
  protected readonly loadError = computed(() => {
    const failure = this.list.failure();
    return failure ? apiMessage(failure) : null;
  });

  protected readonly dialog = signal<Dialog | null>(null);
  /** The tenant of the open edit or suspend dialog. */
  protected readonly editTenant = computed(() => {
    const dialog = this.dialog();
    return dialog && dialog.kind !== 'add' ? dialog.tenant : null;
  });
  /** Outcome of the last action, above the table. */
  protected readonly notice = signal<{ ok: boolean; message: Message } | null>(null);
  /** Id of the tenant being reactivated (its button shows progress). */
  protected readonly reactivating = signal<number | null>(null);

  constructor() {
    // A change can empty the last page (e.g. suspending its only tenant under "Active"): step back.
    effect(() => {
      const data = this.list.data();
      if (data && data.items.length === 0 && data.total > 0 && data.page > 1) {
        this.page.set(Math.ceil(data.total / PAGE_SIZE));
      }
    });
  }

  protected onSearch(event: Event): void {
    this.searchText.set((event.target as HTMLInputElement).value);
  }

  protected onStatus(event: Event): void {
    this.status.set((event.target as HTMLSelectElement).value as StatusFilter);
  }

  protected openAdd(): void {
    this.notice.set(null);
    this.dialog.set({ kind: 'add' });
  }

  protected openEdit(tenant: Tenant): void {
    this.notice.set(null);
    this.dialog.set({ kind: 'edit', tenant });
  }

  protected openSuspend(tenant: Tenant): void {
    this.notice.set(null);
    this.dialog.set({ kind: 'suspend', tenant });
  }

  protected closeDialog(): void {
    this.dialog.set(null);
  }

  protected onCreated(): void {
    this.list.reload();
  }

  protected onSaved(tenant: Tenant): void {
    this.dialog.set(null);
    this.notice.set({ ok: true, message: { key: 'operator.notice.saved', params: { name: tenant.name } } });
    this.list.reload();
  }

  protected onSuspended(tenant: Tenant): void {
    this.dialog.set(null);
    this.notice.set({
      ok: true,
      message: { key: 'operator.notice.suspended', params: { name: tenant.name } },
    });
    this.list.reload();
  }

  protected reactivate(tenant: Tenant): void {
    if (this.reactivating() !== null) return;
    this.notice.set(null);
    this.reactivating.set(tenant.id);
    this.api.reactivate(tenant.id).subscribe({
      next: (updated) => {
        this.reactivating.set(null);
        this.notice.set({
          ok: true,
          message: { key: 'operator.notice.reactivated', params: { name: updated.name } },
        });
        this.list.reload();
      },
      error: (error: unknown) => {
        this.reactivating.set(null);
        this.notice.set({ ok: false, message: apiMessage(toApiFailure(error)) });
        this.list.reload();
      },
    });
  }

  protected emailParts(email: string): [string, string] {
    const at = email.lastIndexOf('@');
    return at < 0 ? [email, ''] : [email.slice(0, at), email.slice(at + 1)];
  }

  protected statusKey(status: TenantStatus): TranslationKey {
    return `operator.status.${status}`;
  }

  /** Usage at or over its quota is highlighted: the tenant cannot grow further. */
  protected full(used: number, quota: number): boolean {
    return used >= quota;
  }
}
