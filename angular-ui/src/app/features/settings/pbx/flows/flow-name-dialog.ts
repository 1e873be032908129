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
import type { FlowView } from '@webcall/contracts';
import { fieldErrors, toApiFailure } from '../../../../core/auth/api-error';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { Icon } from '../../../../shell/icon';
import { apiMessage } from '../../../../shared/api-message';
import { Modal } from '../../../../shared/modal';
import type { Message } from '../../../auth/form-support';
import { MessagePipe } from '../../../auth/message.pipe';
import { FlowsApi } from '../shared/flows-api';

/** Add a flow (it starts as "hang up") or rename one; a taken name is shown at the field. */
@Component({
  selector: 'wc-flow-name-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Modal, TranslatePipe, MessagePipe, Icon],
  styleUrl: '../../users/users.css',
  template: `
    <wc-modal
      testId="flow-name-dialog"
      headingId="flow-name-dialog-title"
      [heading]="(flow() ? 'pbx.flow.renameTitle' : 'pbx.flow.addTitle') | t"
      (dismissed)="pending() || dismiss.emit()"
    >
      @if (error(); as message) {
        <p class="alert alert-error" role="alert" data-testid="flow-name-error">
          <wc-icon name="alert" /><span>{{ message | msg }}</span>
        </p>
      }
      <form class="form" (submit)="$event.preventDefault(); submit()" novalidate>
        @if (!flow()) {
          <p class="lead">{{ 'pbx.flow.addLead' | t }}</p>
        }
        <div class="field">
          <label for="flow-name">{{ 'pbx.flow.name' | t }}</label>
          <input
            id="flow-name"
            class="input"
            type="text"
            maxlength="100"
            autocomplete="off"
            autofocus
            data-testid="flow-name"
            [attr.placeholder]="'pbx.flow.namePlaceholder' | t"
            [attr.aria-invalid]="fieldError() ? 'true' : null"
            [attr.aria-describedby]="fieldError() ? 'flow-name-error' : null"
            [value]="name()"
            (input)="name.set($any($event.target).value); fieldError.set(null)"
          />
          @if (fieldError(); as m) {
            <p class="field-error" id="flow-name-error" data-testid="field-error-name">
              <wc-icon name="alert" />{{ m | msg }}
            </p>
          }
        </div>
        <div class="dialog-actions">
          <button
            type="button"
            class="btn btn-secondary"
            data-testid="flow-name-cancel"
            [disabled]="pending()"
            (click)="dismiss.emit()"
          >
            {{ 'list.cancel' | t }}
          </button>
          <button class="btn btn-primary" type="submit" data-testid="flow-name-save" [disabled]="pending()">
            @if (pending()) {
              <span class="spinner" aria-hidden="true"></span>{{ 'account.profile.saving' | t }}
            } @else {
              {{ (flow() ? 'account.profile.save' : 'pbx.flow.create') | t }}
            }
          </button>
        </div>
      </form>
    </wc-modal>
  `,
  styles: `
    .lead {
      margin: -4px 0 0;
      color: var(--muted);
      line-height: 1.5;
    }
  `,
})
export class FlowNameDialog implements OnInit {
  private readonly api = inject(FlowsApi);
  private readonly document = inject(DOCUMENT);

  readonly flow = input<FlowView | null>(null);
  readonly saved = output<FlowView>();
  readonly dismiss = output<void>();

  protected readonly name = signal('');
  protected readonly pending = signal(false);
  protected readonly error = signal<Message | null>(null);
  protected readonly fieldError = signal<Message | null>(null);

  ngOnInit(): void {
    this.name.set(this.flow()?.name ?? '');
  }

  protected submit(): void {
    if (this.pending()) return;
    this.error.set(null);
    const name = this.name().trim().replace(/\s+/g, ' ');
    if (!name) {
      this.fieldError.set({ key: 'pbx.flow.nameRequired' });
      this.document.getElementById('flow-name')?.focus();
      return;
    }
    const current = this.flow();
    this.pending.set(true);
    (current ? this.api.rename(current.id, name) : this.api.create(name)).subscribe({
      next: (flow) => {
        this.pending.set(false);
        this.saved.emit(flow);
      },
      error: (error: unknown) => {
        this.pending.set(false);
        const failure = toApiFailure(error);
        const field = fieldErrors(failure).find((f) => f.field === 'name');
        if (field) {
          this.fieldError.set(field.message ? { text: field.message } : { key: 'pbx.flow.nameTaken' });
          this.document.getElementById('flow-name')?.focus();
        } else {
          this.error.set(apiMessage(failure));
        }
      },
    });
  }
}
