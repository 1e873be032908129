import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import type { UserGroup } from '@webcall/contracts';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { Icon } from '../../../shell/icon';
import type { Message } from '../../auth/form-support';
import { MessagePipe } from '../../auth/message.pipe';
import { ConfirmDialog } from './confirm-dialog';
import { GroupDialog } from './group-dialog';
import { UsersApi } from './users-api';
import { failureMessage } from './users-support';
import { LocalDatePipe } from '../../../shared/local-date.pipe';

type Dialog = { kind: 'add' } | { kind: 'rename'; group: UserGroup } | { kind: 'delete'; group: UserGroup };
type Notice = { kind: 'success' | 'error'; message: Message };

/**
 * User groups tab: the table (name, members, created), +Add, rename and delete. The page owns the
 * list (the users tab needs it too) and reloads it on `changed`.
 */
@Component({
  selector: 'wc-groups-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, MessagePipe, Icon, LocalDatePipe, GroupDialog, ConfirmDialog],
  styleUrls: ['../../../shared/list-page.css', './users.css'],
  templateUrl: './groups-tab.html',
  styles: `
    .toolbar {
      align-items: center;
    }
    .intro {
      flex: 1 1 320px;
      margin: 0;
      color: var(--muted);
      font-size: 0.9rem;
    }
    .name {
      overflow-wrap: anywhere;
    }
    .members {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 4px 10px;
      border: 1px solid var(--border);
      border-radius: 999px;
      background: var(--surface);
      color: var(--primary);
      font-weight: 600;
      cursor: pointer;
      --icon-size: 15px;
    }
    .members:hover {
      border-color: #bfdbfe;
      background: #eff6ff;
    }
    .table {
      min-width: 520px;
    }
  `,
})
export class GroupsTab {
  private readonly api = inject(UsersApi);

  readonly groups = input.required<readonly UserGroup[]>();
  readonly loading = input(false);
  readonly loadError = input<Message | null>(null);
  /** Admins only; supervisors get the read-only table. */
  readonly canEdit = input(false);
  /** The list changed on the server: the page reloads it. */
  readonly changed = output<void>();
  readonly retry = output<void>();
  /** Show this group's members in the users tab. */
  readonly showMembers = output<UserGroup>();

  protected readonly dialog = signal<Dialog | null>(null);
  protected readonly notice = signal<Notice | null>(null);
  protected readonly deletePending = signal(false);
  protected readonly deleteError = signal<Message | null>(null);

  protected openAdd(): void {
    this.notice.set(null);
    this.dialog.set({ kind: 'add' });
  }

  protected openRename(group: UserGroup): void {
    this.notice.set(null);
    this.dialog.set({ kind: 'rename', group });
  }

  protected openDelete(group: UserGroup): void {
    this.notice.set(null);
    this.deleteError.set(null);
    this.dialog.set({ kind: 'delete', group });
  }

  protected closeDialog(): void {
    this.dialog.set(null);
  }

  protected onSaved(group: UserGroup): void {
    const renamed = this.dialog()?.kind === 'rename';
    this.dialog.set(null);
    this.notice.set({
      kind: 'success',
      message: { key: renamed ? 'groups.renamed' : 'groups.created', params: { name: group.name } },
    });
    this.changed.emit();
  }

  protected confirmDelete(group: UserGroup): void {
    if (this.deletePending()) return;
    this.deletePending.set(true);
    this.deleteError.set(null);
    this.api.deleteGroup(group.id).subscribe({
      next: () => {
        this.deletePending.set(false);
        this.dialog.set(null);
        this.notice.set({
          kind: 'success',
          message: { key: 'groups.deleted', params: { name: group.name } },
        });
        this.changed.emit();
      },
      error: (error: unknown) => {
        this.deletePending.set(false);
        this.deleteError.set(failureMessage(error));
      },
    });
  }
}
