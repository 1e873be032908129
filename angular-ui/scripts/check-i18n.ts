// Cheap static checks of the console's dictionaries and site map, run with plain Node (type stripping):
//   npm run check -w angular-ui
// The compiler already proves `en` has exactly the `vi` keys; this adds what types cannot see.
import { strict as assert } from 'node:assert';
import { en } from '../src/app/core/i18n/en.ts';
import { vi } from '../src/app/core/i18n/vi.ts';
import { NAV_SECTIONS, visibleSections } from '../src/app/shell/nav.ts';
import { homeFor, isVnPhone, safeReturnUrl } from '../src/app/core/auth/validation.ts';
import { changeKind, dayRange, fieldChanges } from '../src/app/features/audit/audit-changes.ts';
import { timeUntil } from '../src/app/shared/relative-time.ts';

const dictionaries: Record<string, Record<string, string>> = { vi, en };
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
let checks = 0;

assert.deepEqual(Object.keys(en).sort(), Object.keys(vi).sort(), 'vi and en must have the same keys');
checks++;

for (const [lang, dict] of Object.entries(dictionaries)) {
  for (const [key, text] of Object.entries(dict)) {
    assert.ok(text.trim().length > 0, `${lang}: empty text for ${key}`);
    assert.equal(text, text.trim(), `${lang}: stray whitespace in ${key}`);
    assert.deepEqual(
      placeholders(text),
      placeholders(vi[key as keyof typeof vi]),
      `${lang}: placeholders of ${key}`,
    );
    checks++;
  }
}

// Every nav link has a label and a page (title + description) in both languages.
const testIds = new Set<string>();
for (const section of NAV_SECTIONS) {
  const links = section.links ?? [{ key: section.key, path: section.path!, labelKey: section.labelKey }];
  assert.ok(section.path || section.links?.length, `section ${section.key} needs a path or links`);
  for (const link of links) {
    assert.ok(!testIds.has(link.key), `duplicate nav key ${link.key}`);
    testIds.add(link.key);
    assert.equal(
      link.key,
      link.path.slice(1).replaceAll('/', '-'),
      `nav key ${link.key} must mirror its path`,
    );
    const page = link.path.slice(1).replaceAll('/', '.');
    for (const key of [link.labelKey, `page.${page}.title`, `page.${page}.desc`]) {
      assert.ok(key in vi, `missing dictionary key ${key}`);
    }
    checks++;
  }
}
assert.equal(testIds.size, 20, 'the site map has 20 pages');

// Each role sees its part of the site map: operators only the platform pages, tenant users no
// operator pages; the user list is for admins and supervisors, the audit log for admins.
const pagesOf = (role: Parameters<typeof visibleSections>[1]) =>
  visibleSections(NAV_SECTIONS, role).flatMap((section) =>
    (section.links ?? [section]).map((link) => link.key),
  );
assert.deepEqual(
  pagesOf('operator'),
  ['operator-tenants', 'operator-sip-security', 'operator-audit'],
  'operator site map',
);
assert.equal(pagesOf('admin').length, 17, 'admin site map');
assert.ok(!pagesOf('admin').some((key) => key.startsWith('operator')), 'no operator pages for admins');
assert.ok(pagesOf('supervisor').includes('settings-users'), 'supervisors see the users');
assert.ok(!pagesOf('supervisor').includes('settings-audit'), 'supervisors do not see the audit log');
assert.ok(pagesOf('admin').includes('settings-phones'), 'admins see the IP phones');
assert.ok(!pagesOf('supervisor').includes('settings-phones'), 'supervisors do not see the IP phones');
assert.ok(!pagesOf('agent').includes('settings-users'), 'agents do not see the users');
assert.deepEqual(pagesOf(undefined), [], 'no session, no site map');
assert.equal(homeFor('operator'), '/operator/tenants');
assert.equal(homeFor('agent'), '/home/overview');
checks += 11;

