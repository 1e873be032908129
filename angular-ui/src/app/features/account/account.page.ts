import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { AuthService } from '../../core/auth/auth.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import type { TranslationKey } from '../../core/i18n/vi';
import { Icon } from '../../shell/icon';

/** Read-only profile of the signed-in user; editing lands with the account-details feature. */
@Component({
  selector: 'wc-account-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe, Icon],
  template: `
    <header>
      <h1 data-testid="page-title">{{ 'page.account.title' | t }}</h1>
      <p class="lead" data-testid="page-description">{{ 'page.account.desc' | t }}</p>
    </header>

    @if (user(); as u) {
      <section class="card" [attr.aria-label]="'page.account.title' | t">
        <dl>
          @for (row of rows(); track row.labelKey) {
            <div class="row">
              <dt>{{ row.labelKey | t }}</dt>
              <dd [attr.data-testid]="'account-' + row.id">{{ row.value ?? ('account.none' | t) }}</dd>
            </div>
          }
          <div class="row">
            <dt>{{ 'account.field.role' | t }}</dt>
            <dd data-testid="account-role">{{ roleKey(u.role) | t }}</dd>
          </div>
        </dl>
      </section>
    }

    <section class="placeholder">
      <span class="icon"><wc-icon name="layers" /></span>
      <p>{{ 'account.comingSoon' | t }}</p>
    </section>
  `,
  styles: `
    :host {
      display: block;
      max-width: 760px;
    }
    h1 {
      margin: 0;
      font-size: 1.75rem;
      letter-spacing: -0.015em;
    }
    .lead {
      margin: 10px 0 0;
      color: var(--muted);
      font-size: 1rem;
    }
    .card {
      margin-top: 24px;
      border: 1px solid var(--border);
      border-radius: 14px;
      background: var(--surface);
    }
    dl {
      margin: 0;
    }
    .row {
      display: grid;
      grid-template-columns: 200px minmax(0, 1fr);
      gap: 12px;
      padding: 14px 20px;
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
      margin: 0;
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    .placeholder {
      display: flex;
      align-items: center;
      gap: 12px;
      margin-top: 16px;
      padding: 16px 20px;
      border: 1.5px dashed var(--border-strong);
      border-radius: 14px;
      color: var(--muted);
    }
    .placeholder p {
      margin: 0;
    }
    .icon {
      display: inline-grid;
      place-items: center;
      width: 36px;
      height: 36px;
      border-radius: 10px;
      background: var(--primary-soft);
      color: var(--primary);
      --icon-size: 18px;
    }
    @media (max-width: 600px) {
      .row {
        grid-template-columns: minmax(0, 1fr);
        gap: 2px;
      }
    }
  `,
})
export default class AccountPage {
  protected readonly user = inject(AuthService).user;

  protected readonly rows = computed(() => {
    const user = this.user();
    if (!user) return [];
    const rows: { id: string; labelKey: TranslationKey; value: string | null }[] = [
      { id: 'name', labelKey: 'account.field.name', value: user.fullName },
      { id: 'email', labelKey: 'account.field.email', value: user.email },
      { id: 'phone', labelKey: 'account.field.phone', value: user.phone },
      { id: 'tenant', labelKey: 'account.field.tenant', value: user.tenantName },
      { id: 'extension', labelKey: 'account.field.extension', value: user.extension },
    ];
    return rows;
  });

  protected roleKey(role: string): TranslationKey {
    return `role.${role}` as TranslationKey;
  }
}
