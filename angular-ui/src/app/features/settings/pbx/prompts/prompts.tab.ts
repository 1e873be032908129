import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  linkedSignal,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { PromptView } from '@webcall/contracts';
import { Subject, debounceTime, distinctUntilChanged, map, type Subscription } from 'rxjs';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import type { TranslationKey } from '../../../../core/i18n/vi';
import { Icon } from '../../../../shell/icon';
import { apiMessage } from '../../../../shared/api-message';
import { listLoader } from '../../../../shared/list-loader';
import { LocalDatePipe } from '../../../../shared/local-date.pipe';
import { Pager } from '../../../../shared/pager';
import type { Message } from '../../../auth/form-support';
import { MessagePipe } from '../../../auth/message.pipe';
import { ConfirmDialog } from '../../users/confirm-dialog';
import { failureMessage } from '../../users/users-support';
import { PromptDialog } from './prompt-dialog';
import { PROMPTS_PAGE_SIZE, PromptsApi, formatDuration } from './prompts-api';
import { PromptRenameDialog } from './rename-dialog';

type Dialog =
  { kind: 'add' } | { kind: 'rename'; prompt: PromptView } | { kind: 'delete'; prompt: PromptView };

/**
 * Settings → PBX → Prompts (F18, admins): the tenant's prompts and the built-in ones, each with a
 * preview player; add by upload or browser recording, rename, delete (refused while a flow uses it).
 */
