import type { Routes } from '@angular/router';
import { placeholderRoute } from '../../shared/placeholder-route';

/** Staff directory with presence (F29). */
export default [placeholderRoute('', 'staff')] satisfies Routes;
