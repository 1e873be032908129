import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { TranslationService } from '../../core/i18n/translation.service';
import { Icon } from '../../shell/icon';
import { LangSwitch } from '../../shell/lang-switch';

/** Frame of the public pages: product name, language switch and one centred card (no sidebar). */
@Component({
  selector: 'wc-auth-layout',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, TranslatePipe, Icon, LangSwitch],
  template: `
    <header class="head">
      <span class="brand" data-testid="brand">
        <span class="logo" aria-hidden="true"><wc-icon name="phone" /></span>
        <span class="brand-text">
          <span class="product">{{ 'app.name' | t }}</span>
          <span class="tagline">{{ 'app.tagline' | t }}</span>
        </span>
      </span>
      <wc-lang-switch [lang]="i18n.lang()" (langChange)="i18n.setLang($event)" />
    </header>

    <main id="main" class="main">
      <router-outlet />
    </main>

    <footer class="foot">{{ 'auth.layout.footer' | t }}</footer>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      min-height: 100vh;
      min-height: 100dvh;
      background:
        radial-gradient(1200px 520px at 50% -180px, rgb(37 99 235 / 16%), transparent 70%),
        linear-gradient(180deg, #eef2ff 0, var(--bg) 420px);
    }
    .head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 12px;
      width: 100%;
      max-width: 1120px;
      margin: 0 auto;
      padding: 20px 24px 0;
    }
    .brand {
      display: inline-flex;
      align-items: center;
      gap: 10px;
      color: var(--text);
    }
    .logo {
      display: inline-grid;
      place-items: center;
      width: 38px;
      height: 38px;
      border-radius: 10px;
      background: linear-gradient(135deg, #2563eb, #1e40af);
      color: #fff;
      box-shadow: 0 4px 12px rgb(37 99 235 / 30%);
      --icon-size: 19px;
    }
    .brand-text {
      display: flex;
      flex-direction: column;
      line-height: 1.15;
    }
    .product {
      font-size: 1.125rem;
      font-weight: 700;
      letter-spacing: -0.01em;
    }
    .tagline {
      color: var(--muted);
      font-size: 0.78rem;
    }
    .main {
      display: flex;
      flex: 1;
      align-items: flex-start;
      justify-content: center;
      padding: 40px 16px 32px;
    }
    .foot {
      padding: 0 16px 24px;
      color: var(--muted);
      font-size: 0.8125rem;
      text-align: center;
    }
    @media (max-width: 520px) {
      .head {
        padding: 14px 16px 0;
      }
      .main {
        padding: 24px 12px 24px;
      }
    }
  `,
})
export class AuthLayout {
  protected readonly i18n = inject(TranslationService);
}
