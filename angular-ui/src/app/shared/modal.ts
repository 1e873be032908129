import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  DestroyRef,
  type ElementRef,
  afterNextRender,
  inject,
  input,
  output,
  viewChild,
} from '@angular/core';
import { TranslatePipe } from '../core/i18n/translate.pipe';
import { Icon } from '../shell/icon';

/**
 * A modal dialog on the native `<dialog>` (focus kept inside, Escape, top layer, inert page).
 * It opens when rendered and the parent closes it by no longer rendering it (`@if`); Escape and
 * the close button ask for that through `dismissed`. Put `autofocus` on the first field.
 */
@Component({
  selector: 'wc-modal',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, Icon],
  template: `
    <dialog
      #dialog
      class="modal"
      [class.wide]="wide()"
      [attr.aria-labelledby]="headingId()"
      [attr.data-testid]="testId()"
      (cancel)="cancel($event)"
    >
      <header class="head">
        <h2 [id]="headingId()">{{ heading() }}</h2>
        <button
          type="button"
          class="close"
          data-testid="modal-close"
          [attr.aria-label]="'list.close' | t"
          [attr.title]="'list.close' | t"
          (click)="dismissed.emit()"
        >
          <wc-icon name="close" />
        </button>
      </header>
      <div class="body">
        <ng-content />
      </div>
    </dialog>
  `,
  styles: `
    .modal {
      width: min(520px, calc(100vw - 32px));
      max-height: calc(100dvh - 48px);
      padding: 0;
      border: 1px solid var(--border);
      border-radius: 14px;
      background: var(--surface);
      color: var(--text);
      box-shadow: var(--shadow-lg);
    }
    .modal.wide {
      width: min(640px, calc(100vw - 32px));
    }
    .modal::backdrop {
      background: rgb(15 23 42 / 50%);
    }
    .head {
      position: sticky;
      top: 0;
      z-index: 1;
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 12px;
      padding: 18px 20px 14px 24px;
      border-bottom: 1px solid var(--border);
      background: var(--surface);
    }
    h2 {
      margin: 0;
      font-size: 1.125rem;
      line-height: 1.35;
      letter-spacing: -0.01em;
    }
    .close {
      display: inline-grid;
      flex: none;
      place-items: center;
      width: 34px;
      height: 34px;
      border: 0;
      border-radius: 8px;
      background: transparent;
      color: var(--muted);
      cursor: pointer;
      --icon-size: 18px;
    }
    .close:hover {
      background: var(--bg);
      color: var(--text);
    }
    .body {
      padding: 18px 24px 22px;
    }
    @media (max-width: 560px) {
      .body {
        padding: 16px 16px 18px;
      }
      .head {
        padding-left: 16px;
      }
    }
  `,
})
export class Modal {
  /** Translated title; it also names the dialog for assistive technology. */
  readonly heading = input.required<string>();
  readonly headingId = input.required<string>();
  readonly testId = input<string>();
  readonly wide = input(false);
  readonly dismissed = output<void>();

  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');

  constructor() {
    // Rendering follows the click that opens it, so the focused element is the opener.
    const opener = inject(DOCUMENT).activeElement;
    afterNextRender(() => this.dialog().nativeElement.showModal());
    // The element is removed rather than closed, so the browser does not give focus back itself.
    inject(DestroyRef).onDestroy(() =>
      setTimeout(() => {
        if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
      }),
    );
  }

  /** Escape: the parent decides (it may keep the dialog while a request is pending). */
  protected cancel(event: Event): void {
    event.preventDefault();
    this.dismissed.emit();
  }
}
