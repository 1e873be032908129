import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import type { IpPhone, IpPhoneSaved, IpPhoneVendor, PhoneProvisioningInfo } from '@webcall/contracts';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import type { TranslationKey } from '../../../core/i18n/vi';
import { Icon } from '../../../shell/icon';
import { apiMessage } from '../../../shared/api-message';
import { listLoader } from '../../../shared/list-loader';
import { LocalDatePipe } from '../../../shared/local-date.pipe';
import { Modal } from '../../../shared/modal';
import { CopyButton } from '../../account/copy-button';
import type { Message } from '../../auth/form-support';
import { MessagePipe } from '../../auth/message.pipe';
import { ConfirmDialog } from '../users/confirm-dialog';
import { failureMessage } from '../users/users-support';
import { PhoneDialog, type PhoneUserOption } from './phone-dialog';
import { PhonesApi, formatMac, phoneName } from './phones-api';
import type { Observable } from 'rxjs';

type Dialog =
  | { kind: 'add' }
  | { kind: 'edit'; phone: IpPhone }
  | { kind: 'delete'; phone: IpPhone }
  | { kind: 'regenerate' };
type Notice = { kind: 'success' | 'error'; messages: Message[] };

/**
 * Settings → IP phones (F6, admins): the provisioning URL the phones are pointed at (copy,
 * regenerate) and the phones by MAC with their users. Everything shown is what the API answered.
 */
@Component({
  selector: 'wc-phones-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, MessagePipe, Icon, LocalDatePipe, Modal, CopyButton, ConfirmDialog, PhoneDialog],
  styleUrls: ['../../../shared/list-page.css', '../users/users.css'],
  templateUrl: './phones.page.html',
  styles: `
    h2 {
      margin: 0;
      font-size: 1.0625rem;
    }
    .card + .card {
      margin-top: 20px;
    }
    .server {
      padding: 18px 20px 20px;
    }
    .server-head {
      display: flex;
      align-items: flex-start;
      gap: 14px;
    }
    .server-icon {
      display: inline-grid;
      flex: none;
      place-items: center;
      width: 40px;
      height: 40px;
      border-radius: 10px;
      background: var(--primary-soft);
      color: var(--primary);
      --icon-size: 20px;
    }
    .server-text {
      max-width: 75ch;
      margin: 4px 0 0;
      color: var(--muted);
      font-size: 0.9rem;
    }
    .url-row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      margin-top: 16px;
      padding: 6px 6px 6px 14px;
      border: 1px solid var(--border);
      border-radius: 10px;
      background: var(--bg);
    }
    .url {
      flex: 1 1 320px;
      min-width: 0;
      font-size: 0.875rem;
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    .url-row .btn {
      --icon-size: 16px;
    }
    .server .loading,
    .server .state {
      margin-top: 16px;
    }
    .toolbar {
      align-items: center;
      justify-content: space-between;
    }
    .list-title {
      display: inline-flex;
      align-items: center;
      gap: 8px;
    }
    .mono {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace;
      font-size: 0.875rem;
    }
    .label-cell {
      overflow-wrap: anywhere;
    }
    .user {
      display: inline-flex;
      align-items: center;
      gap: 8px;
    }
    .ext {
      padding: 1px 8px;
      border-radius: 999px;
      background: var(--primary-soft);
      color: var(--primary);
      font-size: 0.8125rem;
      font-weight: 600;
    }
    .ip {
      display: block;
      font-size: 0.75rem;
    }
    .table {
      min-width: 760px;
    }
    .notice-line {
      display: block;
    }
    .dialog-text {
      margin: -4px 0 16px;
      color: var(--muted);
      line-height: 1.55;
    }
  `,
})
export default class PhonesPage {
  private readonly api = inject(PhonesApi);

  private readonly list = listLoader(signal(null), () => this.api.list());
  protected readonly phones = computed<readonly IpPhone[] | null>(() => this.list.data());
  protected readonly loading = this.list.loading;
  protected readonly loadError = computed(() => {
    const failure = this.list.failure();
    return failure && this.list.data() === null ? apiMessage(failure) : null;
  });

  protected readonly server = signal<PhoneProvisioningInfo | null>(null);
  protected readonly serverError = signal<Message | null>(null);

  private readonly users = listLoader(signal(null), () => this.api.users());
  protected readonly userOptions = computed<PhoneUserOption[]>(() =>
    (this.users.data()?.items ?? [])
      .filter((u) => u.status === 'active' && u.extension !== null)
      .map((u) => ({ id: u.id, fullName: u.fullName, extension: u.extension! })),
  );
  protected readonly usersFailed = computed(() => this.users.failure() !== null);

  protected readonly dialog = signal<Dialog | null>(null);
  protected readonly dialogError = signal<Message | null>(null);
  protected readonly pending = signal(false);
  protected readonly notice = signal<Notice | null>(null);

  constructor() {
    this.loadServer();
  }

  protected mac(mac: string): string {
    return formatMac(mac);
  }

  protected name(phone: IpPhone): string {
    return phoneName(phone);
  }

  protected vendorKey(vendor: IpPhoneVendor): TranslationKey {
    return `phones.vendor.${vendor}`;
  }

  protected reload(): void {
    this.list.reload();
  }

  protected loadServer(): void {
    this.serverError.set(null);
    this.api.provisioning().subscribe({
      next: (info) => this.server.set(info),
      error: (error: unknown) => this.serverError.set(failureMessage(error)),
    });
  }

  protected openAdd(): void {
    this.open({ kind: 'add' });
  }

  protected openEdit(phone: IpPhone): void {
    this.open({ kind: 'edit', phone });
  }

  protected openDelete(phone: IpPhone): void {
    this.open({ kind: 'delete', phone });
  }

  protected askRegenerate(): void {
    this.open({ kind: 'regenerate' });
  }

  protected closeDialog(): void {
    if (!this.pending()) this.dialog.set(null);
  }

  protected onSaved(phone: IpPhoneSaved): void {
    const edited = this.dialog()?.kind === 'edit';
    this.dialog.set(null);
    const messages: Message[] = [
      { key: edited ? 'phones.updated' : 'phones.created', params: { name: phoneName(phone) } },
    ];
    // The user's device changed too: say so, it changes how they take calls.
    if (phone.userSwitchedToSip && phone.user) {
      messages.push({ key: 'phones.switched', params: { user: phone.user.fullName } });
    }
    this.notice.set({ kind: 'success', messages });
    this.list.reload();
  }

  protected confirmDelete(phone: IpPhone): void {
    this.run(this.api.remove(phone.id), () => {
      this.notice.set({
        kind: 'success',
        messages: [{ key: 'phones.deleted', params: { name: phoneName(phone) } }],
      });
      this.list.reload();
    });
  }

  protected regenerate(): void {
    this.run(this.api.regenerate(), (info) => {
      this.server.set(info);
      this.notice.set({ kind: 'success', messages: [{ key: 'phones.regenerate.done' }] });
    });
  }

  private open(dialog: Dialog): void {
    this.notice.set(null);
    this.dialogError.set(null);
    this.dialog.set(dialog);
  }

  private run<T>(request: Observable<T>, done: (value: T) => void): void {
    if (this.pending()) return;
    this.pending.set(true);
    this.dialogError.set(null);
    request.subscribe({
      next: (value) => {
        this.pending.set(false);
        this.dialog.set(null);
        done(value);
      },
      error: (error: unknown) => {
        this.pending.set(false);
        this.dialogError.set(failureMessage(error));
      },
    });
  }
}
