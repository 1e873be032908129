import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import type { MohClassView, QueueView, TenantUser, UserGroup } from '@webcall/contracts';
import { type Observable, catchError, map, of } from 'rxjs';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { TranslationService } from '../../../../core/i18n/translation.service';
import { Icon } from '../../../../shell/icon';
import { apiMessage } from '../../../../shared/api-message';
import { listLoader } from '../../../../shared/list-loader';
import type { Message } from '../../../auth/form-support';
import { MessagePipe } from '../../../auth/message.pipe';
import { ConfirmDialog } from '../../users/confirm-dialog';
import { failureMessage } from '../../users/users-support';
import { FlowStore } from '../shared/flow-store';
import { MohClassesCard } from './moh-classes';
import { PauseReasonsCard } from './pause-reasons';
import { QueueDialog } from './queue-dialog';
import { QueueSettingsCard } from './queue-settings';
import { formatSeconds, strategyKey } from './queue-support';
import { QueuesApi } from './queues-api';

type Dialog = { kind: 'add' } | { kind: 'edit'; queue: QueueView } | { kind: 'delete'; queue: QueueView };

/** A list the dialogs choose from; empty when it cannot be read (the dialog still opens). */
function tolerant<T>(source: Observable<T[]>): Observable<T[]> {
  return source.pipe(
    map((items) => (Array.isArray(items) ? items : [])),
    catchError(() => of([] as T[])),
  );
}

/**
 * PBX → Queue groups (F15): the tenant's queue groups (strategy, members, timing, limits,
 * recording) with +Add, edit and delete; below, the general settings (record every queue call,
 * the language of announcements), the pause reasons agents choose from and the music-on-hold
 * classes queues play. Flows send calls to a queue from any destination picker.
 */
@Component({
  selector: 'wc-pbx-queues-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    TranslatePipe,
    MessagePipe,
    Icon,
    ConfirmDialog,
    QueueDialog,
    PauseReasonsCard,
    MohClassesCard,
    QueueSettingsCard,
  ],
  styleUrls: [
    '../../../../shared/list-page.css',
    '../../users/users.css',
    '../shared/pbx.css',
    './queues.tab.css',
  ],
  templateUrl: './queues.tab.html',
})
export default class QueuesTab {
  private readonly api = inject(QueuesApi);
  private readonly store = inject(FlowStore);
  private readonly i18n = inject(TranslationService);

  private readonly list = listLoader(signal(null), () => this.api.list());
  protected readonly queues = this.list.data;
  protected readonly loading = this.list.loading;
  protected readonly loadError = computed(() => {
    const failure = this.list.failure();
    return failure && this.list.data() === null ? apiMessage(failure) : null;
  });

  private readonly userList = listLoader(signal(null), () =>
    this.api.users().pipe(
      map((page) => page.items ?? []),
      catchError(() => of([] as TenantUser[])),
    ),
  );
  protected readonly users = computed(() => this.userList.data() ?? []);
  private readonly groupList = listLoader(signal(null), () => tolerant<UserGroup>(this.api.groups()));
  protected readonly groups = computed(() => this.groupList.data() ?? []);
  protected readonly mohClasses = signal<readonly MohClassView[]>([]);

  protected readonly dialog = signal<Dialog | null>(null);
  protected readonly dialogError = signal<Message | null>(null);
  protected readonly pending = signal(false);
  protected readonly notice = signal<Message | null>(null);

  protected readonly strategyKey = strategyKey;

  constructor() {
    this.store.start();
  }

  protected seconds(s: number): string {
    return formatSeconds(s, this.i18n.lang());
  }

  protected mohName(queue: QueueView): Message {
    if (queue.mohClassId === null) return { key: 'queues.field.mohBuiltin' };
    const found = this.mohClasses().find((c) => c.id === queue.mohClassId);
    return { text: found?.name ?? `#${queue.mohClassId}` };
  }

  protected reload(): void {
    this.list.reload();
  }

  protected open(dialog: Dialog): void {
    this.notice.set(null);
    this.dialogError.set(null);
    if (dialog.kind !== 'delete') {
      this.userList.reload();
      this.groupList.reload();
    }
    this.dialog.set(dialog);
  }

  protected close(): void {
    if (!this.pending()) this.dialog.set(null);
  }

  protected onSaved(queue: QueueView): void {
    const edited = this.dialog()?.kind === 'edit';
    this.dialog.set(null);
    this.notice.set({ key: edited ? 'queues.updated' : 'queues.created', params: { name: queue.name } });
    this.list.reload();
    this.store.reloadQueues();
  }

  protected confirmDelete(queue: QueueView): void {
    if (this.pending()) return;
    this.pending.set(true);
    this.api.remove(queue.id).subscribe({
      next: () => {
        this.pending.set(false);
        this.dialog.set(null);
        this.notice.set({ key: 'queues.deleted', params: { name: queue.name } });
        this.list.reload();
        this.store.reloadQueues();
      },
      error: (error: unknown) => {
        this.pending.set(false);
        this.dialogError.set(failureMessage(error));
      },
    });
  }
}