@Component({
  selector: 'wc-pbx-prompts-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    TranslatePipe,
    MessagePipe,
    Icon,
    LocalDatePipe,
    Pager,
    ConfirmDialog,
    PromptDialog,
    PromptRenameDialog,
  ],
  styleUrls: ['../../../../shared/list-page.css', '../../users/users.css'],
  template: `
    @if (notice(); as n) {
      <p
        class="alert"
        [class.alert-success]="n.kind === 'success'"
        [class.alert-error]="n.kind === 'error'"
        [attr.role]="n.kind === 'error' ? 'alert' : 'status'"
        data-testid="prompts-notice"
      >
        <wc-icon [name]="n.kind === 'error' ? 'alert' : 'check'" /><span>{{ n.message | msg }}</span>
        <button type="button" class="dismiss" [attr.aria-label]="'list.close' | t" (click)="notice.set(null)">
          <wc-icon name="close" />
        </button>
      </p>
    }
    <section class="card" [attr.aria-busy]="loading()" aria-labelledby="prompts-title">
      <div class="toolbar">
        <div class="title-block">
          <h2 id="prompts-title" class="list-title">
            {{ 'prompts.title' | t }}
            @if (result(); as r) {
              <span class="count" data-testid="prompts-count">{{ r.total }}</span>
            }
          </h2>
          <p class="muted intro">{{ 'prompts.intro' | t }}</p>
        </div>
        <div class="search">
          <label for="prompts-search" class="visually-hidden">{{ 'prompts.search.label' | t }}</label>
          <wc-icon name="search" />
          <input
            #searchBox
            id="prompts-search"
            class="input"
            type="search"
            autocomplete="off"
            maxlength="100"
            data-testid="prompts-search"
            [value]="searchText()"
            [attr.placeholder]="'prompts.search.placeholder' | t"
            (input)="onSearchInput(searchBox.value)"
          />
        </div>
        <button
          type="button"
          class="btn btn-primary btn-sm"
          data-testid="prompt-add"
          (click)="open({ kind: 'add' })"
        >
          <wc-icon name="plus" />{{ 'prompts.add' | t }}
        </button>
      </div>

      @if (loadError(); as message) {
        <p class="alert alert-error state" role="alert" data-testid="prompts-error">
          <wc-icon name="alert" /><span>{{ 'prompts.loadFailed' | t }}: {{ message | msg }}</span>
          <button type="button" class="btn btn-secondary btn-sm" (click)="reload()">
            <wc-icon name="rotate-cw" />{{ 'list.retry' | t }}
          </button>
        </p>
      } @else if (result(); as r) {
        @if (!r.items.length) {
          <div class="empty-state" data-testid="prompts-empty">
            <span class="empty-icon"><wc-icon name="mic" /></span>
            <h2>{{ 'prompts.empty.title' | t }}</h2>
            <p>{{ 'prompts.empty.text' | t }}</p>
          </div>
        } @else {
          <div class="table-wrap" [class.busy]="loading()">
            <table class="table" data-testid="prompts-table">
              <caption class="visually-hidden">
                {{
                  'prompts.title' | t
                }}
              </caption>
              <thead>
                <tr>
                  <th scope="col" class="play-col">
                    <span class="visually-hidden">{{ 'prompts.col.play' | t }}</span>
                  </th>
                  <th scope="col">{{ 'prompts.col.name' | t }}</th>
                  <th scope="col">{{ 'prompts.col.language' | t }}</th>
                  <th scope="col">{{ 'prompts.col.kind' | t }}</th>
                  <th scope="col">{{ 'prompts.col.duration' | t }}</th>
                  <th scope="col">{{ 'prompts.col.created' | t }}</th>
                  <th scope="col" class="actions-col">
                    <span class="visually-hidden">{{ 'prompts.col.actions' | t }}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                @for (p of r.items; track p.id) {
                  <tr
                    data-testid="prompt-row"
                    [attr.data-id]="p.id"
                    [attr.data-name]="p.name"
                    [attr.data-kind]="p.kind"
                  >
                    <td class="play-col">
                      <button
                        type="button"
                        class="play-btn"
                        data-testid="prompt-play"
                        [class.on]="playingId() === p.id"
                        [attr.aria-pressed]="playingId() === p.id"
                        [attr.aria-label]="
                          (playingId() === p.id ? 'prompts.action.stop' : 'prompts.action.play')
                            | t: { name: p.name }
                        "
                        [attr.title]="
                          (playingId() === p.id ? 'prompts.action.stop' : 'prompts.action.play')
                            | t: { name: p.name }
                        "
                        (click)="togglePlay(p)"
                      >
                        @if (loadingAudioId() === p.id) {
                          <span class="spinner dark" aria-hidden="true"></span>
                        } @else {
                          <wc-icon [name]="playingId() === p.id ? 'stop' : 'play'" />
                        }
                      </button>
                    </td>
                    <th scope="row" class="name-cell">
                      <span class="name" data-testid="prompt-name-cell">{{ p.name }}</span>
                      @if (playingId() === p.id && audioUrl(); as src) {
                        <audio
                          class="player"
                          controls
                          autoplay
                          data-testid="prompt-audio"
                          [src]="src"
                          (ended)="stopPlaying()"
                        ></audio>
                      }
                    </th>
                    <td class="nowrap">{{ languageKey(p.language) | t }}</td>
                    <td class="nowrap">
                      <span
                        class="badge"
                        [class.badge-neutral]="p.kind === 'builtin'"
                        [class.badge-kind]="p.kind !== 'builtin'"
                      >
                        {{ kindKey(p.kind) | t }}
                      </span>
                    </td>
                    <td class="nowrap mono" data-testid="prompt-duration">{{ duration(p.durationMs) }}</td>
                    <td class="nowrap">
                      @if (p.kind === 'builtin') {
                        <span class="muted">—</span>
                      } @else {
                        {{ p.createdAt | localDate: 'dateTime' }}
                      }
                    </td>
                    <td class="actions-col">
                      @if (p.tenantId !== null) {
                        <div class="row-actions">
                          <button
                            type="button"
                            class="icon-btn"
                            data-testid="prompt-rename"
                            [attr.aria-label]="'prompts.action.rename' | t: { name: p.name }"
                            [attr.title]="'prompts.action.rename' | t: { name: p.name }"
                            (click)="open({ kind: 'rename', prompt: p })"
                          >
                            <wc-icon name="edit" />
                          </button>
                          <button
                            type="button"
                            class="icon-btn danger"
                            data-testid="prompt-delete"
                            [attr.aria-label]="'prompts.action.delete' | t: { name: p.name }"
                            [attr.title]="'prompts.action.delete' | t: { name: p.name }"
                            (click)="open({ kind: 'delete', prompt: p })"
                          >
                            <wc-icon name="trash" />
                          </button>
                        </div>
                      } @else {
                        <span class="muted small">{{ 'prompts.builtinLocked' | t }}</span>
                      }
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
          <wc-pager
            class="pager"
            [page]="r.page"
            [pageSize]="pageSize"
            [total]="r.total"
            (pageChange)="page.set($event)"
          />
        }
      } @else {
        <div class="loading" role="status" data-testid="prompts-loading">
          <span class="spinner dark" aria-hidden="true"></span>{{ 'prompts.loading' | t }}
        </div>
      }
    </section>

    @if (dialog(); as d) {
      @if (d.kind === 'add') {
        <wc-prompt-dialog (saved)="onCreated($event)" (dismiss)="closeDialog()" />
      } @else if (d.kind === 'rename') {
        <wc-prompt-rename-dialog [prompt]="d.prompt" (saved)="onRenamed($event)" (dismiss)="closeDialog()" />
      } @else {
        <wc-confirm-dialog
          [heading]="'prompts.delete.title' | t"
          [confirmLabel]="'prompts.delete.confirm' | t"
          [pending]="pending()"
          [error]="dialogError()"
          (confirm)="confirmDelete(d.prompt)"
          (dismiss)="closeDialog()"
        >
          <p>{{ 'prompts.delete.text' | t: { name: d.prompt.name } }}</p>
        </wc-confirm-dialog>
      }
    }
  `,
  styles: `
    .toolbar {
      align-items: center;
    }
    .title-block {
      flex: 1 1 320px;
      min-width: 0;
    }
    .list-title {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      margin: 0;
      font-size: 1.0625rem;
    }
    .intro {
      margin: 4px 0 0;
      font-size: 0.875rem;
    }
    .search {
      position: relative;
      flex: 0 1 260px;
      min-width: 0;
    }
    .search .input {
      width: 100%;
      padding: 0 12px 0 38px;
    }
    .search > wc-icon {
      position: absolute;
      top: 10px;
      left: 12px;
      color: var(--muted);
      pointer-events: none;
      --icon-size: 18px;
    }
    .table {
      min-width: 820px;
    }
    .play-col {
      width: 56px;
      padding-right: 0;
    }
    .play-btn {
      display: inline-grid;
      place-items: center;
      width: 34px;
      height: 34px;
      border: 1px solid var(--border);
      border-radius: 50%;
      background: var(--surface);
      color: var(--primary);
      cursor: pointer;
      --icon-size: 14px;
    }
    .play-btn:hover,
    .play-btn.on {
      border-color: var(--primary);
      background: var(--primary-soft);
    }
    .name-cell {
      font-weight: 600;
      text-align: left;
    }
    .name {
      overflow-wrap: anywhere;
    }
    .player {
      display: block;
      width: min(320px, 100%);
      height: 36px;
      margin-top: 8px;
    }
    .badge-kind {
      border-color: var(--primary-soft);
      background: var(--primary-soft);
      color: var(--primary);
    }
    .mono {
      font-variant-numeric: tabular-nums;
    }
    .muted {
      color: var(--muted);
    }
    .small {
      font-size: 0.8125rem;
      white-space: nowrap;
    }
  `,
})
export default class PromptsTab {
  private readonly api = inject(PromptsApi);

