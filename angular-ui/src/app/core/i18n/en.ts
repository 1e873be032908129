import type { Dictionary } from './vi';

/**
 * English dictionary. Typed as `Dictionary` so a missing key is a compile error, and written as an
 * object literal so an extra key is one too (excess-property check).
 */
export const en: Dictionary = {
  'app.name': 'WebCall',
  'app.tagline': 'Cloud call center',
  'app.skipToContent': 'Skip to main content',
  'app.openMenu': 'Open navigation menu',
  'app.closeMenu': 'Close navigation menu',

  'lang.label': 'Language',
  'lang.vi': 'Tiếng Việt',
  'lang.en': 'English',

  'nav.label': 'Main navigation',
  'nav.home': 'Home',
  'nav.home.overview': 'Overview',
  'nav.home.calls': 'Call history',
  'nav.home.chats': 'Chat history',
  'nav.chat': 'Chat room',
  'nav.contacts': 'Contacts',
  'nav.contacts.customers': 'Customer list',
  'nav.contacts.groups': 'Contact groups',
  'nav.contacts.tickets': 'Tickets',
  'nav.staff': 'Staff',
  'nav.settings': 'Settings',
  'nav.settings.general': 'General',
  'nav.settings.pbx': 'PBX',
  'nav.settings.website': 'Website',
  'nav.settings.email': 'Email',
  'nav.settings.workflow': 'Workflow',
  'nav.settings.integration': 'Integration',
  'nav.settings.users': 'Users',

  'page.home.overview.title': 'Overview',
  'page.home.overview.desc':
    'Call-center reports: statistics of all calls to analyse activity and plan sales.',
  'page.home.calls.title': 'Call history',
  'page.home.calls.desc':
    'Full call statistics filtered by many criteria, with the cost of each call and recordings to listen to or download on the web.',
  'page.home.chats.title': 'Chat history',
  'page.home.chats.desc': 'The history of conversations with customers on every channel.',
  'page.chat.title': 'Chat room',
  'page.chat.desc':
    "The agent's main workspace: every open chat window, with a notification on each new message.",
  'page.contacts.customers.title': 'Customer list',
  'page.contacts.customers.desc':
    "Add customers with a form or import them from an Excel file, see each one's transaction history and call, email, text or open a ticket in one click.",
  'page.contacts.groups.title': 'Contact groups',
  'page.contacts.groups.desc':
    'Customers by group: send bulk email to a whole group and assign a group to the staff member responsible for it.',
  'page.contacts.tickets.title': 'Tickets',
  'page.contacts.tickets.desc':
    'Tickets coloured by state — red overdue, green done, black not yet handled — with a notification when one becomes overdue.',
  'page.staff.title': 'Staff',
  'page.staff.desc':
    "The internal staff list with each person's presence; click a name to call them internally.",
  'page.settings.general.title': 'General settings',
  'page.settings.general.desc': 'Company details, time zone, language and other account-wide options.',
  'page.settings.pbx.title': 'PBX settings',
  'page.settings.pbx.desc':
    "Phone numbers, trunks, extensions, queues, greetings and the PBX's call routing.",
  'page.settings.website.title': 'Website settings',
  'page.settings.website.desc': 'The chat and call widget to embed on your website.',
  'page.settings.email.title': 'Email settings',
  'page.settings.email.desc': 'Connected mailboxes, the outgoing mail server and email templates.',
  'page.settings.workflow.title': 'Workflow',
  'page.settings.workflow.desc': 'Automated workflows for calls, chats and tickets.',
  'page.settings.integration.title': 'Integration',
  'page.settings.integration.desc': 'Connections to CRMs, webhooks and API keys for external systems.',
  'page.settings.users.title': 'Users',
  'page.settings.users.desc': 'User accounts, roles and access to the console.',
  'page.placeholder.note': 'This page is under construction.',

  'notFound.title': 'Page not found',
  'notFound.desc': 'The address {path} does not exist or has moved.',
  'notFound.back': 'Back to Overview',

  'health.label': 'System status',
  'health.ok': 'Operational',
  'health.degraded': 'Degraded',
  'health.offline': 'Offline',
  'health.unknown': 'Checking…',
  'health.downList': 'Down: {list}',
  'health.offlineDetail': 'Cannot reach the server ({reason}).',
  'health.reason.network': 'network error',
  'health.reason.timeout': 'timed out',
  'health.reason.invalid': 'invalid response',
  'health.reason.http': 'HTTP {status}',
  'health.unknownDetail': 'Waiting for the first check.',
  'health.component.database': 'Database',
  'health.component.ari': 'Asterisk ARI',
  'health.component.ami': 'Asterisk AMI',
  'health.short.database': 'Database',
  'health.short.ari': 'ARI',
  'health.short.ami': 'AMI',
  'health.component.up': 'Up',
  'health.component.down': 'Down',
  'health.version': 'Version {version}',
  'health.checkedAt': 'Checked at {time}',
  'health.latency': '{ms} ms',
};
