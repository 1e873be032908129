import { ChangeDetectionStrategy, Component, DOCUMENT, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterOutlet } from '@angular/router';
import { filter } from 'rxjs';
import { AuthService } from '../core/auth/auth.service';
import { HealthService } from '../core/health/health.service';
import { TranslatePipe } from '../core/i18n/translate.pipe';
import { TranslationService, type Lang } from '../core/i18n/translation.service';
import { NAV_SECTIONS, visibleSections } from './nav';
import { ScreenPop } from './screen-pop';
import { SidebarNav } from './sidebar-nav';
import { TopBar } from './top-bar';

/** Console shell for signed-in users: top bar, site-map sidebar (a drawer under 900 px), routed page. */
@Component({
  selector: 'wc-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, TranslatePipe, TopBar, SidebarNav, ScreenPop],
  templateUrl: './shell.html',
  styleUrl: './shell.css',
  host: {
    '(document:keydown.escape)': 'closeNav()',
  },
})
export class Shell {
  private readonly document = inject(DOCUMENT);
  private readonly i18n = inject(TranslationService);
  private readonly auth = inject(AuthService);
  protected readonly health = inject(HealthService).state;
  protected readonly user = this.auth.user;
  protected readonly lang = this.i18n.lang;
  /** The site map cut to the signed-in user's role (operators: the platform pages only). */
  protected readonly sections = computed(() => visibleSections(NAV_SECTIONS, this.user()?.role));
  protected readonly navOpen = signal(false);

  constructor() {
    inject(Router)
      .events.pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.navOpen.set(false));
  }

  /**
   * Switches at once and saves the choice on the account, so the next login (on any device)
   * opens in the same language. A failed save keeps the local switch: the choice is not lost.
   */
  protected setLang(lang: Lang): void {
    this.i18n.setLang(lang);
    if (this.user()?.language !== lang)
      this.auth.updateProfile({ language: lang }).subscribe({ error: () => undefined });
  }

  protected toggleNav(): void {
    this.navOpen.update((open) => !open);
  }

  protected closeNav(): void {
    this.navOpen.set(false);
  }

  protected logout(): void {
    void this.auth.logout();
  }

  /** `href="#main"` would resolve against `<base href="/">` and leave the page, so focus by hand. */
  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.document.getElementById('main')?.focus();
  }
}
