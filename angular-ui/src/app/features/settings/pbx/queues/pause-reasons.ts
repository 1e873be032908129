import { ChangeDetectionStrategy, Component, DOCUMENT, computed, inject, signal } from '@angular/core';
import type { PauseReasonView } from '@webcall/contracts';
import { conflictFields, fieldErrors, toApiFailure } from '../../../../core/auth/api-error';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { Icon } from '../../../../shell/icon';
import { apiMessage } from '../../../../shared/api-message';
import { listLoader } from '../../../../shared/list-loader';
import type { Message } from '../../../auth/form-support';
import { MessagePipe } from '../../../auth/message.pipe';
import { ConfirmDialog } from '../../users/confirm-dialog';
import { QueuesApi } from './queues-api';

const NAME_MAX = 64;

/** The API's message for the name field of a 400, else its general message. */
function nameError(error: unknown): Message {
  const failure = toApiFailure(error);
  if (failure.status === 409 && conflictFields(failure).includes('name'))
    return { key: 'queues.error.nameTaken' };
  const field = fieldErrors(failure).find((f) => f.field === 'name') ?? fieldErrors(failure)[0];
  return field ? { text: field.message } : apiMessage(failure);
}

/**
 * Pause reasons (issue 6): what agents choose from when they pause (lunch, training…). A list
 * with inline add, rename and delete (with confirmation).
 */
@Component({
  selector: 'wc-pause-reasons-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, MessagePipe, Icon, ConfirmDialog],
  styleUrls: [
    '../../../../shared/list-page.css',
    '../../users/users.css',
    '../shared/pbx.css',
    './side-card.css',
  ],
  template: `
    <section class="card" aria-labelledby="pause-reasons-title" data-testid="pause-reasons">
      <div class="card-head">
        <div>
          <h2 id="pause-reasons-title">{{ 'queues.pause.title' | t }}</h2>
          <p>{{ 'queues.pause.lead' | t }}</p>
        </div>
      </div>
      <div class="card-body">
        @if (loadError(); as m) {
          <p class="alert alert-error" role="alert">
            <wc-icon name="alert" /><span>{{ m | msg }}</span>
          </p>
        } @else if (reasons() === null) {
          <div class="loading" role="status"><span class="spinner dark" aria-hidden="true"></span></div>
        } @else if (!reasons()!.length) {
          <p class="empty-line" data-testid="pause-reasons-empty">{{ 'queues.pause.empty' | t }}</p>
        } @else {
          <ul class="rows" data-testid="pause-reason-list">
            @for (r of reasons(); track r.id) {
              <li class="row" data-testid="pause-reason" [attr.data-id]="r.id" [attr.data-name]="r.name">
                @if (editingId() === r.id) {
                  <form class="inline-form" (submit)="$event.preventDefault(); rename(r, renameInput.value)">
                    <input
                      #renameInput
                      class="input compact"
                      type="text"
                      autocomplete="off"
                      data-testid="pause-reason-rename-input"
                      [attr.maxlength]="nameMax"
                      [attr.aria-label]="'queues.pause.rename' | t: { name: r.name }"
                      [attr.aria-invalid]="renameError() ? 'true' : null"
                      [value]="r.name"
                    />
                    <button
                      type="submit"
                      class="btn btn-primary btn-sm"
                      data-testid="pause-reason-rename-save"
                      [disabled]="pending()"
                    >
                      {{ 'queues.save' | t }}
                    </button>
                    <button
                      type="button"
                      class="btn btn-secondary btn-sm"
                      [disabled]="pending()"
                      (click)="editingId.set(null)"
                    >
                      {{ 'list.cancel' | t }}
                    </button>
                  </form>
                  @if (renameError(); as m) {
                    <p class="field-error" data-testid="field-error-pause-rename">
                      <wc-icon name="alert" />{{ m | msg }}
                    </p>
                  }
                } @else {
                  <span class="name"><wc-icon name="pause" />{{ r.name }}</span>
                  <span class="row-actions">
                    <button
                      type="button"
                      class="icon-btn"
                      data-testid="pause-reason-edit"
                      [attr.aria-label]="'queues.pause.rename' | t: { name: r.name }"
                      [attr.title]="'queues.pause.rename' | t: { name: r.name }"
                      (click)="startRename(r)"
                    >
                      <wc-icon name="edit" />
                    </button>
                    <button
                      type="button"
                      class="icon-btn danger"
                      data-testid="pause-reason-delete"
                      [attr.aria-label]="'queues.pause.delete' | t: { name: r.name }"
                      [attr.title]="'queues.pause.delete' | t: { name: r.name }"
                      (click)="deleteError.set(null); deleting.set(r)"
                    >
                      <wc-icon name="trash" />
                    </button>
                  </span>
                }
              </li>
            }
          </ul>
        }
        <form class="inline-form add" (submit)="$event.preventDefault(); add()">
          <label class="visually-hidden" for="pause-reason-new">{{ 'queues.pause.new' | t }}</label>
          <input
            id="pause-reason-new"
            class="input compact"
            type="text"
            autocomplete="off"
            data-testid="pause-reason-new"
            [attr.maxlength]="nameMax"
            [attr.placeholder]="'queues.pause.placeholder' | t"
            [attr.aria-invalid]="addError() ? 'true' : null"
            [value]="newName()"
            (input)="newName.set($any($event.target).value); addError.set(null)"
          />
          <button
            type="submit"
            class="btn btn-secondary btn-sm"
            data-testid="pause-reason-add"
            [disabled]="pending()"
          >
            <wc-icon name="plus" />{{ 'queues.pause.add' | t }}
          </button>
        </form>
        @if (addError(); as m) {
          <p class="field-error" data-testid="field-error-pause-name">
            <wc-icon name="alert" />{{ m | msg }}
          </p>
        }
      </div>
    </section>

    @if (deleting(); as r) {
      <wc-confirm-dialog
        [heading]="'queues.pause.deleteTitle' | t"
        [confirmLabel]="'queues.delete.confirm' | t"
        [pending]="pending()"
        [error]="deleteError()"
        (confirm)="remove(r)"
        (dismiss)="pending() || deleting.set(null)"
      >
        <p>{{ 'queues.pause.deleteText' | t: { name: r.name } }}</p>
      </wc-confirm-dialog>
    }
  `,
})
export class PauseReasonsCard {
  private readonly api = inject(QueuesApi);
  private readonly document = inject(DOCUMENT);

