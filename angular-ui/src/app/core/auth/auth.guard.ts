import { inject } from '@angular/core';
import { Router, type CanActivateChildFn, type CanActivateFn } from '@angular/router';
import { AuthService } from './auth.service';
import { safeReturnUrl } from './validation';

/** Console pages need a session; without one, go to the login page and come back afterwards. */
export const authGuard: CanActivateFn & CanActivateChildFn = async (_route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  if (auth.isAuthenticated() || ((await auth.restore()) && auth.isAuthenticated())) return true;
  return router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};

/** Login and sign-up are pointless with a session: go where the user was heading instead. */
export const guestGuard: CanActivateFn = async (route) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  await auth.restore();
  return auth.isAuthenticated() ? router.parseUrl(safeReturnUrl(route.queryParamMap.get('returnUrl'))) : true;
};
