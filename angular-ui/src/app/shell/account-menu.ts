import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type { SessionUser } from '@webcall/contracts';
import { TranslatePipe } from '../core/i18n/translate.pipe';
import type { TranslationKey } from '../core/i18n/vi';
import { Icon } from './icon';

/**
 * Top-right account menu: who is signed in (name, role, tenant), a link to the account page and
 * log-out. A disclosure button + panel; Escape and a click outside close it.
 */
@Component({
  selector: 'wc-account-menu',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe, Icon],
  host: {
    '(document:click)': 'onDocumentClick($event)',
    '(document:keydown.escape)': 'close(true)',
  },
  template: `
    <button
      #trigger
      type="button"
      class="trigger"
      data-testid="account-menu"
      aria-controls="account-panel"
      [attr.aria-expanded]="open()"
      [attr.aria-label]="'account.menu' | t: { name: user().fullName }"
      (click)="open.set(!open())"
    >
      <span class="avatar" aria-hidden="true">{{ initials() }}</span>
      <span class="who">
        <span class="name">{{ user().fullName }}</span>
        <span class="role">{{ roleKey() | t }}</span>
      </span>
      <wc-icon name="chevron-down" class="chevron" />
    </button>

    @if (open()) {
      <div id="account-panel" class="panel" data-testid="account-panel">
        <div class="identity">
          <span class="avatar large" aria-hidden="true">{{ initials() }}</span>
          <div class="identity-text">
            <p class="panel-name" data-testid="account-menu-name">{{ user().fullName }}</p>
            <p class="panel-email">{{ user().email }}</p>
          </div>
        </div>
        <dl class="facts">
          <div>
            <dt>{{ 'account.field.role' | t }}</dt>
            <dd data-testid="account-menu-role">{{ roleKey() | t }}</dd>
          </div>
          <div>
            <dt>{{ 'account.field.tenant' | t }}</dt>
            <dd data-testid="account-menu-tenant">{{ user().tenantName ?? ('account.platform' | t) }}</dd>
          </div>
        </dl>
        <ul class="items" role="list">
          <li>
            <a class="item" routerLink="/account" data-testid="account-menu-details" (click)="close()">
              <wc-icon name="user" />{{ 'account.details' | t }}
            </a>
          </li>
          <li>
            <button type="button" class="item" data-testid="account-menu-logout" (click)="onLogout()">
              <wc-icon name="logout" />{{ 'account.logout' | t }}
            </button>
          </li>
        </ul>
      </div>
    }
  `,
  styles: `
    :host {
      position: relative;
      display: inline-block;
    }
    .trigger {
      display: inline-flex;
      align-items: center;
      gap: 10px;
      max-width: 260px;
      height: 42px;
      padding: 0 10px 0 4px;
      border: 1px solid transparent;
      border-radius: 999px;
      background: transparent;
      color: var(--text);
      cursor: pointer;
      text-align: left;
    }
    .trigger:hover,
    .trigger[aria-expanded='true'] {
      border-color: var(--border);
      background: var(--bg);
    }
    .avatar {
      display: inline-grid;
      flex: none;
      place-items: center;
      width: 34px;
      height: 34px;
      border-radius: 50%;
      background: linear-gradient(135deg, #3b82f6, #1d4ed8);
      color: #fff;
      font-size: 0.8125rem;
      font-weight: 700;
      letter-spacing: 0.02em;
    }
    .avatar.large {
      width: 42px;
      height: 42px;
      font-size: 0.95rem;
    }
    .who {
      display: flex;
      flex-direction: column;
      min-width: 0;
      line-height: 1.2;
    }
    .name,
    .role {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .name {
      font-size: 0.875rem;
      font-weight: 600;
    }
    .role {
      color: var(--muted);
      font-size: 0.75rem;
    }
    .chevron {
      color: var(--muted);
      --icon-size: 16px;
    }
    .panel {
      position: absolute;
      right: 0;
      top: calc(100% + 8px);
      z-index: 40;
      width: min(300px, calc(100vw - 24px));
      border: 1px solid var(--border);
      border-radius: 12px;
      background: var(--surface);
      box-shadow: var(--shadow-lg);
      font-size: 0.875rem;
    }
    .identity {
      display: flex;
      align-items: center;
      gap: 12px;
      padding: 16px;
    }
    .identity-text {
      min-width: 0;
    }
    .identity p {
      margin: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .panel-name {
      font-weight: 700;
    }
    .panel-email {
      color: var(--muted);
    }
    .facts {
      display: grid;
      gap: 6px;
      margin: 0;
      padding: 12px 16px;
      border-top: 1px solid var(--border);
    }
    .facts div {
      display: flex;
      justify-content: space-between;
      gap: 12px;
    }
    dt {
      color: var(--muted);
      white-space: nowrap;
    }
    dd {
      margin: 0;
      font-weight: 600;
      text-align: right;
      overflow-wrap: anywhere;
    }
    .items {
      margin: 0;
      padding: 6px;
      border-top: 1px solid var(--border);
      list-style: none;
    }
    .item {
      display: flex;
      align-items: center;
      gap: 10px;
      width: 100%;
      padding: 9px 10px;
      border: 0;
      border-radius: 8px;
      background: transparent;
      color: var(--text);
      font: inherit;
      text-align: left;
      text-decoration: none;
      cursor: pointer;
      --icon-size: 17px;
    }
    .item:hover {
      background: var(--bg);
    }
    .item wc-icon {
      color: var(--muted);
    }
    @media (max-width: 700px) {
      .who,
      .chevron {
        display: none;
      }
      .trigger {
        padding: 0 4px;
      }
    }
  `,
})
export class AccountMenu {
  readonly user = input.required<SessionUser>();
  readonly logout = output<void>();

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly open = signal(false);

  protected readonly roleKey = computed<TranslationKey>(() => `role.${this.user().role}`);
  protected readonly initials = computed(() => {
    const words = this.user().fullName.trim().split(/\s+/).filter(Boolean);
    // Vietnamese names put the given name last: "Nguyễn Văn An" → "NA".
    const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
    return letters.map((word) => word.charAt(0).toLocaleUpperCase()).join('') || '?';
  });

  protected close(restoreFocus = false): void {
    if (!this.open()) return;
    this.open.set(false);
    if (restoreFocus) this.host.nativeElement.querySelector<HTMLElement>('.trigger')?.focus();
  }

  protected onLogout(): void {
    this.open.set(false);
    this.logout.emit();
  }

  protected onDocumentClick(event: MouseEvent): void {
    if (this.open() && !this.host.nativeElement.contains(event.target as Node | null)) this.open.set(false);
  }
}
