import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { HOTLINE_STATUS_IDS, type HotlineStatusId, type HotlineView } from '@webcall/contracts';
import { map } from 'rxjs';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import type { TranslationKey } from '../../../core/i18n/vi';
import { Icon } from '../../../shell/icon';
import { apiMessage } from '../../../shared/api-message';
import { listLoader } from '../../../shared/list-loader';
import { LocalDatePipe } from '../../../shared/local-date.pipe';
import type { Message } from '../../auth/form-support';
import { MessagePipe } from '../../auth/message.pipe';
import {
  HOTLINE_BADGE_STYLES,
  HOTLINE_STATUS_BADGE,
  formatHotline,
  hotlineStatusKey,
} from '../../settings/pbx/hotlines/hotline-status';
import { TrunksApi } from '../trunks/trunks.api';
import { HotlineMoveDialog } from './hotline-move-dialog';
import { HotlineProvisionDialog, type TenantOption } from './hotline-provision-dialog';
import { type OperatorHotlineQuery, OperatorHotlinesApi } from './operator-hotlines.api';

type Dialog = { kind: 'move'; hotline: HotlineView } | { kind: 'provision' };

/**
 * Operator → Hotlines (F17): the requests queue of every tenant, filtered by status and tenant;
 * each number is moved along the carrier process (waiting for the contract, active on a trunk,
 * suspended), and numbers the carrier already assigned are provisioned directly.
 */
@Component({
  selector: 'wc-operator-hotlines-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, MessagePipe, Icon, LocalDatePipe, HotlineMoveDialog, HotlineProvisionDialog],
  styleUrls: ['../../../shared/list-page.css', '../../settings/users/users.css'],
  template: `
    <header class="page-head">
      <div>
        <p class="eyebrow">{{ 'nav.operator' | t }}</p>
        <h1 data-testid="page-title">{{ 'page.operator.hotlines.title' | t }}</h1>
        <p class="lead" data-testid="page-description">{{ 'page.operator.hotlines.desc' | t }}</p>
      </div>
      <button
        type="button"
        class="btn btn-primary"
        data-testid="hotline-provision"
        (click)="open({ kind: 'provision' })"
      >
        <wc-icon name="plus" />{{ 'opHotlines.provision.open' | t }}
      </button>
    </header>

    @if (notice(); as n) {
      <p class="alert alert-success" role="status" data-testid="op-hotlines-notice">
        <wc-icon name="check" /><span>{{ n | msg }}</span>
        <button type="button" class="dismiss" [attr.aria-label]="'list.close' | t" (click)="notice.set(null)">
          <wc-icon name="close" />
        </button>
      </p>
    }

    <section class="card" [attr.aria-label]="'page.operator.hotlines.title' | t" [attr.aria-busy]="loading()">
      <div class="toolbar">
        <div>
          <label for="op-hotlines-status">{{ 'opHotlines.filter.status' | t }}</label>
          <select
            id="op-hotlines-status"
            class="input"
            data-testid="op-hotlines-status"
            (change)="setStatus($event)"
          >
            <option value="">{{ 'opHotlines.filter.all' | t }}</option>
            @for (s of statuses; track s) {
              <option [value]="s" [selected]="query().status === s">{{ statusKey(s) | t }}</option>
            }
          </select>
        </div>
        <div>
          <label for="op-hotlines-tenant">{{ 'opHotlines.filter.tenant' | t }}</label>
          <select
            id="op-hotlines-tenant"
            class="input"
            data-testid="op-hotlines-tenant"
            (change)="setTenant($event)"
          >
            <option value="">{{ 'opHotlines.filter.allTenants' | t }}</option>
            @for (t of tenants() ?? []; track t.id) {
              <option [value]="t.id">{{ t.name }}</option>
            }
          </select>
        </div>
        @if (hotlines(); as list) {
          <p class="count">{{ 'opHotlines.count' | t: { count: list.length } }}</p>
        }
      </div>
      @if (loadError(); as message) {
        <p class="alert alert-error state" role="alert">
          <wc-icon name="alert" /><span>{{ 'hotlines.loadFailed' | t }}: {{ message | msg }}</span>
          <button type="button" class="btn btn-secondary btn-sm" (click)="reload()">
            {{ 'list.retry' | t }}
          </button>
        </p>
      } @else if (hotlines() === null) {
        <div class="loading" role="status">
          <span class="spinner dark" aria-hidden="true"></span>{{ 'hotlines.loading' | t }}
        </div>
      } @else if (!hotlines()!.length) {
        <div class="empty-state" data-testid="op-hotlines-empty">
          <span class="empty-icon"><wc-icon name="phone-incoming" /></span>
          <h2>{{ 'opHotlines.empty.title' | t }}</h2>
          <p>{{ 'opHotlines.empty.text' | t }}</p>
        </div>
      } @else {
        <div class="table-wrap" [class.busy]="loading()">
          <table class="table" data-testid="op-hotlines-table">
            <caption class="visually-hidden">
              {{
                'page.operator.hotlines.title' | t
              }}
            </caption>
            <thead>
              <tr>
                <th scope="col">{{ 'hotlines.col.number' | t }}</th>
                <th scope="col">{{ 'opHotlines.col.tenant' | t }}</th>
                <th scope="col">{{ 'hotlines.col.status' | t }}</th>
                <th scope="col">{{ 'opHotlines.col.requested' | t }}</th>
                <th scope="col">{{ 'hotlines.col.contractDue' | t }}</th>
                <th scope="col">{{ 'hotlines.col.trunk' | t }}</th>
                <th scope="col" class="actions-col">
                  <span class="visually-hidden">{{ 'hotlines.col.actions' | t }}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              @for (h of hotlines(); track h.id) {
                <tr data-testid="op-hotline-row" [attr.data-id]="h.id" [attr.data-number]="h.number">
                  <th scope="row" class="nowrap">
                    <span class="number">{{ format(h.number) }}</span>
                    @if (h.note) {
                      <span class="note muted">{{ h.note }}</span>
                    }
                  </th>
                  <td class="tenant-cell">{{ h.tenantName }}</td>
                  <td>
                    <span
                      [class]="'badge ' + badge(h.status)"
                      data-testid="op-hotline-status"
                      [attr.data-status]="h.status"
                      ><span class="dot" aria-hidden="true"></span>{{ statusKey(h.status) | t }}</span
                    >
                  </td>
                  <td class="nowrap">{{ h.requestedAt | localDate: 'numericDate' }}</td>
                  <td class="due-cell">
                    @if (h.status === 'waiting_contract' && h.contractDueAt) {
                      <span [class.overdue]="overdue(h)">{{ h.contractDueAt | localDate: 'dateTime' }}</span>
                    } @else {
                      <span class="muted">—</span>
                    }
                  </td>
                  <td class="trunk-cell">{{ h.trunkName ?? '—' }}</td>
                  <td class="actions-col">
                    <button
                      type="button"
                      class="btn btn-secondary btn-sm nowrap"
                      data-testid="op-hotline-move"
                      (click)="open({ kind: 'move', hotline: h })"
                    >
                      {{ moveLabel(h.status) | t }}
                    </button>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    </section>

    @if (dialog(); as d) {
      @if (d.kind === 'move') {
        <wc-hotline-move-dialog
          [hotline]="d.hotline"
          [trunks]="trunks() ?? []"
          (saved)="onMoved($event)"
          (dismiss)="dialog.set(null)"
        />
      } @else {
        <wc-hotline-provision-dialog
          [tenants]="tenants() ?? []"
          [trunks]="trunks() ?? []"
          (saved)="onProvisioned($event)"
          (dismiss)="dialog.set(null)"
        />
      }
    }
  `,
  styles: `
    ${HOTLINE_BADGE_STYLES}
    .toolbar .input {
      min-width: 200px;
    }
    .number {
      display: block;
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace;
      font-weight: 600;
    }
    .note {
      display: block;
      max-width: 20ch;
      overflow: hidden;
      font-size: 0.8125rem;
      font-weight: 400;
      text-overflow: ellipsis;
    }
    .due-cell {
      min-width: 96px;
    }
    .tenant-cell {
      min-width: 150px;
      overflow-wrap: anywhere;
    }
    .trunk-cell {
      min-width: 120px;
    }
    .overdue {
      color: var(--err-fg);
      font-weight: 600;
    }
    .table {
      min-width: 900px;
    }
  `,
})
export default class OperatorHotlinesPage {
  private readonly api = inject(OperatorHotlinesApi);
  private readonly trunksApi = inject(TrunksApi);

