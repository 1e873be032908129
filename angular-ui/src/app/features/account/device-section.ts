import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { DEVICE_MODES, type DeviceInfo, type DeviceMode } from '@webcall/contracts';
import { type ApiFailure, toApiFailure } from '../../core/auth/api-error';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import type { TranslationKey } from '../../core/i18n/vi';
import { WebPhoneService } from '../../core/phone/webphone.service';
import { Icon, type IconName } from '../../shell/icon';
import { Modal } from '../../shared/modal';
import type { Message } from '../auth/form-support';
import { MessagePipe } from '../auth/message.pipe';
import { DeviceApi, deviceFailureMessage } from './device-api';
import { ProvisioningQrDialog } from './provisioning-qr-dialog';
import { SipCredentials } from './sip-credentials';

interface ModeOption {
  mode: DeviceMode;
  icon: IconName;
  labelKey: TranslationKey;
  descKey: TranslationKey;
}

const MODE_OPTIONS: readonly ModeOption[] = DEVICE_MODES.map((mode) => ({
  mode,
  icon: mode === 'webphone' ? 'monitor' : 'smartphone',
  labelKey: `device.mode.${mode}`,
  descKey: `device.mode.${mode}.desc`,
}));

type Notice = { kind: 'success' | 'error'; message: Message };

/**
 * Account details → Device (F4, F5): the user's extension, the WebPhone / SIP switch and, in SIP
 * mode, the settings for an IP phone or softphone. Every change goes to the API first; the page
 * shows only what the API answered, so a refused switch leaves everything as it was.
 */
@Component({
  selector: 'wc-device-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, MessagePipe, Icon, Modal, SipCredentials, ProvisioningQrDialog],
  templateUrl: './device-section.html',
  styleUrl: './device-section.css',
})
export class DeviceSection {
  private readonly api = inject(DeviceApi);
  private readonly webphone = inject(WebPhoneService);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);

  protected readonly options = MODE_OPTIONS;
  protected readonly device = signal<DeviceInfo | null>(null);
  protected readonly loadFailure = signal<ApiFailure | null>(null);
  protected readonly loadMessage = computed(() => {
    const failure = this.loadFailure();
    return failure ? deviceFailureMessage(failure) : null;
  });
  /** 409 `no_device`: not an error to retry, the account simply has no phone. */
  protected readonly noDevice = computed(() => this.loadFailure()?.body.code === 'no_device');

  /** The mode being switched to while the request runs. */
  protected readonly switchingTo = signal<DeviceMode | null>(null);
  /** What the radios show: the target while switching, else the API's answer. */
  protected readonly shownMode = computed(() => this.switchingTo() ?? this.device()?.mode ?? null);
  protected readonly notice = signal<Notice | null>(null);

  protected readonly revealed = signal(false);
  /** The QR dialog is open (it asks the API for a new one-time link each time). */
  protected readonly showingQr = signal(false);
  protected readonly confirming = signal(false);
  protected readonly regenerating = signal(false);
  protected readonly regenerateError = signal<Message | null>(null);
  protected readonly busy = computed(() => this.switchingTo() !== null || this.regenerating());

  constructor() {
    this.load();
  }

  protected load(): void {
    this.loadFailure.set(null);
    this.api.mine().subscribe({
      next: (device) => this.device.set(device),
      error: (error: unknown) => this.loadFailure.set(toApiFailure(error)),
    });
  }

  /** A radio was chosen; `modes` (their fieldset) is disabled meanwhile, so no second switch. */
  protected select(mode: DeviceMode, modes: HTMLFieldSetElement): void {
    const current = this.device();
    if (!current || this.busy() || mode === current.mode) return;
    this.notice.set(null);
    this.switchingTo.set(mode);
    this.api.setMode(mode).subscribe({
      next: (device) => {
        this.switchingTo.set(null);
        this.device.set(device);
        this.revealed.set(false);
        this.notice.set({ kind: 'success', message: { key: `device.switched.${device.mode}` } });
        this.refocus(modes);
        this.reloadWebPhone();
      },
      error: (error: unknown) => {
        // Back to the mode the API still has (the radios follow `shownMode`).
        this.switchingTo.set(null);
        const failure = toApiFailure(error);
        if (failure.body.code === 'no_device') {
          this.device.set(null);
          this.loadFailure.set(failure);
          return;
        }
        this.notice.set({ kind: 'error', message: deviceFailureMessage(failure) });
        this.refocus(modes);
      },
    });
  }

  protected askRegenerate(): void {
    this.notice.set(null);
    this.regenerateError.set(null);
    this.confirming.set(true);
  }

  protected closeConfirm(): void {
    if (!this.regenerating()) this.confirming.set(false);
  }

  protected regenerate(): void {
    if (this.regenerating()) return;
    this.regenerating.set(true);
    this.regenerateError.set(null);
    this.api.regeneratePassword().subscribe({
      next: (device) => {
        this.regenerating.set(false);
        this.confirming.set(false);
        this.device.set(device);
        this.revealed.set(false);
        this.notice.set({ kind: 'success', message: { key: 'device.regenerate.done' } });
        this.reloadWebPhone();
      },
      error: (error: unknown) => {
        this.regenerating.set(false);
        this.regenerateError.set(deviceFailureMessage(toApiFailure(error)));
      },
    });
  }

  /** Disabling the fieldset dropped the focus: give it back to the checked radio. */
  private refocus(modes: HTMLFieldSetElement): void {
    afterNextRender(
      () => {
        const active = this.document.activeElement;
        if (modes.isConnected && (!active || active === this.document.body)) {
          modes.querySelector<HTMLInputElement>('input:checked')?.focus();
        }
      },
      { injector: this.injector },
    );
  }

  /** The browser phone re-reads the device: it registers in WebPhone mode, stops in SIP mode. */
  private reloadWebPhone(): void {
    this.webphone.reload().catch(() => {
      // The webphone reports its own registration state; the switch itself has succeeded.
    });
  }
}
