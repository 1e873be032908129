import { ChangeDetectionStrategy, Component, computed, effect, inject, output, signal } from '@angular/core';
import type { MohClassView, PromptView } from '@webcall/contracts';
import { catchError, map, of } from 'rxjs';
import { toApiFailure } from '../../../../core/auth/api-error';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { Icon } from '../../../../shell/icon';
import { apiMessage } from '../../../../shared/api-message';
import { listLoader } from '../../../../shared/list-loader';
import type { Message } from '../../../auth/form-support';
import { MessagePipe } from '../../../auth/message.pipe';
import { ConfirmDialog } from '../../users/confirm-dialog';
import { MohClassDialog } from './moh-class-dialog';
import { QueuesApi } from './queues-api';

type Dialog = { kind: 'add' } | { kind: 'edit'; moh: MohClassView } | { kind: 'delete'; moh: MohClassView };

/**
 * Music-on-hold classes (issue 6): named, ordered lists of the tenant's prompts that waiting
 * callers hear in turn. A queue plays the built-in music or one of these.
 */
@Component({
  selector: 'wc-moh-classes-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, MessagePipe, Icon, ConfirmDialog, MohClassDialog],
  styleUrls: [
    '../../../../shared/list-page.css',
    '../../users/users.css',
    '../shared/pbx.css',
    './side-card.css',
  ],
  template: `
    <section class="card" aria-labelledby="moh-title" data-testid="moh-classes">
      <div class="card-head">
        <div>
          <h2 id="moh-title">{{ 'queues.moh.title' | t }}</h2>
          <p>{{ 'queues.moh.lead' | t }}</p>
        </div>
        <button
          type="button"
          class="btn btn-secondary btn-sm"
          data-testid="moh-add"
          (click)="open({ kind: 'add' })"
        >
          <wc-icon name="plus" />{{ 'queues.moh.add' | t }}
        </button>
      </div>
      <div class="card-body">
        @if (loadError(); as m) {
          <p class="alert alert-error" role="alert">
            <wc-icon name="alert" /><span>{{ m | msg }}</span>
          </p>
        } @else if (classes() === null) {
          <div class="loading" role="status"><span class="spinner dark" aria-hidden="true"></span></div>
        } @else if (!classes()!.length) {
          <p class="empty-line" data-testid="moh-empty">{{ 'queues.moh.empty' | t }}</p>
        } @else {
          <ul class="rows" data-testid="moh-list">
            @for (c of classes(); track c.id) {
              <li class="row" data-testid="moh-class" [attr.data-id]="c.id" [attr.data-name]="c.name">
                <span class="moh">
                  <span class="name"><wc-icon name="headphones" />{{ c.name }}</span>
                  <span class="chips">
                    @for (id of c.promptIds; track $index) {
                      <span class="chip"
                        ><span class="muted">{{ $index + 1 }}.</span> {{ promptName(id) }}</span
                      >
                    } @empty {
                      <span class="muted small">{{ 'queues.moh.noPrompts' | t }}</span>
                    }
                  </span>
                </span>
                <span class="row-actions">
                  <button
                    type="button"
                    class="icon-btn"
                    data-testid="moh-edit"
                    [attr.aria-label]="'queues.moh.edit' | t: { name: c.name }"
                    [attr.title]="'queues.moh.edit' | t: { name: c.name }"
                    (click)="open({ kind: 'edit', moh: c })"
                  >
                    <wc-icon name="edit" />
                  </button>
                  <button
                    type="button"
                    class="icon-btn danger"
                    data-testid="moh-delete"
                    [attr.aria-label]="'queues.moh.delete' | t: { name: c.name }"
                    [attr.title]="'queues.moh.delete' | t: { name: c.name }"
                    (click)="open({ kind: 'delete', moh: c })"
                  >
                    <wc-icon name="trash" />
                  </button>
                </span>
              </li>
            }
          </ul>
        }
      </div>
    </section>

    @if (dialog(); as d) {
      @if (d.kind === 'delete') {
        <wc-confirm-dialog
          [heading]="'queues.moh.deleteTitle' | t"
          [confirmLabel]="'queues.delete.confirm' | t"
          [pending]="pending()"
          [error]="deleteError()"
          (confirm)="remove(d.moh)"
          (dismiss)="pending() || dialog.set(null)"
        >
          <p>{{ 'queues.moh.deleteText' | t: { name: d.moh.name } }}</p>
        </wc-confirm-dialog>
      } @else {
        <wc-moh-class-dialog
          [moh]="d.kind === 'edit' ? d.moh : null"
          [prompts]="prompts()"
          (saved)="onSaved()"
          (dismiss)="dialog.set(null)"
        />
      }
    }
  `,
  styles: `
    .moh {
      display: grid;
      gap: 6px;
      min-width: 0;
      padding: 4px 0;
    }
    .small {
      font-size: 0.8125rem;
    }
  `,
})
export class MohClassesCard {
  private readonly api = inject(QueuesApi);

  /** The list, each time it is (re)loaded: the queue dialog offers these classes. */
  readonly changed = output<readonly MohClassView[]>();

  private readonly list = listLoader(signal(null), () => this.api.mohClasses());
  protected readonly classes = this.list.data;
  protected readonly loadError = computed(() => {
    const failure = this.list.failure();
    return failure && this.list.data() === null ? apiMessage(failure) : null;
  });
  /** The prompt library (the tenant's own first, then the built-in ones). */
  private readonly promptList = listLoader(signal(null), () =>
    this.api.prompts().pipe(
      map((page) =>
        [...(page.items ?? [])].sort((a, b) => Number(a.tenantId === null) - Number(b.tenantId === null)),
      ),
      catchError(() => of([] as PromptView[])),
    ),
  );
  protected readonly prompts = computed(() => this.promptList.data() ?? []);

  protected readonly dialog = signal<Dialog | null>(null);
  protected readonly deleteError = signal<Message | null>(null);
  protected readonly pending = signal(false);

  constructor() {
    effect(() => {
      const list = this.classes();
      if (list) this.changed.emit(list);
    });
  }

  protected promptName(id: number): string {
    return this.prompts().find((p) => p.id === id)?.name ?? `#${id}`;
  }

  protected open(dialog: Dialog): void {
    this.deleteError.set(null);
    if (dialog.kind !== 'delete') this.promptList.reload();
    this.dialog.set(dialog);
  }

  protected onSaved(): void {
    this.dialog.set(null);
    this.list.reload();
  }

  protected remove(moh: MohClassView): void {
    if (this.pending()) return;
    this.pending.set(true);
    this.api.removeMohClass(moh.id).subscribe({
      next: () => {
        this.pending.set(false);
        this.dialog.set(null);
        this.list.reload();
      },
      error: (error: unknown) => {
        this.pending.set(false);
        this.deleteError.set(apiMessage(toApiFailure(error)));
      },
    });
  }
}
