import { HttpClient } from '@angular/common/http';
import { DestroyRef, Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import type {
  AgentActivity,
  AgentStateEvent,
  PauseReasonView,
  QueueStatusRequest,
  QueueStatusView,
} from '@webcall/contracts';
import { catchError, forkJoin, of } from 'rxjs';
import { type ApiFailure, fieldErrors, toApiFailure } from '../../core/auth/api-error';
import { AuthService } from '../../core/auth/auth.service';
import { RealtimeService } from '../../core/realtime/realtime.service';
import type { Message } from '../../features/auth/form-support';
import { apiMessage } from '../../shared/api-message';

type AgentStatePayload = AgentStateEvent['payload'];

/**
 * The signed-in agent's queue state (issue 6, point 3): the queues they belong to and whether they
 * are logged in to each, pause with its reason, wrap-up. Read from `GET /api/me/queue-status` on
 * start (so it survives a page reload) and after every reconnection of the live channel; changed
 * with `PUT /api/me/queue-status`; kept current by callflow's `agent.state` events, which also
 * tell the call-bound activities (ringing, talking) the REST view does not hold.
 * Loaded with the webphone chunk, never for operators.
 */
@Injectable({ providedIn: 'root' })
export class AgentQueueService {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthService);
  private readonly realtime = inject(RealtimeService);

  readonly status = signal<QueueStatusView | null>(null);
  readonly reasons = signal<readonly PauseReasonView[]>([]);
  /** A change is being saved: the panel's controls wait for it. */
  readonly saving = signal(false);
  /** The last failure (loading or saving), shown in the panel until the next success. */
  readonly error = signal<Message | null>(null);
  /** Ringing or talking, as last told by callflow (null: no call). */
  private readonly callActivity = signal<'ringing' | 'busy' | null>(null);
  /** Ticks once a second while a wrap-up counts down. */
  readonly now = signal(Date.now());

  readonly queues = computed(() => this.status()?.queues ?? []);
  readonly hasQueues = computed(() => this.queues().length > 0);
  readonly loggedInCount = computed(() => this.queues().filter((q) => q.loggedIn).length);
  readonly allLoggedIn = computed(() => this.hasQueues() && this.loggedInCount() === this.queues().length);
  readonly pauseReason = computed(() => {
    const id = this.status()?.pauseReasonId;
    return id == null ? null : (this.reasons().find((r) => r.id === id) ?? null);
  });
  /** Seconds of wrap-up left (0: none). */
  readonly wrapupLeftS = computed(() => {
    const until = this.status()?.wrapupUntil;
    return until ? Math.max(0, Math.ceil((Date.parse(until) - this.now()) / 1000)) : 0;
  });

  readonly activity = computed<AgentActivity>(() => {
    const status = this.status();
    if (!status) return 'offline';
    const call = this.callActivity();
    if (call) return call;
    if (!status.queues.some((q) => q.loggedIn)) return 'offline';
    if (status.paused) return 'paused';
    if (this.wrapupLeftS() > 0) return 'wrapup';
    return 'available';
  });

  private loadGeneration = 0;

  constructor() {
    const userId = computed(() => {
      const user = this.auth.user();
      return user && user.tenantId !== null ? user.id : null;
    });
    effect(() => {
      const id = userId();
      untracked(() => (id === null ? this.reset() : this.load()));
    });
    // Events missed while the live channel was down: read the state again when it is back.
    let wasConnected = false;
    effect(() => {
      const connected = this.realtime.connected();
      untracked(() => {
        if (connected && !wasConnected && this.status()) this.load();
        wasConnected = connected;
      });
    });
    const stop = this.realtime.on<AgentStatePayload>('agent.state', (payload) => this.apply(payload));

    let timer: ReturnType<typeof setInterval> | undefined;
    const countingDown = computed(() => !!this.status()?.wrapupUntil);
    effect(() => {
      const running = countingDown();
      clearInterval(timer);
      timer = undefined;
      this.now.set(Date.now());
      if (running) timer = setInterval(() => this.now.set(Date.now()), 1000);
    });
    inject(DestroyRef).onDestroy(() => {
      stop();
      clearInterval(timer);
    });
  }

  /**
   * Reads the agent's state and the tenant's pause reasons. `fresh`: forget the call activity too;
   * `keepError`: the read follows a refused change whose message must stay.
   */
  load(fresh = true, keepError = false): void {
    const generation = ++this.loadGeneration;
    forkJoin({
      status: this.http.get<QueueStatusView>('/api/me/queue-status'),
      // Without reasons the agent can still pause ("no reason"); the API has the last word.
      reasons: this.http
        .get<PauseReasonView[]>('/api/pause-reasons')
        .pipe(catchError(() => of<PauseReasonView[]>([]))),
    }).subscribe({
      next: ({ status, reasons }) => {
        if (generation !== this.loadGeneration) return;
        this.status.set(status);
        this.reasons.set(reasons);
        if (fresh) this.callActivity.set(null);
        if (!keepError) this.error.set(null);
      },
      error: (error: unknown) => {
        if (generation !== this.loadGeneration) return;
        this.error.set(apiMessage(toApiFailure(error)));
      },
    });
  }

  setLoggedIn(queueId: number, loggedIn: boolean): void {
    const ids = this.queues()
      .filter((q) => (q.id === queueId ? loggedIn : q.loggedIn))
      .map((q) => q.id);
    this.save({ loggedIn: ids });
  }

  logInToAll(): void {
    this.save({ loggedIn: this.queues().map((q) => q.id) });
  }

  logOutOfAll(): void {
    this.save({ loggedIn: [] });
  }

  pause(reasonId: number | null): void {
    this.save({ paused: true, pauseReasonId: reasonId });
  }

  resume(): void {
    this.save({ paused: false });
  }

  private save(request: QueueStatusRequest): void {
    if (this.saving()) return;
    this.saving.set(true);
    this.error.set(null);
    const generation = ++this.loadGeneration;
    this.http.put<QueueStatusView | null>('/api/me/queue-status', request).subscribe({
      next: (status) => {
        this.saving.set(false);
        // The API answers with the new state; an empty answer means: read it.
        if (status && Array.isArray(status.queues)) {
          if (generation === this.loadGeneration) this.status.set(status);
        } else {
          this.load();
        }
      },
      error: (error: unknown) => {
        this.saving.set(false);
        const failure = toApiFailure(error);
        this.error.set(failureMessage(failure));
        // Refused (a queue left meanwhile, a reason deleted): show what holds now.
        if (failure.status === 400 || failure.status === 404) this.load(false, true);
      },
    });
  }

  /** An `agent.state` event from callflow (through the api) about this user. */
  private apply(payload: AgentStatePayload): void {
    const status = this.status();
    if (!status) return;
    const anyLoggedIn = status.queues.some((q) => q.loggedIn);
    // A log-in or log-out made elsewhere (another tab, an admin): the event does not list the
    // queues, so read them.
    if ((payload.activity === 'offline') === anyLoggedIn) this.load(false);
    this.callActivity.set(
      payload.activity === 'ringing' || payload.activity === 'busy' ? payload.activity : null,
    );
    this.status.set({
      ...status,
      paused: payload.paused,
      pauseReasonId: payload.pauseReasonId,
      changedAt: payload.paused === status.paused ? status.changedAt : new Date().toISOString(),
      wrapupUntil: payload.wrapupUntil,
    });
  }

  private reset(): void {
    this.loadGeneration++;
    this.status.set(null);
    this.reasons.set([]);
    this.callActivity.set(null);
    this.error.set(null);
    this.saving.set(false);
  }
}

/** A refused change says why field by field ("not a member of queue group 5"): show that. */
function failureMessage(failure: ApiFailure): Message {
  // The API names the queues by id; the panel knows them by name and reads the list again.
  if (fieldErrors(failure).some((f) => f.field === 'loggedIn' && f.code === 'not_member'))
    return { key: 'queue.error.notMember' };
  const fields = fieldErrors(failure).filter((f) => f.message);
  return fields.length ? { text: fields.map((f) => f.message).join(' ') } : apiMessage(failure);
}
