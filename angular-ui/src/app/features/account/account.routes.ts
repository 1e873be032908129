import type { Routes } from '@angular/router';

/** Account details (issue 3 §7): profile, language, device mode and SIP settings, password change. */
export default [
  {
    path: '',
    loadComponent: () => import('./account.page'),
    data: { titleKey: 'page.account.title' },
  },
] satisfies Routes;
