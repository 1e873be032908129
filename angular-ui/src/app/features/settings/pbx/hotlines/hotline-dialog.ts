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
import type { HotlineView } from '@webcall/contracts';
import { conflictFields, fieldErrors, toApiFailure } from '../../../../core/auth/api-error';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { Icon } from '../../../../shell/icon';
import { Modal } from '../../../../shared/modal';
import { applyFieldErrors, controlMessage, type Message } from '../../../auth/form-support';
import { FORM_FIELD } from '../../../auth/form-field';
import { MessagePipe } from '../../../auth/message.pipe';
import { failureMessage } from '../../users/users-support';
import { type FlowOption, HotlinesApi } from './hotlines.api';
import { formatHotline } from './hotline-status';

/**
 * Request a number (`hotline` null: number + note) or configure one (flow, outbound default,
 * note). The API's field errors land on their fields; a number taken comes as a 409 naming it.
 */
@Component({
  selector: 'wc-hotline-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, Modal, TranslatePipe, MessagePipe, Icon, FORM_FIELD],
  styleUrl: '../../users/users.css',
  template: `
    <wc-modal
      testId="hotline-dialog"
      headingId="hotline-dialog-title"
      [heading]="
        hotline() ? ('hotlines.dialog.editTitle' | t: { number: number() }) : ('hotlines.dialog.addTitle' | t)
      "
      (dismissed)="pending() || dismiss.emit()"
    >
      @if (error(); as message) {
        <p class="alert alert-error" role="alert" data-testid="hotline-form-error">
          <wc-icon name="alert" /><span>{{ message | msg }}</span>
        </p>
      }
      @if (!hotline()) {
        <p class="dialog-text">{{ 'hotlines.dialog.addText' | t }}</p>
      }
      <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
        @if (!hotline()) {
          <wc-form-field
            inputId="hotline-number"
            name="number"
            [label]="'hotlines.field.number' | t"
            [hint]="'hotlines.field.numberHint' | t"
            [message]="message('number')"
          >
            <input
              wcFieldControl
              class="input mono"
              type="text"
              inputmode="tel"
              formControlName="number"
              autocomplete="off"
              maxlength="32"
              autofocus
              data-testid="hotline-number"
              placeholder="1900 1234"
            />
          </wc-form-field>
        } @else {
          <wc-form-field
            inputId="hotline-flowId"
            name="flowId"
            [label]="'hotlines.field.flow' | t"
            [hint]="(flows().length ? 'hotlines.field.flowHint' : 'hotlines.field.noFlows') | t"
            [message]="message('flowId')"
          >
            <select
              wcFieldControl
              class="input"
              formControlName="flowId"
              autofocus
              data-testid="hotline-flow"
            >
              <option [ngValue]="null">{{ 'hotlines.field.noFlow' | t }}</option>
              @for (flow of flowOptions(); track flow.id) {
                <option [ngValue]="flow.id">{{ flow.name }}</option>
              }
            </select>
          </wc-form-field>
          <label class="check-row">
            <input type="checkbox" formControlName="outboundDefault" data-testid="hotline-outbound-default" />
            <span>
              <strong>{{ 'hotlines.field.outboundDefault' | t }}</strong>
              <span class="muted">{{ 'hotlines.field.outboundDefaultHint' | t }}</span>
            </span>
          </label>
        }
        <wc-form-field
          inputId="hotline-note"
          name="note"
          [label]="'hotlines.field.note' | t"
          [message]="message('note')"
        >
          <textarea
            wcFieldControl
            class="input"
            rows="3"
            formControlName="note"
            maxlength="500"
            data-testid="hotline-note"
            [attr.placeholder]="'hotlines.field.notePlaceholder' | t"
          ></textarea>
        </wc-form-field>
        <div class="dialog-actions">
          <button
            type="button"
            class="btn btn-secondary"
            data-testid="hotline-cancel"
            [disabled]="pending()"
            (click)="dismiss.emit()"
          >
            {{ 'list.cancel' | t }}
          </button>
          <button class="btn btn-primary" type="submit" data-testid="hotline-save" [disabled]="pending()">
            @if (pending()) {
              <span class="spinner" aria-hidden="true"></span>{{ 'account.profile.saving' | t }}
            } @else {
              {{ (hotline() ? 'hotlines.dialog.save' : 'hotlines.dialog.request') | t }}
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
    textarea.input {
      height: auto;
      min-height: 76px;
      padding-top: 8px;
      resize: vertical;
    }
    .dialog-text {
      margin: -4px 0 16px;
      color: var(--muted);
      line-height: 1.55;
    }
    .check-row {
      display: flex;
      align-items: flex-start;
      gap: 10px;
      padding: 12px 14px;
      border: 1px solid var(--border);
      border-radius: 10px;
      cursor: pointer;
    }
    .check-row input {
      margin-top: 3px;
    }
    .check-row span {
      display: grid;
      gap: 2px;
      font-size: 0.9rem;
    }
  `,
})
export class HotlineDialog implements OnInit {
  private readonly api = inject(HotlinesApi);
  private readonly document = inject(DOCUMENT);

  /** The hotline to configure; null to request a new number. */
  readonly hotline = input<HotlineView | null>(null);
  readonly flows = input<readonly FlowOption[]>([]);
  readonly saved = output<HotlineView>();
  readonly dismiss = output<void>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    number: ['', [Validators.required, Validators.maxLength(32)]],
    flowId: [null as number | null],
    outboundDefault: [false],
    note: ['', [Validators.maxLength(500)]],
  });
  protected readonly pending = signal(false);
  protected readonly error = signal<Message | null>(null);

  ngOnInit(): void {
    const h = this.hotline();
    if (h) {
      this.form.reset({
        number: h.number,
        flowId: h.flowId,
        outboundDefault: h.outboundDefault,
        note: h.note ?? '',
      });
    }
  }

  protected number(): string {
    return formatHotline(this.hotline()?.number ?? '');
  }

  /** The flows, plus the hotline's current one should the list not hold it (not loaded yet). */
  protected flowOptions(): readonly FlowOption[] {
    const h = this.hotline();
    const list = this.flows();
    return h?.flowId && !list.some((f) => f.id === h.flowId)
      ? [...list, { id: h.flowId, name: h.flowName ?? `#${h.flowId}` }]
      : list;
  }

  protected message(name: 'number' | 'flowId' | 'note'): Message | null {
    const control = this.form.controls[name];
    if (control.hasError('required') && (control.touched || control.dirty))
      return { key: 'hotlines.error.numberRequired' };
    return controlMessage(name, control);
  }

  protected submit(): void {
    if (this.pending()) return;
    this.error.set(null);
    const current = this.hotline();
    const controls = current ? (['flowId', 'note'] as const) : (['number', 'note'] as const);
    if (controls.some((c) => this.form.controls[c].invalid)) {
      this.form.markAllAsTouched();
      this.focusFirstError();
      return;
    }
    const v = this.form.getRawValue();
    const note = v.note.trim() || null;
    this.pending.set(true);
    const request = current
      ? this.api.update(current.id, { flowId: v.flowId, outboundDefault: v.outboundDefault, note })
      : this.api.request({ number: v.number.trim(), note });
    request.subscribe({
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
          const control = this.form.controls.number;
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
    const first = (['number', 'flowId', 'note'] as const).find((n) => this.form.controls[n].invalid);
    if (first) this.document.getElementById(`hotline-${first}`)?.focus();
  }
}
