import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  type OnInit,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators, type ValidatorFn } from '@angular/forms';
import type { CreateTenantRequest, Tenant, TenantQuotas, UpdateTenantRequest } from '@webcall/contracts';
import type { Observable } from 'rxjs';
import { toApiFailure } from '../../../core/auth/api-error';
import { normalizePhone } from '../../../core/auth/validation';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { TranslationService } from '../../../core/i18n/translation.service';
import type { TranslationKey } from '../../../core/i18n/vi';
import { apiMessage } from '../../../shared/api-message';
import { Modal } from '../../../shared/modal';
import { Icon } from '../../../shell/icon';
import { applyFieldErrors, focusFirstInvalid, type Message, vnPhoneValidator } from '../../auth/form-support';
import { FORM_FIELD } from '../../auth/form-field';
import { MessagePipe } from '../../auth/message.pipe';
import { QUOTAS, type QuotaName, quotaRule, tenantFieldMessage } from './tenant-form';
import { TenantsApi } from './tenants.api';

/** Controls in screen order (focus goes to the first invalid one); API field names. */
const FIELDS = [
  'companyName',
  'adminFullName',
  'adminEmail',
  'adminPhone',
  'quotas.users',
  'quotas.concurrentCalls',
  'quotas.hotlines',
] as const;
type TextField = 'companyName' | 'adminFullName' | 'adminEmail' | 'adminPhone';

const REQUIRED_KEYS: Record<TextField, TranslationKey> = {
  companyName: 'operator.error.required.companyName',
  adminFullName: 'operator.error.required.adminFullName',
  adminEmail: 'operator.error.required.adminEmail',
  adminPhone: 'auth.error.phone',
};

/** A quota control: a whole number within the API's bounds, starting at a new tenant's default. */
function quotaControl(name: QuotaName): [number, ValidatorFn[]] {
  const { min, max, initial } = quotaRule(name);
  return [
    initial,
    [Validators.required, Validators.min(min), Validators.max(max), Validators.pattern(/^\d+$/)],
  ];
}

/**
 * +Add tenant (company, first admin, quotas → `POST /api/tenants`, then "invitation mailed") and
 * Edit tenant (name and quotas → `PATCH /api/tenants/:id`) in one dialog: `tenant` null adds.
 * Field errors of a 400 land on their fields (`companyName` taken, `quotas.users` below usage…).
 */
@Component({
  selector: 'wc-tenant-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslatePipe, MessagePipe, Icon, FORM_FIELD, Modal],
  templateUrl: './tenant-dialog.html',
  styles: `
    .lead {
      margin: 0 0 18px;
      color: var(--muted);
    }
    fieldset {
      display: grid;
      gap: 14px;
      min-width: 0;
      margin: 0;
      padding: 0;
      border: 0;
    }
    legend {
      margin-bottom: 10px;
      padding: 0;
      color: var(--muted);
      font-size: 0.75rem;
      font-weight: 700;
      letter-spacing: 0.06em;
      text-transform: uppercase;
    }
    .hint {
      margin: 0 0 10px;
      color: var(--text-muted);
      font-size: 0.8125rem;
    }
    fieldset .check {
      margin-bottom: 8px;
    }
    .quotas {
      display: grid;
      grid-template-columns: repeat(3, minmax(0, 1fr));
      gap: 14px;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      gap: 10px;
      margin-top: 6px;
    }
    .done {
      display: grid;
      justify-items: center;
      gap: 6px;
      padding: 4px 0;
      text-align: center;
    }
    .done h3 {
      margin: 0;
      font-size: 1.0625rem;
    }
    .done p {
      margin: 0 0 14px;
      color: var(--muted);
      line-height: 1.55;
    }
    .done strong {
      color: var(--text);
    }
    @media (max-width: 560px) {
      .quotas {
        grid-template-columns: minmax(0, 1fr);
      }
      .actions .btn {
        flex: 1;
      }
    }
  `,
})
export class TenantDialog implements OnInit {
  private readonly api = inject(TenantsApi);
  private readonly document = inject(DOCUMENT);
  private readonly i18n = inject(TranslationService);

  /** The tenant to edit; null adds a new one. */
  readonly tenant = input<Tenant | null>(null);
  /** A tenant was created (the dialog stays open on its "invitation mailed" notice). */
  readonly created = output<Tenant>();
  /** An edit was saved; the parent closes the dialog. */
  readonly saved = output<Tenant>();
  readonly dismissed = output<void>();

  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly quotas = QUOTAS;
  protected readonly form = this.fb.group({
    companyName: ['', [Validators.required, Validators.maxLength(200)]],
    adminFullName: ['', [Validators.required, Validators.maxLength(100)]],
    adminEmail: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
    adminPhone: ['', vnPhoneValidator],
    quotas: this.fb.group({
      users: quotaControl('users'),
      concurrentCalls: quotaControl('concurrentCalls'),
      hotlines: quotaControl('hotlines'),
    }),
    outbound: this.fb.group({
      international: [false],
      premium: [false],
      prefixes: ['', [Validators.pattern(/^\s*(\d{1,10}\s*(,\s*\d{1,10}\s*)*)?$/)]],
    }),
  });
  protected readonly pending = signal(false);
  protected readonly error = signal<Message | null>(null);
  protected readonly done = signal<Tenant | null>(null);

