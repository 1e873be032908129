import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  computed,
  inject,
  input,
  output,
  signal,
  type OnInit,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { IP_PHONE_VENDORS, type IpPhone, type IpPhoneSaved, type IpPhoneVendor } from '@webcall/contracts';
import { conflictFields, fieldErrors, toApiFailure } from '../../../core/auth/api-error';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import type { TranslationKey } from '../../../core/i18n/vi';
import { Icon } from '../../../shell/icon';
import { Modal } from '../../../shared/modal';
import { applyFieldErrors, controlMessage, type Message } from '../../auth/form-support';
import { FORM_FIELD } from '../../auth/form-field';
import { MessagePipe } from '../../auth/message.pipe';
import { failureMessage } from '../users/users-support';
import { PhonesApi, formatMac } from './phones-api';

/** A user the phone can be given: active, with an extension. */
export interface PhoneUserOption {
  id: number;
  fullName: string;
  extension: string;
}

/**
 * Add an IP phone (`phone` null) or edit one: MAC, vendor, model, label, user. The API's field
 * errors land on their fields (a taken MAC comes as a 409 naming `mac`).
 */
@Component({
  selector: 'wc-phone-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, Modal, TranslatePipe, MessagePipe, Icon, FORM_FIELD],
  styleUrl: '../users/users.css',
  template: `
    <wc-modal
      testId="phone-dialog"
      headingId="phone-dialog-title"
      [wide]="true"
      [heading]="(phone() ? 'phones.dialog.editTitle' : 'phones.dialog.addTitle') | t"
      (dismissed)="pending() || dismiss.emit()"
    >
      @if (error(); as message) {
        <p class="alert alert-error" role="alert" data-testid="phone-form-error">
          <wc-icon name="alert" /><span>{{ message | msg }}</span>
        </p>
      }
      <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <div class="form-grid">
          <wc-form-field
            inputId="phone-mac"
            name="mac"
            [label]="'phones.field.mac' | t"
            [hint]="'phones.field.macHint' | t"
            [message]="message('mac')"
          >
            <input
              wcFieldControl
              class="input mono"
              type="text"
              formControlName="mac"
              autocomplete="off"
              spellcheck="false"
              maxlength="32"
              autofocus
              data-testid="phone-mac"
              placeholder="00:15:65:AB:CD:EF"
            />
          </wc-form-field>
          <wc-form-field
            inputId="phone-vendor"
            name="vendor"
            [label]="'phones.field.vendor' | t"
            [message]="message('vendor')"
          >
            <select wcFieldControl class="input" formControlName="vendor" data-testid="phone-vendor">
              @for (vendor of vendors; track vendor) {
                <option [value]="vendor">{{ vendorKey(vendor) | t }}</option>
              }
            </select>
          </wc-form-field>
          <wc-form-field
            inputId="phone-model"
            name="model"
            [label]="'phones.field.model' | t"
            [message]="message('model')"
          >
            <input
              wcFieldControl
              class="input"
              type="text"
              formControlName="model"
              autocomplete="off"
              maxlength="64"
              data-testid="phone-model"
              [attr.placeholder]="'phones.field.modelPlaceholder' | t"
            />
          </wc-form-field>
          <wc-form-field
            inputId="phone-label"
            name="label"
            [label]="'phones.field.label' | t"
            [message]="message('label')"
          >
            <input
              wcFieldControl
              class="input"
              type="text"
              formControlName="label"
              autocomplete="off"
              maxlength="100"
              data-testid="phone-label"
              [attr.placeholder]="'phones.field.labelPlaceholder' | t"
            />
          </wc-form-field>
        </div>
        <wc-form-field
          inputId="phone-userId"
          name="userId"
          [label]="'phones.field.user' | t"
          [hint]="(usersFailed() ? 'phones.field.usersFailed' : 'phones.field.userHint') | t"
          [message]="message('userId')"
        >
          <select wcFieldControl class="input" formControlName="userId" data-testid="phone-user">
            <option [ngValue]="null">{{ 'phones.field.noUser' | t }}</option>
            @for (user of userOptions(); track user.id) {
              <option [ngValue]="user.id">{{ user.extension }} · {{ user.fullName }}</option>
            }
          </select>
        </wc-form-field>
        <div class="dialog-actions">
          <button
            type="button"
            class="btn btn-secondary"
            data-testid="phone-cancel"
            [disabled]="pending()"
            (click)="dismiss.emit()"
          >
            {{ 'list.cancel' | t }}
          </button>
          <button class="btn btn-primary" type="submit" data-testid="phone-save" [disabled]="pending()">
            @if (pending()) {
              <span class="spinner" aria-hidden="true"></span>{{ 'account.profile.saving' | t }}
            } @else {
              {{ 'phones.dialog.save' | t }}
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
    .mono {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace;
    }
  `,
})
export class PhoneDialog implements OnInit {
  private readonly api = inject(PhonesApi);
  private readonly document = inject(DOCUMENT);

