import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import type { HotlineStatusId, HotlineView } from '@webcall/contracts';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import type { TranslationKey } from '../../../../core/i18n/vi';
import { Icon } from '../../../../shell/icon';
import { apiMessage } from '../../../../shared/api-message';
import { listLoader } from '../../../../shared/list-loader';
import { LocalDatePipe } from '../../../../shared/local-date.pipe';
import type { Message } from '../../../auth/form-support';
import { MessagePipe } from '../../../auth/message.pipe';
import { ConfirmDialog } from '../../users/confirm-dialog';
import { failureMessage } from '../../users/users-support';
import { HotlineDialog } from './hotline-dialog';
import {
  HOTLINE_BADGE_STYLES,
  HOTLINE_STATUS_BADGE,
  formatHotline,
  hotlineStatusKey,
} from './hotline-status';
import { HotlinesApi } from './hotlines.api';

type Dialog =
  { kind: 'add' } | { kind: 'edit'; hotline: HotlineView } | { kind: 'delete'; hotline: HotlineView };

/**
 * PBX → Hotlines (F17, F19): the company's numbers with their status (requested, waiting for the
 * carrier contract, active, suspended), the contract due date, the trunk, the flow that answers
 * and the outbound caller id. +Add requests a number; the operator takes it from there.
 */
@Component({
  selector: 'wc-pbx-hotlines-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, MessagePipe, Icon, LocalDatePipe, ConfirmDialog, HotlineDialog],
  styleUrls: ['../../../../shared/list-page.css', '../../users/users.css'],
  template: `
    @if (notice(); as n) {
      <p class="alert alert-success" role="status" data-testid="hotlines-notice">
        <wc-icon name="check" /><span>{{ n | msg }}</span>
        <button type="button" class="dismiss" [attr.aria-label]="'list.close' | t" (click)="notice.set(null)">
          <wc-icon name="close" />
        </button>
      </p>
    }
    <section class="card" aria-labelledby="hotlines-title" [attr.aria-busy]="loading()">
      <div class="toolbar">
        <div class="heading">
          <h2 id="hotlines-title" class="list-title">
            {{ 'hotlines.title' | t }}
            @if (hotlines(); as list) {
              <span class="count-pill">{{ list.length }}</span>
            }
          </h2>
          <p class="muted sub">{{ 'hotlines.lead' | t }}</p>
        </div>
        <button
          type="button"
          class="btn btn-primary btn-sm"
          data-testid="hotline-add"
          (click)="open({ kind: 'add' })"
        >
          <wc-icon name="plus" />{{ 'hotlines.add' | t }}
        </button>
      </div>

      @if (loadError(); as message) {
        <p class="alert alert-error state" role="alert" data-testid="hotlines-error">
          <wc-icon name="alert" /><span>{{ 'hotlines.loadFailed' | t }}: {{ message | msg }}</span>
          <button type="button" class="btn btn-secondary btn-sm" (click)="reload()">
            <wc-icon name="rotate-cw" />{{ 'list.retry' | t }}
          </button>
        </p>
      } @else if (hotlines() === null) {
        <div class="loading" role="status">
          <span class="spinner dark" aria-hidden="true"></span>{{ 'hotlines.loading' | t }}
        </div>
      } @else if (!hotlines()!.length) {
        <div class="empty-state" data-testid="hotlines-empty">
          <span class="empty-icon"><wc-icon name="phone-incoming" /></span>
          <h2>{{ 'hotlines.empty.title' | t }}</h2>
          <p>{{ 'hotlines.empty.text' | t }}</p>
          <button type="button" class="btn btn-secondary btn-sm" (click)="open({ kind: 'add' })">
            <wc-icon name="plus" />{{ 'hotlines.add' | t }}
          </button>
        </div>
      } @else {
        <div class="table-wrap" [class.busy]="loading()">
          <table class="table" data-testid="hotlines-table">
            <caption class="visually-hidden">
              {{
                'hotlines.title' | t
              }}
            </caption>
            <thead>
              <tr>
                <th scope="col">{{ 'hotlines.col.number' | t }}</th>
                <th scope="col">{{ 'hotlines.col.status' | t }}</th>
                <th scope="col">{{ 'hotlines.col.contractDue' | t }}</th>
                <th scope="col">{{ 'hotlines.col.trunk' | t }}</th>
                <th scope="col">{{ 'hotlines.col.flow' | t }}</th>
                <th scope="col">{{ 'hotlines.col.outbound' | t }}</th>
                <th scope="col" class="actions-col">
                  <span class="visually-hidden">{{ 'hotlines.col.actions' | t }}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              @for (h of hotlines(); track h.id) {
                <tr data-testid="hotline-row" [attr.data-id]="h.id" [attr.data-number]="h.number">
                  <th scope="row" class="nowrap">
                    <span class="number">{{ format(h.number) }}</span>
                    @if (h.note) {
                      <span class="note muted">{{ h.note }}</span>
                    }
                  </th>
                  <td>
                    <span
                      class="badge"
                      [class]="'badge ' + badge(h.status)"
                      data-testid="hotline-status"
                      [attr.data-status]="h.status"
                      ><span class="dot" aria-hidden="true"></span>{{ statusKey(h.status) | t }}</span
                    >
                  </td>
                  <td class="nowrap">
                    @if (h.status === 'waiting_contract' && h.contractDueAt) {
                      <span data-testid="hotline-due">{{ h.contractDueAt | localDate: 'dateTime' }}</span>
                    } @else if (h.status === 'requested') {
                      <span class="muted">{{ 'hotlines.due.pending' | t }}</span>
                    } @else {
                      <span class="muted">—</span>
                    }
                  </td>
                  <td>{{ h.trunkName ?? '—' }}</td>
                  <td data-testid="hotline-flow-cell">
                    @if (h.flowName) {
                      {{ h.flowName }}
                    } @else {
                      <span class="muted">{{ 'hotlines.noFlow' | t }}</span>
                    }
                  </td>
                  <td>
                    @if (h.outboundDefault) {
                      <span class="badge badge-ok" data-testid="hotline-outbound">{{
                        'hotlines.outboundDefault' | t
                      }}</span>
                    } @else {
                      <span class="muted">—</span>
                    }
                  </td>
                  <td class="actions-col">
                    <div class="row-actions">
                      <button
                        type="button"
                        class="icon-btn"
                        data-testid="hotline-edit"
                        [attr.aria-label]="'hotlines.action.edit' | t: { number: format(h.number) }"
                        [attr.title]="'hotlines.action.edit' | t: { number: format(h.number) }"
                        (click)="open({ kind: 'edit', hotline: h })"
                      >
                        <wc-icon name="edit" />
                      </button>
                      <button
                        type="button"
                        class="icon-btn danger"
                        data-testid="hotline-delete"
                        [attr.aria-label]="'hotlines.action.delete' | t: { number: format(h.number) }"
                        [attr.title]="'hotlines.action.delete' | t: { number: format(h.number) }"
                        (click)="open({ kind: 'delete', hotline: h })"
                      >
                        <wc-icon name="trash" />
                      </button>
                    </div>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    </section>

    @if (dialog(); as d) {
      @if (d.kind === 'delete') {
        <wc-confirm-dialog
          [heading]="'hotlines.delete.title' | t"
          [confirmLabel]="'hotlines.delete.confirm' | t"
          [pending]="pending()"
          [error]="dialogError()"
          (confirm)="confirmDelete(d.hotline)"
          (dismiss)="close()"
        >
          <p>{{ 'hotlines.delete.text' | t: { number: format(d.hotline.number) } }}</p>
        </wc-confirm-dialog>
      } @else {
        <wc-hotline-dialog
          [hotline]="d.kind === 'edit' ? d.hotline : null"
          [flows]="flows() ?? []"
          (saved)="onSaved($event)"
          (dismiss)="close()"
        />
      }
    }
  `,
  styles: `
    ${HOTLINE_BADGE_STYLES}
    :host {
      max-width: none;
    }
    .toolbar {
      flex-wrap: nowrap;
      align-items: center;
      justify-content: space-between;
    }
    .toolbar .btn {
      flex: none;
    }
    .heading {
      display: grid;
      flex: 1;
      gap: 2px;
      min-width: 0;
    }
    .list-title {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      margin: 0;
      font-size: 1.0625rem;
    }
    .sub {
      margin: 0;
      font-size: 0.875rem;
    }
    .count-pill {
      padding: 1px 8px;
      border-radius: 999px;
      background: var(--unknown-bg);
      color: var(--muted);
      font-size: 0.8125rem;
    }
    .number {
      display: block;
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace;
      font-size: 0.9375rem;
      font-weight: 600;
    }
    .note {
      display: block;
      max-width: 28ch;
      overflow: hidden;
      font-size: 0.8125rem;
      font-weight: 400;
      text-overflow: ellipsis;
    }
    .table {
      min-width: 820px;
    }
  `,
})
export default class HotlinesTab {
  private readonly api = inject(HotlinesApi);

