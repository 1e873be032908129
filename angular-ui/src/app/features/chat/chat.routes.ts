import type { Routes } from '@angular/router';
import { placeholderRoute } from '../../shared/placeholder-route';

/** Chat room: the agent's live chat workspace (F24). */
export default [placeholderRoute('', 'chat')] satisfies Routes;
