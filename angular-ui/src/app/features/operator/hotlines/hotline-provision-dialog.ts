import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  inject,
  input,
  output,
  signal,
  type OnInit,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import {
  HOTLINE_STATUS_IDS,
  type HotlineStatusId,
  type HotlineView,
  type TrunkView,
} from '@webcall/contracts';
import { conflictFields, fieldErrors, toApiFailure } from '../../../core/auth/api-error';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import type { TranslationKey } from '../../../core/i18n/vi';
import { Icon } from '../../../shell/icon';
import { Modal } from '../../../shared/modal';
import { applyFieldErrors, controlMessage, type Message } from '../../auth/form-support';
import { FORM_FIELD } from '../../auth/form-field';
import { MessagePipe } from '../../auth/message.pipe';
import { hotlineStatusKey } from '../../settings/pbx/hotlines/hotline-status';
import { failureMessage } from '../../settings/users/users-support';
import { OperatorHotlinesApi } from './operator-hotlines.api';

export interface TenantOption {
  id: number;
  name: string;
}

const ORDER = ['tenantId', 'number', 'trunkId', 'status', 'note'] as const;

/** Telco-style provisioning: a number the carrier already gave, put on a tenant and a trunk at once. */
@Component({
  selector: 'wc-hotline-provision-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, Modal, TranslatePipe, MessagePipe, Icon, FORM_FIELD],
  styleUrl: '../../settings/users/users.css',
  template: `
    <wc-modal
      testId="hotline-provision-dialog"
      headingId="hotline-provision-title"
      [heading]="'opHotlines.provision.title' | t"
      (dismissed)="pending() || dismiss.emit()"
    >
      @if (error(); as message) {
        <p class="alert alert-error" role="alert">
          <wc-icon name="alert" /><span>{{ message | msg }}</span>
        </p>
      }
      <p class="dialog-text">{{ 'opHotlines.provision.text' | t }}</p>
      <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <wc-form-field
          inputId="provision-tenantId"
          name="tenantId"
          [label]="'opHotlines.field.tenant' | t"
          [message]="message('tenantId')"
        >
          <select
            wcFieldControl
            class="input"
            formControlName="tenantId"
            autofocus
            data-testid="provision-tenant"
          >
            <option [ngValue]="null" disabled>{{ 'opHotlines.field.chooseTenant' | t }}</option>
            @for (t of tenants(); track t.id) {
              <option [ngValue]="t.id">{{ t.name }}</option>
            }
          </select>
        </wc-form-field>
        <div class="form-grid">
          <wc-form-field
            inputId="provision-number"
            name="number"
            [label]="'hotlines.field.number' | t"
            [message]="message('number')"
          >
            <input
              wcFieldControl
              class="input"
              type="text"
              inputmode="tel"
              formControlName="number"
              maxlength="32"
              data-testid="provision-number"
              placeholder="1800 1234"
            />
          </wc-form-field>
          <wc-form-field
            inputId="provision-status"
            name="status"
            [label]="'opHotlines.field.status' | t"
            [message]="message('status')"
          >
            <select wcFieldControl class="input" formControlName="status" data-testid="provision-status">
              @for (s of statuses; track s) {
                <option [value]="s">{{ statusKey(s) | t }}</option>
              }
            </select>
          </wc-form-field>
        </div>
        <wc-form-field
          inputId="provision-trunkId"
          name="trunkId"
          [label]="'opHotlines.field.trunk' | t"
          [message]="message('trunkId')"
        >
          <select wcFieldControl class="input" formControlName="trunkId" data-testid="provision-trunk">
            <option [ngValue]="null" disabled>{{ 'opHotlines.field.chooseTrunk' | t }}</option>
            @for (t of trunks(); track t.id) {
              <option [ngValue]="t.id">{{ t.name }}</option>
            }
          </select>
        </wc-form-field>
        <wc-form-field
          inputId="provision-note"
          name="note"
          [label]="'opHotlines.field.note' | t"
          [message]="message('note')"
        >
          <input wcFieldControl class="input" type="text" formControlName="note" maxlength="500" />
        </wc-form-field>
        <div class="dialog-actions">
          <button type="button" class="btn btn-secondary" [disabled]="pending()" (click)="dismiss.emit()">
            {{ 'list.cancel' | t }}
          </button>
          <button class="btn btn-primary" type="submit" data-testid="provision-save" [disabled]="pending()">
            @if (pending()) {
              <span class="spinner" aria-hidden="true"></span>{{ 'account.profile.saving' | t }}
            } @else {
              {{ 'opHotlines.provision.confirm' | t }}
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
  `,
})
export class HotlineProvisionDialog implements OnInit {
  private readonly api = inject(OperatorHotlinesApi);
  private readonly document = inject(DOCUMENT);

  readonly tenants = input<readonly TenantOption[]>([]);
  readonly trunks = input<readonly TrunkView[]>([]);
  readonly saved = output<HotlineView>();
  readonly dismiss = output<void>();

  protected readonly statuses = HOTLINE_STATUS_IDS;
  protected readonly form = inject(NonNullableFormBuilder).group({
    tenantId: [null as number | null, [Validators.required]],
    number: ['', [Validators.required, Validators.maxLength(32)]],
    trunkId: [null as number | null, [Validators.required]],
    status: ['active' as HotlineStatusId],
    note: ['', [Validators.maxLength(500)]],
  });
  protected readonly pending = signal(false);
  protected readonly error = signal<Message | null>(null);

  ngOnInit(): void {
    const first = this.trunks().find((t) => t.enabled);
    if (first) this.form.controls.trunkId.setValue(first.id);
  }

  protected statusKey(status: HotlineStatusId): TranslationKey {
    return hotlineStatusKey(status);
  }

  protected message(name: (typeof ORDER)[number]): Message | null {
    const control = this.form.controls[name];
    if (control.hasError('required') && (control.touched || control.dirty))
      return { key: 'trunks.error.required' };
    return controlMessage(name, control);
  }

  protected submit(): void {
    if (this.pending()) return;
    this.error.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.focusFirstError();
      return;
    }
    const v = this.form.getRawValue();
    this.pending.set(true);
    this.api
      .provision({
        tenantId: v.tenantId!,
        number: v.number.trim(),
        trunkId: v.trunkId!,
        status: v.status,
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
          } else if (failure.status === 409 && conflictFields(failure).includes('number')) {
            const details = fieldErrors({
              ...failure,
              body: { fields: (failure.body as { details?: unknown }).details },
            });
            this.form.controls.number.setErrors({
              server: details[0]?.message ?? failure.body.message ?? '',
            });
            this.form.controls.number.markAsTouched();
          } else {
            this.error.set(failureMessage(error));
          }
          this.focusFirstError();
        },
      });
  }

  private focusFirstError(): void {
    const first = ORDER.find((n) => this.form.controls[n].invalid);
    if (first) this.document.getElementById(`provision-${first}`)?.focus();
  }
}
