import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import type { TrunkView } from '@webcall/contracts';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import type { TranslationKey } from '../../../core/i18n/vi';
import { Icon } from '../../../shell/icon';
import { apiMessage } from '../../../shared/api-message';
import { listLoader } from '../../../shared/list-loader';
import type { Message } from '../../auth/form-support';
import { MessagePipe } from '../../auth/message.pipe';
import { ConfirmDialog } from '../../settings/users/confirm-dialog';
import { failureMessage } from '../../settings/users/users-support';
import { TrunkDialog } from './trunk-dialog';
import { TrunksApi } from './trunks.api';

type Dialog = { kind: 'add' } | { kind: 'edit'; trunk: TrunkView } | { kind: 'delete'; trunk: TrunkView };

/**
 * Operator → Trunks (F17): the carriers' SIP trunks hotlines arrive on. Each change is pushed to
 * Asterisk before it is saved; a registration trunk shows whether the carrier accepted it.
 */
@Component({
  selector: 'wc-trunks-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, MessagePipe, Icon, ConfirmDialog, TrunkDialog],
  styleUrls: ['../../../shared/list-page.css', '../../settings/users/users.css'],
  template: `
    <header class="page-head">
      <div>
        <p class="eyebrow">{{ 'nav.operator' | t }}</p>
        <h1 data-testid="page-title">{{ 'page.operator.trunks.title' | t }}</h1>
        <p class="lead" data-testid="page-description">{{ 'page.operator.trunks.desc' | t }}</p>
      </div>
      <button
        type="button"
        class="btn btn-primary"
        data-testid="trunk-add"
        [disabled]="!presets()"
        (click)="open({ kind: 'add' })"
      >
        <wc-icon name="plus" />{{ 'trunks.add' | t }}
      </button>
    </header>

    @if (notice(); as n) {
      <p
        class="alert"
        [class.alert-success]="n.ok"
        [class.alert-error]="!n.ok"
        [attr.role]="n.ok ? 'status' : 'alert'"
        data-testid="trunks-notice"
      >
        <wc-icon [name]="n.ok ? 'check' : 'alert'" /><span>{{ n.message | msg }}</span>
        <button type="button" class="dismiss" [attr.aria-label]="'list.close' | t" (click)="notice.set(null)">
          <wc-icon name="close" />
        </button>
      </p>
    }

    <section class="card" [attr.aria-label]="'page.operator.trunks.title' | t" [attr.aria-busy]="loading()">
      <div class="toolbar">
        @if (trunks(); as list) {
          <p class="count">{{ 'trunks.count' | t: { count: list.length } }}</p>
        }
        <button
          type="button"
          class="btn btn-secondary btn-sm"
          data-testid="trunks-refresh"
          (click)="reload()"
        >
          <wc-icon name="refresh" />{{ 'trunks.refresh' | t }}
        </button>
      </div>
      @if (loadError(); as message) {
        <p class="alert alert-error state" role="alert" data-testid="trunks-error">
          <wc-icon name="alert" /><span>{{ 'trunks.loadFailed' | t }}: {{ message | msg }}</span>
          <button type="button" class="btn btn-secondary btn-sm" (click)="reload()">
            {{ 'list.retry' | t }}
          </button>
        </p>
      } @else if (trunks() === null) {
        <div class="loading" role="status">
          <span class="spinner dark" aria-hidden="true"></span>{{ 'trunks.loading' | t }}
        </div>
      } @else {
        <div class="table-wrap" [class.busy]="loading()">
          <table class="table" data-testid="trunks-table">
            <caption class="visually-hidden">
              {{
                'page.operator.trunks.title' | t
              }}
            </caption>
            <thead>
              <tr>
                <th scope="col">{{ 'trunks.col.name' | t }}</th>
                <th scope="col">{{ 'trunks.col.auth' | t }}</th>
                <th scope="col">{{ 'trunks.col.server' | t }}</th>
                <th scope="col">{{ 'trunks.col.state' | t }}</th>
                <th scope="col" class="num">{{ 'trunks.col.hotlines' | t }}</th>
                <th scope="col" class="actions-col">
                  <span class="visually-hidden">{{ 'trunks.col.actions' | t }}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              @for (t of trunks(); track t.id) {
                <tr data-testid="trunk-row" [attr.data-id]="t.id" [attr.data-name]="t.name">
                  <th scope="row">
                    <span class="name">{{ t.name }}</span>
                    <span class="sub muted">
                      {{ presetName(t.preset) }} · <code>{{ t.endpointName }}</code>
                      @if (!t.managed) {
                        · {{ 'trunks.static' | t }}
                      }
                    </span>
                  </th>
                  <td>
                    {{ (t.authMode === 'ip' ? 'trunks.mode.ip' : 'trunks.mode.registration') | t }}
                    <span class="sub muted mono">
                      @if (t.authMode === 'ip') {
                        {{ t.matchIps.join(', ') }}
                      } @else {
                        {{ t.username }}
                      }
                    </span>
                  </td>
                  <td class="nowrap">
                    @if (t.host) {
                      <span class="mono">{{ t.host }}:{{ t.port }}</span>
                    } @else {
                      <span class="muted">{{ 'trunks.noHost' | t }}</span>
                    }
                    <span class="sub muted mono"
                      >{{ t.transport.toUpperCase() }} · {{ t.codecs.join(', ') }}</span
                    >
                  </td>
                  <td>
                    <span
                      class="badge"
                      [class]="'badge ' + stateBadge(t)"
                      data-testid="trunk-state"
                      [attr.data-state]="stateOf(t)"
                    >
                      <span class="dot" aria-hidden="true"></span>{{ stateKey(t) | t }}
                    </span>
                  </td>
                  <td class="num">{{ t.hotlines }}</td>
                  <td class="actions-col">
                    <div class="row-actions">
                      @if (t.managed) {
                        <button
                          type="button"
                          class="icon-btn"
                          data-testid="trunk-toggle"
                          [disabled]="busyId() === t.id"
                          [attr.aria-label]="
                            (t.enabled ? 'trunks.action.disable' : 'trunks.action.enable')
                              | t: { name: t.name }
                          "
                          [attr.title]="
                            (t.enabled ? 'trunks.action.disable' : 'trunks.action.enable')
                              | t: { name: t.name }
                          "
                          (click)="toggle(t)"
                        >
                          <wc-icon name="power" />
                        </button>
                      }
                      <button
                        type="button"
                        class="icon-btn"
                        data-testid="trunk-edit"
                        [attr.aria-label]="'trunks.action.edit' | t: { name: t.name }"
                        [attr.title]="'trunks.action.edit' | t: { name: t.name }"
                        (click)="open({ kind: 'edit', trunk: t })"
                      >
                        <wc-icon name="edit" />
                      </button>
                      @if (t.managed) {
                        <button
                          type="button"
                          class="icon-btn danger"
                          data-testid="trunk-delete"
                          [attr.aria-label]="'trunks.action.delete' | t: { name: t.name }"
                          [attr.title]="'trunks.action.delete' | t: { name: t.name }"
                          (click)="open({ kind: 'delete', trunk: t })"
                        >
                          <wc-icon name="trash" />
                        </button>
                      }
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
          [heading]="'trunks.delete.title' | t"
          [confirmLabel]="'trunks.delete.confirm' | t"
          [pending]="pending()"
          [error]="dialogError()"
          (confirm)="confirmDelete(d.trunk)"
          (dismiss)="close()"
        >
          <p>{{ 'trunks.delete.text' | t: { name: d.trunk.name } }}</p>
        </wc-confirm-dialog>
      } @else {
        <wc-trunk-dialog
          [trunk]="d.kind === 'edit' ? d.trunk : null"
          [presets]="presets() ?? []"
          (saved)="onSaved($event)"
          (dismiss)="close()"
        />
      }
    }
  `,
  styles: `
    .badge-warn {
      border-color: var(--warn-border);
      background: var(--warn-bg);
      color: var(--warn-fg);
    }
    .toolbar {
      align-items: center;
      justify-content: flex-end;
    }
    .name {
      display: block;
      font-weight: 600;
    }
    .sub {
      display: block;
      margin-top: 2px;
      font-size: 0.8125rem;
      font-weight: 400;
    }
    .mono,
    code {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace;
      font-size: 0.8125rem;
    }
    .table {
      min-width: 860px;
    }
  `,
})
export default class TrunksPage {
  private readonly api = inject(TrunksApi);
  private readonly list = listLoader(signal(null), () => this.api.list());
  protected readonly trunks = this.list.data;
  protected readonly loading = this.list.loading;
  protected readonly loadError = computed(() => {
    const failure = this.list.failure();
    return failure && this.list.data() === null ? apiMessage(failure) : null;
  });
  private readonly presetList = listLoader(signal(null), () => this.api.presets());
  protected readonly presets = this.presetList.data;