  protected readonly pageSize = PROMPTS_PAGE_SIZE;
  protected readonly searchText = signal('');
  private readonly search = signal('');
  private readonly searchInput = new Subject<string>();
  protected readonly page = linkedSignal({ source: () => this.search(), computation: () => 1 });
  private readonly prompts = listLoader(
    computed(() => ({ search: this.search(), page: this.page() })),
    (query) => this.api.list(query),
  );
  protected readonly result = this.prompts.data;
  protected readonly loading = this.prompts.loading;
  protected readonly loadError = computed(() => {
    const failure = this.prompts.failure();
    return failure && this.prompts.data() === null ? apiMessage(failure) : null;
  });

  protected readonly dialog = signal<Dialog | null>(null);
  protected readonly dialogError = signal<Message | null>(null);
  protected readonly pending = signal(false);
  protected readonly notice = signal<{ kind: 'success' | 'error'; message: Message } | null>(null);

  protected readonly playingId = signal<number | null>(null);
  protected readonly loadingAudioId = signal<number | null>(null);
  protected readonly audioUrl = signal<string | null>(null);
  private audioRequest: Subscription | null = null;

  constructor() {
    this.searchInput
      .pipe(
        map((text) => text.trim()),
        debounceTime(300),
        distinctUntilChanged(),
        takeUntilDestroyed(),
      )
      .subscribe((text) => this.search.set(text));
    inject(DestroyRef).onDestroy(() => this.stopPlaying());
  }