  protected readonly statuses = HOTLINE_STATUS_IDS;
  protected readonly query = signal<OperatorHotlineQuery>({ status: 'requested', tenantId: null });
  private readonly list = listLoader(this.query, (q) => this.api.list(q));
  protected readonly hotlines = this.list.data;
  protected readonly loading = this.list.loading;
  protected readonly loadError = computed(() => {
    const failure = this.list.failure();
    return failure && this.list.data() === null ? apiMessage(failure) : null;
  });
  protected readonly trunks = listLoader(signal(null), () => this.trunksApi.list()).data;
  protected readonly tenants = listLoader(signal(null), () =>
    this.api.tenants().pipe(map((page) => page.items.map((t): TenantOption => ({ id: t.id, name: t.name })))),
  ).data;

  protected readonly dialog = signal<Dialog | null>(null);
  protected readonly notice = signal<Message | null>(null);

  protected format(number: string): string {
    return formatHotline(number);
  }

  protected badge(status: HotlineStatusId): string {
    return HOTLINE_STATUS_BADGE[status];
  }

  protected statusKey(status: HotlineStatusId): TranslationKey {
    return hotlineStatusKey(status);
  }

  protected moveLabel(status: HotlineStatusId): TranslationKey {
    return `opHotlines.action.${status}`;
  }

  protected overdue(h: HotlineView): boolean {
    return !!h.contractDueAt && Date.parse(h.contractDueAt) < Date.now();
  }

  protected setStatus(event: Event): void {
    const value = (event.target as HTMLSelectElement).value as HotlineStatusId | '';
    this.query.update((q) => ({ ...q, status: value || null }));
  }

  protected setTenant(event: Event): void {
    const value = Number((event.target as HTMLSelectElement).value);
    this.query.update((q) => ({ ...q, tenantId: value || null }));
  }

  protected reload(): void {
    this.list.reload();
  }

  protected open(dialog: Dialog): void {
    this.notice.set(null);
    this.dialog.set(dialog);
  }

  protected onMoved(h: HotlineView): void {
    this.dialog.set(null);
    this.notice.set({ key: `opHotlines.moved.${h.status}`, params: { number: formatHotline(h.number) } });
    this.list.reload();
  }

  protected onProvisioned(h: HotlineView): void {
    this.dialog.set(null);
    this.notice.set({
      key: 'opHotlines.provisioned',
      params: { number: formatHotline(h.number), tenant: h.tenantName ?? '' },
    });
    this.list.reload();
  }
}
