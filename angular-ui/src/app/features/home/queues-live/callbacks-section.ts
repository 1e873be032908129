import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import {
  QUEUE_CALLBACK_RULES,
  type QueueCallbackStatus,
  type QueueCallbackView,
  type QueueLiveView,
} from '@webcall/contracts';
import { type ApiFailure, toApiFailure } from '../../../core/auth/api-error';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import type { TranslationKey } from '../../../core/i18n/vi';
import { RealtimeService } from '../../../core/realtime/realtime.service';
import { Icon } from '../../../shell/icon';
import { apiMessage } from '../../../shared/api-message';
import { LocalDatePipe } from '../../../shared/local-date.pipe';
import type { Message } from '../../auth/form-support';
import { MessagePipe } from '../../auth/message.pipe';
import { ConfirmDialog } from '../../settings/users/confirm-dialog';

/** Read again at most this often while `queue.state` events arrive, and at least this often. */
const EVENT_THROTTLE_MS = 2000;
const POLL_MS = 10_000;

const STATUS: Record<QueueCallbackStatus, { key: TranslationKey; tone: string }> = {
  pending: { key: 'queuesLive.cb.status.pending', tone: 'badge-warn' },
  calling: { key: 'queuesLive.cb.status.calling', tone: 'badge-live' },
  done: { key: 'queuesLive.cb.status.done', tone: 'badge-ok' },
  failed: { key: 'queuesLive.cb.status.failed', tone: 'badge-off' },
  cancelled: { key: 'queuesLive.cb.status.cancelled', tone: 'badge-neutral' },
};

const RESULTS: Record<string, TranslationKey> = {
  connected: 'queuesLive.cb.result.connected',
  busy: 'queuesLive.cb.result.busy',
  no_answer: 'queuesLive.cb.result.no_answer',
  unavailable: 'queuesLive.cb.result.unavailable',
  agent_left: 'queuesLive.cb.result.agent_left',
};

/**
 * Home → Queues live → Callbacks (issue 6): callers who hung up and asked a queue's agents to call
 * them back (flow node `callback`), waiting ones first in line order, then the finished ones;
 * a waiting one can be cancelled. Read from `GET /api/queue-callbacks`, again (throttled) when a
 * queue's state changes and every 10 s.
 */