  protected readonly dialog = signal<Dialog | null>(null);
  protected readonly dialogError = signal<Message | null>(null);
  protected readonly pending = signal(false);
  protected readonly busyId = signal<number | null>(null);
  protected readonly notice = signal<{ ok: boolean; message: Message } | null>(null);

  protected presetName(id: string): string {
    return this.presets()?.find((p) => p.id === id)?.name ?? id;
  }

  /** disabled, ip (no registration), or Asterisk's registration state. */
  protected stateOf(t: TrunkView): string {
    if (!t.enabled) return 'disabled';
    if (t.authMode === 'ip') return 'ip';
    return t.registration ?? 'unknown';
  }

  protected stateKey(t: TrunkView): TranslationKey {
    const state = this.stateOf(t);
    if (state === 'disabled') return 'trunks.state.disabled';
    if (state === 'ip') return 'trunks.state.ready';
    if (state === 'Registered') return 'trunks.state.registered';
    if (state === 'Rejected') return 'trunks.state.rejected';
    if (state === 'unknown') return 'trunks.state.unknown';
    return 'trunks.state.unregistered';
  }

  protected stateBadge(t: TrunkView): string {
    const state = this.stateOf(t);
    if (state === 'ip' || state === 'Registered') return 'badge-ok';
    if (state === 'Rejected') return 'badge-off';
    if (state === 'disabled' || state === 'unknown') return 'badge-neutral';
    return 'badge-warn';
  }

