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
import {
  TENANT_ROLES,
  type CreateUserRequest,
  type TenantRole,
  type TenantUser,
  type UpdateUserRequest,
  type UserGroup,
} from '@webcall/contracts';
import { toApiFailure } from '../../../core/auth/api-error';
import { normalizePhone } from '../../../core/auth/validation';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import type { TranslationKey } from '../../../core/i18n/vi';
import { Icon } from '../../../shell/icon';
import {
  applyFieldErrors,
  controlMessage,
  focusFirstInvalid,
  vnPhoneValidator,
  type Message,
} from '../../auth/form-support';
import { FORM_FIELD } from '../../auth/form-field';
import { MessagePipe } from '../../auth/message.pipe';
import { Modal } from '../../../shared/modal';
import { UsersApi } from './users-api';
import { failureMessage, roleKey } from './users-support';

/** Controls in screen order (focus goes to the first invalid one). */
const FIELDS = ['fullName', 'email', 'phone', 'role', 'groupIds', 'active'] as const;
type Field = (typeof FIELDS)[number];

/**
 * Add a user (an invitation is mailed) or edit one: same fields except the email, plus the
 * active/disabled switch. API field errors (e.g. `email` taken) land on their controls; a 409
 * such as `quota_users_reached` is shown above the form.
 */
@Component({
  selector: 'wc-user-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, Modal, TranslatePipe, MessagePipe, Icon, FORM_FIELD],
  styleUrl: './users.css',
  templateUrl: './user-dialog.html',
  styles: `
    .lead {
      margin: -4px 0 18px;
      color: var(--muted);
      line-height: 1.5;
    }
    .fixed {
      display: flex;
      margin: 0;
      align-items: center;
      min-height: 42px;
      padding: 0 12px;
      border: 1px dashed var(--border-strong);
      border-radius: 8px;
      background: var(--bg);
      color: var(--muted);
      overflow-wrap: anywhere;
    }
    fieldset {
      min-width: 0;
      margin: 0;
      padding: 0;
      border: 0;
    }
    legend {
      margin-bottom: 6px;
      padding: 0;
      font-size: 0.875rem;
      font-weight: 600;
    }
    .choices {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(200px, 1fr));
      gap: 4px 12px;
      max-height: 168px;
      overflow-y: auto;
      padding: 10px 12px;
      border: 1px solid var(--border-strong);
      border-radius: 8px;
    }
    .choices .check {
      padding: 3px 0;
      overflow-wrap: anywhere;
    }
    .none {
      margin: 0;
      padding: 10px 12px;
      border: 1px dashed var(--border-strong);
      border-radius: 8px;
      color: var(--muted);
      font-size: 0.875rem;
    }
    .switch {
      display: flex;
      align-items: center;
      gap: 10px;
      cursor: pointer;
    }
    .switch input {
      appearance: none;
      position: relative;
      flex: none;
      width: 40px;
      height: 22px;
      margin: 0;
      border-radius: 11px;
      background: var(--border-strong);
      cursor: pointer;
      transition: background-color 0.15s;
    }
    .switch input::after {
      content: '';
      position: absolute;
      top: 3px;
      left: 3px;
      width: 16px;
      height: 16px;
      border-radius: 50%;
      background: #fff;
      box-shadow: 0 1px 2px rgb(15 23 42 / 30%);
      transition: transform 0.15s;
    }
    .switch input:checked {
      background: var(--ok-dot);
    }
    .switch input:checked::after {
      transform: translateX(18px);
    }
    .switch input:disabled,
    .switch:has(input:disabled) {
      cursor: not-allowed;
      opacity: 0.6;
    }
  `,
})
export class UserDialog implements OnInit {
  private readonly api = inject(UsersApi);
  private readonly document = inject(DOCUMENT);
  private readonly fb = inject(NonNullableFormBuilder);

  /** The user to edit; null to add one. */
  readonly user = input<TenantUser | null>(null);
  readonly groups = input.required<readonly UserGroup[]>();
  /** The signed-in admin: cannot change their own role nor disable themself. */
  readonly selfId = input<number | null>(null);
  readonly saved = output<TenantUser>();
  readonly dismiss = output<void>();

  protected readonly roles = TENANT_ROLES;
  protected readonly roleKey = roleKey;
  protected readonly isSelf = computed(() => this.user()?.id === this.selfId());
  protected readonly form = this.fb.group({
    fullName: ['', [Validators.required, Validators.maxLength(100)]],
    email: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
    phone: ['', vnPhoneValidator],
    role: this.fb.control<TenantRole>('agent'),
    groupIds: this.fb.control<number[]>([]),
    active: [true],
  });
  protected readonly pending = signal(false);
  protected readonly error = signal<Message | null>(null);

  ngOnInit(): void {
    const user = this.user();
    if (!user) return;
    this.form.reset({
      fullName: user.fullName,
      email: user.email,
      phone: user.phone ?? '',
      role: (TENANT_ROLES as readonly string[]).includes(user.role) ? (user.role as TenantRole) : 'agent',
      groupIds: [...user.groupIds],
      active: user.status !== 'disabled',
    });
    this.form.controls.email.disable();
    if (this.isSelf()) this.form.controls.role.disable();
    if (this.isSelf() || user.status === 'invited') this.form.controls.active.disable();
  }

  protected message(name: Field): Message | null {
    return controlMessage(name, this.form.controls[name]);
  }

  protected roleHint(role: TenantRole): TranslationKey {
    return `users.role.${role}Hint` as TranslationKey;
  }

  protected isChecked(id: number): boolean {
    return this.form.controls.groupIds.value.includes(id);
  }

  protected toggleGroup(id: number, checked: boolean): void {
    const control = this.form.controls.groupIds;
    const ids = control.value.filter((value) => value !== id);
    control.setValue(checked ? [...ids, id] : ids);
    control.markAsDirty();
  }

  protected submit(): void {
    if (this.pending()) return;
    this.error.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.form, FIELDS, 'user', this.document);
      return;
    }
    const value = this.form.getRawValue();
    const fullName = value.fullName.trim().replace(/\s+/g, ' ');
    const phone = value.phone.trim() ? normalizePhone(value.phone.trim()) : '';
    const current = this.user();
    this.pending.set(true);
    let request;
    if (current) {
      const status = value.active ? 'active' : 'disabled';
      const update: UpdateUserRequest = {
        fullName,
        phone: phone || null,
        groupIds: value.groupIds,
        ...(this.form.controls.role.enabled ? { role: value.role } : {}),
        // Only a real change: disabling again would needlessly sign the user out once more.
        ...(this.form.controls.active.enabled && status !== current.status ? { status } : {}),
      };
      request = this.api.updateUser(current.id, update);
    } else {
      const create: CreateUserRequest = {
        fullName,
        email: value.email.trim(),
        role: value.role,
        groupIds: value.groupIds,
        ...(phone ? { phone } : {}),
      };
      request = this.api.createUser(create);
    }
    request.subscribe({
      next: (user) => {
        this.pending.set(false);
        this.saved.emit(user);
      },
      error: (error: unknown) => {
        this.pending.set(false);
        const failure = toApiFailure(error);
        if (failure.status === 400) {
          const orphans = applyFieldErrors(this.form, failure, { status: 'active' });
          this.error.set(orphans.length ? { text: orphans.join(' ') } : null);
        } else {
          this.error.set(failureMessage(error));
        }
        focusFirstInvalid(this.form, FIELDS, 'user', this.document);
      },
    });
  }
}
