import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { FlowGraph, ShiftNode } from '@webcall/flow-engine';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { TranslationService } from '../../../../core/i18n/translation.service';
import { Icon } from '../../../../shell/icon';
import { MessagePipe } from '../../../auth/message.pipe';
import { dayKey, weekSummary } from '../shared/describe';
import { FlowBar } from '../shared/flow-bar';
import { shiftsOf } from '../shared/graph';
import { NodeDelete } from '../shared/node-delete';
import { NodeListTab } from '../shared/node-list-tab';
import { ShiftDialog } from './shift-dialog';

/** Work shifts (F14) of the flow being edited: when calls are answered and where they go otherwise. */
@Component({
  selector: 'wc-pbx-shifts-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, MessagePipe, Icon, RouterLink, FlowBar, ShiftDialog, NodeDelete],
  styleUrls: ['../../../../shared/list-page.css', '../../users/users.css', '../shared/pbx.css'],
  template: `
    @if (notice(); as n) {
      <p class="alert alert-success" role="status" data-testid="shifts-notice">
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
          <h2>{{ 'pbx.shift.title' | t }}</h2>
          <p>{{ 'pbx.shift.lead' | t }}</p>
        </div>
        @if (graph()) {
          <button type="button" class="btn btn-primary" data-testid="shift-add" (click)="openAdd()">
            <wc-icon name="plus" />{{ 'pbx.shift.add' | t }}
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
        <div class="empty-state" data-testid="shifts-no-flow">
          <span class="empty-icon"><wc-icon name="layers" /></span>
          <h2>{{ 'pbx.noFlow.title' | t }}</h2>
          <p>{{ 'pbx.noFlow.text' | t }}</p>
          <a class="btn btn-primary" routerLink="../flows">{{ 'pbx.noFlow.action' | t }}</a>
        </div>
      } @else if (!nodes().length) {
        <div class="empty-state" data-testid="shifts-empty">
          <span class="empty-icon"><wc-icon name="activity" /></span>
          <h2>{{ 'pbx.shift.emptyTitle' | t }}</h2>
          <p>{{ 'pbx.shift.emptyText' | t }}</p>
        </div>
      } @else {
        <div class="table-wrap">
          <table class="table" data-testid="shifts-table">
            <thead>
              <tr>
                <th scope="col">{{ 'pbx.shift.name' | t }}</th>
                <th scope="col">{{ 'pbx.shift.hours' | t }}</th>
                <th scope="col">{{ 'pbx.shift.inHours' | t }}</th>
                <th scope="col">{{ 'pbx.shift.outOfHours' | t }}</th>
                <th scope="col">{{ 'pbx.col.status' | t }}</th>
                <th scope="col" class="actions-col">
                  <span class="visually-hidden">{{ 'users.col.actions' | t }}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              @for (s of nodes(); track s.id) {
                <tr [attr.data-testid]="'shift-row-' + s.id">
                  <th scope="row">
                    <button type="button" class="row-link" (click)="openEdit(s)">
                      {{ s.label || s.id }}
                    </button>
                    <div class="muted small">{{ s.schedule.timeZone }}</div>
                  </th>
                  <td>
                    <ul class="summary-list">
                      @for (row of week(s); track $index) {
                        <li>
                          <strong>{{ daysText(row.days) }}</strong>
                          <span>{{ row.periods }}</span>
                        </li>
                      } @empty {
                        <li class="muted">{{ 'pbx.shift.noHours' | t }}</li>
                      }
                      @if (s.schedule.holidays.length || s.schedule.exceptions.length) {
                        <li class="muted">
                          {{
                            'pbx.shift.specialDays'
                              | t: { h: s.schedule.holidays.length, e: s.schedule.exceptions.length }
                          }}
                        </li>
                      }
                    </ul>
                  </td>
                  <td>{{ target(s.inHours) | msg }}</td>
                  <td>{{ target(s.outOfHours) | msg }}</td>
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
                        [attr.data-testid]="'shift-edit-' + s.id"
                        [attr.aria-label]="'pbx.action.edit' | t"
                        [attr.title]="'pbx.action.edit' | t"
                        (click)="openEdit(s)"
                      >
                        <wc-icon name="edit" />
                      </button>
                      <button
                        type="button"
                        class="icon-btn danger"
                        [attr.data-testid]="'shift-delete-' + s.id"
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
          <wc-shift-dialog [graph]="g" (saved)="onSaved($event, 'pbx.shift.added')" (dismiss)="close()" />
        }
        @case ('edit') {
          @if (editing(); as d) {
            <wc-shift-dialog
              [graph]="g"
              [node]="d.node"
              [focusField]="d.field"
              (saved)="onSaved($event, 'pbx.shift.saved')"
              (dismiss)="close()"
            />
          }
        }
        @case ('delete') {
          @if (deleting(); as d) {
            <wc-node-delete
              [graph]="g"
              [node]="d.node"
              (deleted)="onSaved($event, 'pbx.shift.deleted')"
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
export default class ShiftsTab extends NodeListTab<ShiftNode> {
  protected nodesOf(graph: FlowGraph): ShiftNode[] {
    return shiftsOf(graph);
  }

  protected week(s: ShiftNode) {
    return weekSummary(s.schedule);
  }

  protected daysText(days: number[]): string {
    return days.length > 2
      ? `${this.dayText(days[0])}–${this.dayText(days[days.length - 1])}`
      : days.map((d) => this.dayText(d)).join(', ');
  }

  private readonly i18n = inject(TranslationService);
  private dayText(day: number): string {
    return this.i18n.t(dayKey(day));
  }
}
