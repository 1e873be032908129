import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Icon } from '../icon';

/** The caller waiting on hold while the user consults a colleague (attended transfer). */
@Component({
  selector: 'wc-held-call',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, Icon],
  host: { 'data-testid': 'phone-held-call' },
  template: `
    <span class="avatar" aria-hidden="true">{{ initials() }}</span>
    <div class="text">
      <p class="name">{{ name() }}</p>
      <p class="sub"><wc-icon name="pause" />{{ 'phone.transfer.waiting' | t }}</p>
    </div>
    <span class="time">{{ elapsed() }}</span>
  `,
  styles: `
    :host {
      display: flex;
      align-items: center;
      gap: 10px;
      width: 100%;
      margin-bottom: 14px;
      padding: 10px 12px;
      border: 1px dashed var(--border-strong);
      border-radius: 12px;
      text-align: left;
    }
    .avatar {
      display: inline-grid;
      place-items: center;
      width: 36px;
      height: 36px;
      border-radius: 50%;
      background: linear-gradient(135deg, #3b82f6, #1d4ed8);
      color: #fff;
      font-size: 0.8125rem;
      font-weight: 700;
    }
    .text {
      flex: 1;
      min-width: 0;
    }
    p {
      margin: 0;
    }
    .name {
      overflow: hidden;
      font-weight: 600;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .sub {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      color: var(--muted);
      font-size: 0.8125rem;
      --icon-size: 13px;
    }
    .time {
      color: var(--muted);
      font-size: 0.8125rem;
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class HeldCall {
  readonly name = input.required<string>();
  readonly initials = input.required<string>();
  readonly elapsed = input('');
}
