import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterOutlet } from '@angular/router';

/**
 * Root: either the public pages (login, sign-up, password reset — `features/auth`) or the console
 * shell (`shell/shell.ts`), chosen by the router.
 */
@Component({
  selector: 'wc-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet],
  template: '<router-outlet />',
  styles: `
    :host {
      display: block;
    }
  `,
})
export class App {}
