import type { Routes } from '@angular/router';
import { placeholderRoute } from '../../shared/placeholder-route';

/** Contacts: customers (F25), contact groups (F27), tickets (F26, F28). */
export default [
  { path: '', pathMatch: 'full', redirectTo: 'customers' },
  placeholderRoute('customers', 'contacts.customers', 'nav.contacts'),
  placeholderRoute('groups', 'contacts.groups', 'nav.contacts'),
  placeholderRoute('tickets', 'contacts.tickets', 'nav.contacts'),
] satisfies Routes;
