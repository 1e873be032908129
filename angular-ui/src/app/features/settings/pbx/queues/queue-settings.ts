import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import type { QueueTenantSettingsView } from '@webcall/contracts';
import { type ApiFailure, fieldErrors, toApiFailure } from '../../../../core/auth/api-error';
import { AuthService } from '../../../../core/auth/auth.service';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { Icon } from '../../../../shell/icon';
import { apiMessage } from '../../../../shared/api-message';
import type { Message } from '../../../auth/form-support';
import { MessagePipe } from '../../../auth/message.pipe';
import { QueuesApi } from './queues-api';

type Language = QueueTenantSettingsView['language'];
const LANGUAGES: readonly Language[] = ['vi', 'en'];

/**
 * General queue settings (issue 6): record every queue conversation of the tenant, and the
 * language waiting callers hear the system in (position, wait, callback confirmation). Read by
 * admins and supervisors, saved (PUT /api/queue-settings) by admins only.
 */
@Component({
  selector: 'wc-queue-settings-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, MessagePipe, Icon],
  styleUrls: [
    '../../../../shared/list-page.css',
    '../../users/users.css',
    '../shared/pbx.css',
    './side-card.css',
    './queue-dialog.css',
  ],
  template: `
    <section class="card" aria-labelledby="queue-settings-title" data-testid="queue-settings">
      <div class="card-head">
        <div>
          <h2 id="queue-settings-title">{{ 'queues.settings.title' | t }}</h2>
          <p>{{ 'queues.settings.lead' | t }}</p>
        </div>
      </div>
      <div class="card-body">
        @if (loadError(); as m) {
          <p class="alert alert-error" role="alert" data-testid="queue-settings-load-error">
            <wc-icon name="alert" /><span>{{ m | msg }}</span>
          </p>
        } @else if (saved() === null) {
          <div class="loading" role="status"><span class="spinner dark" aria-hidden="true"></span></div>
        } @else {
          <form class="settings" (submit)="$event.preventDefault(); save()" novalidate>
            <label class="switch-row" [class.disabled]="!canEdit()">
              <input
                type="checkbox"
                data-testid="queue-settings-recordAll"
                [disabled]="!canEdit() || pending()"
                [checked]="recordAll()"
                (change)="recordAll.set($any($event.target).checked); changed()"
              />
              <span>
                <strong>{{ 'queues.settings.recordAll' | t }}</strong>
                <small>{{ 'queues.settings.recordAllHint' | t }}</small>
              </span>
            </label>
            @if (errorAt('recordAll'); as m) {
              <p class="field-error" data-testid="field-error-recordAll">
                <wc-icon name="alert" />{{ m | msg }}
              </p>
            }
            <div class="field">
              <label for="queue-settings-language">{{ 'queues.settings.language' | t }}</label>
              <select
                id="queue-settings-language"
                class="input"
                data-testid="queue-settings-language"
                [attr.aria-invalid]="errorAt('language') ? 'true' : null"
                [disabled]="!canEdit() || pending()"
                (change)="language.set($any($event.target).value); changed()"
              >
                @for (l of languages; track l) {
                  <option [value]="l" [selected]="l === language()">{{ langKey(l) | t }}</option>
                }
              </select>
              @if (errorAt('language'); as m) {
                <p class="field-error" data-testid="field-error-language">
                  <wc-icon name="alert" />{{ m | msg }}
                </p>
              } @else {
                <p class="field-hint">{{ 'queues.settings.languageHint' | t }}</p>
              }
            </div>
            @if (error(); as m) {
              <p class="alert alert-error" role="alert" data-testid="queue-settings-error">
                <wc-icon name="alert" /><span>{{ m | msg }}</span>
              </p>
            }
            @if (canEdit()) {
              <div class="actions">
                @if (notice()) {
                  <span class="saved" role="status" data-testid="queue-settings-saved"
                    ><wc-icon name="check" />{{ 'queues.settings.saved' | t }}</span
                  >
                }
                <button
                  type="submit"
                  class="btn btn-primary btn-sm"
                  data-testid="queue-settings-save"
                  [disabled]="pending() || !dirty()"
                >
                  @if (pending()) {
                    <span class="spinner" aria-hidden="true"></span>
                  }
                  {{ 'queues.save' | t }}
                </button>
              </div>
            } @else {
              <p class="field-hint" data-testid="queue-settings-readonly">
                {{ 'queues.settings.readOnly' | t }}
              </p>
            }
          </form>
        }
      </div>
    </section>
  `,
  styles: `
    .settings {
      display: grid;
      gap: 14px;
    }
    .field {
      display: grid;
      gap: 6px;
    }
    .field label {
      font-size: 0.875rem;
      font-weight: 600;
    }
    .actions {
      display: flex;
      align-items: center;
      justify-content: flex-end;
      gap: 12px;
    }
    .saved {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      color: var(--success, #15803d);
      font-size: 0.875rem;
      --icon-size: 15px;
    }
  `,
})
export class QueueSettingsCard {
  private readonly api = inject(QueuesApi);
  private readonly auth = inject(AuthService);

  private readonly loadFailure = signal<ApiFailure | null>(null);
  protected readonly loadError = computed(() => {
    const failure = this.loadFailure();
    return failure ? apiMessage(failure) : null;
  });
  /** What the server holds (after the last read or save). */
  protected readonly saved = signal<QueueTenantSettingsView | null>(null);
  protected readonly recordAll = signal(false);
  protected readonly language = signal<Language>('vi');
  protected readonly pending = signal(false);
  protected readonly error = signal<Message | null>(null);
  private readonly fieldMessages = signal<Record<string, Message>>({});
  protected readonly notice = signal(false);

  protected readonly languages = LANGUAGES;
  protected readonly canEdit = computed(() => this.auth.user()?.role === 'admin');
  protected readonly dirty = computed(() => {
    const s = this.saved();
    return !!s && (s.recordAll !== this.recordAll() || s.language !== this.language());
  });

  constructor() {
    this.api.settings().subscribe({
      next: (view) => this.apply(view),
      error: (error: unknown) => this.loadFailure.set(toApiFailure(error)),
    });
  }

  protected langKey(lang: Language) {
    return lang === 'en' ? ('queues.settings.lang.en' as const) : ('queues.settings.lang.vi' as const);
  }

  protected errorAt(field: string): Message | null {
    return this.fieldMessages()[field] ?? null;
  }

  protected changed(): void {
    this.notice.set(false);
    this.error.set(null);
    this.fieldMessages.set({});
  }

  protected save(): void {
    if (this.pending() || !this.canEdit() || !this.dirty()) return;
    this.pending.set(true);
    this.changed();
    this.api.saveSettings({ recordAll: this.recordAll(), language: this.language() }).subscribe({
      next: (view) => {
        this.pending.set(false);
        this.apply(view);
        this.notice.set(true);
      },
      error: (error: unknown) => {
        this.pending.set(false);
        const failure = toApiFailure(error);
        const fields = fieldErrors(failure);
        const byField: Record<string, Message> = {};
        for (const f of fields) byField[f.field] ??= { text: f.message };
        this.fieldMessages.set(byField);
        if (!fields.some((f) => f.field === 'recordAll' || f.field === 'language'))
          this.error.set(apiMessage(failure));
      },
    });
  }

  private apply(view: QueueTenantSettingsView): void {
    this.saved.set(view);
    this.recordAll.set(view.recordAll);
    this.language.set(view.language);
  }
}
