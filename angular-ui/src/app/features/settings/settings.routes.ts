import type { Routes } from '@angular/router';
import { placeholderRoute } from '../../shared/placeholder-route';

/** Settings (F30). */
export default [
  { path: '', pathMatch: 'full', redirectTo: 'general' },
  placeholderRoute('general', 'settings.general', 'nav.settings'),
  placeholderRoute('pbx', 'settings.pbx', 'nav.settings'),
  placeholderRoute('website', 'settings.website', 'nav.settings'),
  placeholderRoute('email', 'settings.email', 'nav.settings'),
  placeholderRoute('workflow', 'settings.workflow', 'nav.settings'),
  placeholderRoute('integration', 'settings.integration', 'nav.settings'),
  placeholderRoute('users', 'settings.users', 'nav.settings'),
] satisfies Routes;
