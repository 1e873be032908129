import type { Routes } from '@angular/router';

/** Account details (issue 3 §7): profile, language and password change. */
export default [
  {
    path: '',
    loadComponent: () => import('./account.page'),
    data: { titleKey: 'page.account.title' },
  },
] satisfies Routes;
