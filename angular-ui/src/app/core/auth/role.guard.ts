import { inject } from '@angular/core';
import { Router, type CanMatchFn } from '@angular/router';
import type { UserRole } from '@webcall/contracts';
import { AuthService } from './auth.service';
import { homeFor } from './validation';

/**
 * Lets only `roles` into a route; anyone else goes to their own start page (a tenant user opening
 * `/operator/…` lands on the overview, an operator opening a tenant page on the tenant list).
 * `canMatch`, so the area's code is not even downloaded for the wrong role. Matching runs before
 * the shell's `authGuard`, hence the wait for the start-up session check; without a session it
 * lets the route match and `authGuard` sends the visitor to the login page.
 */
export function roleGuard(roles: readonly UserRole[]): CanMatchFn {
  return async () => {
    const auth = inject(AuthService);
    const router = inject(Router);
    if (!auth.isAuthenticated()) await auth.restore();
    const role = auth.user()?.role;
    if (!role || roles.includes(role)) return true;
    return router.parseUrl(homeFor(role));
  };
}
