import { ChangeDetectionStrategy, Component, computed, inject, output, signal } from '@angular/core';
import type { ProvisioningLink } from '@webcall/contracts';
import { toApiFailure } from '../../core/auth/api-error';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Icon } from '../../shell/icon';
import { LocalDatePipe } from '../../shared/local-date.pipe';
import { Modal } from '../../shared/modal';
import type { Message } from '../auth/form-support';
import { MessagePipe } from '../auth/message.pipe';
import { CopyButton } from './copy-button';
import { DeviceApi, deviceFailureMessage } from './device-api';

/**
 * The one-time provisioning link of the user's SIP account (F5) as a QR code for a softphone:
 * asked from the API when the dialog opens (which voids the previous link), drawn by the API
 * (the browser never builds a code from the credentials), shown with its expiry.
 */
@Component({
  selector: 'wc-provisioning-qr-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Modal, TranslatePipe, MessagePipe, Icon, CopyButton, LocalDatePipe],
  template: `
    <wc-modal
      testId="qr-dialog"
      headingId="qr-dialog-title"
      [heading]="'device.qr.dialogTitle' | t"
      (dismissed)="dismiss.emit()"
    >
      @if (link(); as l) {
        <div class="qr-layout">
          <figure class="qr-frame">
            <img
              class="qr-image"
              data-testid="qr-image"
              width="220"
              height="220"
              [src]="imageUrl()"
              [alt]="'device.qr.alt' | t"
            />
          </figure>
          <div class="qr-side">
            <ol class="steps">
              <li>{{ 'device.qr.step1' | t }}</li>
              <li>{{ 'device.qr.step2' | t }}</li>
              <li>{{ 'device.qr.step3' | t }}</li>
            </ol>
            <p class="expiry" data-testid="qr-expiry">
              <wc-icon name="info" />
              <span>{{ 'device.qr.expires' | t: { time: (l.expiresAt | localDate: 'dateTime') } }}</span>
            </p>
          </div>
        </div>
        <div class="link-row">
          <span class="link-label">{{ 'device.qr.link' | t }}</span>
          <code class="link" data-testid="qr-link">{{ l.url }}</code>
          <wc-copy-button testId="qr-link-copy" [value]="l.url" [label]="'device.qr.copyLink' | t" />
        </div>
        <p class="warn">
          <wc-icon name="alert" /><span>{{ 'device.qr.secret' | t }}</span>
        </p>
      } @else if (error(); as message) {
        <p class="alert alert-error" role="alert" data-testid="qr-error">
          <wc-icon name="alert" /><span>{{ message | msg }}</span>
        </p>
      } @else {
        <div class="loading" role="status" data-testid="qr-loading">
          <span class="spinner dark" aria-hidden="true"></span>{{ 'device.qr.loading' | t }}
        </div>
      }
      <div class="dialog-actions">
        @if (link() || error()) {
          <button
            type="button"
            class="btn btn-secondary"
            data-testid="qr-renew"
            [disabled]="loading()"
            (click)="load()"
          >
            <wc-icon name="rotate-cw" />{{ 'device.qr.renew' | t }}
          </button>
        }
        <button
          type="button"
          class="btn btn-primary"
          data-testid="qr-close"
          autofocus
          (click)="dismiss.emit()"
        >
          {{ 'list.close' | t }}
        </button>
      </div>
    </wc-modal>
  `,
  styles: `
    .qr-layout {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 18px;
    }
    .qr-frame {
      flex: none;
      margin: 0;
      padding: 8px;
      border: 1px solid var(--border);
      border-radius: 12px;
      background: #fff;
    }
    .qr-image {
      display: block;
    }
    .qr-side {
      flex: 1 1 200px;
      min-width: 0;
    }
    .steps {
      margin: 0;
      padding-left: 20px;
      line-height: 1.55;
    }
    .steps li + li {
      margin-top: 6px;
    }
    .expiry,
    .warn {
      display: flex;
      align-items: flex-start;
      gap: 8px;
      margin: 12px 0 0;
      color: var(--muted);
      font-size: 0.875rem;
      --icon-size: 16px;
    }
    .warn {
      margin: 12px 0 16px;
      color: #92400e;
    }
    .link-row {
      display: flex;
      align-items: center;
      gap: 8px;
      margin-top: 16px;
      padding: 6px 6px 6px 12px;
      border: 1px solid var(--border);
      border-radius: 10px;
      background: var(--bg);
    }
    .link-label {
      flex: none;
      color: var(--muted);
      font-size: 0.8125rem;
      font-weight: 600;
    }
    .link {
      flex: 1;
      min-width: 0;
      overflow: hidden;
      font-size: 0.8125rem;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .loading {
      display: flex;
      align-items: center;
      gap: 10px;
      padding: 40px 0;
      color: var(--muted);
      justify-content: center;
    }
    .dialog-actions {
      display: flex;
      justify-content: flex-end;
      gap: 10px;
    }
    .dialog-actions .btn {
      --icon-size: 16px;
    }
  `,
})
export class ProvisioningQrDialog {
  private readonly api = inject(DeviceApi);

  readonly dismiss = output<void>();

  protected readonly link = signal<ProvisioningLink | null>(null);
  protected readonly error = signal<Message | null>(null);
  protected readonly loading = signal(false);
  /** The API's SVG as an image: an `<img>` runs no script, whatever the document holds. */
  protected readonly imageUrl = computed(() => {
    const svg = this.link()?.qrSvg;
    return svg ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` : '';
  });

  constructor() {
    this.load();
  }

  /** A new link; the previous one stops working (the API voids it). */
  protected load(): void {
    if (this.loading()) return;
    this.loading.set(true);
    this.error.set(null);
    this.link.set(null);
    this.api.provisioningLink().subscribe({
      next: (link) => {
        this.loading.set(false);
        this.link.set(link);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.error.set(deviceFailureMessage(toApiFailure(error)));
      },
    });
  }
}
