import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
  type OnInit,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import type { HotlineStatusId, HotlineView, TrunkView } from '@webcall/contracts';
import { toApiFailure } from '../../../core/auth/api-error';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import type { TranslationKey } from '../../../core/i18n/vi';
import { Icon } from '../../../shell/icon';
import { Modal } from '../../../shared/modal';
import { applyFieldErrors, controlMessage, type Message } from '../../auth/form-support';
import { FORM_FIELD } from '../../auth/form-field';
import { MessagePipe } from '../../auth/message.pipe';
import { formatHotline, hotlineStatusKey } from '../../settings/pbx/hotlines/hotline-status';
import { failureMessage } from '../../settings/users/users-support';
import { NEXT_STATUSES, OperatorHotlinesApi } from './operator-hotlines.api';

/** Move a number along the carrier process; activating needs a trunk. */
@Component({
  selector: 'wc-hotline-move-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, Modal, TranslatePipe, MessagePipe, Icon, FORM_FIELD],
  styleUrl: '../../settings/users/users.css',
  template: `
    <wc-modal
      testId="hotline-move-dialog"
      headingId="hotline-move-title"
      [heading]="'opHotlines.move.title' | t: { number: number() }"
      (dismissed)="pending() || dismiss.emit()"
    >
      @if (error(); as message) {
        <p class="alert alert-error" role="alert" data-testid="hotline-move-error">
          <wc-icon name="alert" /><span>{{ message | msg }}</span>
        </p>
      }
      <p class="dialog-text">
        {{
          'opHotlines.move.text'
            | t: { tenant: hotline().tenantName ?? '', status: (statusKey(hotline().status) | t) }
        }}
      </p>
      <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <wc-form-field
          inputId="move-status"
          name="status"
          [label]="'opHotlines.move.to' | t"
          [message]="message('status')"
        >
          <select
            wcFieldControl
            class="input"
            formControlName="status"
            autofocus
            data-testid="hotline-move-status"
          >
            @for (s of next(); track s) {
              <option [value]="s">{{ statusKey(s) | t }}</option>
            }
          </select>
        </wc-form-field>
        @if (target() === 'waiting_contract') {
          <p class="hint">
            <wc-icon name="info" /><span>{{ 'opHotlines.move.dueHint' | t }}</span>
          </p>
        }
        <wc-form-field
          inputId="move-trunkId"
          name="trunkId"
          [label]="'opHotlines.field.trunk' | t"
          [hint]="
            (target() === 'active' ? 'opHotlines.field.trunkRequired' : 'opHotlines.field.trunkOptional') | t
          "
          [message]="message('trunkId')"
        >
          <select wcFieldControl class="input" formControlName="trunkId" data-testid="hotline-move-trunk">
            <option [ngValue]="null">{{ 'opHotlines.field.noTrunk' | t }}</option>
            @for (t of trunks(); track t.id) {
              <option [ngValue]="t.id" [disabled]="!t.enabled">
                {{ t.name }}{{ t.enabled ? '' : ' (' + ('trunks.state.disabled' | t) + ')' }}
              </option>
            }
          </select>
        </wc-form-field>
        <wc-form-field
          inputId="move-note"
          name="note"
          [label]="'opHotlines.field.note' | t"
          [message]="message('note')"
        >
          <input
            wcFieldControl
            class="input"
            type="text"
            formControlName="note"
            maxlength="500"
            data-testid="hotline-move-note"
          />
        </wc-form-field>
        <div class="dialog-actions">
          <button type="button" class="btn btn-secondary" [disabled]="pending()" (click)="dismiss.emit()">
            {{ 'list.cancel' | t }}
          </button>
          <button
            class="btn btn-primary"
            type="submit"
            data-testid="hotline-move-save"
            [disabled]="pending()"
          >
            @if (pending()) {
              <span class="spinner" aria-hidden="true"></span>{{ 'account.profile.saving' | t }}
            } @else {
              {{ 'opHotlines.move.confirm' | t }}
            }
          </button>
        </div>
      </form>
    </wc-modal>
  `,
  styles: `
    .form {
      display: grid;
      gap: 14px;
    }
    .dialog-text {
      margin: -4px 0 16px;
      color: var(--muted);
      line-height: 1.55;
    }
    .hint {
      display: flex;
      gap: 8px;
      margin: -4px 0 0;
      color: var(--muted);
      font-size: 0.875rem;
      --icon-size: 16px;
    }
  `,
})
export class HotlineMoveDialog implements OnInit {
  private readonly api = inject(OperatorHotlinesApi);

  readonly hotline = input.required<HotlineView>();
  readonly trunks = input<readonly TrunkView[]>([]);
  readonly saved = output<HotlineView>();
  readonly dismiss = output<void>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    status: ['waiting_contract' as HotlineStatusId, [Validators.required]],
    trunkId: [null as number | null],
    note: ['', [Validators.maxLength(500)]],
  });
  protected readonly pending = signal(false);
  protected readonly error = signal<Message | null>(null);
  protected readonly target = toSignal(this.form.controls.status.valueChanges, {
    initialValue: 'waiting_contract' as HotlineStatusId,
  });
  protected readonly next = computed(() => NEXT_STATUSES[this.hotline().status]);

  ngOnInit(): void {
    const h = this.hotline();
    const first = NEXT_STATUSES[h.status][0]!;
    this.form.reset({
      status: first,
      trunkId: h.trunkId ?? this.trunks().find((t) => t.enabled)?.id ?? null,
      note: '',
    });
  }

  protected number(): string {
    return formatHotline(this.hotline().number);
  }

  protected statusKey(status: HotlineStatusId): TranslationKey {
    return hotlineStatusKey(status);
  }

  protected message(name: 'status' | 'trunkId' | 'note'): Message | null {
    return controlMessage(name, this.form.controls[name]);
  }

  protected submit(): void {
    if (this.pending()) return;
    this.error.set(null);
    const v = this.form.getRawValue();
    this.pending.set(true);
    this.api
      .move(this.hotline().id, {
        status: v.status,
        ...(v.trunkId ? { trunkId: v.trunkId } : {}),
        ...(v.note.trim() ? { note: v.note.trim() } : {}),
      })
      .subscribe({
        next: (hotline) => {
          this.pending.set(false);
          this.saved.emit(hotline);
        },
        error: (error: unknown) => {
          this.pending.set(false);
          const failure = toApiFailure(error);
          if (failure.status === 400) {
            const orphans = applyFieldErrors(this.form, failure);
            this.error.set(orphans.length ? { text: orphans.join(' ') } : null);
          } else {
            this.error.set(failureMessage(error));
          }
        },
      });
  }
}
