import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  computed,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { Icon } from '../../../shell/icon';
import { apiMessage } from '../../../shared/api-message';
import { listLoader } from '../../../shared/list-loader';
import { LocalDatePipe } from '../../../shared/local-date.pipe';
import { MessagePipe } from '../../auth/message.pipe';
import { CallsApi, formatDuration } from './calls-api';
import { VoicemailPlayer } from './voicemail-player';

/**
 * Home → Calls, tab "Voicemail": the messages callers left, newest first, heard or not, each with
 * a player. `selected` (from `?voicemail=<id>`, the link in the notification mail) highlights that
 * message, scrolls to it and starts it.
 */
@Component({
  selector: 'wc-voicemail-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, MessagePipe, Icon, LocalDatePipe, VoicemailPlayer],
  styleUrls: ['../../../shared/list-page.css', '../../settings/users/users.css', './calls.css'],
  template: `
    @if (missing()) {
      <p class="alert alert-info missing" role="status" data-testid="voicemail-missing">
        <wc-icon name="info" /><span>{{ 'calls.vm.notFound' | t }}</span>
      </p>
    }
    <section class="card" [attr.aria-busy]="loading()" aria-labelledby="vm-title">
      <div class="toolbar">
        <div class="title-block">
          <h2 id="vm-title" class="list-title">
            {{ 'calls.vm.title' | t }}
            @if (items(); as list) {
              <span class="count" data-testid="voicemail-count">{{ list.length }}</span>
              @if (unheard(); as n) {
                <span class="badge badge-sm" data-tone="new">{{
                  'calls.vm.unheardCount' | t: { count: n }
                }}</span>
              }
            }
          </h2>
          <p class="muted intro">{{ 'calls.vm.intro' | t }}</p>
        </div>
        <button
          type="button"
          class="btn btn-secondary btn-sm"
          data-testid="voicemail-refresh"
          (click)="reload()"
        >
          <wc-icon name="refresh" />{{ 'calls.refresh' | t }}
        </button>
      </div>

      @if (loadError(); as message) {
        <p class="alert alert-error state" role="alert" data-testid="voicemail-error-list">
          <wc-icon name="alert" /><span>{{ 'calls.vm.loadFailed' | t }}: {{ message | msg }}</span>
          <button type="button" class="btn btn-secondary btn-sm" (click)="reload()">
            <wc-icon name="rotate-cw" />{{ 'list.retry' | t }}
          </button>
        </p>
      } @else if (items(); as list) {
        @if (!list.length) {
          <div class="empty-state" data-testid="voicemail-empty">
            <span class="empty-icon"><wc-icon name="mic" /></span>
            <h2>{{ 'calls.vm.empty.title' | t }}</h2>
            <p>{{ 'calls.vm.empty.text' | t }}</p>
          </div>
        } @else {
          <div class="table-wrap" [class.busy]="loading()">
            <table class="table" data-testid="voicemail-table">
              <caption class="visually-hidden">
                {{
                  'calls.vm.title' | t
                }}
              </caption>
              <thead>
                <tr>
                  <th scope="col" class="player-col">{{ 'calls.vm.col.listen' | t }}</th>
                  <th scope="col">{{ 'calls.vm.col.caller' | t }}</th>
                  <th scope="col">{{ 'calls.vm.col.mailbox' | t }}</th>
                  <th scope="col" class="num">{{ 'calls.vm.col.duration' | t }}</th>
                  <th scope="col">{{ 'calls.vm.col.time' | t }}</th>
                  <th scope="col">{{ 'calls.vm.col.status' | t }}</th>
                </tr>
              </thead>
              <tbody>
                @for (v of list; track v.id) {
                  @let isHeard = v.heardAt !== null || heardHere().has(v.id);
                  <tr
                    data-testid="voicemail-row"
                    [id]="'voicemail-' + v.id"
                    [attr.data-id]="v.id"
                    [attr.data-heard]="isHeard"
                    [attr.aria-current]="selectedId() === v.id ? 'true' : null"
                    [class.selected]="selectedId() === v.id"
                    [class.unheard]="!isHeard"
                  >
                    <td class="player-col">
                      <wc-voicemail-player
                        [voicemailId]="v.id"
                        [caller]="v.callerNumber"
                        [start]="selectedId() === v.id"
                        (heard)="markHeard($event)"
                      />
                    </td>
                    <th scope="row" class="mono strong">
                      {{ v.callerNumber || ('calls.vm.unknownCaller' | t) }}
                    </th>
                    <td class="nowrap">
                      <span class="kind"
                        ><wc-icon name="mail" />{{ 'calls.vm.mailbox' | t: { mailbox: v.mailbox } }}</span
                      >
                    </td>
                    <td class="num">{{ duration(v.durationMs) }}</td>
                    <td class="nowrap">{{ v.createdAt | localDate: 'dateTime' }}</td>
                    <td class="nowrap">
                      <span
                        class="badge"
                        data-testid="voicemail-status"
                        [attr.data-tone]="isHeard ? 'neutral' : 'new'"
                      >
                        <span class="dot"></span>{{ (isHeard ? 'calls.vm.heard' : 'calls.vm.unheard') | t }}
                      </span>
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        }
      } @else {
        <div class="loading" role="status" data-testid="voicemail-loading">
          <span class="spinner dark" aria-hidden="true"></span>{{ 'calls.vm.loading' | t }}
        </div>
      }
    </section>
  `,
  styles: `
    .missing {
      margin: 0 0 16px;
    }
  `,
})
export class VoicemailTab {
  private readonly api = inject(CallsApi);
  private readonly document = inject(DOCUMENT);

  /** The message to open, from `?voicemail=<id>`. */
  readonly selectedId = input<number | null>(null);

  private readonly messages = listLoader(signal(null), () => this.api.voicemails());
  protected readonly items = this.messages.data;
  protected readonly loading = this.messages.loading;
  protected readonly loadError = computed(() => {
    const failure = this.messages.failure();
    return failure && this.messages.data() === null ? apiMessage(failure) : null;
  });
  /** Heard in this visit: the list is not fetched again just for the badge. */
  protected readonly heardHere = signal<ReadonlySet<number>>(new Set());
  protected readonly unheard = computed(
    () => (this.items() ?? []).filter((v) => v.heardAt === null && !this.heardHere().has(v.id)).length,
  );
  protected readonly missing = computed(() => {
    const id = this.selectedId();
    const list = this.items();
    return id !== null && list !== null && !list.some((v) => v.id === id);
  });

  constructor() {
    effect(() => {
      const id = this.selectedId();
      if (id === null || !this.items()?.some((v) => v.id === id)) return;
      queueMicrotask(() =>
        this.document
          .getElementById(`voicemail-${id}`)
          ?.scrollIntoView({ block: 'center', behavior: 'smooth' }),
      );
    });
  }

  protected reload(): void {
    this.messages.reload();
  }

  protected markHeard(id: number): void {
    this.heardHere.update((set) => new Set(set).add(id));
  }

  protected duration(ms: number): string {
    return formatDuration(ms);
  }
}