  ngOnInit(): void {
    const tenant = this.tenant();
    if (!tenant) return;
    // Editing changes the name and quotas only; the admin fields are not part of the form then.
    for (const name of ['adminFullName', 'adminEmail', 'adminPhone'] as const)
      this.form.controls[name].disable();
    this.form.reset({
      companyName: tenant.name,
      quotas: { ...tenant.quotas },
      outbound: {
        international: tenant.outbound.international,
        premium: tenant.outbound.premium,
        prefixes: tenant.outbound.prefixes.join(', '),
      },
    });
  }

  protected heading(): string {
    return this.i18n.t(this.tenant() ? 'operator.form.editTitle' : 'operator.form.addTitle');
  }

  protected message(name: TextField): Message | null {
    return tenantFieldMessage(this.form.controls[name], REQUIRED_KEYS[name]);
  }

  protected prefixesMessage(): Message | null {
    const control = this.form.controls.outbound.controls.prefixes;
    if (control.valid || !(control.touched || control.dirty)) return null;
    if (typeof control.errors?.['server'] === 'string') return { text: control.errors['server'] };
    return { key: 'operator.error.prefixes' };
  }

  protected quotaMessage(name: QuotaName, range: { min: number; max: number }): Message | null {
    return tenantFieldMessage(
      this.form.controls.quotas.controls[name],
      'operator.error.required.quota',
      range,
    );
  }

  /** Current usage of a quota, shown under it while editing (a quota cannot go below it). */
  protected used(name: QuotaName): number {
    const usage = this.tenant()?.usage;
    if (!usage) return 0;
    return name === 'concurrentCalls' ? usage.activeCalls : usage[name];
  }

  protected dismiss(): void {
    if (!this.pending()) this.dismissed.emit();
  }

  protected submit(): void {
    if (this.pending()) return;
    this.error.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.form, FIELDS, 'tenant', this.document);
      return;
    }
    const tenant = this.tenant();
    const request: Observable<Tenant> = tenant
      ? this.api.update(tenant.id, this.updateRequest(tenant))
      : this.api.create(this.createRequest());
    this.pending.set(true);
    request.subscribe({
      next: (result) => {
        this.pending.set(false);
        if (tenant) {
          this.saved.emit(result);
        } else {
          this.done.set(result);
          this.created.emit(result);
        }
      },
      error: (error: unknown) => {
        this.pending.set(false);
        const failure = toApiFailure(error);
        const orphans = failure.status === 400 ? applyFieldErrors(this.form, failure) : null;
        if (orphans === null || (orphans.length === 0 && this.form.valid)) {
          this.error.set(apiMessage(failure));
        } else if (orphans.length) {
          this.error.set({ text: orphans.join(' ') });
        }
        focusFirstInvalid(this.form, FIELDS, 'tenant', this.document);
      },
    });
  }

  private createRequest(): CreateTenantRequest {
    const value = this.form.getRawValue();
    const phone = value.adminPhone.trim();
    return {
      companyName: value.companyName.trim(),
      adminFullName: value.adminFullName.trim(),
      adminEmail: value.adminEmail.trim(),
      ...(phone ? { adminPhone: normalizePhone(phone) } : {}),
      quotas: value.quotas,
    };
  }

  /** Only what changed, so the audit log records just that. */
  private updateRequest(tenant: Tenant): UpdateTenantRequest {
    const value = this.form.getRawValue();
    const request: UpdateTenantRequest = {};
    const name = value.companyName.trim();
    if (name !== tenant.name) request.companyName = name;
    const quotas: Partial<TenantQuotas> = {};
    for (const { name: key } of QUOTAS)
      if (value.quotas[key] !== tenant.quotas[key]) quotas[key] = value.quotas[key];
    if (Object.keys(quotas).length) request.quotas = quotas;
    const prefixes = value.outbound.prefixes
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    const outbound: UpdateTenantRequest['outbound'] = {};
    if (value.outbound.international !== tenant.outbound.international)
      outbound.international = value.outbound.international;
    if (value.outbound.premium !== tenant.outbound.premium) outbound.premium = value.outbound.premium;
    if (prefixes.join(',') !== tenant.outbound.prefixes.join(',')) outbound.prefixes = prefixes;
    if (Object.keys(outbound).length) request.outbound = outbound;
    return request;
  }
}
