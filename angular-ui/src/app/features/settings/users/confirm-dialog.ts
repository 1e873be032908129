import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { Icon } from '../../../shell/icon';
import type { Message } from '../../auth/form-support';
import { MessagePipe } from '../../auth/message.pipe';
import { Modal } from '../../../shared/modal';

/** "Are you sure?" for destructive actions; the projected content explains the consequences. */
@Component({
  selector: 'wc-confirm-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Modal, TranslatePipe, MessagePipe, Icon],
  styleUrl: './users.css',
  template: `
    <wc-modal
      testId="confirm-dialog"
      headingId="confirm-dialog-title"
      [heading]="heading()"
      (dismissed)="pending() || dismiss.emit()"
    >
      @if (error(); as message) {
        <p class="alert alert-error" role="alert" data-testid="confirm-error">
          <wc-icon name="alert" /><span>{{ message | msg }}</span>
        </p>
      }
      <div class="text"><ng-content /></div>
      <div class="dialog-actions">
        <button
          type="button"
          class="btn btn-secondary"
          data-testid="confirm-cancel"
          autofocus
          [disabled]="pending()"
          (click)="dismiss.emit()"
        >
          {{ 'list.cancel' | t }}
        </button>
        <button
          type="button"
          class="btn btn-danger"
          data-testid="confirm-ok"
          [disabled]="pending()"
          (click)="confirm.emit()"
        >
          @if (pending()) {
            <span class="spinner" aria-hidden="true"></span>{{ 'users.deleting' | t }}
          } @else {
            {{ confirmLabel() }}
          }
        </button>
      </div>
    </wc-modal>
  `,
  styles: `
    /* The projected paragraphs keep their default margins. */
    .text {
      margin: -6px 0 14px;
      color: var(--muted);
      line-height: 1.55;
    }
  `,
})
export class ConfirmDialog {
  readonly heading = input.required<string>();
  readonly confirmLabel = input.required<string>();
  readonly pending = input(false);
  readonly error = input<Message | null>(null);
  readonly confirm = output<void>();
  readonly dismiss = output<void>();
}
