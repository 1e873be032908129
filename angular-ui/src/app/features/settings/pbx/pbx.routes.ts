import type { Routes } from '@angular/router';
import { roleGuard } from '../../../core/auth/role.guard';

/**
 * Settings → PBX (F12, F14, F16–F19): one tab per part of the tenant's call routing. Each tab is
 * its own lazily loaded component; the layout (`pbx.page`) draws the tab bar.
 */
export default [
  {
    path: '',
    canMatch: [roleGuard(['admin'])],
    loadComponent: () => import('./pbx.page'),
    data: { titleKey: 'page.settings.pbx.title' },
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'flows' },
      { path: 'flows', loadComponent: () => import('./flows/flows.tab') },
      { path: 'shifts', loadComponent: () => import('./shifts/shifts.tab') },
      { path: 'ivrs', loadComponent: () => import('./ivrs/ivrs.tab') },
      { path: 'hotlines', loadComponent: () => import('./hotlines/hotlines.tab') },
      { path: 'prompts', loadComponent: () => import('./prompts/prompts.tab') },
      { path: 'queues', loadComponent: () => import('./queues/queues.tab') },
    ],
  },
] satisfies Routes;
