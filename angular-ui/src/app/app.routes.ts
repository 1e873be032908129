import type { Routes } from '@angular/router';

/** One lazy route file per area of the site map (FEATURES.md §D). */
export const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'home/overview' },
  { path: 'home', loadChildren: () => import('./features/home/home.routes') },
  { path: 'chat', loadChildren: () => import('./features/chat/chat.routes') },
  { path: 'contacts', loadChildren: () => import('./features/contacts/contacts.routes') },
  { path: 'staff', loadChildren: () => import('./features/staff/staff.routes') },
  { path: 'settings', loadChildren: () => import('./features/settings/settings.routes') },
  {
    path: '**',
    loadComponent: () => import('./not-found/not-found.page'),
    data: { titleKey: 'notFound.title' },
  },
];
