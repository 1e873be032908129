import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  output,
  signal,
  type OnInit,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import type { PromptView } from '@webcall/contracts';
import { conflictFields, fieldErrors, toApiFailure } from '../../../../core/auth/api-error';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { Icon } from '../../../../shell/icon';
import { Modal } from '../../../../shared/modal';
import type { Message } from '../../../auth/form-support';
import { FORM_FIELD } from '../../../auth/form-field';
import { MessagePipe } from '../../../auth/message.pipe';
import { failureMessage } from '../../users/users-support';
import { PromptsApi } from './prompts-api';

/** Rename one of the tenant's prompts; a taken name is shown at the field. */
@Component({
  selector: 'wc-prompt-rename-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, Modal, TranslatePipe, MessagePipe, Icon, FORM_FIELD],
  styleUrl: '../../users/users.css',
  template: `
    <wc-modal
      testId="prompt-rename-dialog"
      headingId="prompt-rename-title"
      [heading]="'prompts.rename.title' | t"
      (dismissed)="pending() || dismiss.emit()"
    >
      @if (error(); as message) {
        <p class="alert alert-error" role="alert">
          <wc-icon name="alert" /><span>{{ message | msg }}</span>
        </p>
      }
      <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <wc-form-field
          inputId="prompt-rename-name"
          name="name"
          [label]="'prompts.field.name' | t"
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
            data-testid="prompt-rename-name"
          />
        </wc-form-field>
        <div class="dialog-actions">
          <button type="button" class="btn btn-secondary" [disabled]="pending()" (click)="dismiss.emit()">
            {{ 'list.cancel' | t }}
          </button>
          <button
            class="btn btn-primary"
            type="submit"
            data-testid="prompt-rename-save"
            [disabled]="pending()"
          >
            @if (pending()) {
              <span class="spinner" aria-hidden="true"></span>{{ 'prompts.dialog.saving' | t }}
            } @else {
              {{ 'prompts.rename.save' | t }}
            }
          </button>
        </div>
      </form>
    </wc-modal>
  `,
})
export class PromptRenameDialog implements OnInit {
  private readonly api = inject(PromptsApi);

  readonly prompt = input.required<PromptView>();
  readonly saved = output<PromptView>();
  readonly dismiss = output<void>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(100)]],
  });
  protected readonly pending = signal(false);
  protected readonly error = signal<Message | null>(null);

  ngOnInit(): void {
    this.form.reset({ name: this.prompt().name });
  }

  protected nameMessage(): Message | null {
    const control = this.form.controls.name;
    if (control.valid || !(control.touched || control.dirty)) return null;
    if (typeof control.errors?.['server'] === 'string') return { text: control.errors['server'] as string };
    if (control.hasError('required')) return { key: 'prompts.error.nameRequired' };
    return { key: 'auth.error.maxlength', params: { max: 100 } };
  }

  protected submit(): void {
    if (this.pending()) return;
    this.error.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.pending.set(true);
    this.api.rename(this.prompt().id, this.form.getRawValue().name.trim()).subscribe({
      next: (prompt) => {
        this.pending.set(false);
        this.saved.emit(prompt);
      },
      error: (error: unknown) => {
        this.pending.set(false);
        const failure = toApiFailure(error);
        const control = this.form.controls.name;
        const fields =
          failure.status === 409 && conflictFields(failure).includes('name')
            ? fieldErrors({ ...failure, body: { fields: (failure.body as { details?: unknown }).details } })
            : failure.status === 400
              ? fieldErrors(failure)
              : [];
        const mine = fields.find((f) => f.field === 'name');
        if (mine) {
          control.setErrors({ server: mine.message });
          control.markAsTouched();
        } else {
          this.error.set(failureMessage(error));
        }
      },
    });
  }
}
