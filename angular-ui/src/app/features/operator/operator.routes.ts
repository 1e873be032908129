import type { Routes } from '@angular/router';

/** Operator area (F31): the platform's tenants and the operators' audit log. */
export default [
  { path: '', pathMatch: 'full', redirectTo: 'tenants' },
  {
    path: 'tenants',
    loadComponent: () => import('./tenants/tenants.page'),
    data: { titleKey: 'page.operator.tenants.title' },
  },
  {
    path: 'audit',
    loadComponent: () => import('../audit/audit.page'),
    data: {
      titleKey: 'page.operator.audit.title',
      descKey: 'page.operator.audit.desc',
      sectionKey: 'nav.operator',
    },
  },
] satisfies Routes;
