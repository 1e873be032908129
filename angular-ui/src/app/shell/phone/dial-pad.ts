import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';

interface Key {
  digit: string;
  letters: string;
  /** data-testid suffix: `*` and `#` are not friendly in selectors. */
  id: string;
}

const KEYS: readonly Key[] = [
  { digit: '1', letters: '', id: '1' },
  { digit: '2', letters: 'ABC', id: '2' },
  { digit: '3', letters: 'DEF', id: '3' },
  { digit: '4', letters: 'GHI', id: '4' },
  { digit: '5', letters: 'JKL', id: '5' },
  { digit: '6', letters: 'MNO', id: '6' },
  { digit: '7', letters: 'PQRS', id: '7' },
  { digit: '8', letters: 'TUV', id: '8' },
  { digit: '9', letters: 'WXYZ', id: '9' },
  { digit: '*', letters: '', id: 'star' },
  { digit: '0', letters: '+', id: '0' },
  { digit: '#', letters: '', id: 'hash' },
];

/** A 12-key telephone keypad; `testId` prefixes each key's data-testid (`dialpad-5`, `dtmf-star`). */
@Component({
  selector: 'wc-dial-pad',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'group', '[attr.aria-label]': 'label()' },
  template: `
    @for (key of keys; track key.id) {
      <button
        type="button"
        class="key"
        [attr.data-testid]="testId() + '-' + key.id"
        [attr.aria-label]="key.digit"
        [disabled]="disabled()"
        (click)="pressed.emit(key.digit)"
      >
        <span class="digit">{{ key.digit }}</span>
        <span class="letters" aria-hidden="true">{{ key.letters }}</span>
      </button>
    }
  `,
  styles: `
    :host {
      display: grid;
      grid-template-columns: repeat(3, 1fr);
      gap: 8px 14px;
      justify-items: center;
    }
    .key {
      display: inline-flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      width: 60px;
      height: 60px;
      border: 1px solid var(--border);
      border-radius: 50%;
      background: var(--surface);
      color: var(--text);
      line-height: 1;
      cursor: pointer;
      transition:
        background-color 0.12s,
        transform 0.08s;
    }
    .key:hover:not(:disabled) {
      background: var(--bg);
      border-color: var(--border-strong);
    }
    .key:active:not(:disabled) {
      transform: scale(0.95);
      background: var(--primary-soft);
    }
    .key:disabled {
      opacity: 0.5;
      cursor: not-allowed;
    }
    .digit {
      font-size: 1.375rem;
      font-weight: 500;
    }
    .letters {
      min-height: 10px;
      margin-top: 3px;
      color: var(--muted);
      font-size: 0.625rem;
      font-weight: 600;
      letter-spacing: 0.12em;
    }
    :host(.compact) .key {
      width: 52px;
      height: 52px;
    }
  `,
})
export class DialPad {
  readonly testId = input('dialpad');
  readonly label = input('');
  readonly disabled = input(false);
  readonly pressed = output<string>();
  protected readonly keys = KEYS;
}
