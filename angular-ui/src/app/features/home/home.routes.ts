import type { Routes } from '@angular/router';
import { placeholderRoute } from '../../shared/placeholder-route';

/** Home: overview reports (F21), call history (F22), chat history (F23). */
export default [
  { path: '', pathMatch: 'full', redirectTo: 'overview' },
  placeholderRoute('overview', 'home.overview', 'nav.home'),
  {
    path: 'calls',
    loadComponent: () => import('./calls/calls.page'),
    data: { titleKey: 'page.home.calls.title' },
  },
  placeholderRoute('chats', 'home.chats', 'nav.home'),
] satisfies Routes;
