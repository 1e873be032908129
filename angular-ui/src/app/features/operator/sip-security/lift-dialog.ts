import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import type { SipBlock } from '@webcall/contracts';
import { toApiFailure } from '../../../core/auth/api-error';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { apiMessage } from '../../../shared/api-message';
import { LocalDatePipe } from '../../../shared/local-date.pipe';
import { Modal } from '../../../shared/modal';
import { Icon } from '../../../shell/icon';
import type { Message } from '../../auth/form-support';
import { MessagePipe } from '../../auth/message.pipe';
import { SipBlocksApi } from './sip-blocks.api';

/** How a lift ended: done now, or the block had already ended (expired meanwhile: 404). */
export interface LiftOutcome {
  address: string;
  alreadyGone: boolean;
}

/** Confirms `DELETE /api/operator/sip-blocks/:address`, saying what lifting a block does. */
@Component({
  selector: 'wc-lift-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, MessagePipe, LocalDatePipe, Icon, Modal],
  template: `
    <wc-modal
      headingId="lift-dialog-title"
      testId="lift-dialog"
      [heading]="'sipSecurity.liftDialog.title' | t: { address: block().address }"
      (dismissed)="dismiss()"
    >
      <p class="facts">
        {{
          'sipSecurity.liftDialog.failures'
            | t: { count: block().failures, date: (block().blockedAt | localDate: 'dateTime') }
        }}
      </p>
      <div class="effects" data-testid="lift-effects">
        <p>{{ 'sipSecurity.liftDialog.lead' | t }}</p>
        <ul>
          <li>{{ 'sipSecurity.liftDialog.registerAgain' | t }}</li>
          <li>{{ 'sipSecurity.liftDialog.reblock' | t }}</li>
          <li>{{ 'sipSecurity.liftDialog.audited' | t }}</li>
        </ul>
      </div>

      @if (error(); as message) {
        <p class="alert alert-error" role="alert" data-testid="lift-error">
          <wc-icon name="alert" /><span>{{ message | msg }}</span>
        </p>
      }

      <div class="actions">
        <button class="btn btn-secondary" type="button" data-testid="lift-cancel" (click)="dismiss()">
          {{ 'list.cancel' | t }}
        </button>
        <button
          class="btn btn-primary"
          type="button"
          autofocus
          data-testid="lift-confirm"
          [disabled]="pending()"
          (click)="confirm()"
        >
          @if (pending()) {
            <span class="spinner" aria-hidden="true"></span>{{ 'sipSecurity.liftDialog.pending' | t }}
          } @else {
            {{ 'sipSecurity.liftDialog.confirm' | t }}
          }
        </button>
      </div>
    </wc-modal>
  `,
  styles: `
    .facts {
      margin: 0 0 14px;
      color: var(--muted);
    }
    .effects {
      margin: 0 0 18px;
      padding: 12px 16px;
      border: 1px solid var(--border);
      border-radius: 10px;
      background: #f8fafc;
    }
    .effects p {
      margin: 0 0 6px;
      font-weight: 600;
    }
    .effects ul {
      margin: 0;
      padding-left: 20px;
      line-height: 1.55;
    }
    .alert {
      margin: 0 0 18px;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      gap: 10px;
    }
    @media (max-width: 560px) {
      .actions .btn {
        flex: 1;
      }
    }
  `,
})
export class LiftDialog {
  private readonly api = inject(SipBlocksApi);

  readonly block = input.required<SipBlock>();
  readonly lifted = output<LiftOutcome>();
  readonly dismissed = output<void>();

  protected readonly pending = signal(false);
  protected readonly error = signal<Message | null>(null);

  protected dismiss(): void {
    if (!this.pending()) this.dismissed.emit();
  }

  protected confirm(): void {
    if (this.pending()) return;
    const { address } = this.block();
    this.error.set(null);
    this.pending.set(true);
    this.api.lift(address).subscribe({
      next: () => {
        this.pending.set(false);
        this.lifted.emit({ address, alreadyGone: false });
      },
      error: (error: unknown) => {
        this.pending.set(false);
        const failure = toApiFailure(error);
        // Not blocked any more: the block ran out while the dialog was open. Nothing left to do.
        if (failure.status === 404) this.lifted.emit({ address, alreadyGone: true });
        else this.error.set(apiMessage(failure));
      },
    });
  }
}
