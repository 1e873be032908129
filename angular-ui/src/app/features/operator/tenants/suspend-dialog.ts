import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import type { Tenant } from '@webcall/contracts';
import { toApiFailure } from '../../../core/auth/api-error';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { apiMessage } from '../../../shared/api-message';
import { Modal } from '../../../shared/modal';
import { Icon } from '../../../shell/icon';
import { applyFieldErrors, controlMessage, type Message } from '../../auth/form-support';
import { FORM_FIELD } from '../../auth/form-field';
import { MessagePipe } from '../../auth/message.pipe';
import { TenantsApi } from './tenants.api';

/** Confirms `POST /api/tenants/:id/suspend`, saying what it does, with an optional reason. */
@Component({
  selector: 'wc-suspend-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslatePipe, MessagePipe, Icon, FORM_FIELD, Modal],
  template: `
    <wc-modal
      headingId="suspend-dialog-title"
      testId="suspend-dialog"
      [heading]="'operator.suspend.title' | t: { name: tenant().name }"
      (dismissed)="dismiss()"
    >
      <div class="effects" data-testid="suspend-effects">
        <p>{{ 'operator.suspend.lead' | t }}</p>
        <ul>
          <li>{{ 'operator.suspend.signedOut' | t }}</li>
          <li>{{ 'operator.suspend.noLogin' | t }}</li>
          <li>{{ 'operator.suspend.callsRefused' | t }}</li>
          <li>{{ 'operator.suspend.dataKept' | t }}</li>
        </ul>
      </div>

      @if (error(); as message) {
        <p class="alert alert-error" role="alert" data-testid="suspend-error">
          <wc-icon name="alert" /><span>{{ message | msg }}</span>
        </p>
      }

      <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <wc-form-field
          inputId="suspend-reason"
          name="reason"
          [label]="'operator.suspend.reason' | t"
          [hint]="'operator.suspend.reasonHint' | t"
          [message]="reasonMessage()"
        >
          <textarea
            wcFieldControl
            class="input textarea"
            rows="3"
            formControlName="reason"
            autofocus
            data-testid="suspend-reason"
          ></textarea>
        </wc-form-field>
        <div class="actions">
          <button class="btn btn-secondary" type="button" data-testid="suspend-cancel" (click)="dismiss()">
            {{ 'list.cancel' | t }}
          </button>
          <button class="btn btn-danger" type="submit" data-testid="suspend-confirm" [disabled]="pending()">
            @if (pending()) {
              <span class="spinner" aria-hidden="true"></span>{{ 'operator.suspend.pending' | t }}
            } @else {
              {{ 'operator.suspend.confirm' | t }}
            }
          </button>
        </div>
      </form>
    </wc-modal>
  `,
  styles: `
    .effects {
      margin: 0 0 18px;
      padding: 12px 16px;
      border: 1px solid var(--warn-border);
      border-radius: 10px;
      background: #fffbeb;
      color: var(--warn-fg);
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
    .textarea {
      height: auto;
      min-height: 84px;
      padding: 10px 12px;
      resize: vertical;
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
export class SuspendDialog {
  private readonly api = inject(TenantsApi);

  readonly tenant = input.required<Tenant>();
  readonly suspended = output<Tenant>();
  readonly dismissed = output<void>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    reason: ['', Validators.maxLength(500)],
  });
  protected readonly pending = signal(false);
  protected readonly error = signal<Message | null>(null);

  protected reasonMessage(): Message | null {
    const control = this.form.controls.reason;
    return controlMessage('reason', control);
  }

  protected dismiss(): void {
    if (!this.pending()) this.dismissed.emit();
  }

  protected submit(): void {
    if (this.pending()) return;
    this.error.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const reason = this.form.controls.reason.value.trim();
    this.pending.set(true);
    this.api.suspend(this.tenant().id, reason ? { reason } : {}).subscribe({
      next: (tenant) => {
        this.pending.set(false);
        this.suspended.emit(tenant);
      },
      error: (error: unknown) => {
        this.pending.set(false);
        const failure = toApiFailure(error);
        const orphans = failure.status === 400 ? applyFieldErrors(this.form, failure) : [];
        if (failure.status !== 400 || this.form.valid) this.error.set(apiMessage(failure));
        else if (orphans.length) this.error.set({ text: orphans.join(' ') });
      },
    });
  }
}
