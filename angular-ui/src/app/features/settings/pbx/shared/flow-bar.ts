import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '../../../../core/i18n/translate.pipe';
import { Icon } from '../../../../shell/icon';
import { FlowStore } from './flow-store';

/**
 * The flow being edited, above the Work shifts and IVR tabs: a picker when the tenant has several,
 * whether it is published and whether the draft has changes or problems.
 */
@Component({
  selector: 'wc-flow-bar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, Icon, RouterLink],
  template: `
    @if (store.selected(); as flow) {
      <div class="bar" data-testid="flow-bar">
        <label for="flow-bar-select">{{ 'pbx.flowBar.label' | t }}</label>
        <select
          id="flow-bar-select"
          class="input"
          data-testid="flow-bar-select"
          (change)="store.select(+$any($event.target).value)"
        >
          @for (f of store.flows(); track f.id) {
            <option [value]="f.id" [selected]="f.id === flow.id">{{ f.name }}</option>
          }
        </select>
        @if (flow.publishedVersion) {
          <span class="badge badge-ok"
            ><span class="dot"></span>{{ 'pbx.flow.publishedV' | t: { v: flow.publishedVersion } }}</span
          >
        } @else {
          <span class="badge badge-neutral">{{ 'pbx.flow.neverPublished' | t }}</span>
        }
        @if (flow.dirty) {
          <span class="badge badge-warn" data-testid="flow-bar-dirty">{{ 'pbx.flow.dirty' | t }}</span>
        }
        @if (flow.problems.length) {
          <span class="badge badge-off">{{ 'pbx.flow.problemsN' | t: { n: flow.problems.length } }}</span>
        }
        <a class="btn btn-secondary btn-sm to-flows" routerLink="../flows" data-testid="flow-bar-publish">
          <wc-icon name="send" />{{ 'pbx.flowBar.publish' | t }}
        </a>
      </div>
    }
  `,
  styles: `
    .bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 12px;
      margin-bottom: 16px;
      padding: 12px 16px;
      border: 1px solid var(--border);
      border-radius: 12px;
      background: var(--surface);
    }
    label {
      font-size: 0.875rem;
      font-weight: 600;
    }
    select {
      width: auto;
      min-width: 220px;
      height: 36px;
    }
    .badge {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 3px 10px;
      border: 1px solid transparent;
      border-radius: 999px;
      font-size: 0.8125rem;
      font-weight: 600;
      white-space: nowrap;
    }
    .dot {
      width: 7px;
      height: 7px;
      border-radius: 50%;
      background: currentColor;
    }
    .badge-ok {
      border-color: var(--ok-border);
      background: var(--ok-bg);
      color: var(--ok-fg);
    }
    .badge-off {
      border-color: var(--err-border);
      background: var(--err-bg);
      color: var(--err-fg);
    }
    .badge-warn {
      border-color: var(--warn-border);
      background: var(--warn-bg);
      color: var(--warn-fg);
    }
    .badge-neutral {
      border-color: var(--border);
      background: var(--unknown-bg);
    }
    .to-flows {
      margin-left: auto;
      text-decoration: none;
      --icon-size: 15px;
    }
  `,
})
export class FlowBar {
  protected readonly store = inject(FlowStore);
}
