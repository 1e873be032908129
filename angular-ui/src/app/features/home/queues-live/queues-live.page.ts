import { HttpClient } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type { AgentActivity, QueueLiveView } from '@webcall/contracts';
import { type ApiFailure, toApiFailure } from '../../../core/auth/api-error';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import type { TranslationKey } from '../../../core/i18n/vi';
import { RealtimeService } from '../../../core/realtime/realtime.service';
import { Icon } from '../../../shell/icon';
import { formatDuration } from '../../../shell/phone/phone-dock';
import { apiMessage } from '../../../shared/api-message';
import { MessagePipe } from '../../auth/message.pipe';
import { QueueCallbacksSection } from './callbacks-section';

/** The order agents are grouped in: who can take a call first, who is away last. */
const ACTIVITY_ORDER: readonly AgentActivity[] = [
  'available',
  'ringing',
  'busy',
  'wrapup',
  'paused',
  'offline',
];

const ACTIVITY_KEYS: Record<AgentActivity, TranslationKey> = {
  offline: 'queue.activity.offline',
  available: 'queue.activity.available',
  ringing: 'queue.activity.ringing',
  busy: 'queue.activity.busy',
  wrapup: 'queue.activity.wrapup',
  paused: 'queue.activity.paused',
};

type LiveAgent = QueueLiveView['agents'][number];

/**
 * Home → Queues live (issue 6, point 6): for each of the tenant's queues the callers waiting
 * (longest wait ticking every second; callbacks, who hung up and keep their place, marked as
 * such), and the agents grouped by activity; below, the callback requests (`QueueCallbacksSection`). First read from
 * `GET /api/queues/live`, then kept current by the `queue.state` events on the live channel (and
 * read again whenever that channel comes back after a cut). Admins and supervisors.
 */
