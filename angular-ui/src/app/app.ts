import { ChangeDetectionStrategy, Component, DOCUMENT, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterOutlet } from '@angular/router';
import { filter } from 'rxjs';
import { HealthService } from './core/health/health.service';
import { TranslatePipe } from './core/i18n/translate.pipe';
import { TranslationService, type Lang } from './core/i18n/translation.service';
import { NAV_SECTIONS } from './shell/nav';
import { SidebarNav } from './shell/sidebar-nav';
import { TopBar } from './shell/top-bar';

/** Console shell: top bar, site-map sidebar (a drawer under 900 px) and the routed page. */
@Component({
  selector: 'wc-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, TranslatePipe, TopBar, SidebarNav],
  templateUrl: './app.html',
  styleUrl: './app.css',
  host: {
    '(document:keydown.escape)': 'closeNav()',
  },
})
export class App {
  private readonly document = inject(DOCUMENT);
  private readonly i18n = inject(TranslationService);
  protected readonly health = inject(HealthService).state;
  protected readonly lang = this.i18n.lang;
  protected readonly sections = NAV_SECTIONS;
  protected readonly navOpen = signal(false);

  constructor() {
    inject(Router)
      .events.pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.navOpen.set(false));
  }

  protected setLang(lang: Lang): void {
    this.i18n.setLang(lang);
  }

  protected toggleNav(): void {
    this.navOpen.update((open) => !open);
  }

  protected closeNav(): void {
    this.navOpen.set(false);
  }

  /** `href="#main"` would resolve against `<base href="/">` and leave the page, so focus by hand. */
  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.document.getElementById('main')?.focus();
  }
}
