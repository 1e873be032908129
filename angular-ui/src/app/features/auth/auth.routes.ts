import type { ActivatedRouteSnapshot, Routes } from '@angular/router';
import { guestGuard } from '../../core/auth/auth.guard';
import { AuthLayout } from './auth-layout';

/** Public pages (F7–F9), outside the console shell. */
export default [
  {
    path: '',
    component: AuthLayout,
    children: [
      {
        path: 'login',
        canActivate: [guestGuard],
        loadComponent: () => import('./login.page'),
        data: { titleKey: 'auth.login.title' },
      },
      {
        path: 'signup',
        canActivate: [guestGuard],
        loadComponent: () => import('./signup.page'),
        data: { titleKey: 'auth.signup.title' },
      },
      {
        path: 'forgot-password',
        loadComponent: () => import('./forgot-password.page'),
        data: { titleKey: 'auth.forgot.title' },
      },
      {
        path: 'reset-password',
        loadComponent: () => import('./reset-password.page'),
        // Resolved data merges into `data`: an invitation link gets its own document title.
        resolve: {
          titleKey: (route: ActivatedRouteSnapshot) =>
            route.queryParamMap.get('invite') === '1' ? 'auth.invite.title' : 'auth.reset.title',
        },
      },
    ],
  },
] satisfies Routes;