  private readonly list = listLoader(signal(null), () => this.api.list());
  protected readonly hotlines = computed<readonly HotlineView[] | null>(() => this.list.data());
  protected readonly loading = this.list.loading;
  protected readonly loadError = computed(() => {
    const failure = this.list.failure();
    return failure && this.list.data() === null ? apiMessage(failure) : null;
  });
  private readonly flowList = listLoader(signal(null), () => this.api.flows());
  protected readonly flows = this.flowList.data;

  protected readonly dialog = signal<Dialog | null>(null);
  protected readonly dialogError = signal<Message | null>(null);
  protected readonly pending = signal(false);
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

  protected reload(): void {
    this.list.reload();
  }

  protected open(dialog: Dialog): void {
    this.notice.set(null);
    this.dialogError.set(null);
    if (dialog.kind === 'edit') this.flowList.reload();
    this.dialog.set(dialog);
  }

  protected close(): void {
    if (!this.pending()) this.dialog.set(null);
  }

  protected onSaved(hotline: HotlineView): void {
    const edited = this.dialog()?.kind === 'edit';
    this.dialog.set(null);
    this.notice.set({
      key: edited ? 'hotlines.updated' : 'hotlines.requested',
      params: { number: formatHotline(hotline.number) },
    });
    this.list.reload();
  }

  protected confirmDelete(hotline: HotlineView): void {
    if (this.pending()) return;
    this.pending.set(true);
    this.api.remove(hotline.id).subscribe({
      next: () => {
        this.pending.set(false);
        this.dialog.set(null);
        this.notice.set({ key: 'hotlines.deleted', params: { number: formatHotline(hotline.number) } });
        this.list.reload();
      },
      error: (error: unknown) => {
        this.pending.set(false);
        this.dialogError.set(failureMessage(error));
      },
    });
  }
}