@Component({
  selector: 'wc-queue-callbacks',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, MessagePipe, Icon, LocalDatePipe, ConfirmDialog],
  styleUrls: ['../../../shared/list-page.css', '../../settings/users/users.css'],
  template: `
    <section class="card" aria-labelledby="queue-callbacks-title" data-testid="queue-callbacks">
      <header class="head">
        <div>
          <h2 id="queue-callbacks-title">
            {{ 'queuesLive.cb.title' | t }}
            @if (waitingCount(); as n) {
              <span class="count-pill" data-testid="queue-callbacks-waiting">{{ n }}</span>
            }
          </h2>
          <p class="muted">{{ 'queuesLive.cb.lead' | t }}</p>
        </div>
      </header>
      @if (notice(); as n) {
        <p class="alert alert-success notice" role="status" data-testid="queue-callbacks-notice">
          <wc-icon name="check" /><span>{{ n | msg }}</span>
        </p>
      }
      @if (failure(); as f) {
        <p class="alert alert-error notice" role="alert" data-testid="queue-callbacks-error">
          <wc-icon name="alert" /><span>{{ 'queuesLive.cb.loadFailed' | t }}: {{ message(f) | msg }}</span>
          <button type="button" class="btn btn-secondary btn-sm" (click)="load()">
            <wc-icon name="rotate-cw" />{{ 'queuesLive.retry' | t }}
          </button>
        </p>
      }
      @if (callbacks(); as list) {
        @if (!list.length) {
          <p class="none" data-testid="queue-callbacks-empty">{{ 'queuesLive.cb.empty' | t }}</p>
        } @else {
          <div class="table-wrap">
            <table class="table compact" data-testid="queue-callbacks-table">
              <caption class="visually-hidden">
                {{
                  'queuesLive.cb.title' | t
                }}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{{ 'queuesLive.cb.col.number' | t }}</th>
                  <th scope="col">{{ 'queuesLive.cb.col.queue' | t }}</th>
                  <th scope="col">{{ 'queuesLive.cb.col.requestedAt' | t }}</th>
                  <th scope="col">{{ 'queuesLive.cb.col.status' | t }}</th>
                  <th scope="col">{{ 'queuesLive.cb.col.attempts' | t }}</th>
                  <th scope="col">{{ 'queuesLive.cb.col.lastResult' | t }}</th>
                  <th scope="col" class="actions-col">
                    <span class="visually-hidden">{{ 'queuesLive.cb.col.actions' | t }}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                @for (c of list; track c.id) {
                  <tr data-testid="queue-callback" [attr.data-id]="c.id" [attr.data-status]="c.status">
                    <th scope="row" class="mono strong number" data-testid="queue-callback-number">
                      {{ c.number }}
                      @if (c.hotlineNumber) {
                        <span class="sub">{{ 'queuesLive.cb.via' | t: { hotline: c.hotlineNumber } }}</span>
                      }
                    </th>
                    <td class="queue-name">{{ c.queueName }}</td>
                    <td class="nowrap">{{ c.requestedAt | localDate: 'dateTime' }}</td>
                    <td>
                      <span [class]="'badge ' + status(c.status).tone" data-testid="queue-callback-status"
                        ><span class="dot" aria-hidden="true"></span>{{ status(c.status).key | t }}</span
                      >
                    </td>
                    <td class="attempts">
                      <span class="mono" data-testid="queue-callback-attempts"
                        >{{ c.attempts }}/{{ maxAttempts }}</span
                      >
                      @if (c.status === 'pending') {
                        <span class="sub" data-testid="queue-callback-next">
                          {{
                            c.nextAttemptAt
                              ? ('queuesLive.cb.nextAt' | t: { time: (c.nextAttemptAt | localDate: 'time') })
                              : ('queuesLive.cb.asap' | t)
                          }}
                        </span>
                      }
                    </td>
                    <td data-testid="queue-callback-last">
                      @if (c.lastResult) {
                        {{ result(c.lastResult) | msg }}
                      } @else {
                        <span class="muted">—</span>
                      }
                      @if (c.agentName) {
                        <span class="sub" data-testid="queue-callback-agent">{{
                          'queuesLive.cb.agent' | t: { name: c.agentName }
                        }}</span>
                      }
                    </td>
                    <td class="actions-col">
                      @if (c.status === 'pending') {
                        <button
                          type="button"
                          class="btn btn-secondary btn-sm"
                          data-testid="queue-callback-cancel"
                          [attr.aria-label]="'queuesLive.cb.cancelLabel' | t: { number: c.number }"
                          (click)="ask(c)"
                        >
                          <wc-icon name="ban" />{{ 'queuesLive.cb.cancel' | t }}
                        </button>
                      }
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        }
      } @else if (!failure()) {
        <p class="none" role="status"><span class="spinner dark" aria-hidden="true"></span></p>
      }
    </section>

    @if (cancelling(); as c) {
      <wc-confirm-dialog
        [heading]="'queuesLive.cb.cancelTitle' | t"
        [confirmLabel]="'queuesLive.cb.cancelConfirm' | t"
        [pending]="pending()"
        [error]="cancelError()"
        (confirm)="cancel(c)"
        (dismiss)="pending() || cancelling.set(null)"
      >
        <p>{{ 'queuesLive.cb.cancelText' | t: { number: c.number, queue: c.queueName } }}</p>
      </wc-confirm-dialog>
    }
  `,
  styles: `
    :host {
      display: block;
      margin-top: 20px;
    }
    .head {
      padding: 16px 20px;
      border-bottom: 1px solid var(--border);
    }
    .head h2 {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 0;
      font-size: 1.125rem;
    }
    .head p {
      margin: 2px 0 0;
      font-size: 0.875rem;
    }
    .count-pill {
      padding: 1px 8px;
      border-radius: 999px;
      background: var(--warn-bg);
      color: var(--warn-fg);
      font-size: 0.8125rem;
    }
    .notice {
      margin: 12px 20px 0;
    }
    .none {
      margin: 0;
      padding: 16px 20px;
      color: var(--muted);
      font-size: 0.875rem;
    }
    .table {
      min-width: 760px;
    }
    .table th,
    .table td {
      padding: 10px 12px;
    }
    .table th:first-child,
    .table td:first-child {
      padding-left: 20px;
    }
    .table th:last-child,
    .table td:last-child {
      padding-right: 20px;
    }
    .number,
    .queue-name {
      white-space: nowrap;
    }
    .attempts {
      max-width: 180px;
    }
    .sub {
      display: block;
      color: var(--muted);
      font-family: inherit;
      font-size: 0.75rem;
      font-weight: 400;
    }
    .num {
      text-align: right;
    }
    .nowrap {
      white-space: nowrap;
    }
    .badge-warn {
      border-color: var(--warn-border);
      background: var(--warn-bg);
      color: var(--warn-fg);
    }
    .badge-live {
      border-color: #c7d2fe;
      background: var(--primary-soft);
      color: var(--primary);
    }
    .actions-col {
      width: 1%;
      text-align: right;
      white-space: nowrap;
    }
    .actions-col .btn {
      --icon-size: 14px;
    }
  `,
})
export class QueueCallbacksSection {
  private readonly http = inject(HttpClient);
  private readonly realtime = inject(RealtimeService);