  protected reload(): void {
    this.list.reload();
  }

  protected open(dialog: Dialog): void {
    this.notice.set(null);
    this.dialogError.set(null);
    this.dialog.set(dialog);
  }

  protected close(): void {
    if (!this.pending()) this.dialog.set(null);
  }

  protected onSaved(trunk: TrunkView): void {
    const edited = this.dialog()?.kind === 'edit';
    this.dialog.set(null);
    this.notice.set({
      ok: true,
      message: { key: edited ? 'trunks.updated' : 'trunks.created', params: { name: trunk.name } },
    });
    this.list.reload();
  }

  protected toggle(t: TrunkView): void {
    if (this.busyId() !== null) return;
    this.busyId.set(t.id);
    this.notice.set(null);
    this.api.update(t.id, { enabled: !t.enabled }).subscribe({
      next: (saved) => {
        this.busyId.set(null);
        this.notice.set({
          ok: true,
          message: {
            key: saved.enabled ? 'trunks.enabled' : 'trunks.disabled',
            params: { name: saved.name },
          },
        });
        this.list.reload();
      },
      error: (error: unknown) => {
        this.busyId.set(null);
        this.notice.set({ ok: false, message: failureMessage(error) });
      },
    });
  }

  protected confirmDelete(t: TrunkView): void {
    if (this.pending()) return;
    this.pending.set(true);
    this.api.remove(t.id).subscribe({
      next: () => {
        this.pending.set(false);
        this.dialog.set(null);
        this.notice.set({ ok: true, message: { key: 'trunks.deleted', params: { name: t.name } } });
        this.list.reload();
      },
      error: (error: unknown) => {
        this.pending.set(false);
        this.dialogError.set(failureMessage(error));
      },
    });
  }
}
