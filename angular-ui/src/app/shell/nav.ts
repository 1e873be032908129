import type { UserRole } from '@webcall/contracts';
import type { TranslationKey } from '../core/i18n/vi';
import type { IconName } from './icon';

/**
 * Who may see an entry. Left out: everyone who sees the enclosing section. The routes enforce the
 * same rules (`core/auth/role.guard.ts`); hiding a link is only the friendly half.
 */
type Audience = readonly UserRole[];

/** One link of the sidebar. `key` gives the e2e hook `data-testid="nav-<key>"`. */
export interface NavLink {
  key: string;
  path: string;
  labelKey: TranslationKey;
  roles?: Audience;
}

/** A top-level entry: either a single link (`path`) or a titled group of `links`. */
export interface NavSection {
  key: string;
  labelKey: TranslationKey;
  icon: IconName;
  path?: string;
  links?: readonly NavLink[];
  roles?: Audience;
}

/** Roles that belong to a tenant; operators run the platform and have no tenant pages. */
export const TENANT_ROLES: Audience = ['admin', 'supervisor', 'agent'];

/** The console's site map (FEATURES.md §D). Routes live in `features/<area>/<area>.routes.ts`. */
export const NAV_SECTIONS: readonly NavSection[] = [
  {
    key: 'home',
    labelKey: 'nav.home',
    icon: 'home',
    roles: TENANT_ROLES,
    links: [
      { key: 'home-overview', path: '/home/overview', labelKey: 'nav.home.overview' },
      { key: 'home-calls', path: '/home/calls', labelKey: 'nav.home.calls' },
      {
        key: 'home-queues',
        path: '/home/queues',
        labelKey: 'nav.home.queues',
        roles: ['admin', 'supervisor'],
      },
      { key: 'home-chats', path: '/home/chats', labelKey: 'nav.home.chats' },
    ],
  },
  { key: 'chat', labelKey: 'nav.chat', icon: 'chat', path: '/chat', roles: TENANT_ROLES },
  {
    key: 'contacts',
    labelKey: 'nav.contacts',
    icon: 'contacts',
    roles: TENANT_ROLES,
    links: [
      { key: 'contacts-customers', path: '/contacts/customers', labelKey: 'nav.contacts.customers' },
      { key: 'contacts-groups', path: '/contacts/groups', labelKey: 'nav.contacts.groups' },
      { key: 'contacts-tickets', path: '/contacts/tickets', labelKey: 'nav.contacts.tickets' },
    ],
  },
  { key: 'staff', labelKey: 'nav.staff', icon: 'staff', path: '/staff', roles: TENANT_ROLES },
  {
    key: 'settings',
    labelKey: 'nav.settings',
    icon: 'settings',
    roles: TENANT_ROLES,
    links: [
      { key: 'settings-general', path: '/settings/general', labelKey: 'nav.settings.general' },
      { key: 'settings-pbx', path: '/settings/pbx', labelKey: 'nav.settings.pbx' },
      { key: 'settings-website', path: '/settings/website', labelKey: 'nav.settings.website' },
      { key: 'settings-email', path: '/settings/email', labelKey: 'nav.settings.email' },
      { key: 'settings-workflow', path: '/settings/workflow', labelKey: 'nav.settings.workflow' },
      { key: 'settings-integration', path: '/settings/integration', labelKey: 'nav.settings.integration' },
      {
        key: 'settings-users',
        path: '/settings/users',
        labelKey: 'nav.settings.users',
        roles: ['admin', 'supervisor'],
      },
      { key: 'settings-phones', path: '/settings/phones', labelKey: 'nav.settings.phones', roles: ['admin'] },
      { key: 'settings-audit', path: '/settings/audit', labelKey: 'nav.settings.audit', roles: ['admin'] },
    ],
  },
  {
    key: 'operator',
    labelKey: 'nav.operator',
    icon: 'shield',
    roles: ['operator'],
    links: [
      { key: 'operator-tenants', path: '/operator/tenants', labelKey: 'nav.operator.tenants' },
      { key: 'operator-hotlines', path: '/operator/hotlines', labelKey: 'nav.operator.hotlines' },
      { key: 'operator-trunks', path: '/operator/trunks', labelKey: 'nav.operator.trunks' },
      {
        key: 'operator-sip-security',
        path: '/operator/sip-security',
        labelKey: 'nav.operator.sipSecurity',
      },
      { key: 'operator-audit', path: '/operator/audit', labelKey: 'nav.operator.audit' },
    ],
  },
];

const allows = (roles: Audience | undefined, role: UserRole | undefined): boolean =>
  !roles || (role !== undefined && roles.includes(role));

/**
 * The part of the site map `role` may see: sections and links outside its audience are dropped,
 * and so is a group left without links. No role (no session yet) sees only unrestricted entries.
 */
export function visibleSections(sections: readonly NavSection[], role: UserRole | undefined): NavSection[] {
  return sections.flatMap((section) => {
    if (!allows(section.roles, role)) return [];
    if (!section.links) return [section];
    const links = section.links.filter((link) => allows(link.roles, role));
    return links.length ? [{ ...section, links }] : [];
  });
}