// Vietnamese text must keep its diacritics (a common copy-paste loss).
assert.match(vi['nav.home.calls'], /Lịch sử cuộc gọi/);
assert.match(vi['health.offline'], /Mất kết nối/);

assert.match(vi['auth.login.invalid'], /Email hoặc mật khẩu không đúng/);
assert.match(vi['auth.error.taken.email'], /Email này đã được sử dụng/);
assert.match(vi['auth.invite.title'], /Đặt mật khẩu/);

// Client-side rules that must mirror the API.
for (const phone of ['0912345678', '+84912345678', '0912 345 678', '0912.345.678']) {
  assert.ok(isVnPhone(phone), `valid phone ${phone}`);
  checks++;
}
for (const phone of ['912345678', '091234567', '09123456789', '+8491234567', '84912345678', 'abc']) {
  assert.ok(!isVnPhone(phone), `invalid phone ${phone}`);
  checks++;
}
// returnUrl never leaves the app nor loops back to a public page.
for (const [raw, expected] of [
  ['/settings/users?tab=groups', '/settings/users?tab=groups'],
  ['//evil.example', '/home/overview'],
  ['/\\evil.example', '/home/overview'],
  ['https://evil.example', '/home/overview'],
  ['/login?returnUrl=/x', '/home/overview'],
  ['/reset-password', '/home/overview'],
  [undefined, '/home/overview'],
] as const) {
  assert.equal(safeReturnUrl(raw), expected, `returnUrl ${raw}`);
  checks++;
}

// The audit log's change view: nested values become dotted rows; a missing side is "absent".
assert.deepEqual(
  fieldChanges({
    before: { status: 'active', quotas: { users: 5 } },
    after: { status: 'suspended', quotas: { users: 9 } },
  }),
  [
    { field: 'status', before: 'active', after: 'suspended', beforeAbsent: false, afterAbsent: false },
    { field: 'quotas.users', before: 5, after: 9, beforeAbsent: false, afterAbsent: false },
  ],
);
assert.deepEqual(fieldChanges({ before: null, after: { name: 'A', phone: null } }), [
  { field: 'name', before: null, after: 'A', beforeAbsent: true, afterAbsent: false },
  { field: 'phone', before: null, after: null, beforeAbsent: true, afterAbsent: false },
]);
assert.equal(changeKind({ before: null, after: { name: 'A' } }), 'created');
assert.equal(changeKind({ before: { name: 'A' }, after: null }), 'deleted');
assert.equal(changeKind({ before: { name: 'A' }, after: { name: 'B' } }), 'changed');
// A date range covers whole local days: [first midnight, the midnight after the last day).
const range = dayRange('2026-03-10', '2026-03-10');
assert.equal(new Date(range.from!).getHours(), 0);
assert.equal(new Date(range.to!).getDate(), 11);
assert.deepEqual(dayRange('', ''), { from: null, to: null });
checks += 8;

// "Blocked until … (in 12 min)": the unit follows the distance; a passed time is left to the caller.
const at = Date.parse('2026-03-10T10:00:00Z');
const later = (ms: number) => new Date(at + ms).toISOString();
assert.equal(timeUntil(later(12 * 60_000 + 20_000), at, 'en'), 'in 12 min');
assert.equal(timeUntil(later(45_000), at, 'en'), 'in 45 sec');
assert.equal(timeUntil(later(3 * 3_600_000), at, 'en'), 'in 3 hr');
assert.equal(timeUntil(later(3 * 86_400_000), at, 'en'), 'in 3 days');
assert.match(timeUntil(later(12 * 60_000), at, 'vi')!, /12 phút/);
assert.equal(timeUntil(later(0), at, 'en'), null);
assert.equal(timeUntil(later(-5_000), at, 'vi'), null);
checks += 7;

console.log(
  `i18n/site-map checks passed: ${checks} checks, ${Object.keys(vi).length} keys × 2 languages, ${testIds.size} pages`,
);
