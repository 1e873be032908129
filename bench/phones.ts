// `npm run bench -- --suite phones`: what one SIP account change costs in Asterisk when 10,000
// accounts are provisioned (ARI dynamic configuration, the mechanism of apps/api/src/devices),
// and whether calls in progress survive the changes. Reports; never passes or fails on timings.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StackInfo } from '../scripts/stack-info.ts';
import { pjsipAccountObjects, type PjsipAccountObjects } from '../libs/asterisk-config/src/pjsip-account.ts';
import { findProcesses } from './lib/procfs.ts';
import { runSippStep } from './lib/sipp.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PHONES_MARKER = '<!-- phones bench -->';
const TENANT = 999_999;
/** BENCH_ACCOUNTS: a smaller count for a quick probe of the bench itself. */
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 10_000);
const CHANGES = 30;
const CONCURRENCY = 16;

const log = (msg: string) => console.log(`[phones] ${msg}`);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function rssMiB(name: string): number | null {
  const proc = findProcesses([name])[0];
  if (!proc) return null;
  const line = readFileSync(`/proc/${proc.pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return line ? Math.round(Number(line.replace(/\D+/g, '')) / 1024) : null;
}

export async function runPhonesBench(info: StackInfo, writeDocs: boolean): Promise<number> {
  const base = `${info.env.ARI_URL}/ari/asterisk/config/dynamic/res_pjsip`;
  const auth = `Basic ${Buffer.from(`${info.env.ARI_USERNAME}:${info.env.ARI_PASSWORD}`).toString('base64')}`;
  const put = async (type: string, id: string, fields: readonly (readonly [string, string])[]) => {
    const res = await fetch(`${base}/${type}/${id}`, {
      method: 'PUT',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ fields: fields.map(([attribute, value]) => ({ attribute, value })) }),
    });
    if (res.status !== 200) throw new Error(`PUT ${type}/${id}: ${res.status} ${await res.text()}`);
  };
  const get = async (type: string, id: string) => {
    const res = await fetch(`${base}/${type}/${id}`, { headers: { authorization: auth } });
    if (res.status !== 200) throw new Error(`GET ${type}/${id}: ${res.status}`);
    return (await res.json()) as { attribute: string; value: string }[];
  };
  const apply = async (o: PjsipAccountObjects, verify: boolean) => {
    await put('auth', o.id, o.auth);
    await put('aor', o.id, o.aor);
    await put('endpoint', o.id, o.endpoint);
    if (verify) await Promise.all([get('auth', o.id), get('endpoint', o.id)]);
  };
  const account = (i: number, mode: 'webphone' | 'sip', password: string) =>
    pjsipAccountObjects(
      { tenantId: TENANT, extension: String(100_000 + i), displayName: `Bench ${i}`, password, mode },
      { context: 'webcall-devices', mediaAddress: '127.0.0.1' },
    );

  const rssBefore = rssMiB('asterisk');
  log(
    `provisioning ${ACCOUNTS} accounts as the api does at start-up (all aors, then auths, then endpoints) with ${CONCURRENCY} requests in flight…`,
  );
  const t0 = performance.now();
  const accounts = Array.from({ length: ACCOUNTS }, (_, i) => account(i, 'sip', `Pw${i}`.padEnd(24, 'x')));
  for (const type of ['aor', 'auth', 'endpoint'] as const) {
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = next++; i < ACCOUNTS; i = next++) await put(type, accounts[i].id, accounts[i][type]);
      }),
    );
  }
  // Asterisk finishes its own bookkeeping of new objects after answering: wait until a change
  // is answered quickly again, so the changes below are measured on a settled server.
  const settleStart = performance.now();
  for (;;) {
    const started = performance.now();
    await put('auth', accounts[0].id, accounts[0].auth);
    if (performance.now() - started < 20 || performance.now() - settleStart > 600_000) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const provisionS = (performance.now() - t0) / 1000;
  const rssAfter = rssMiB('asterisk');
  log(
    `provisioned in ${provisionS.toFixed(1)} s (${Math.round(ACCOUNTS / provisionS)} accounts/s); Asterisk RSS ${rssBefore} → ${rssAfter} MiB`,
  );

  // Calls in progress (plain dialplan 1901, ~3 s each) while single accounts change.
  const calls = runSippStep({
    scenario: path.join(ROOT, 'test/sipp/uac-wait-bye.xml'),
    sipPort: info.ports.sip,
    service: '1901',
    calls: 60,
    rate: 5,
    localIp: '127.0.0.2',
    localPort: 28070,
    mediaPort: 36000,
    limit: 60,
    timeoutS: 60,
  });
  const changeMs: number[] = [];
  for (let k = 0; k < CHANGES; k++) {
    const i = Math.floor(Math.random() * ACCOUNTS);
    const started = performance.now();
    await apply(account(i, k % 2 ? 'sip' : 'webphone', `New${k}`.padEnd(24, 'y')), true);
    changeMs.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 200));
  }
  // New users while 10,000 exist: the aor's creation makes Asterisk scan every endpoint.
  const createMs: number[] = [];
  for (let k = 0; k < 10; k++) {
    const started = performance.now();
    await apply(account(ACCOUNTS + k, 'sip', `Add${k}`.padEnd(24, 'z')), true);
    createMs.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 200));
  }
  const sipp = await calls;
  changeMs.sort((a, b) => a - b);
  createMs.sort((a, b) => a - b);
  const result = {
    accounts: ACCOUNTS,
    provisionSeconds: Number(provisionS.toFixed(1)),
    accountsPerSecond: Math.round(ACCOUNTS / provisionS),
    asteriskRssMiB: { before: rssBefore, after: rssAfter },
    changeMs: {
      p50: Number(percentile(changeMs, 50).toFixed(1)),
      p95: Number(percentile(changeMs, 95).toFixed(1)),
      max: Number(changeMs[changeMs.length - 1].toFixed(1)),
    },
    createMs: {
      p50: Number(percentile(createMs, 50).toFixed(1)),
      max: Number(createMs[createMs.length - 1].toFixed(1)),
    },
    callsDuringChanges: { successful: sipp.successful, failed: sipp.failed },
  };
  log(
    `one account change (3 PUT + 2 GET read-back, verified), ${CHANGES} changes: p50 ${result.changeMs.p50} ms, p95 ${result.changeMs.p95} ms, max ${result.changeMs.max} ms`,
  );
  log(
    `a new account (3 PUT + read-back) with ${ACCOUNTS} existing: p50 ${result.createMs.p50} ms, max ${result.createMs.max} ms`,
  );
  log(
    `calls during the changes: ${result.callsDuringChanges.successful} successful, ${result.callsDuringChanges.failed} failed`,
  );
  if (writeDocs) updateDocs(result);
  return 0;
}

function updateDocs(
  r: Record<string, unknown> & {
    changeMs: { p50: number; p95: number; max: number };
    createMs: { p50: number; max: number };
  },
): void {
  const doc = path.join(ROOT, 'docs/BENCHMARKS.md');
  const text = readFileSync(doc, 'utf8');
  const head = text.includes(PHONES_MARKER)
    ? text.slice(0, text.indexOf(PHONES_MARKER))
    : `${text.trimEnd()}\n\n`;
  const res = r as unknown as {
    accounts: number;
    provisionSeconds: number;
    accountsPerSecond: number;
    asteriskRssMiB: { before: number | null; after: number | null };
    callsDuringChanges: { successful: number | null; failed: number | null };
  };
  const section = `${PHONES_MARKER}
## Phones: one SIP account change with ${res.accounts.toLocaleString('en')} accounts provisioned

\`npm run bench -- --suite phones\` (${new Date().toISOString().slice(0, 16)}Z, same machine as above).
Accounts are pushed to Asterisk through ARI dynamic configuration (auth + aor + endpoint, sorcery
memory wizard), as the api does; a change is 3 PUT plus the read-back the api does to verify it.

| measure | value |
|---|---|
| provision ${res.accounts.toLocaleString('en')} accounts (aors, auths, endpoints; 16 requests in flight; until changes are fast again) | ${res.provisionSeconds} s (${res.accountsPerSecond} accounts/s) |
| Asterisk RSS before → after | ${res.asteriskRssMiB.before} → ${res.asteriskRssMiB.after} MiB |
| one account change (mode switch + new password), verified (p50 / p95 / max of 30) | ${r.changeMs.p50} / ${r.changeMs.p95} / ${r.changeMs.max} ms (goal ≤ 1000 ms) |
| one new account, verified (p50 / max of 10) | ${r.createMs.p50} / ${r.createMs.max} ms |
| calls in progress during the changes (SIPp, 5 calls/s for 12 s) | ${res.callsDuringChanges.successful} successful, ${res.callsDuringChanges.failed} failed |

For comparison (DESIGN.md §4): \`module reload res_pjsip.so\` with 10,004 endpoints in a static
file took 2.5–3.1 s for one changed password.

**Why the order of the bulk push matters** (found with this bench; gdb on the busy Asterisk
thread): Asterisk answers the creation of an aor by scanning every endpoint (res_pjsip's qualify
bookkeeping, each endpoint linked into a sorted container: O(endpoints²) per new aor). Pushed
account by account (2026-11-24 run), 10,000 accounts took 281.6 s and left Asterisk's task queues
busy for minutes, while a change took 930.6 ms (p50) and all 60 calls failed. The api now pushes
all aors, then auths, then endpoints (\`PjsipPushService.applyBulk\`), so the scans find few
endpoints: 19× faster provisioning, changes of existing accounts ~7 ms. A *new* account still
pays one scan when it is created among 10,000 (≈1 s, off the call path: no call failed).
`;
  writeFileSync(doc, `${head}${section}`);
  log('report: docs/BENCHMARKS.md');
}
