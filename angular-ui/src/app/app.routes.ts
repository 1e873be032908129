import type { Routes, UrlMatcher } from '@angular/router';
import { authGuard } from './core/auth/auth.guard';
import { roleGuard } from './core/auth/role.guard';
import { TENANT_ROLES } from './shell/nav';
import { Shell } from './shell/shell';

const PUBLIC_PAGES = new Set(['login', 'signup', 'forgot-password', 'reset-password']);

/**
 * Sends the public pages to `features/auth` without consuming the segment (that route file names
 * them). A plain `path: ''` would also claim `/` itself and render an empty public layout there.
 */
const publicPages: UrlMatcher = (segments) =>
  segments.length === 1 && PUBLIC_PAGES.has(segments[0].path) ? { consumed: [] } : null;

/** Tenant areas are for the tenant's users; operators get the platform area (`/operator`). */
const tenantOnly = roleGuard(TENANT_ROLES);

/**
 * Public pages first (`/login`, `/signup`, `/forgot-password`, `/reset-password`), then the console:
 * the shell and every page under it need a session. One lazy route file per area of the site map.
 * `/` goes to the overview, which sends an operator on to the tenant list.
 */
export const routes: Routes = [
  { matcher: publicPages, loadChildren: () => import('./features/auth/auth.routes') },
  {
    path: '',
    component: Shell,
    canActivate: [authGuard],
    canActivateChild: [authGuard],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'home/overview' },
      { path: 'home', canMatch: [tenantOnly], loadChildren: () => import('./features/home/home.routes') },
      { path: 'chat', canMatch: [tenantOnly], loadChildren: () => import('./features/chat/chat.routes') },
      {
        path: 'contacts',
        canMatch: [tenantOnly],
        loadChildren: () => import('./features/contacts/contacts.routes'),
      },
      { path: 'staff', canMatch: [tenantOnly], loadChildren: () => import('./features/staff/staff.routes') },
      {
        path: 'settings',
        canMatch: [tenantOnly],
        loadChildren: () => import('./features/settings/settings.routes'),
      },
      {
        path: 'operator',
        canMatch: [roleGuard(['operator'])],
        loadChildren: () => import('./features/operator/operator.routes'),
      },
      { path: 'account', loadChildren: () => import('./features/account/account.routes') },
      {
        path: '**',
        loadComponent: () => import('./not-found/not-found.page'),
        data: { titleKey: 'notFound.title' },
      },
    ],
  },
];
