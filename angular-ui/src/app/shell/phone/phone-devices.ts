import { ChangeDetectionStrategy, Component, inject, output } from '@angular/core';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { WebPhoneService } from '../../core/phone/webphone.service';
import { Icon } from '../icon';

/** Microphone and speaker choice (remembered in this browser; applied to a running call at once). */
@Component({
  selector: 'wc-phone-devices',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, Icon],
  host: { 'data-testid': 'phone-devices' },
  template: `
    <h3>{{ 'phone.devices' | t }}</h3>
    <label class="field">
      <span class="label">{{ 'phone.microphone' | t }}</span>
      <select class="input" data-testid="phone-input-device" (change)="onInput($event)">
        <option value="" [selected]="phone.audioInput() === ''">{{ 'phone.systemDefault' | t }}</option>
        @for (device of phone.audioInputs(); track device.deviceId) {
          <option [value]="device.deviceId" [selected]="phone.audioInput() === device.deviceId">
            {{ device.label }}
          </option>
        }
      </select>
    </label>
    <label class="field">
      <span class="label">{{ 'phone.speaker' | t }}</span>
      <select
        class="input"
        data-testid="phone-output-device"
        [disabled]="!phone.canChooseOutput"
        (change)="onOutput($event)"
      >
        <option value="" [selected]="phone.audioOutput() === ''">{{ 'phone.systemDefault' | t }}</option>
        @for (device of phone.audioOutputs(); track device.deviceId) {
          <option [value]="device.deviceId" [selected]="phone.audioOutput() === device.deviceId">
            {{ device.label }}
          </option>
        }
      </select>
      @if (!phone.canChooseOutput) {
        <span class="field-hint">{{ 'phone.speakerUnsupported' | t }}</span>
      }
    </label>
    <button
      type="button"
      class="btn btn-secondary btn-sm"
      data-testid="phone-devices-back"
      (click)="back.emit()"
    >
      <wc-icon name="arrow-left" />{{ 'phone.back' | t }}
    </button>
  `,
  styles: `
    :host {
      display: grid;
      gap: 14px;
    }
    h3 {
      margin: 0;
      font-size: 0.9375rem;
    }
    .field {
      display: grid;
      gap: 6px;
    }
    .label {
      font-size: 0.8125rem;
      font-weight: 600;
    }
    .input {
      height: 38px;
    }
    .btn {
      justify-self: start;
      --icon-size: 16px;
    }
  `,
})
export class PhoneDevices {
  protected readonly phone = inject(WebPhoneService);
  readonly back = output<void>();

  constructor() {
    void this.phone.refreshDevices();
  }

  protected onInput(event: Event): void {
    void this.phone.setAudioInput((event.target as HTMLSelectElement).value);
  }

  protected onOutput(event: Event): void {
    void this.phone.setAudioOutput((event.target as HTMLSelectElement).value);
  }
}
