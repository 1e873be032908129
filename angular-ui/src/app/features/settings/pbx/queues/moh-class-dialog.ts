import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  type OnInit,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import type { MohClassView, PromptView } from '@webcall/contracts';
import type { Subscription } from 'rxjs';
import { conflictFields, fieldErrors, toApiFailure } from '../../../../core/auth/api-error';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { Icon } from '../../../../shell/icon';
import { apiMessage } from '../../../../shared/api-message';
import { Modal } from '../../../../shared/modal';
import type { Message } from '../../../auth/form-support';
import { MessagePipe } from '../../../auth/message.pipe';
import { formatDuration } from '../prompts/prompts-api';
import { QueuesApi } from './queues-api';

const NAME_MAX = 64;

/**
 * Add or edit a music-on-hold class: a name and the tenant's prompts in the order callers hear
 * them (added from a select, moved up and down, previewed with a small player).
 */
@Component({
  selector: 'wc-moh-class-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Modal, TranslatePipe, MessagePipe, Icon],
  styleUrls: ['../../users/users.css', '../shared/pbx.css', './side-card.css'],
  template: `
    <wc-modal
      testId="moh-dialog"
      headingId="moh-dialog-title"
      [heading]="moh() ? ('queues.moh.editTitle' | t: { name: moh()!.name }) : ('queues.moh.addTitle' | t)"
      (dismissed)="pending() || close()"
    >
      @if (error(); as m) {
        <p class="alert alert-error" role="alert" data-testid="moh-form-error">
          <wc-icon name="alert" /><span>{{ m | msg }}</span>
        </p>
      }
      <form class="form" (submit)="$event.preventDefault(); submit()" novalidate>
        <div class="field">
          <label for="moh-name">{{ 'queues.moh.name' | t }}</label>
          <input
            id="moh-name"
            class="input"
            type="text"
            autocomplete="off"
            autofocus
            data-testid="moh-name"
            [attr.maxlength]="nameMax"
            [attr.placeholder]="'queues.moh.namePlaceholder' | t"
            [attr.aria-invalid]="nameError() ? 'true' : null"
            [value]="name()"
            (input)="name.set($any($event.target).value); nameError.set(null)"
          />
          @if (nameError(); as m) {
            <p class="field-error" data-testid="field-error-moh-name">
              <wc-icon name="alert" />{{ m | msg }}
            </p>
          }
        </div>
        <div class="field" id="moh-promptIds" tabindex="-1">
          <span class="label">{{ 'queues.moh.prompts' | t }}</span>
          @if (chosen().length) {
            <ol class="rows" data-testid="moh-prompts">
              @for (p of chosen(); track $index; let i = $index, first = $first, last = $last) {
                <li class="row" data-testid="moh-prompt" [attr.data-id]="p.id">
                  <span class="name">
                    <span class="muted">{{ i + 1 }}.</span>
                    {{ p.name }}
                    @if (p.durationMs) {
                      <span class="muted small">{{ duration(p.durationMs) }}</span>
                    }
                  </span>
                  <span class="row-actions">
                    @if (p.audioUrl) {
                      <button
                        type="button"
                        class="icon-btn"
                        [attr.data-testid]="'moh-prompt-play-' + i"
                        [attr.aria-label]="
                          (playing() === i ? 'prompts.action.stop' : 'prompts.action.play')
                            | t: { name: p.name }
                        "
                        [attr.title]="
                          (playing() === i ? 'prompts.action.stop' : 'prompts.action.play')
                            | t: { name: p.name }
                        "
                        (click)="toggle(i, p)"
                      >
                        <wc-icon [name]="playing() === i ? 'stop' : 'play'" />
                      </button>
                    }
                    <button
                      type="button"
                      class="icon-btn up"
                      [disabled]="first"
                      [attr.aria-label]="'queues.member.up' | t: { name: p.name }"
                      [attr.title]="'queues.member.up' | t: { name: p.name }"
                      (click)="move(i, -1)"
                    >
                      <wc-icon name="chevron-down" />
                    </button>
                    <button
                      type="button"
                      class="icon-btn"
                      [disabled]="last"
                      [attr.aria-label]="'queues.member.down' | t: { name: p.name }"
                      [attr.title]="'queues.member.down' | t: { name: p.name }"
                      (click)="move(i, 1)"
                    >
                      <wc-icon name="chevron-down" />
                    </button>
                    <button
                      type="button"
                      class="icon-btn danger"
                      [attr.data-testid]="'moh-prompt-remove-' + i"
                      [attr.aria-label]="'queues.member.remove' | t: { name: p.name }"
                      [attr.title]="'queues.member.remove' | t: { name: p.name }"
                      (click)="remove(i)"
                    >
                      <wc-icon name="trash" />
                    </button>
                  </span>
                </li>
              }
            </ol>
          } @else {
            <p class="empty-line">{{ 'queues.moh.pickHint' | t }}</p>
          }
          @if (audioUrl(); as src) {
            <audio
              class="player"
              controls
              autoplay
              [src]="src"
              data-testid="moh-audio"
              (ended)="stop()"
            ></audio>
          }
          <div class="inline-form">
            <label class="visually-hidden" for="moh-prompt-pick">{{ 'queues.moh.addPrompt' | t }}</label>
            <select #pick id="moh-prompt-pick" class="input compact" data-testid="moh-prompt-pick">
              <option value="" selected>
                {{ (prompts().length ? 'pbx.prompt.choose' : 'queues.moh.noTenantPrompts') | t }}
              </option>
              @for (p of prompts(); track p.id) {
                <option [value]="p.id">{{ p.name }}</option>
              }
            </select>
            <button
              type="button"
              class="btn btn-secondary btn-sm"
              data-testid="moh-prompt-add"
              (click)="add(pick.value); pick.value = ''"
            >
              <wc-icon name="plus" />{{ 'queues.moh.addPrompt' | t }}
            </button>
          </div>
          @if (promptsError(); as m) {
            <p class="field-error" data-testid="field-error-moh-prompts">
              <wc-icon name="alert" />{{ m | msg }}
            </p>
          }
        </div>
        <div class="dialog-actions">
          <button
            type="button"
            class="btn btn-secondary"
            data-testid="moh-cancel"
            [disabled]="pending()"
            (click)="close()"
          >
            {{ 'list.cancel' | t }}
          </button>
          <button class="btn btn-primary" type="submit" data-testid="moh-save" [disabled]="pending()">
            @if (pending()) {
              <span class="spinner" aria-hidden="true"></span>{{ 'account.profile.saving' | t }}
            } @else {
              {{ 'queues.save' | t }}
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
    .rows {
      margin: 0;
    }
    .icon-btn.up wc-icon {
      transform: rotate(180deg);
    }
    .player {
      width: 100%;
      height: 36px;
    }
    .small {
      font-size: 0.8125rem;
    }
  `,
})
export class MohClassDialog implements OnInit {
  private readonly api = inject(QueuesApi);