@Component({
  selector: 'wc-queues-live-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, MessagePipe, Icon, RouterLink, QueueCallbacksSection],
  styleUrls: [
    '../../../shared/list-page.css',
    '../../settings/users/users.css',
    '../../../shell/queue/activity.css',
    './queues-live.css',
  ],
  template: `
    <header class="page-head">
      <div>
        <p class="eyebrow">{{ 'nav.home' | t }}</p>
        <h1 data-testid="page-title">{{ 'page.home.queues.title' | t }}</h1>
        <p class="lead" data-testid="page-description">{{ 'page.home.queues.desc' | t }}</p>
      </div>
      <span
        class="live"
        data-testid="queues-live-connection"
        [class.on]="realtime.connected()"
        [attr.data-connected]="realtime.connected()"
        role="status"
      >
        <span class="live-dot" aria-hidden="true"></span>
        {{ (realtime.connected() ? 'queuesLive.live' : 'queuesLive.offline') | t }}
      </span>
    </header>

    @if (failure(); as f) {
      <p class="alert alert-error state-line" role="alert" data-testid="queues-live-error">
        <wc-icon name="alert" /><span>{{ 'queuesLive.loadFailed' | t }}: {{ message(f) | msg }}</span>
        <button type="button" class="btn btn-secondary btn-sm" (click)="load()">
          <wc-icon name="rotate-cw" />{{ 'queuesLive.retry' | t }}
        </button>
      </p>
    }

    @if (queues(); as list) {
      @if (!list.length) {
        <section class="card">
          <div class="empty-state" data-testid="queues-live-empty">
            <span class="empty-icon"><wc-icon name="headphones" /></span>
            <h2>{{ 'queuesLive.empty.title' | t }}</h2>
            <p>{{ 'queuesLive.empty.text' | t }}</p>
            <a
              class="btn btn-primary btn-sm"
              routerLink="/settings/pbx/queues"
              data-testid="queues-live-setup"
            >
              <wc-icon name="plus" />{{ 'queuesLive.empty.link' | t }}
            </a>
          </div>
        </section>
      } @else {
        <div class="grid">
          @for (q of list; track q.queueId) {
            @let waiting = q.waiting.length;
            <section
              class="card queue"
              data-testid="queue-live"
              [attr.data-id]="q.queueId"
              [attr.aria-labelledby]="'queue-live-' + q.queueId"
            >
              <header class="queue-head">
                <h2 [id]="'queue-live-' + q.queueId" data-testid="queue-live-name">{{ q.name }}</h2>
                <dl class="stats">
                  <div class="stat" [class.hot]="waiting > 0">
                    <dt>{{ 'queuesLive.waiting' | t }}</dt>
                    <dd data-testid="queue-live-waiting">{{ waiting }}</dd>
                  </div>
                  <div class="stat" [class.hot]="onLine(q) > 0">
                    <dt>{{ 'queuesLive.longestWait' | t }}</dt>
                    <dd data-testid="queue-live-longest">{{ longestWait(q) }}</dd>
                  </div>
                  <div class="stat">
                    <dt>{{ 'queuesLive.availableAgents' | t }}</dt>
                    <dd data-testid="queue-live-available">{{ availableCount(q) }}/{{ q.agents.length }}</dd>
                  </div>
                </dl>
              </header>

              <div class="queue-body">
                <div class="waiting">
                  <h3>{{ 'queuesLive.waitingList' | t }}</h3>
                  @if (!waiting) {
                    <p class="none" data-testid="queue-live-none-waiting">
                      {{ 'queuesLive.noneWaiting' | t }}
                    </p>
                  } @else {
                    <table class="table compact" data-testid="queue-live-callers">
                      <thead>
                        <tr>
                          <th scope="col">{{ 'queuesLive.col.caller' | t }}</th>
                          <th scope="col" class="num">{{ 'queuesLive.col.priority' | t }}</th>
                          <th scope="col" class="num">{{ 'queuesLive.col.waited' | t }}</th>
                        </tr>
                      </thead>
                      <tbody>
                        @for (c of q.waiting; track c.channelId) {
                          <tr
                            data-testid="queue-live-caller"
                            [attr.data-channel]="c.channelId"
                            [attr.data-callback]="c.callback ? 'true' : null"
                            [class.callback]="c.callback"
                          >
                            <th scope="row" class="caller">
                              {{ c.callerNumber || ('queuesLive.unknownCaller' | t) }}
                            </th>
                            <td class="num">{{ c.priority }}</td>
                            <td class="num">
                              @if (c.callback) {
                                <span
                                  class="cb-badge"
                                  data-testid="queue-live-callback"
                                  [attr.title]="'queuesLive.callbackHint' | t"
                                  ><wc-icon name="phone-forward" />{{ 'queuesLive.callbackBadge' | t }}</span
                                >
                              } @else {
                                <span class="mono">{{ waited(c.enteredAt) }}</span>
                              }
                            </td>
                          </tr>
                        }
                      </tbody>
                    </table>
                  }
                </div>

                <div class="agents">
                  <h3>{{ 'queuesLive.agents' | t }}</h3>
                  @if (!q.agents.length) {
                    <p class="none">{{ 'queuesLive.noAgents' | t }}</p>
                  }
                  @for (group of groups(q); track group.activity) {
                    <div
                      [class]="'group act-' + group.activity"
                      data-testid="queue-live-group"
                      [attr.data-activity]="group.activity"
                    >
                      <p class="group-title">
                        <span class="dot" aria-hidden="true"></span>{{ activityKey(group.activity) | t }}
                        <span class="group-count">{{ group.agents.length }}</span>
                      </p>
                      <ul>
                        @for (a of group.agents; track a.userId) {
                          <li
                            data-testid="queue-live-agent"
                            [attr.data-user]="a.userId"
                            [attr.data-activity]="a.activity"
                          >
                            <span class="agent-name">{{ a.name }}</span>
                            @if (a.extension) {
                              <span class="agent-ext">{{ 'queuesLive.ext' | t: { ext: a.extension } }}</span>
                            }
                          </li>
                        }
                      </ul>
                    </div>
                  }
                </div>
              </div>
            </section>
          }
        </div>
        <wc-queue-callbacks />
      }
    } @else if (!failure()) {
      <p class="loading" data-testid="queues-live-loading" role="status">
        <span class="spinner dark" aria-hidden="true"></span>{{ 'queuesLive.loading' | t }}
      </p>
    }
  `,
})
export default class QueuesLivePage {
  private readonly http = inject(HttpClient);
  protected readonly realtime = inject(RealtimeService);

