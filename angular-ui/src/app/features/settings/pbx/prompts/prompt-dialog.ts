import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  DestroyRef,
  computed,
  inject,
  output,
  signal,
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
import { PROMPT_ACCEPT, PromptsApi, formatDuration, precheckFile } from './prompts-api';

type Mode = 'upload' | 'record';
type RecorderState = 'idle' | 'recording' | 'recorded';

/** Browser recordings stop by themselves at the API's limit. */
const MAX_RECORDING_MS = 10 * 60 * 1000;

/**
 * +Add a prompt: a name, an optional language, and the audio — a file from the computer (type
 * and size checked here first) or a recording made in the browser (MediaRecorder, webm/opus:
 * record, stop, listen, record again, save). The API's field errors land on their fields.
 */
@Component({
  selector: 'wc-prompt-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, Modal, TranslatePipe, MessagePipe, Icon, FORM_FIELD],
  styleUrl: '../../users/users.css',
  template: `
    <wc-modal
      testId="prompt-dialog"
      headingId="prompt-dialog-title"
      [wide]="true"
      [heading]="'prompts.dialog.addTitle' | t"
      (dismissed)="pending() || dismiss.emit()"
    >
      @if (error(); as message) {
        <p class="alert alert-error" role="alert" data-testid="prompt-form-error">
          <wc-icon name="alert" /><span>{{ message | msg }}</span>
        </p>
      }
      <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <div class="form-grid">
          <wc-form-field
            inputId="prompt-name"
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
              data-testid="prompt-name"
              [attr.placeholder]="'prompts.field.namePlaceholder' | t"
            />
          </wc-form-field>
          <wc-form-field inputId="prompt-language" name="language" [label]="'prompts.field.language' | t">
            <select wcFieldControl class="input" formControlName="language" data-testid="prompt-language">
              <option value="">{{ 'prompts.language.none' | t }}</option>
              <option value="vi">{{ 'prompts.language.vi' | t }}</option>
              <option value="en">{{ 'prompts.language.en' | t }}</option>
            </select>
          </wc-form-field>
        </div>

        <div class="modes" role="radiogroup" [attr.aria-label]="'prompts.field.source' | t">
          <button
            type="button"
            role="radio"
            class="mode"
            data-testid="prompt-mode-upload"
            [class.active]="mode() === 'upload'"
            [attr.aria-checked]="mode() === 'upload'"
            [disabled]="pending() || recorder() === 'recording'"
            (click)="setMode('upload')"
          >
            <wc-icon name="upload" />
            <span>
              <strong>{{ 'prompts.mode.upload' | t }}</strong>
              <small>{{ 'prompts.mode.uploadHint' | t }}</small>
            </span>
          </button>
          <button
            type="button"
            role="radio"
            class="mode"
            data-testid="prompt-mode-record"
            [class.active]="mode() === 'record'"
            [attr.aria-checked]="mode() === 'record'"
            [disabled]="pending()"
            (click)="setMode('record')"
          >
            <wc-icon name="mic" />
            <span>
              <strong>{{ 'prompts.mode.record' | t }}</strong>
              <small>{{ 'prompts.mode.recordHint' | t }}</small>
            </span>
          </button>
        </div>

        @if (mode() === 'upload') {
          <wc-form-field
            inputId="prompt-file"
            name="file"
            [label]="'prompts.field.file' | t"
            [hint]="'prompts.field.fileHint' | t"
            [message]="fileError()"
          >
            <div class="picker">
              <input
                wcFieldControl
                class="visually-hidden"
                type="file"
                data-testid="prompt-file"
                [accept]="accept"
                (change)="onFile($event)"
              />
              <label class="btn btn-secondary btn-sm" for="prompt-file">
                <wc-icon name="upload" />{{ 'prompts.field.choose' | t }}
              </label>
              <span class="picked" [class.muted]="!fileName()" data-testid="prompt-file-name">{{
                fileName() ?? ('prompts.field.noFile' | t)
              }}</span>
            </div>
          </wc-form-field>
        } @else {
          <div class="field">
            <span class="label">{{ 'prompts.field.recording' | t }}</span>
            <div class="recorder" data-testid="prompt-recorder" [attr.data-state]="recorder()">
              @switch (recorder()) {
                @case ('idle') {
                  <button
                    type="button"
                    class="btn btn-secondary"
                    data-testid="prompt-record-start"
                    [disabled]="pending()"
                    (click)="startRecording()"
                  >
                    <wc-icon name="mic" />{{ 'prompts.record.start' | t }}
                  </button>
                  <span class="muted">{{ 'prompts.record.idleHint' | t }}</span>
                }
                @case ('recording') {
                  <span class="rec-dot" aria-hidden="true"></span>
                  <span class="elapsed" data-testid="prompt-record-elapsed" role="timer">{{
                    elapsedText()
                  }}</span>
                  <button
                    type="button"
                    class="btn btn-danger"
                    data-testid="prompt-record-stop"
                    (click)="stopRecording()"
                  >
                    <wc-icon name="stop" />{{ 'prompts.record.stop' | t }}
                  </button>
                }
                @case ('recorded') {
                  <audio controls [src]="recordingUrl()" data-testid="prompt-record-playback"></audio>
                  <button
                    type="button"
                    class="btn btn-secondary btn-sm"
                    data-testid="prompt-record-again"
                    [disabled]="pending()"
                    (click)="startRecording()"
                  >
                    <wc-icon name="rotate-cw" />{{ 'prompts.record.again' | t }}
                  </button>
                }
              }
            </div>
            @if (fileError(); as m) {
              <p class="field-error" data-testid="field-error-file"><wc-icon name="alert" />{{ m | msg }}</p>
            }
          </div>
        }

        <div class="dialog-actions">
          <button
            type="button"
            class="btn btn-secondary"
            data-testid="prompt-cancel"
            [disabled]="pending()"
            (click)="dismiss.emit()"
          >
            {{ 'list.cancel' | t }}
          </button>
          <button
            class="btn btn-primary"
            type="submit"
            data-testid="prompt-save"
            [disabled]="pending() || recorder() === 'recording'"
          >
            @if (pending()) {
              <span class="spinner" aria-hidden="true"></span>{{ 'prompts.dialog.saving' | t }}
            } @else {
              {{ 'prompts.dialog.save' | t }}
            }
          </button>
        </div>
      </form>
    </wc-modal>
  `,
  styles: `
    .form {
      display: grid;
      gap: 16px;
    }
    .modes {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 10px;
    }
    .mode {
      display: flex;
      align-items: flex-start;
      gap: 10px;
      padding: 12px 14px;
      border: 1px solid var(--border);
      border-radius: 10px;
      background: var(--surface);
      color: var(--text);
      text-align: left;
      cursor: pointer;
      --icon-size: 20px;
    }
    .mode wc-icon {
      margin-top: 2px;
      color: var(--muted);
    }
    .mode strong {
      display: block;
      font-size: 0.9375rem;
    }
    .mode small {
      display: block;
      margin-top: 2px;
      color: var(--muted);
      font-size: 0.8125rem;
      line-height: 1.4;
    }
    .mode.active {
      border-color: var(--primary);
      background: var(--primary-soft);
      box-shadow: 0 0 0 1px var(--primary);
    }
    .mode.active wc-icon {
      color: var(--primary);
    }
    .mode:disabled {
      cursor: not-allowed;
      opacity: 0.6;
    }
    .picker {
      display: flex;
      align-items: center;
      gap: 12px;
      min-height: 44px;
      padding: 6px 12px 6px 6px;
      border: 1px solid var(--border);
      border-radius: 10px;
      background: var(--surface);
    }
    .picker:focus-within {
      outline: 2px solid var(--primary);
      outline-offset: 1px;
    }
    .picker label {
      flex: none;
      cursor: pointer;
      --icon-size: 16px;
    }
    .picked {
      min-width: 0;
      overflow: hidden;
      font-size: 0.9rem;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .label {
      display: block;
      margin-bottom: 6px;
      font-size: 0.875rem;
      font-weight: 600;
    }
    .recorder {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 12px;
      min-height: 64px;
      padding: 12px 14px;
      border: 1px dashed var(--border);
      border-radius: 10px;
      background: var(--bg);
    }
    .recorder audio {
      flex: 1 1 240px;
      min-width: 0;
      height: 40px;
    }
    .rec-dot {
      width: 12px;
      height: 12px;
      border-radius: 50%;
      background: #dc2626;
      animation: pulse 1.2s ease-in-out infinite;
    }
    .elapsed {
      min-width: 4ch;
      font-size: 1.125rem;
      font-variant-numeric: tabular-nums;
      font-weight: 600;
    }
    .muted {
      color: var(--muted);
      font-size: 0.875rem;
    }
    @keyframes pulse {
      50% {
        opacity: 0.35;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .rec-dot {
        animation: none;
      }
    }
    @media (max-width: 560px) {
      .modes {
        grid-template-columns: 1fr;
      }
    }
  `,
})
export class PromptDialog {
  private readonly api = inject(PromptsApi);
  private readonly document = inject(DOCUMENT);

