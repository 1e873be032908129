import { ChangeDetectionStrategy, Component, computed, input, model, output } from '@angular/core';
import type { DeviceInfo } from '@webcall/contracts';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { Icon } from '../../shell/icon';
import { CopyButton } from './copy-button';

/** Stands for the password while it is hidden; always this long, so it does not tell the length. */
const MASK = '•'.repeat(12);

/**
 * What to enter in an IP phone or softphone (F5): server, port per transport, user name and the
 * password, hidden until revealed. Presentational: the section owns the reveal state and the
 * regeneration.
 */
@Component({
  selector: 'wc-sip-credentials',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, Icon, CopyButton],
  template: `
    <dl class="facts" data-testid="sip-credentials">
      <div class="row">
        <dt>{{ 'device.sip.server' | t }}</dt>
        <dd>
          <span class="value mono" data-testid="sip-server">{{ device().sip.domain }}</span>
          <span class="tools">
            <wc-copy-button
              testId="sip-server-copy"
              [value]="device().sip.domain"
              [label]="'device.copy' | t: { what: 'device.sip.server' | t }"
            />
          </span>
        </dd>
      </div>
      <div class="row">
        <dt>{{ 'device.sip.ports' | t }}</dt>
        <dd>
          <ul class="transports">
            @for (transport of device().sip.transports; track transport.protocol) {
              <li
                class="transport"
                [attr.data-testid]="'sip-port-' + transport.protocol"
                [attr.data-port]="transport.port"
              >
                <span class="proto">{{ transport.protocol.toUpperCase() }}</span>
                <span class="mono">{{
                  transport.host === device().sip.domain
                    ? transport.port
                    : transport.host + ':' + transport.port
                }}</span>
              </li>
            }
          </ul>
        </dd>
      </div>
      <div class="row">
        <dt>{{ 'device.sip.username' | t }}</dt>
        <dd>
          <span class="value mono" data-testid="sip-username">{{ device().sip.username }}</span>
          <span class="tools">
            <wc-copy-button
              testId="sip-username-copy"
              [value]="device().sip.username"
              [label]="'device.copy' | t: { what: 'device.sip.username' | t }"
            />
          </span>
        </dd>
      </div>
      <div class="row">
        <dt id="sip-password-label">{{ 'device.sip.password' | t }}</dt>
        <dd>
          @if (password(); as secret) {
            <span
              id="sip-password-value"
              class="value mono secret"
              data-testid="sip-password"
              [class.masked]="!revealed()"
              [attr.data-revealed]="revealed()"
            >
              @if (revealed()) {
                {{ secret }}
              } @else {
                <span aria-hidden="true">{{ mask }}</span>
                <span class="visually-hidden">{{ 'device.sip.passwordHidden' | t }}</span>
              }
            </span>
            <span class="tools">
              <button
                type="button"
                class="reveal-btn"
                data-testid="sip-password-reveal"
                aria-controls="sip-password-value"
                aria-describedby="sip-password-label"
                [attr.title]="(revealed() ? 'device.sip.hide' : 'device.sip.reveal') | t"
                (click)="revealed.set(!revealed())"
              >
                <wc-icon [name]="revealed() ? 'eye-off' : 'eye'" />
                <span>{{ (revealed() ? 'device.sip.hide' : 'device.sip.reveal') | t }}</span>
              </button>
              <wc-copy-button
                testId="sip-password-copy"
                [value]="secret"
                [label]="'device.copy' | t: { what: 'device.sip.password' | t }"
              />
            </span>
          } @else {
            <span class="muted">{{ 'account.none' | t }}</span>
          }
        </dd>
      </div>
    </dl>

    <div class="regenerate">
      <p class="hint">{{ 'device.sip.regenerateHint' | t }}</p>
      <button
        type="button"
        class="btn btn-secondary btn-sm"
        data-testid="sip-password-regenerate"
        [disabled]="busy()"
        (click)="regenerate.emit()"
      >
        <wc-icon name="key" />{{ 'device.sip.regenerate' | t }}
      </button>
    </div>

    <div class="qr" data-testid="sip-qr">
      <span class="qr-icon"><wc-icon name="qr" /></span>
      <div class="qr-body">
        <p class="qr-title">{{ 'device.qr.title' | t }}</p>
        <p class="qr-text">{{ 'device.qr.text' | t }}</p>
      </div>
      <button
        type="button"
        class="btn btn-secondary btn-sm"
        data-testid="sip-qr-open"
        [disabled]="busy()"
        (click)="showQr.emit()"
      >
        <wc-icon name="qr" />{{ 'device.qr.open' | t }}
      </button>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .facts {
      margin: 0;
      border: 1px solid var(--border);
      border-radius: 10px;
    }
    .row {
      display: grid;
      grid-template-columns: 200px minmax(0, 1fr);
      align-items: center;
      gap: 12px;
      min-height: 52px;
      padding: 8px 10px 8px 16px;
      border-top: 1px solid var(--border);
    }
    .row:first-child {
      border-top: 0;
    }
    dt {
      color: var(--muted);
      font-weight: 500;
    }
    dd {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 8px;
      min-width: 0;
      margin: 0;
    }
    .value {
      min-width: 0;
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    .mono {
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace;
      font-size: 0.9375rem;
    }
    .secret {
      padding: 2px 8px;
      border-radius: 6px;
      background: var(--bg);
    }
    .secret.masked {
      color: var(--muted);
      letter-spacing: 0.08em;
    }
    .transports {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .transport {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      padding: 2px 10px 2px 3px;
      border: 1px solid var(--border);
      border-radius: 999px;
      background: var(--surface);
      font-weight: 600;
    }
    .proto {
      padding: 1px 7px;
      border-radius: 999px;
      background: var(--primary-soft);
      color: var(--primary);
      font-size: 0.6875rem;
      letter-spacing: 0.04em;
    }
    .tools {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      margin-left: auto;
    }
    .reveal-btn {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      height: 32px;
      padding: 0 10px;
      border: 1px solid var(--border);
      border-radius: 8px;
      background: var(--surface);
      color: var(--text);
      font-size: 0.8125rem;
      font-weight: 600;
      cursor: pointer;
      --icon-size: 16px;
    }
    .reveal-btn:hover {
      border-color: var(--border-strong);
      background: var(--bg);
    }
    .muted {
      color: var(--muted);
    }
    .regenerate {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 10px 16px;
      margin-top: 14px;
    }
    .hint {
      flex: 1 1 260px;
      margin: 0;
      color: var(--muted);
      font-size: 0.875rem;
    }
    .regenerate .btn {
      --icon-size: 16px;
    }
    .qr {
      display: flex;
      align-items: center;
      gap: 14px;
      margin-top: 18px;
      padding: 14px 16px;
      flex-wrap: wrap;
      border: 1px solid var(--border);
      border-radius: 10px;
      background: var(--bg);
      color: var(--muted);
    }
    .qr-body {
      flex: 1 1 240px;
    }
    .qr .btn {
      --icon-size: 16px;
    }
    .qr-icon {
      display: inline-grid;
      flex: none;
      place-items: center;
      width: 44px;
      height: 44px;
      border-radius: 10px;
      background: var(--primary-soft);
      color: var(--primary);
      --icon-size: 24px;
    }
    .qr p {
      margin: 0;
    }
    .qr-title {
      color: var(--text);
      font-weight: 600;
    }
    .qr-text {
      font-size: 0.875rem;
    }
    @media (max-width: 600px) {
      .row {
        grid-template-columns: minmax(0, 1fr);
        gap: 4px;
      }
      .tools {
        margin-left: 0;
      }
    }
  `,
})
export class SipCredentials {
  readonly device = input.required<DeviceInfo>();
  /** Two-way: the section hides the password again after a new one is made. */
  readonly revealed = model(false);
  /** A request is in flight: no second regeneration. */
  readonly busy = input(false);
  readonly regenerate = output<void>();
  /** Show the one-time provisioning link as a QR code. */
  readonly showQr = output<void>();

  protected readonly mask = MASK;
  protected readonly password = computed(() => this.device().sip.password ?? null);
}
