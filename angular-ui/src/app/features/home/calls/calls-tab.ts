import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import type { CallRecordView } from '@webcall/contracts';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import type { TranslationKey } from '../../../core/i18n/vi';
import { Icon } from '../../../shell/icon';
import { apiMessage } from '../../../shared/api-message';
import { listLoader } from '../../../shared/list-loader';
import { LocalDatePipe } from '../../../shared/local-date.pipe';
import { Pager } from '../../../shared/pager';
import { MessagePipe } from '../../auth/message.pipe';
import { timeline, type TimelineEntry } from './call-path';
import { CALLS_PAGE_SIZE, CallsApi, between, formatDuration } from './calls-api';
import { VoicemailPlayer } from './voicemail-player';

const RESULTS: Record<string, { key: TranslationKey; tone: string }> = {
  answered: { key: 'calls.result.answered', tone: 'ok' },
  abandoned: { key: 'calls.result.abandoned', tone: 'warn' },
  'no-answer': { key: 'calls.result.no-answer', tone: 'warn' },
  failed: { key: 'calls.result.failed', tone: 'off' },
};

/** Home → Calls, tab "Calls": the tenant's calls, newest first; a row opens the path it took. */
@Component({
  selector: 'wc-calls-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, MessagePipe, Icon, LocalDatePipe, Pager, VoicemailPlayer],
  styleUrls: ['../../../shared/list-page.css', '../../settings/users/users.css', './calls.css'],
  template: `
    <section class="card" [attr.aria-busy]="loading()" aria-labelledby="calls-title">
      <div class="toolbar">
        <div class="title-block">
          <h2 id="calls-title" class="list-title">
            {{ 'calls.list.title' | t }}
            @if (result(); as r) {
              <span class="count" data-testid="calls-count">{{ r.total }}</span>
            }
          </h2>
          <p class="muted intro">{{ 'calls.list.intro' | t }}</p>
        </div>
        <button type="button" class="btn btn-secondary btn-sm" data-testid="calls-refresh" (click)="reload()">
          <wc-icon name="refresh" />{{ 'calls.refresh' | t }}
        </button>
      </div>

      @if (loadError(); as message) {
        <p class="alert alert-error state" role="alert" data-testid="calls-error">
          <wc-icon name="alert" /><span>{{ 'calls.loadFailed' | t }}: {{ message | msg }}</span>
          <button type="button" class="btn btn-secondary btn-sm" (click)="reload()">
            <wc-icon name="rotate-cw" />{{ 'list.retry' | t }}
          </button>
        </p>
      } @else if (result(); as r) {
        @if (!r.items.length) {
          <div class="empty-state" data-testid="calls-empty">
            <span class="empty-icon"><wc-icon name="phone-incoming" /></span>
            <h2>{{ 'calls.empty.title' | t }}</h2>
            <p>{{ 'calls.empty.text' | t }}</p>
          </div>
        } @else {
          <div class="table-wrap" [class.busy]="loading()">
            <table class="table" data-testid="calls-table">
              <caption class="visually-hidden">
                {{
                  'calls.list.title' | t
                }}
              </caption>
              <thead>
                <tr>
                  <th scope="col" class="toggle-col">
                    <span class="visually-hidden">{{ 'calls.col.details' | t }}</span>
                  </th>
                  <th scope="col">{{ 'calls.col.time' | t }}</th>
                  <th scope="col">{{ 'calls.col.kind' | t }}</th>
                  <th scope="col">{{ 'calls.col.caller' | t }}</th>
                  <th scope="col">{{ 'calls.col.called' | t }}</th>
                  <th scope="col" class="num">{{ 'calls.col.duration' | t }}</th>
                  <th scope="col">{{ 'calls.col.result' | t }}</th>
                  <th scope="col" class="actions-col">
                    <span class="visually-hidden">{{ 'calls.col.voicemail' | t }}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                @for (c of r.items; track c.id) {
                  @let open = openId() === c.id;
                  <tr
                    class="call-row"
                    data-testid="call-row"
                    [attr.data-id]="c.id"
                    [attr.data-disposition]="c.disposition"
                    [class.open]="open"
                    (click)="toggle(c.id)"
                  >
                    <td class="toggle-col">
                      <button
                        type="button"
                        class="icon-btn chevron"
                        data-testid="call-toggle"
                        [attr.aria-expanded]="open"
                        [attr.aria-controls]="'call-detail-' + c.id"
                        [attr.aria-label]="
                          (open ? 'calls.details.hide' : 'calls.details.show') | t: { caller: c.callerNumber }
                        "
                        (click)="$event.stopPropagation(); toggle(c.id)"
                      >
                        <wc-icon name="chevron-right" />
                      </button>
                    </td>
                    <td class="nowrap">{{ c.startedAt | localDate: 'dateTime' }}</td>
                    <td class="nowrap">
                      <span class="kind">
                        <wc-icon
                          [name]="
                            c.entryKind === 'inbound'
                              ? 'phone-incoming'
                              : c.entryKind === 'callback'
                                ? 'phone-forward'
                                : 'phone'
                          "
                        />
                        {{ kindKey(c.entryKind) | t }}
                      </span>
                    </td>
                    <th scope="row" class="mono strong">{{ c.callerNumber || '—' }}</th>
                    <td class="nowrap">
                      @if (c.hotlineNumber) {
                        <span class="mono">{{ c.hotlineNumber }}</span>
                        <span class="sub">{{ 'calls.hotline' | t }}</span>
                      } @else {
                        <span class="mono">{{ c.calledNumber || '—' }}</span>
                      }
                    </td>
                    <td class="num" data-testid="call-duration">
                      {{ total(c) }}
                    </td>
                    <td class="nowrap">
                      <span class="badge" [attr.data-tone]="resultOf(c).tone" data-testid="call-result">
                        <span class="dot"></span>{{ resultOf(c).key | t }}
                      </span>
                    </td>
                    <td class="actions-col nowrap">
                      @if (c.voicemailId) {
                        <span class="vm-flag" [attr.title]="'calls.detail.hasVoicemail' | t">
                          <wc-icon name="mic" />
                        </span>
                      }
                    </td>
                  </tr>
                  @if (open) {
                    <tr class="detail-row" [id]="'call-detail-' + c.id" data-testid="call-detail">
                      <td colspan="8">
                        <div class="detail">
                          <div class="path">
                            <h3>{{ 'calls.detail.path' | t }}</h3>
                            @let steps = stepsOf(c);
                            @if (steps.length) {
                              <ol class="timeline">
                                @for (s of steps; track $index) {
                                  <li data-testid="call-step">
                                    <span class="step-icon"><wc-icon [name]="s.icon" /></span>
                                    <span class="step-text">{{ s.key | t: s.params }}</span>
                                    @if (s.outcome; as o) {
                                      <span class="badge badge-sm" [attr.data-tone]="o.tone">{{
                                        o.key | t
                                      }}</span>
                                    }
                                    <time class="step-time">{{ s.at | localDate: 'time' }}</time>
                                  </li>
                                }
                              </ol>
                            } @else {
                              <p class="muted">{{ 'calls.detail.noPath' | t }}</p>
                            }
                          </div>
                          <dl class="facts">
                            <div>
                              <dt>{{ 'calls.detail.started' | t }}</dt>
                              <dd>{{ c.startedAt | localDate: 'dateTime' }}</dd>
                            </div>
                            <div>
                              <dt>{{ 'calls.detail.answered' | t }}</dt>
                              <dd>{{ c.answeredAt ? (c.answeredAt | localDate: 'dateTime') : '—' }}</dd>
                            </div>
                            <div>
                              <dt>{{ 'calls.detail.ended' | t }}</dt>
                              <dd>
                                {{
                                  c.endedAt
                                    ? (c.endedAt | localDate: 'dateTime')
                                    : ('calls.result.ongoing' | t)
                                }}
                              </dd>
                            </div>
                            @if (c.hangupCauseText) {
                              <div>
                                <dt>{{ 'calls.detail.hangup' | t }}</dt>
                                <dd>
                                  {{
                                    c.hangupCauseText === 'callback'
                                      ? ('calls.cause.callback' | t)
                                      : c.hangupCauseText
                                  }}
                                </dd>
                              </div>
                            }
                            @if (c.flowVersion) {
                              <div>
                                <dt>{{ 'calls.detail.flow' | t }}</dt>
                                <dd>{{ 'calls.detail.flowVersion' | t: { version: c.flowVersion } }}</dd>
                              </div>
                            }
                            @if (c.hasRecording) {
                              <div class="vm">
                                <dt>{{ 'calls.detail.recording' | t }}</dt>
                                <dd>
                                  <wc-voicemail-player
                                    kind="recording"
                                    [voicemailId]="c.id"
                                    [caller]="c.callerNumber"
                                  />
                                </dd>
                              </div>
                            }
                            @if (c.voicemailId; as vm) {
                              <div class="vm">
                                <dt>{{ 'calls.detail.voicemail' | t }}</dt>
                                <dd><wc-voicemail-player [voicemailId]="vm" [caller]="c.callerNumber" /></dd>
                              </div>
                            }
                          </dl>
                        </div>
                      </td>
                    </tr>
                  }
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
        <div class="loading" role="status" data-testid="calls-loading">
          <span class="spinner dark" aria-hidden="true"></span>{{ 'calls.loading' | t }}
        </div>
      }
    </section>
  `,
})
export class CallsTab {
  private readonly api = inject(CallsApi);

