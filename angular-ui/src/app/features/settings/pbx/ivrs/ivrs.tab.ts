import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { FlowGraph, IvrNode } from '@webcall/flow-engine';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { Icon } from '../../../../shell/icon';
import type { Message } from '../../../auth/form-support';
import { MessagePipe } from '../../../auth/message.pipe';
import { FlowBar } from '../shared/flow-bar';
import { ivrsOf } from '../shared/graph';
import { NodeDelete } from '../shared/node-delete';
import { NodeListTab } from '../shared/node-list-tab';
import { IvrDialog } from './ivr-dialog';

/** IVR menus (F16) of the flow being edited: press 1 for…; a key may lead to another menu. */
@Component({
  selector: 'wc-pbx-ivrs-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, MessagePipe, Icon, RouterLink, FlowBar, IvrDialog, NodeDelete],
  styleUrls: ['../../../../shared/list-page.css', '../../users/users.css', '../shared/pbx.css'],
  template: `
    @if (notice(); as n) {
      <p class="alert alert-success" role="status" data-testid="ivrs-notice">
        <wc-icon name="check" /><span>{{ n | msg }}</span>
        <button type="button" class="dismiss" [attr.aria-label]="'list.close' | t" (click)="notice.set(null)">
          <wc-icon name="close" />
        </button>
      </p>
    }
    <wc-flow-bar />
    <section class="card" [attr.aria-busy]="store.loading()">
      <div class="card-head">
        <div>
          <h2>{{ 'pbx.ivr.title' | t }}</h2>
          <p>{{ 'pbx.ivr.lead' | t }}</p>
        </div>
        @if (graph()) {
          <button type="button" class="btn btn-primary" data-testid="ivr-add" (click)="openAdd()">
            <wc-icon name="plus" />{{ 'pbx.ivr.add' | t }}
          </button>
        }
      </div>
      @if (store.loadError(); as e) {
        <p class="alert alert-error state" role="alert">
          <wc-icon name="alert" /><span>{{ e | msg }}</span>
        </p>
      } @else if (!store.flows()) {
        <div class="loading">
          <span class="spinner dark" aria-hidden="true"></span>{{ 'list.loading' | t }}
        </div>
      } @else if (!graph()) {
        <div class="empty-state" data-testid="ivrs-no-flow">
          <span class="empty-icon"><wc-icon name="layers" /></span>
          <h2>{{ 'pbx.noFlow.title' | t }}</h2>
          <p>{{ 'pbx.noFlow.text' | t }}</p>
          <a class="btn btn-primary" routerLink="../flows">{{ 'pbx.noFlow.action' | t }}</a>
        </div>
      } @else if (!nodes().length) {
        <div class="empty-state" data-testid="ivrs-empty">
          <span class="empty-icon"><wc-icon name="grid" /></span>
          <h2>{{ 'pbx.ivr.emptyTitle' | t }}</h2>
          <p>{{ 'pbx.ivr.emptyText' | t }}</p>
        </div>
      } @else {
        <div class="table-wrap">
          <table class="table" data-testid="ivrs-table">
            <thead>
              <tr>
                <th scope="col">{{ 'pbx.ivr.name' | t }}</th>
                <th scope="col">{{ 'pbx.ivr.keys' | t }}</th>
                <th scope="col">{{ 'pbx.ivr.wait' | t }}</th>
                <th scope="col">{{ 'pbx.ivr.onFailure' | t }}</th>
                <th scope="col">{{ 'pbx.col.status' | t }}</th>
                <th scope="col" class="actions-col">
                  <span class="visually-hidden">{{ 'users.col.actions' | t }}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              @for (s of nodes(); track s.id) {
                <tr [attr.data-testid]="'ivr-row-' + s.id">
                  <th scope="row">
                    <button type="button" class="row-link" (click)="openEdit(s)">
                      {{ s.label || s.id }}
                    </button>
                    <div class="muted small">{{ promptText(s) | msg }}</div>
                  </th>
                  <td>
                    <ul class="summary-list">
                      @for (k of keysOf(s); track k.key) {
                        <li>
                          <span class="key small">{{ k.key }}</span><span>{{ k.target | msg }}</span>
                        </li>
                      } @empty {
                        <li class="muted">{{ 'pbx.ivr.noKeysShort' | t }}</li>
                      }
                      @if (s.directDial) {
                        <li class="muted">{{ 'pbx.ivr.directDialShort' | t }}</li>
                      }
                    </ul>
                  </td>
                  <td class="nowrap">{{ 'pbx.ivr.waitValue' | t: { s: s.timeoutS, r: s.retries } }}</td>
                  <td>{{ target(s.onFailure) | msg }}</td>
                  <td>
                    @if (problemCount(s.id); as n) {
                      <span class="badge badge-off">{{ 'pbx.flow.problemsN' | t: { n } }}</span>
                    } @else if (!used(s.id)) {
                      <span class="badge badge-warn">{{ 'pbx.node.unused' | t }}</span>
                    } @else {
                      <span class="badge badge-ok"><span class="dot"></span>{{ 'pbx.node.ok' | t }}</span>
                    }
                  </td>
                  <td class="actions-col">
                    <div class="row-actions">
                      <button
                        type="button"
                        class="icon-btn"
                        [attr.data-testid]="'ivr-edit-' + s.id"
                        [attr.aria-label]="'pbx.action.edit' | t"
                        [attr.title]="'pbx.action.edit' | t"
                        (click)="openEdit(s)"
                      >
                        <wc-icon name="edit" />
                      </button>
                      <button
                        type="button"
                        class="icon-btn danger"
                        [attr.data-testid]="'ivr-delete-' + s.id"
                        [attr.aria-label]="'pbx.action.delete' | t"
                        [attr.title]="'pbx.action.delete' | t"
                        (click)="dialog.set({ kind: 'delete', node: s })"
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

    @if (graph(); as g) {
      @switch (dialog()?.kind) {
        @case ('add') {
          <wc-ivr-dialog [graph]="g" (saved)="onSaved($event, 'pbx.ivr.added')" (dismiss)="close()" />
        }
        @case ('edit') {
          @if (editing(); as d) {
            <wc-ivr-dialog
              [graph]="g"
              [node]="d.node"
              [focusField]="d.field"
              (saved)="onSaved($event, 'pbx.ivr.saved')"
              (dismiss)="close()"
            />
          }
        }
        @case ('delete') {
          @if (deleting(); as d) {
            <wc-node-delete
              [graph]="g"
              [node]="d.node"
              (deleted)="onSaved($event, 'pbx.ivr.deleted')"
              (dismiss)="close()"
            />
          }
        }
      }
    }
  `,
  styles: `
    .small {
      font-size: 0.8125rem;
      font-weight: 400;
    }
    .table td {
      vertical-align: top;
    }
  `,
})
export default class IvrsTab extends NodeListTab<IvrNode> {
  protected nodesOf(graph: FlowGraph): IvrNode[] {
    return ivrsOf(graph);
  }

  protected keysOf(s: IvrNode): { key: string; target: Message }[] {
    return Object.entries(s.keys ?? {})
      .filter(([, id]) => id !== undefined)
      .map(([key, id]) => ({ key, target: this.target(id) }));
  }

  protected promptText(s: IvrNode): Message {
    const name = this.store.promptName(s.prompt?.promptId);
    return name ? { key: 'pbx.ivr.promptIs', params: { name } } : { key: 'pbx.ivr.noPrompt' };
  }
}