  readonly saved = output<PromptView>();
  readonly dismiss = output<void>();

  protected readonly accept = PROMPT_ACCEPT;
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(100)]],
    language: [''],
  });
  protected readonly mode = signal<Mode>('upload');
  protected readonly pending = signal(false);
  protected readonly error = signal<Message | null>(null);
  protected readonly fileError = signal<Message | null>(null);
  private readonly file = signal<File | null>(null);
  protected readonly fileName = computed(() => this.file()?.name ?? null);

  protected readonly recorder = signal<RecorderState>('idle');
  private readonly recording = signal<Blob | null>(null);
  protected readonly recordingUrl = signal<string | null>(null);
  private readonly elapsedMs = signal(0);
  protected readonly elapsedText = computed(() => formatDuration(this.elapsedMs()));
  private mediaRecorder: MediaRecorder | null = null;
  private stream: MediaStream | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.releaseRecorder();
      this.revokeRecording();
    });
  }

  protected nameMessage(): Message | null {
    const control = this.form.controls.name;
    if (control.valid || !(control.touched || control.dirty)) return null;
    if (typeof control.errors?.['server'] === 'string') return { text: control.errors['server'] as string };
    if (control.hasError('required')) return { key: 'prompts.error.nameRequired' };
    if (control.hasError('maxlength')) return { key: 'auth.error.maxlength', params: { max: 100 } };
    return { key: 'auth.error.invalid' };
  }

  protected setMode(mode: Mode): void {
    this.mode.set(mode);
    this.fileError.set(null);
  }

  protected onFile(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0] ?? null;
    this.file.set(file);
    this.fileError.set(null);
    if (!file) return;
    const problem = precheckFile(file);
    if (problem) {
      this.fileError.set({ key: `prompts.error.file.${problem}` });
      this.file.set(null);
      input.value = '';
    }
  }

  protected async startRecording(): Promise<void> {
    this.fileError.set(null);
    this.revokeRecording();
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      this.fileError.set({ key: 'prompts.record.micError' });
      return;
    }
    const type = MediaRecorder.isTypeSupported('audio/webm;codecs=opus') ? 'audio/webm;codecs=opus' : '';
    const recorder = new MediaRecorder(this.stream, type ? { mimeType: type } : {});
    const chunks: Blob[] = [];
    recorder.ondataavailable = (e) => {
      if (e.data.size) chunks.push(e.data);
    };
    recorder.onstop = () => {
      const blob = new Blob(chunks, { type: recorder.mimeType || 'audio/webm' });
      this.releaseRecorder();
      this.recording.set(blob);
      this.recordingUrl.set(URL.createObjectURL(blob));
      this.recorder.set('recorded');
    };
    this.mediaRecorder = recorder;
    const started = Date.now();
    this.elapsedMs.set(0);
    this.timer = setInterval(() => {
      this.elapsedMs.set(Date.now() - started);
      if (Date.now() - started >= MAX_RECORDING_MS) this.stopRecording();
    }, 250);
    recorder.start(250);
    this.recorder.set('recording');
  }

  protected stopRecording(): void {
    if (this.mediaRecorder?.state === 'recording') this.mediaRecorder.stop();
  }

  protected submit(): void {
    if (this.pending()) return;
    this.error.set(null);
    const audio = this.mode() === 'upload' ? this.file() : this.recording();
    if (!audio) {
      this.fileError.set({
        key: this.mode() === 'upload' ? 'prompts.error.fileRequired' : 'prompts.error.recordingRequired',
      });
    }
    if (this.form.invalid || !audio) {
      this.form.markAllAsTouched();
      this.focusFirstError();
      return;
    }
    const v = this.form.getRawValue();
    const upload = this.mode() === 'upload';
    this.pending.set(true);
    this.api
      .create({
        name: v.name.trim(),
        language: v.language || null,
        file: audio,
        fileName: upload ? (audio as File).name : 'recording.webm',
        source: upload ? 'upload' : 'recording',
      })
      .subscribe({
        next: (prompt) => {
          this.pending.set(false);
          this.saved.emit(prompt);
        },
        error: (error: unknown) => {
          this.pending.set(false);
          const failure = toApiFailure(error);
          if (failure.status === 400) {
            const other: string[] = [];
            for (const f of fieldErrors(failure)) {
              if (f.field === 'file') this.fileError.set({ text: f.message });
              else if (f.field === 'name') this.serverNameError(f.message);
              else other.push(f.message);
            }
            this.error.set(other.length ? { text: other.join(' ') } : null);
          } else if (failure.status === 409 && conflictFields(failure).includes('name')) {
            const details = fieldErrors({
              ...failure,
              body: { fields: (failure.body as { details?: unknown }).details },
            });
            this.serverNameError(details[0]?.message ?? failure.body.message ?? '');
          } else {
            this.error.set(failureMessage(error));
          }
          this.focusFirstError();
        },
      });
  }

  private serverNameError(message: string): void {
    const control = this.form.controls.name;
    control.setErrors({ server: message });
    control.markAsTouched();
  }

  private focusFirstError(): void {
    if (this.form.controls.name.invalid) this.document.getElementById('prompt-name')?.focus();
    else if (this.fileError()) this.document.getElementById('prompt-file')?.focus();
  }

  private releaseRecorder(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.mediaRecorder?.state === 'recording') {
      this.mediaRecorder.onstop = null;
      this.mediaRecorder.stop();
    }
    this.mediaRecorder = null;
    this.stream?.getTracks().forEach((t) => t.stop());
    this.stream = null;
  }

  private revokeRecording(): void {
    const url = this.recordingUrl();
    if (url) URL.revokeObjectURL(url);
    this.recordingUrl.set(null);
    this.recording.set(null);
  }
}
