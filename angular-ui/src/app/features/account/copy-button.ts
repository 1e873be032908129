import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  DestroyRef,
  inject,
  input,
  signal,
} from '@angular/core';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Icon } from '../../shell/icon';

/** How long "Copied" stays on the button. */
const FEEDBACK_MS = 2000;

/**
 * Copies `value` to the clipboard, then says so for a moment (politely announced). The label is
 * what gets copied ("Copy user name"); the icon-only button carries it as name and tooltip.
 */
@Component({
  selector: 'wc-copy-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, Icon],
  template: `
    <button
      type="button"
      class="copy"
      [class.done]="state() === 'copied'"
      [class.failed]="state() === 'failed'"
      [attr.data-testid]="testId()"
      [attr.data-state]="state()"
      [attr.aria-label]="label()"
      [attr.title]="label()"
      (click)="copy()"
    >
      @if (state() === 'copied') {
        <wc-icon name="check" />
      } @else {
        <wc-icon name="copy" />
      }
    </button>
    <span class="visually-hidden" role="status">
      @if (state() === 'copied') {
        {{ 'device.copied' | t }}
      } @else if (state() === 'failed') {
        {{ 'device.copyFailed' | t }}
      }
    </span>
    @if (state() !== 'idle') {
      <span class="bubble" aria-hidden="true" [class.failed]="state() === 'failed'">{{
        (state() === 'copied' ? 'device.copied' : 'device.copyFailed') | t
      }}</span>
    }
  `,
  styles: `
    :host {
      position: relative;
      display: inline-flex;
    }
    .copy {
      display: inline-grid;
      place-items: center;
      width: 32px;
      height: 32px;
      border: 1px solid transparent;
      border-radius: 8px;
      background: transparent;
      color: var(--muted);
      cursor: pointer;
      --icon-size: 16px;
    }
    .copy:hover {
      border-color: var(--border);
      background: var(--surface);
      color: var(--text);
    }
    .copy.done {
      color: var(--ok-dot);
    }
    .copy.failed {
      color: var(--err-dot);
    }
    .bubble {
      position: absolute;
      bottom: calc(100% + 6px);
      left: 50%;
      z-index: 2;
      padding: 3px 8px;
      border-radius: 6px;
      background: var(--text);
      color: #fff;
      font-size: 0.75rem;
      font-weight: 600;
      white-space: nowrap;
      transform: translateX(-50%);
      pointer-events: none;
    }
    .bubble.failed {
      background: #b91c1c;
    }
  `,
})
export class CopyButton {
  private readonly document = inject(DOCUMENT);

  readonly value = input.required<string>();
  /** Translated accessible name, e.g. "Copy password". */
  readonly label = input.required<string>();
  readonly testId = input<string>();

  protected readonly state = signal<'idle' | 'copied' | 'failed'>('idle');
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.timer));
  }

  protected async copy(): Promise<void> {
    const ok = await this.write(this.value());
    this.state.set(ok ? 'copied' : 'failed');
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.state.set('idle'), FEEDBACK_MS);
  }

  /** The Clipboard API needs a secure context; plain-http installs fall back to `execCommand`. */
  private async write(text: string): Promise<boolean> {
    const clipboard = this.document.defaultView?.navigator.clipboard;
    if (clipboard) {
      try {
        await clipboard.writeText(text);
        return true;
      } catch {
        // Permission refused or no focus: try the old way below.
      }
    }
    const focused = this.document.activeElement;
    const area = this.document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    this.document.body.append(area);
    area.select();
    try {
      return this.document.execCommand('copy');
    } catch {
      return false;
    } finally {
      area.remove();
      if (focused instanceof HTMLElement) focused.focus();
    }
  }
}
