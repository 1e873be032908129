import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  effect,
  inject,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { TranslationService } from '../../core/i18n/translation.service';
import type { TranslationKey } from '../../core/i18n/vi';
import {
  DIALABLE,
  WebPhoneService,
  type ActiveCall,
  type EndedCall,
} from '../../core/phone/webphone.service';
import { CallStatsLine } from './call-stats';
import { DialPad } from './dial-pad';
import { HeldCall } from './held-call';
import { PhoneDevices } from './phone-devices';
import { PhoneDock, formatDuration, initialsOf } from './phone-dock';
import { Icon } from '../icon';

type CallView = 'controls' | 'keypad' | 'transfer';

/**
 * The docked webphone panel (F1): dial pad, incoming call with answer / decline, in-call
 * controls (mute, hold, DTMF keypad, blind and attended transfer), call timer, audio devices
 * and a live call-quality line. All state comes from `WebPhoneService`; the panel only keeps
 * what is typed and which sub-view is shown. It opens by itself when a call comes in.
 */
@Component({
  selector: 'wc-phone-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe, Icon, DialPad, CallStatsLine, PhoneDevices, HeldCall],
  templateUrl: './phone-panel.html',
  styleUrl: './phone-panel.css',
  host: {
    '(document:keydown.escape)': 'onEscape()',
  },
})
export class PhonePanel {
  protected readonly phone = inject(WebPhoneService);
  protected readonly dock = inject(PhoneDock);
  private readonly i18n = inject(TranslationService);

  protected readonly number = signal('');
  protected readonly transferTarget = signal('');
  protected readonly dtmfDigits = signal('');
  protected readonly callView = signal<CallView>('controls');
  protected readonly showDevices = signal(false);
  /** Ticks once a second while a call is answered, for the timers. */
  protected readonly now = signal(Date.now());

  private readonly numberInput = viewChild<ElementRef<HTMLInputElement>>('numberInput');
  private readonly transferInput = viewChild<ElementRef<HTMLInputElement>>('transferInput');

  protected readonly call = this.phone.activeCall;
  protected readonly consult = this.phone.consultation;
  protected readonly ringingIn = computed(() => {
    const call = this.call();
    return call?.direction === 'incoming' && call.state === 'ringing' ? call : null;
  });
  protected readonly canDial = computed(
    () => this.phone.registration() === 'registered' && DIALABLE.test(this.number()),
  );
  protected readonly canTransfer = computed(() => DIALABLE.test(this.transferTarget()));

  protected readonly registrationKey = computed<TranslationKey>(() =>
    this.phone.mode() === 'sip'
      ? 'phone.state.sip'
      : this.phone.isReconnecting()
        ? 'phone.state.reconnecting'
        : `phone.state.${this.phone.registration()}`,
  );

  protected readonly endedKey = computed<TranslationKey | null>(() => {
    const ended = this.phone.lastEnded();
    if (!ended) return null;
    return ended.direction === 'incoming' && ended.reason === 'no_answer'
      ? 'phone.ended.missed'
      : `phone.ended.${ended.reason}`;
  });

  protected readonly errorKey = computed<TranslationKey | null>(() => {
    const error = this.phone.error();
    return error ? `phone.error.${error}` : null;
  });

  constructor() {
    // A new call, rung here or placed from anywhere (a Staff page button), opens the panel on its
    // main controls with an empty DTMF line.
    const callId = computed(() => this.call()?.id);
    let hadCall = false;
    effect(() => {
      const id = callId();
      untracked(() => {
        if (id) {
          this.dock.openForCall();
          this.showDevices.set(false);
        } else if (hadCall) {
          this.dock.callEnded();
        }
        hadCall = !!id;
        this.callView.set('controls');
        this.dtmfDigits.set('');
      });
    });
    let timer: ReturnType<typeof setInterval> | undefined;
    effect(() => {
      const running = !!(this.call()?.startedAt || this.consult()?.startedAt);
      clearInterval(timer);
      timer = undefined;
      if (running) {
        this.now.set(Date.now());
        timer = setInterval(() => this.now.set(Date.now()), 1000);
      }
    });
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  protected close(): void {
    this.dock.close();
  }

  protected onEscape(): void {
    if (this.showDevices()) this.showDevices.set(false);
    else if (this.callView() !== 'controls') this.callView.set('controls');
  }

  // ---- dialling ----

  protected onNumberInput(event: Event): void {
    const input = event.target as HTMLInputElement;
    const cleaned = input.value.replace(/[^0-9*#+]/g, '').slice(0, 32);
    if (cleaned !== input.value) input.value = cleaned;
    this.number.set(cleaned);
  }

  protected press(digit: string): void {
    this.number.update((n) => (n + digit).slice(0, 32));
    this.numberInput()?.nativeElement.focus();
  }

  protected backspace(): void {
    this.number.update((n) => n.slice(0, -1));
  }

  protected async dial(): Promise<void> {
    if (!this.canDial()) return;
    const number = this.number();
    await this.phone.call(number);
    if (this.call()) this.number.set('');
  }

  // ---- in call ----

  protected sendDtmf(digit: string): void {
    this.phone.sendDtmf(digit);
    this.dtmfDigits.update((d) => (d + digit).slice(-24));
  }

  protected toggleView(view: CallView): void {
    this.callView.update((current) => (current === view ? 'controls' : view));
    if (this.callView() === 'transfer') setTimeout(() => this.transferInput()?.nativeElement.focus());
  }

  protected onTransferInput(event: Event): void {
    const input = event.target as HTMLInputElement;
    const cleaned = input.value.replace(/[^0-9*#+]/g, '').slice(0, 32);
    if (cleaned !== input.value) input.value = cleaned;
    this.transferTarget.set(cleaned);
  }

  protected async blindTransfer(): Promise<void> {
    if (!this.canTransfer()) return;
    await this.phone.blindTransfer(this.transferTarget());
  }

  protected async attendedTransfer(): Promise<void> {
    if (!this.canTransfer()) return;
    await this.phone.attendedTransfer(this.transferTarget());
    this.transferTarget.set('');
    this.callView.set('controls');
  }

  protected toggleDevices(): void {
    this.showDevices.update((open) => !open);
  }

  // ---- view helpers ----

  protected nameOf(call: ActiveCall | EndedCall): string {
    return call.remoteName || call.remoteExtension || this.i18n.t('phone.unknownCaller');
  }

  protected initials(call: ActiveCall): string {
    // An outside caller (a hotline call) has a number, not a name: its last two digits.
    if (isOutsideNumber(call.remoteExtension) && (!call.remoteName || /^[\d+]+$/.test(call.remoteName)))
      return call.remoteExtension.slice(-2);
    return initialsOf(call.remoteName, call.remoteExtension);
  }

  /** "Extension 1002" for a colleague, "Number 0908…" for an outside caller. */
  protected remoteLabel(remote: string): TranslationKey {
    return isOutsideNumber(remote) ? 'phone.outsideNumber' : 'phone.extension';
  }

  protected elapsed(call: ActiveCall): string {
    return call.startedAt ? formatDuration((this.now() - call.startedAt) / 1000) : '';
  }

  protected statusKey(call: ActiveCall): TranslationKey {
    return `phone.status.${call.state}`;
  }

  protected duration(seconds: number): string {
    return formatDuration(seconds);
  }
}

/** Extensions are short and never start with 0 or +; phone numbers do (or are long). */
function isOutsideNumber(remote: string): boolean {
  return /^[0+]/.test(remote) || remote.length > 6;
}