  protected readonly pageSize = CALLS_PAGE_SIZE;
  protected readonly page = signal(1);
  private readonly calls = listLoader(this.page, (page) => this.api.list(page));
  protected readonly result = this.calls.data;
  protected readonly loading = this.calls.loading;
  protected readonly loadError = computed(() => {
    const failure = this.calls.failure();
    return failure && this.calls.data() === null ? apiMessage(failure) : null;
  });
  protected readonly openId = signal<number | null>(null);
  private readonly steps = new WeakMap<CallRecordView, TimelineEntry[]>();

  protected reload(): void {
    this.calls.reload();
  }

  protected toggle(id: number): void {
    this.openId.update((open) => (open === id ? null : id));
  }

  protected stepsOf(call: CallRecordView): TimelineEntry[] {
    let steps = this.steps.get(call);
    if (!steps) this.steps.set(call, (steps = timeline(call)));
    return steps;
  }

  protected kindKey(kind: string): TranslationKey {
    return kind === 'inbound' || kind === 'internal' || kind === 'test' || kind === 'callback'
      ? `calls.kind.${kind}`
      : 'calls.kind.other';
  }

  protected resultOf(call: CallRecordView): { key: TranslationKey; tone: string } {
    if (!call.endedAt) return { key: 'calls.result.ongoing', tone: 'live' };
    // The flow answers to play its menu: a call that ended in the mailbox is told apart.
    if (call.voicemailId !== null && call.disposition !== 'failed')
      return { key: 'calls.result.voicemail', tone: 'new' };
    return RESULTS[call.disposition ?? ''] ?? { key: 'calls.result.unknown', tone: 'neutral' };
  }

  protected total(call: CallRecordView): string {
    const ms = between(call.startedAt, call.endedAt);
    return ms === null ? '—' : formatDuration(ms);
  }
}