  /** The phone to edit; null to add one. */
  readonly phone = input<IpPhone | null>(null);
  readonly users = input<readonly PhoneUserOption[]>([]);
  readonly usersFailed = input(false);
  readonly saved = output<IpPhoneSaved>();
  readonly dismiss = output<void>();

  protected readonly vendors = IP_PHONE_VENDORS;
  protected readonly form = inject(NonNullableFormBuilder).group({
    mac: ['', [Validators.required]],
    vendor: ['yealink' as IpPhoneVendor],
    model: [''],
    label: ['', [Validators.maxLength(100)]],
    userId: [null as number | null],
  });
  protected readonly pending = signal(false);
  protected readonly error = signal<Message | null>(null);
  /** The users, plus the phone's current user should they no longer be listed (e.g. disabled). */
  protected readonly userOptions = computed<readonly PhoneUserOption[]>(() => {
    const current = this.phone()?.user;
    const list = this.users();
    return current && !list.some((u) => u.id === current.id)
      ? [...list, { id: current.id, fullName: current.fullName, extension: current.extension ?? '—' }]
      : list;
  });

  ngOnInit(): void {
    const p = this.phone();
    if (p) {
      this.form.reset({
        mac: formatMac(p.mac),
        vendor: p.vendor,
        model: p.model ?? '',
        label: p.label ?? '',
        userId: p.user?.id ?? null,
      });
    }
  }

  protected vendorKey(vendor: IpPhoneVendor): TranslationKey {
    return `phones.vendor.${vendor}`;
  }

  protected message(name: keyof typeof this.form.controls): Message | null {
    const control = this.form.controls[name];
    if (name === 'mac' && control.hasError('required') && (control.touched || control.dirty)) {
      return { key: 'phones.error.macRequired' };
    }
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
    const request = {
      mac: v.mac.trim(),
      vendor: v.vendor,
      model: v.model.trim() || null,
      label: v.label.trim() || null,
      userId: v.userId,
    };
    const current = this.phone();
    this.pending.set(true);
    (current ? this.api.update(current.id, request) : this.api.create(request)).subscribe({
      next: (phone) => {
        this.pending.set(false);
        this.saved.emit(phone);
      },
      error: (error: unknown) => {
        this.pending.set(false);
        const failure = toApiFailure(error);
        if (failure.status === 400) {
          const orphans = applyFieldErrors(this.form, failure);
          this.error.set(orphans.length ? { text: orphans.join(' ') } : null);
        } else if (failure.status === 409 && conflictFields(failure).includes('mac')) {
          // A taken MAC: `fields` names it, `details` holds its message in the request's language.
          const details = fieldErrors({
            ...failure,
            body: { fields: (failure.body as { details?: unknown }).details },
          });
          const control = this.form.controls.mac;
          control.setErrors({ server: details[0]?.message ?? failure.body.message ?? '' });
          control.markAsTouched();
        } else {
          this.error.set(failureMessage(error));
        }
        this.focusFirstError();
      },
    });
  }

  private focusFirstError(): void {
    const first = (['mac', 'vendor', 'model', 'label', 'userId'] as const).find(
      (n) => this.form.controls[n].invalid,
    );
    if (first) this.document.getElementById(`phone-${first}`)?.focus();
  }
}
