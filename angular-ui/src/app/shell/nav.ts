import type { TranslationKey } from '../core/i18n/vi';
import type { IconName } from './icon';

/** One link of the sidebar. `key` gives the e2e hook `data-testid="nav-<key>"`. */
export interface NavLink {
  key: string;
  path: string;
  labelKey: TranslationKey;
}

/** A top-level entry: either a single link (`path`) or a titled group of `links`. */
export interface NavSection {
  key: string;
  labelKey: TranslationKey;
  icon: IconName;
  path?: string;
  links?: readonly NavLink[];
}

/** The console's site map (FEATURES.md §D). Routes live in `features/<area>/<area>.routes.ts`. */
export const NAV_SECTIONS: readonly NavSection[] = [
  {
    key: 'home',
    labelKey: 'nav.home',
    icon: 'home',
    links: [
      { key: 'home-overview', path: '/home/overview', labelKey: 'nav.home.overview' },
      { key: 'home-calls', path: '/home/calls', labelKey: 'nav.home.calls' },
      { key: 'home-chats', path: '/home/chats', labelKey: 'nav.home.chats' },
    ],
  },
  { key: 'chat', labelKey: 'nav.chat', icon: 'chat', path: '/chat' },
  {
    key: 'contacts',
    labelKey: 'nav.contacts',
    icon: 'contacts',
    links: [
      { key: 'contacts-customers', path: '/contacts/customers', labelKey: 'nav.contacts.customers' },
      { key: 'contacts-groups', path: '/contacts/groups', labelKey: 'nav.contacts.groups' },
      { key: 'contacts-tickets', path: '/contacts/tickets', labelKey: 'nav.contacts.tickets' },
    ],
  },
  { key: 'staff', labelKey: 'nav.staff', icon: 'staff', path: '/staff' },
  {
    key: 'settings',
    labelKey: 'nav.settings',
    icon: 'settings',
    links: [
      { key: 'settings-general', path: '/settings/general', labelKey: 'nav.settings.general' },
      { key: 'settings-pbx', path: '/settings/pbx', labelKey: 'nav.settings.pbx' },
      { key: 'settings-website', path: '/settings/website', labelKey: 'nav.settings.website' },
      { key: 'settings-email', path: '/settings/email', labelKey: 'nav.settings.email' },
      { key: 'settings-workflow', path: '/settings/workflow', labelKey: 'nav.settings.workflow' },
      { key: 'settings-integration', path: '/settings/integration', labelKey: 'nav.settings.integration' },
      { key: 'settings-users', path: '/settings/users', labelKey: 'nav.settings.users' },
    ],
  },
];
