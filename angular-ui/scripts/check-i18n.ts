// Cheap static checks of the console's dictionaries and site map, run with plain Node (type stripping):
//   npm run check -w angular-ui
// The compiler already proves `en` has exactly the `vi` keys; this adds what types cannot see.
import { strict as assert } from 'node:assert';
import { en } from '../src/app/core/i18n/en.ts';
import { vi } from '../src/app/core/i18n/vi.ts';
import { NAV_SECTIONS } from '../src/app/shell/nav.ts';
import { isVnPhone, safeReturnUrl } from '../src/app/core/auth/validation.ts';

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
assert.equal(testIds.size, 15, 'the site map has 15 pages');

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

console.log(
  `i18n/site-map checks passed: ${checks} checks, ${Object.keys(vi).length} keys × 2 languages, ${testIds.size} pages`,
);
