import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { TranslatePipe } from '../core/i18n/translate.pipe';
import { Icon } from '../shell/icon';

/** "21–40 of 57" with previous / next buttons under a paginated list (pages count from 1). */
@Component({
  selector: 'wc-pager',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, Icon],
  template: `
    <nav class="pager" [attr.aria-label]="'list.pager.label' | t">
      <p class="range" data-testid="pager-range" aria-live="polite">
        {{ 'list.pager.range' | t: { from: from(), to: to(), total: total() } }}
      </p>
      <div class="buttons">
        <button
          type="button"
          class="btn btn-ghost"
          data-testid="pager-prev"
          [disabled]="page() <= 1"
          [attr.aria-label]="'list.pager.prev' | t"
          (click)="pageChange.emit(page() - 1)"
        >
          <wc-icon name="chevron-left" />
        </button>
        <span class="page" data-testid="pager-page">{{
          'list.pager.page' | t: { page: page(), pages: pages() }
        }}</span>
        <button
          type="button"
          class="btn btn-ghost"
          data-testid="pager-next"
          [disabled]="page() >= pages()"
          [attr.aria-label]="'list.pager.next' | t"
          (click)="pageChange.emit(page() + 1)"
        >
          <wc-icon name="chevron-right" />
        </button>
      </div>
    </nav>
  `,
  styles: `
    .pager {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 8px 16px;
    }
    .range {
      margin: 0;
      color: var(--muted);
      font-size: 0.875rem;
      font-variant-numeric: tabular-nums;
    }
    .buttons {
      display: flex;
      align-items: center;
      gap: 6px;
    }
    .page {
      min-width: 7em;
      color: var(--text);
      font-size: 0.875rem;
      text-align: center;
      font-variant-numeric: tabular-nums;
    }
    .btn {
      width: 36px;
      height: 36px;
      padding: 0;
      --icon-size: 18px;
    }
    .btn:disabled {
      cursor: not-allowed;
    }
  `,
})
export class Pager {
  readonly page = input.required<number>();
  readonly pageSize = input.required<number>();
  readonly total = input.required<number>();
  readonly pageChange = output<number>();

  protected readonly pages = computed(() => Math.max(1, Math.ceil(this.total() / this.pageSize())));
  protected readonly from = computed(() =>
    this.total() === 0 ? 0 : (this.page() - 1) * this.pageSize() + 1,
  );
  protected readonly to = computed(() => Math.min(this.total(), this.page() * this.pageSize()));
}
