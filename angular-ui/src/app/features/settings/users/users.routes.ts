import type { Routes } from '@angular/router';
import { roleGuard } from '../../../core/auth/role.guard';

/**
 * Settings → Users (F13): users and user groups, `?tab=groups` for the groups tab. Admins manage
 * them, supervisors get a read-only view; agents are sent to their start page.
 */
export default [
  {
    path: '',
    canMatch: [roleGuard(['admin', 'supervisor'])],
    loadComponent: () => import('./users.page'),
    data: { titleKey: 'page.settings.users.title' },
  },
] satisfies Routes;
