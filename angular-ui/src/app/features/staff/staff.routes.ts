import type { Routes } from '@angular/router';

/** Staff directory with presence (F29). */
export default [
  {
    path: '',
    loadComponent: () => import('./staff.page'),
    data: { titleKey: 'page.staff.title' },
  },
] satisfies Routes;
