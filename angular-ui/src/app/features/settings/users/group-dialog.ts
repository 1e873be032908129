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
import type { UserGroup } from '@webcall/contracts';
import { toApiFailure } from '../../../core/auth/api-error';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { Icon } from '../../../shell/icon';
import { applyFieldErrors, controlMessage, type Message } from '../../auth/form-support';
import { FORM_FIELD } from '../../auth/form-field';
import { MessagePipe } from '../../auth/message.pipe';
import { Modal } from '../../../shared/modal';
import { UsersApi } from './users-api';
import { failureMessage } from './users-support';

/** Add a user group (`group` null) or rename one; the server's field errors land on the name. */
@Component({
  selector: 'wc-group-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, Modal, TranslatePipe, MessagePipe, Icon, FORM_FIELD],
  styleUrl: './users.css',
  template: `
    <wc-modal
      testId="group-dialog"
      headingId="group-dialog-title"
      [heading]="(group() ? 'groups.dialog.renameTitle' : 'groups.dialog.addTitle') | t"
      (dismissed)="pending() || dismiss.emit()"
    >
      @if (error(); as message) {
        <p class="alert alert-error" role="alert" data-testid="group-form-error">
          <wc-icon name="alert" /><span>{{ message | msg }}</span>
        </p>
      }
      <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <wc-form-field
          inputId="group-name"
          name="name"
          [label]="'groups.field.name' | t"
          [message]="nameMessage()"
        >
          <input
            wcFieldControl
            class="input"
            type="text"
            formControlName="name"
            autocomplete="off"
            maxlength="100"
            autofocus
            data-testid="group-name"
            [attr.placeholder]="'groups.field.namePlaceholder' | t"
          />
        </wc-form-field>
        <div class="dialog-actions">
          <button
            type="button"
            class="btn btn-secondary"
            data-testid="group-cancel"
            [disabled]="pending()"
            (click)="dismiss.emit()"
          >
            {{ 'list.cancel' | t }}
          </button>
          <button class="btn btn-primary" type="submit" data-testid="group-save" [disabled]="pending()">
            @if (pending()) {
              <span class="spinner" aria-hidden="true"></span>{{ 'account.profile.saving' | t }}
            } @else {
              {{ 'groups.dialog.save' | t }}
            }
          </button>
        </div>
      </form>
    </wc-modal>
  `,
})
export class GroupDialog implements OnInit {
  private readonly api = inject(UsersApi);
  private readonly document = inject(DOCUMENT);

  /** The group to rename; null to add one. */
  readonly group = input<UserGroup | null>(null);
  readonly saved = output<UserGroup>();
  readonly dismiss = output<void>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(100)]],
  });
  protected readonly pending = signal(false);
  protected readonly error = signal<Message | null>(null);

  ngOnInit(): void {
    this.form.reset({ name: this.group()?.name ?? '' });
  }

  protected nameMessage(): Message | null {
    const control = this.form.controls.name;
    if (control.hasError('required') && (control.touched || control.dirty)) {
      return { key: 'groups.error.required' };
    }
    return controlMessage('name', control);
  }

  protected submit(): void {
    if (this.pending()) return;
    this.error.set(null);
    const name = this.form.controls.name.value.trim().replace(/\s+/g, ' ');
    this.form.controls.name.setValue(name);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.document.getElementById('group-name')?.focus();
      return;
    }
    const current = this.group();
    if (current && current.name === name) {
      this.dismiss.emit();
      return;
    }
    this.pending.set(true);
    const request = current ? this.api.renameGroup(current.id, { name }) : this.api.createGroup({ name });
    request.subscribe({
      next: (group) => {
        this.pending.set(false);
        this.saved.emit(group);
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
        this.document.getElementById('group-name')?.focus();
      },
    });
  }
}
