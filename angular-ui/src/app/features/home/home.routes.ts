import type { Routes } from '@angular/router';
import { roleGuard } from '../../core/auth/role.guard';
import { placeholderRoute } from '../../shared/placeholder-route';

/** Home: overview reports (F21), call history (F22), live queues (issue 6), chat history (F23). */
export default [
  { path: '', pathMatch: 'full', redirectTo: 'overview' },
  placeholderRoute('overview', 'home.overview', 'nav.home'),
  {
    path: 'calls',
    loadComponent: () => import('./calls/calls.page'),
    data: { titleKey: 'page.home.calls.title' },
  },
  {
    path: 'queues',
    canMatch: [roleGuard(['admin', 'supervisor'])],
    loadComponent: () => import('./queues-live/queues-live.page'),
    data: { titleKey: 'page.home.queues.title' },
  },
  placeholderRoute('chats', 'home.chats', 'nav.home'),
] satisfies Routes;