  private readonly list = listLoader(signal(null), () => this.api.pauseReasons());
  protected readonly reasons = this.list.data;
  protected readonly loadError = computed(() => {
    const failure = this.list.failure();
    return failure && this.list.data() === null ? apiMessage(failure) : null;
  });

  protected readonly nameMax = NAME_MAX;
  protected readonly newName = signal('');
  protected readonly addError = signal<Message | null>(null);
  protected readonly editingId = signal<number | null>(null);
  protected readonly renameError = signal<Message | null>(null);
  protected readonly deleting = signal<PauseReasonView | null>(null);
  protected readonly deleteError = signal<Message | null>(null);
  protected readonly pending = signal(false);

  protected add(): void {
    if (this.pending()) return;
    const name = this.newName().trim();
    if (!name) return this.addError.set({ key: 'queues.error.nameRequired' });
    this.pending.set(true);
    this.api.createPauseReason(name).subscribe({
      next: () => {
        this.pending.set(false);
        this.newName.set('');
        this.list.reload();
      },
      error: (error: unknown) => {
        this.pending.set(false);
        this.addError.set(nameError(error));
        this.document.getElementById('pause-reason-new')?.focus();
      },
    });
  }

  protected startRename(reason: PauseReasonView): void {
    this.renameError.set(null);
    this.editingId.set(reason.id);
    setTimeout(() =>
      (
        this.document.querySelector('[data-testid="pause-reason-rename-input"]') as HTMLInputElement | null
      )?.focus(),
    );
  }

  protected rename(reason: PauseReasonView, text: string): void {
    if (this.pending()) return;
    const name = text.trim();
    if (!name) return this.renameError.set({ key: 'queues.error.nameRequired' });
    if (name === reason.name) return this.editingId.set(null);
    this.pending.set(true);
    this.api.renamePauseReason(reason.id, name).subscribe({
      next: () => {
        this.pending.set(false);
        this.editingId.set(null);
        this.list.reload();
      },
      error: (error: unknown) => {
        this.pending.set(false);
        this.renameError.set(nameError(error));
      },
    });
  }

  protected remove(reason: PauseReasonView): void {
    if (this.pending()) return;
    this.pending.set(true);
    this.api.removePauseReason(reason.id).subscribe({
      next: () => {
        this.pending.set(false);
        this.deleting.set(null);
        this.list.reload();
      },
      error: (error: unknown) => {
        this.pending.set(false);
        this.deleteError.set(apiMessage(toApiFailure(error)));
      },
    });
  }
}