  readonly moh = input<MohClassView | null>(null);
  readonly prompts = input<readonly PromptView[]>([]);
  readonly saved = output<MohClassView>();
  readonly dismiss = output<void>();

  protected readonly nameMax = NAME_MAX;
  protected readonly name = signal('');
  protected readonly promptIds = signal<number[]>([]);
  protected readonly chosen = computed(() =>
    this.promptIds().map(
      (id) =>
        this.prompts().find((p) => p.id === id) ??
        ({ id, name: `#${id}`, durationMs: 0, audioUrl: '' } as Pick<
          PromptView,
          'id' | 'name' | 'durationMs' | 'audioUrl'
        >),
    ),
  );
  protected readonly pending = signal(false);
  protected readonly error = signal<Message | null>(null);
  protected readonly nameError = signal<Message | null>(null);
  protected readonly promptsError = signal<Message | null>(null);
  protected readonly playing = signal<number | null>(null);
  protected readonly audioUrl = signal<string | null>(null);
  private audioRequest: Subscription | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  ngOnInit(): void {
    const m = this.moh();
    if (m) {
      this.name.set(m.name);
      this.promptIds.set([...m.promptIds]);
    }
  }

  protected duration(ms: number): string {
    return formatDuration(ms);
  }

  protected add(value: string): void {
    const id = Number(value);
    if (!value || !Number.isInteger(id)) return;
    this.promptIds.update((ids) => [...ids, id]);
    this.promptsError.set(null);
  }

  protected move(index: number, by: -1 | 1): void {
    const ids = [...this.promptIds()];
    const to = index + by;
    if (to < 0 || to >= ids.length) return;
    [ids[index], ids[to]] = [ids[to], ids[index]];
    this.stop();
    this.promptIds.set(ids);
  }

  protected remove(index: number): void {
    this.stop();
    this.promptIds.update((ids) => ids.filter((_, i) => i !== index));
  }

  protected toggle(index: number, prompt: Pick<PromptView, 'audioUrl'>): void {
    const same = this.playing() === index;
    this.stop();
    if (same) return;
    this.playing.set(index);
    this.audioRequest = this.api.audio(prompt as PromptView).subscribe({
      next: (blob) => this.audioUrl.set(URL.createObjectURL(blob)),
      error: (error: unknown) => {
        this.playing.set(null);
        this.error.set(apiMessage(toApiFailure(error)));
      },
    });
  }

  protected stop(): void {
    this.audioRequest?.unsubscribe();
    this.audioRequest = null;
    const url = this.audioUrl();
    if (url) URL.revokeObjectURL(url);
    this.audioUrl.set(null);
    this.playing.set(null);
  }

  protected close(): void {
    this.stop();
    this.dismiss.emit();
  }

  protected submit(): void {
    if (this.pending()) return;
    this.error.set(null);
    const name = this.name().trim();
    if (!name) {
      this.nameError.set({ key: 'queues.error.nameRequired' });
      return;
    }
    if (!this.promptIds().length) {
      this.promptsError.set({ key: 'queues.moh.promptsRequired' });
      return;
    }
    this.pending.set(true);
    const body = { name, promptIds: this.promptIds() };
    const current = this.moh();
    const request = current ? this.api.updateMohClass(current.id, body) : this.api.createMohClass(body);
    request.subscribe({
      next: (saved) => {
        this.pending.set(false);
        this.stop();
        this.saved.emit(saved);
      },
      error: (error: unknown) => {
        this.pending.set(false);
        const failure = toApiFailure(error);
        const fields = fieldErrors(failure);
        const other: string[] = [];
        for (const f of fields) {
          if (f.field === 'name') this.nameError.set({ text: f.message });
          else if (f.field.startsWith('promptIds')) this.promptsError.set({ text: f.message });
          else other.push(f.message);
        }
        if (failure.status === 409 && conflictFields(failure).includes('name'))
          this.nameError.set({ key: 'queues.error.nameTaken' });
        else if (!fields.length) this.error.set(apiMessage(failure));
        else if (other.length) this.error.set({ text: other.join(' ') });
      },
    });
  }
}