  protected readonly queues = signal<QueueLiveView[] | null>(null);
  protected readonly failure = signal<ApiFailure | null>(null);
  /** Ticks once a second while someone waits, for the waited times. */
  private readonly now = signal(Date.now());
  private generation = 0;

  /** Callers on the line (callbacks hung up: nothing ticks for them). */
  private readonly anyWaiting = computed(() =>
    (this.queues() ?? []).some((q) => q.waiting.some((c) => !c.callback)),
  );

  constructor() {
    this.load();
    const stop = this.realtime.on<QueueLiveView>('queue.state', (view) => this.apply(view));
    // Updates missed while the live channel was down: read everything again when it is back.
    let wasConnected = this.realtime.connected();
    effect(() => {
      const connected = this.realtime.connected();
      untracked(() => {
        if (connected && !wasConnected) this.load();
        wasConnected = connected;
      });
    });
    let timer: ReturnType<typeof setInterval> | undefined;
    effect(() => {
      const ticking = this.anyWaiting();
      clearInterval(timer);
      timer = undefined;
      this.now.set(Date.now());
      if (ticking) timer = setInterval(() => this.now.set(Date.now()), 1000);
    });
    inject(DestroyRef).onDestroy(() => {
      stop();
      clearInterval(timer);
    });
  }

  protected load(): void {
    const generation = ++this.generation;
    this.failure.set(null);
    this.http.get<QueueLiveView[]>('/api/queues/live').subscribe({
      next: (views) => {
        if (generation !== this.generation) return;
        this.queues.set([...views].sort(byName));
      },
      error: (error: unknown) => {
        if (generation === this.generation) this.failure.set(toApiFailure(error));
      },
    });
  }

  /** One queue's new state: replaces its card (a queue created since the page opened is added). */
  private apply(view: QueueLiveView): void {
    this.queues.update((list) => {
      if (!list) return list;
      const others = list.filter((q) => q.queueId !== view.queueId);
      return [...others, view].sort(byName);
    });
  }

  protected message(failure: ApiFailure) {
    return apiMessage(failure);
  }

  protected waited(enteredAt: string): string {
    return formatDuration((this.now() - Date.parse(enteredAt)) / 1000);
  }

  /** Callers holding the line (callbacks hung up). */
  protected onLine(q: QueueLiveView): number {
    return q.waiting.filter((c) => !c.callback).length;
  }

  /** Of the callers on the line (a callback's wait does not tick). */
  protected longestWait(q: QueueLiveView): string {
    const online = q.waiting.filter((c) => !c.callback);
    if (!online.length) return formatDuration(0);
    const first = Math.min(...online.map((c) => Date.parse(c.enteredAt)));
    return formatDuration((this.now() - first) / 1000);
  }

  protected availableCount(q: QueueLiveView): number {
    return q.agents.filter((a) => a.activity === 'available').length;
  }

  protected groups(q: QueueLiveView): { activity: AgentActivity; agents: LiveAgent[] }[] {
    return ACTIVITY_ORDER.flatMap((activity) => {
      const agents = q.agents
        .filter((a) => a.activity === activity)
        .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
      return agents.length ? [{ activity, agents }] : [];
    });
  }

  protected activityKey(activity: AgentActivity): TranslationKey {
    return ACTIVITY_KEYS[activity];
  }
}

function byName(a: QueueLiveView, b: QueueLiveView): number {
  return a.name.localeCompare(b.name, 'vi') || a.queueId - b.queueId;
}