  protected readonly callbacks = signal<QueueCallbackView[] | null>(null);
  protected readonly failure = signal<ApiFailure | null>(null);
  protected readonly cancelling = signal<QueueCallbackView | null>(null);
  protected readonly cancelError = signal<Message | null>(null);
  protected readonly pending = signal(false);
  protected readonly notice = signal<Message | null>(null);
  protected readonly maxAttempts = QUEUE_CALLBACK_RULES.maxAttempts;
  private generation = 0;
  private throttle: ReturnType<typeof setTimeout> | undefined;

  protected waitingCount(): number {
    return (this.callbacks() ?? []).filter((c) => c.status === 'pending' || c.status === 'calling').length;
  }

  constructor() {
    this.load();
    const stop = this.realtime.on<QueueLiveView>('queue.state', () => this.soon());
    const poll = setInterval(() => this.load(), POLL_MS);
    inject(DestroyRef).onDestroy(() => {
      stop();
      clearInterval(poll);
      clearTimeout(this.throttle);
    });
  }

  /** A queue changed: read again once the burst of events has had time to settle. */
  private soon(): void {
    if (this.throttle) return;
    this.throttle = setTimeout(() => {
      this.throttle = undefined;
      this.load();
    }, EVENT_THROTTLE_MS);
  }

  load(): void {
    const generation = ++this.generation;
    this.http.get<QueueCallbackView[]>('/api/queue-callbacks').subscribe({
      next: (list) => {
        if (generation !== this.generation) return;
        this.failure.set(null);
        this.callbacks.set(Array.isArray(list) ? list : []);
      },
      error: (error: unknown) => {
        if (generation === this.generation) this.failure.set(toApiFailure(error));
      },
    });
  }

  protected status(status: QueueCallbackStatus) {
    return STATUS[status] ?? { key: 'queuesLive.cb.status.pending', tone: 'badge-neutral' };
  }

  protected result(result: string): Message {
    const key = RESULTS[result];
    return key ? { key } : { text: result };
  }

  protected message(failure: ApiFailure): Message {
    return apiMessage(failure);
  }

  protected ask(callback: QueueCallbackView): void {
    this.notice.set(null);
    this.cancelError.set(null);
    this.cancelling.set(callback);
  }

  protected cancel(callback: QueueCallbackView): void {
    if (this.pending()) return;
    this.pending.set(true);
    this.http.delete(`/api/queue-callbacks/${callback.id}`).subscribe({
      next: () => {
        this.pending.set(false);
        this.cancelling.set(null);
        this.notice.set({ key: 'queuesLive.cb.cancelled', params: { number: callback.number } });
        this.load();
      },
      error: (error: unknown) => {
        this.pending.set(false);
        // 409 callback_not_pending: an agent is calling it already, or it ended; the API says which.
        this.cancelError.set(apiMessage(toApiFailure(error)));
        this.load();
      },
    });
  }
}
