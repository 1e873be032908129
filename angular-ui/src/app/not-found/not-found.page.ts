import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink } from '@angular/router';
import { filter, map } from 'rxjs';
import { TranslatePipe } from '../core/i18n/translate.pipe';

/** Shown for any unknown path (the `**` route), inside the shell so navigation stays available. */
@Component({
  selector: 'wc-not-found-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe],
  host: { 'data-testid': 'not-found' },
  template: `
    <p class="code" aria-hidden="true">404</p>
    <h1 data-testid="page-title">{{ 'notFound.title' | t }}</h1>
    <p class="lead">{{ 'notFound.desc' | t: { path: url() } }}</p>
    <a class="button" routerLink="/home/overview" data-testid="not-found-home">{{ 'notFound.back' | t }}</a>
  `,
  styles: `
    :host {
      display: block;
      max-width: 640px;
      padding-top: 24px;
    }
    .code {
      margin: 0;
      color: var(--primary);
      font-size: 3.5rem;
      font-weight: 800;
      line-height: 1;
      letter-spacing: -0.03em;
    }
    h1 {
      margin: 12px 0 0;
      font-size: 1.75rem;
    }
    .lead {
      margin: 10px 0 24px;
      color: var(--muted);
      line-height: 1.6;
      overflow-wrap: anywhere;
    }
    .button {
      display: inline-flex;
      align-items: center;
      height: 40px;
      padding: 0 18px;
      border-radius: 8px;
      background: var(--primary);
      color: #fff;
      font-weight: 600;
      text-decoration: none;
    }
    .button:hover {
      background: var(--primary-hover);
    }
  `,
})
export default class NotFoundPage {
  private readonly router = inject(Router);

  /** The unknown path, kept current if the user goes from one unknown path to another. */
  protected readonly url = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map(() => this.router.url),
    ),
    { initialValue: this.router.url },
  );
}