  protected duration(ms: number): string {
    return formatDuration(ms);
  }

  protected languageKey(language: string | null): TranslationKey {
    return language === 'vi' || language === 'en' ? `prompts.language.${language}` : 'prompts.language.none';
  }

  protected kindKey(kind: PromptView['kind']): TranslationKey {
    return `prompts.kind.${kind}`;
  }

  protected onSearchInput(text: string): void {
    this.searchText.set(text);
    this.searchInput.next(text);
  }

  protected reload(): void {
    this.prompts.reload();
  }

  protected open(dialog: Dialog): void {
    this.notice.set(null);
    this.dialogError.set(null);
    this.dialog.set(dialog);
  }

  protected closeDialog(): void {
    if (!this.pending()) this.dialog.set(null);
  }

  protected togglePlay(prompt: PromptView): void {
    const same = this.playingId() === prompt.id;
    this.stopPlaying();
    if (same) return;
    this.playingId.set(prompt.id);
    this.loadingAudioId.set(prompt.id);
    this.audioRequest = this.api.audio(prompt).subscribe({
      next: (blob) => {
        this.loadingAudioId.set(null);
        this.audioUrl.set(URL.createObjectURL(blob));
      },
      error: (error: unknown) => {
        this.loadingAudioId.set(null);
        this.playingId.set(null);
        this.notice.set({ kind: 'error', message: failureMessage(error) });
      },
    });
  }

  protected stopPlaying(): void {
    this.audioRequest?.unsubscribe();
    this.audioRequest = null;
    const url = this.audioUrl();
    if (url) URL.revokeObjectURL(url);
    this.audioUrl.set(null);
    this.playingId.set(null);
    this.loadingAudioId.set(null);
  }

  protected onCreated(prompt: PromptView): void {
    this.dialog.set(null);
    this.notice.set({ kind: 'success', message: { key: 'prompts.created', params: { name: prompt.name } } });
    this.prompts.reload();
  }

  protected onRenamed(prompt: PromptView): void {
    this.dialog.set(null);
    this.notice.set({ kind: 'success', message: { key: 'prompts.renamed', params: { name: prompt.name } } });
    this.prompts.reload();
  }

  protected confirmDelete(prompt: PromptView): void {
    if (this.pending()) return;
    this.pending.set(true);
    this.dialogError.set(null);
    this.api.remove(prompt.id).subscribe({
      next: () => {
        this.pending.set(false);
        this.dialog.set(null);
        if (this.playingId() === prompt.id) this.stopPlaying();
        this.notice.set({
          kind: 'success',
          message: { key: 'prompts.deleted', params: { name: prompt.name } },
        });
        this.prompts.reload();
      },
      error: (error: unknown) => {
        this.pending.set(false);
        // prompt_in_use: the API's message names the flows that still play it.
        this.dialogError.set(failureMessage(error));
      },
    });
  }
}
