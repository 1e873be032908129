import type { Routes } from '@angular/router';
import { roleGuard } from '../../core/auth/role.guard';
import { placeholderRoute } from '../../shared/placeholder-route';

/** Settings (F30); the audit log is for the tenant's admins. */
export default [
  { path: '', pathMatch: 'full', redirectTo: 'general' },
  placeholderRoute('general', 'settings.general', 'nav.settings'),
  { path: 'pbx', loadChildren: () => import('./pbx/pbx.routes') },
  placeholderRoute('website', 'settings.website', 'nav.settings'),
  placeholderRoute('email', 'settings.email', 'nav.settings'),
  placeholderRoute('workflow', 'settings.workflow', 'nav.settings'),
  placeholderRoute('integration', 'settings.integration', 'nav.settings'),
  { path: 'users', loadChildren: () => import('./users/users.routes') },
  { path: 'phones', loadChildren: () => import('./phones/phones.routes') },
  {
    path: 'audit',
    canMatch: [roleGuard(['admin'])],
    loadComponent: () => import('../audit/audit.page'),
    data: {
      titleKey: 'page.settings.audit.title',
      descKey: 'page.settings.audit.desc',
      sectionKey: 'nav.settings',
    },
  },
] satisfies Routes;
