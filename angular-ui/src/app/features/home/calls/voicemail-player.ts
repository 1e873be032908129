import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  type OnInit,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import type { Subscription } from 'rxjs';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { Icon } from '../../../shell/icon';
import { failureMessage } from '../../settings/users/users-support';
import type { Message } from '../../auth/form-support';
import { MessagePipe } from '../../auth/message.pipe';
import { CallsApi } from './calls-api';

/**
 * A play button for one voicemail message, or for a call's recorded conversation (`kind`):
 * fetches the WAV as a blob (bearer token) and shows an `<audio>` player under it. `start` fetches
 * at once (the `?voicemail=<id>` link of the mail).
 */
@Component({
  selector: 'wc-voicemail-player',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, MessagePipe, Icon],
  template: `
    <div class="player-row">
      <button
        type="button"
        class="play-btn"
        [attr.data-testid]="kind() + '-play'"
        [attr.data-voicemail-id]="voicemailId()"
        [class.on]="url() !== null"
        [attr.aria-pressed]="url() !== null"
        [attr.aria-label]="(url() ? labels().stop : labels().play) | t: { caller: caller() }"
        [attr.title]="(url() ? labels().stop : labels().play) | t: { caller: caller() }"
        (click)="toggle()"
      >
        @if (fetching()) {
          <span class="spinner dark" aria-hidden="true"></span>
        } @else {
          <wc-icon [name]="url() ? 'stop' : 'play'" />
        }
      </button>
      @if (url(); as src) {
        <audio
          class="player"
          controls
          autoplay
          [attr.data-testid]="kind() + '-audio'"
          [attr.data-voicemail-id]="voicemailId()"
          [src]="src"
        ></audio>
      }
    </div>
    @if (error(); as e) {
      <p class="error" role="alert" [attr.data-testid]="kind() + '-error'">{{ e | msg }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .player-row {
      display: flex;
      align-items: center;
      gap: 10px;
    }
    .play-btn {
      display: inline-grid;
      flex: none;
      place-items: center;
      width: 34px;
      height: 34px;
      border: 1px solid var(--border);
      border-radius: 50%;
      background: var(--surface);
      color: var(--primary);
      cursor: pointer;
      --icon-size: 14px;
    }
    .play-btn:hover,
    .play-btn.on {
      border-color: var(--primary);
      background: var(--primary-soft);
    }
    .player {
      flex: none;
      width: 260px;
      height: 36px;
    }
    .spinner.dark {
      border-color: rgb(15 23 42 / 15%);
      border-top-color: var(--primary);
    }
    .error {
      margin: 6px 0 0;
      color: var(--err-fg);
      font-size: 0.8125rem;
    }
  `,
})
export class VoicemailPlayer implements OnInit {
  private readonly api = inject(CallsApi);

  /** The voicemail message's id, or the call's id for a recording. */
  readonly voicemailId = input.required<number>();
  readonly kind = input<'voicemail' | 'recording'>('voicemail');
  protected readonly labels = computed(() =>
    this.kind() === 'recording'
      ? ({ play: 'calls.rec.play', stop: 'calls.rec.stop' } as const)
      : ({ play: 'calls.vm.play', stop: 'calls.vm.stop' } as const),
  );
  readonly caller = input('');
  readonly start = input(false);
  /** The API marked the message heard (it served the audio). */
  readonly heard = output<number>();

  protected readonly url = signal<string | null>(null);
  protected readonly fetching = signal(false);
  protected readonly error = signal<Message | null>(null);
  private request: Subscription | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  ngOnInit(): void {
    if (this.start()) this.play();
  }

  protected toggle(): void {
    if (this.url() || this.fetching()) this.stop();
    else this.play();
  }

  private play(): void {
    this.error.set(null);
    this.fetching.set(true);
    const audio =
      this.kind() === 'recording'
        ? this.api.recording(this.voicemailId())
        : this.api.audio(this.voicemailId());
    this.request = audio.subscribe({
      next: (blob) => {
        this.fetching.set(false);
        this.url.set(URL.createObjectURL(blob));
        if (this.kind() === 'voicemail') this.heard.emit(this.voicemailId());
      },
      error: (error: unknown) => {
        this.fetching.set(false);
        this.error.set(failureMessage(error));
      },
    });
  }

  private stop(): void {
    this.request?.unsubscribe();
    this.request = null;
    const url = this.url();
    if (url) URL.revokeObjectURL(url);
    this.url.set(null);
    this.fetching.set(false);
  }
}
