import type { Routes } from '@angular/router';
import { roleGuard } from '../../../core/auth/role.guard';

/** Settings → IP phones (F6): the tenant's admins only. */
export default [
  {
    path: '',
    canMatch: [roleGuard(['admin'])],
    loadComponent: () => import('./phones.page'),
    data: { titleKey: 'page.settings.phones.title' },
  },
] satisfies Routes;
