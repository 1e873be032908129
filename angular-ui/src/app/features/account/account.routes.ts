import type { Routes } from '@angular/router';

/** Account details (issue 3 §7): profile for now; password change and language come next. */
export default [
  {
    path: '',
    loadComponent: () => import('./account.page'),
    data: { titleKey: 'page.account.title' },
  },
] satisfies Routes;
