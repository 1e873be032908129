import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslatePipe } from '../core/i18n/translate.pipe';
import { RealtimeService } from '../core/realtime/realtime.service';
import { Icon } from './icon';

/**
 * Screen pop: a card in the corner for each call ringing the signed-in user's extension (their
 * webphone or SIP phone), with the caller's number and the hotline dialled (or "internal call").
 * It goes when the ringing ends (answered calls too, when they end) or when dismissed.
 */
@Component({
  selector: 'wc-screen-pop',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, Icon],
  template: `
    <div class="stack" role="status" aria-live="polite" [attr.aria-label]="'screenPop.region' | t">
      @for (call of realtime.incoming(); track call.channelId) {
        <article class="pop" data-testid="screen-pop" [attr.data-channel]="call.channelId">
          <span class="badge" aria-hidden="true"><wc-icon name="phone-incoming" /></span>
          <div class="text">
            <p class="title">{{ 'screenPop.title' | t }}</p>
            <p class="caller" data-testid="screen-pop-caller">
              {{ call.callerNumber || ('screenPop.unknownCaller' | t) }}
            </p>
            <p class="line" data-testid="screen-pop-line">
              @if (call.hotlineNumber) {
                {{ 'screenPop.hotline' | t: { number: call.hotlineNumber } }}
              } @else {
                {{ 'screenPop.internal' | t }}
              }
              · {{ 'screenPop.extension' | t: { ext: call.extension } }}
            </p>
          </div>
          <button
            type="button"
            class="dismiss"
            data-testid="screen-pop-dismiss"
            [attr.aria-label]="'screenPop.dismiss' | t"
            (click)="realtime.dismiss(call.channelId)"
          >
            <wc-icon name="close" />
          </button>
        </article>
      }
    </div>
  `,
  styles: `
    .stack {
      position: fixed;
      right: 20px;
      bottom: 20px;
      z-index: 40;
      display: flex;
      flex-direction: column;
      gap: 10px;
      width: min(340px, calc(100vw - 32px));
      pointer-events: none;
    }

    .pop {
      display: grid;
      grid-template-columns: auto minmax(0, 1fr) auto;
      align-items: start;
      gap: 12px;
      padding: 14px 12px 14px 14px;
      border: 1px solid var(--border);
      border-left: 4px solid var(--ok-dot);
      border-radius: 10px;
      background: var(--surface);
      box-shadow: var(--shadow-lg);
      pointer-events: auto;
      animation: pop-in 0.18s ease-out;
    }

    .badge {
      display: grid;
      place-items: center;
      width: 36px;
      height: 36px;
      border-radius: 50%;
      color: var(--ok-dot);
      background: color-mix(in srgb, var(--ok-dot) 12%, transparent);
    }

    .text {
      min-width: 0;
    }

    .title {
      margin: 0;
      font-size: 12px;
      font-weight: 600;
      letter-spacing: 0.02em;
      text-transform: uppercase;
      color: var(--ok-dot);
    }

    .caller {
      margin: 2px 0 0;
      font-size: 20px;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }

    .line {
      margin: 2px 0 0;
      font-size: 13px;
      color: var(--muted);
    }

    .dismiss {
      display: grid;
      place-items: center;
      width: 28px;
      height: 28px;
      padding: 0;
      border: 0;
      border-radius: 6px;
      background: transparent;
      color: var(--muted);
      cursor: pointer;
    }

    .dismiss:hover,
    .dismiss:focus-visible {
      background: var(--unknown-bg);
      color: inherit;
    }

    @keyframes pop-in {
      from {
        opacity: 0;
        transform: translateY(8px);
      }
    }

    @media (prefers-reduced-motion: reduce) {
      .pop {
        animation: none;
      }
    }
  `,
})
export class ScreenPop {
  protected readonly realtime = inject(RealtimeService);
}
