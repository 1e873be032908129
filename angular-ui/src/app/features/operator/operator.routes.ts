import type { Routes } from '@angular/router';

/**
 * Operator area (F31): the platform's tenants, their hotline numbers and the carrier trunks
 * (F17), the addresses blocked from SIP and the operators' audit log.
 */
export default [
  { path: '', pathMatch: 'full', redirectTo: 'tenants' },
  {
    path: 'tenants',
    loadComponent: () => import('./tenants/tenants.page'),
    data: { titleKey: 'page.operator.tenants.title' },
  },
  {
    path: 'hotlines',
    loadComponent: () => import('./hotlines/operator-hotlines.page'),
    data: { titleKey: 'page.operator.hotlines.title' },
  },
  {
    path: 'trunks',
    loadComponent: () => import('./trunks/trunks.page'),
    data: { titleKey: 'page.operator.trunks.title' },
  },
  {
    path: 'sip-security',
    loadComponent: () => import('./sip-security/sip-security.page'),
    data: { titleKey: 'page.operator.sip-security.title' },
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
