// The benchmark's stdout table, ratios and docs/BENCHMARKS.md.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRun, Percentiles, Ratio, StepResult } from './types.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const fmt = (n: number | null | undefined, digits = 1): string =>
  n === null || n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(digits);
const ratio = (a: number | null, b: number | null): number | null =>
  a === null || b === null || b === 0 ? null : Math.round((a / b) * 100) / 100;
const sum = (...xs: (number | null)[]): number | null =>
  xs.some((x) => x === null) ? null : Math.round(xs.reduce<number>((s, x) => s + (x ?? 0), 0) * 100) / 100;
const diff = (a: number | null, b: number | null): number | null =>
  a === null || b === null ? null : Math.round((a - b) * 100) / 100;
const signed = (n: number | null) => `${n !== null && n >= 0 ? '+' : ''}${fmt(n, 2)} ms`;
const pct = (p: Percentiles | null, keys: ('p50' | 'p95' | 'p99')[], digits = 1) =>
  p && p.count ? keys.map((k) => fmt(p[k], digits)).join(' / ') : '–';
const label = (s: StepResult) => (s.flow === 'ari' ? `ARI (${s.extension})` : `dialplan (${s.extension})`);

export function computeRatios(steps: StepResult[]): Ratio[] {
  const rates = [...new Set(steps.map((s) => s.targetRate))];
  const out: Ratio[] = [];
  for (const rate of rates) {
    const plain = steps.find((s) => s.targetRate === rate && s.flow === 'plain');
    const ari = steps.find((s) => s.targetRate === rate && s.flow === 'ari');
    if (!plain || !ari) continue;
    const astP = plain.cpu.asterisk.msPerCall;
    const astA = ari.cpu.asterisk.msPerCall;
    const cfA = ari.cpu.callflow.msPerCall;
    const dbA = ari.cpu.mariadb.msPerCall;
    const dbP = plain.cpu.mariadb.msPerCall;
    const ariTotalDb = sum(astA, cfA, dbA);
    const plainTotalDb = sum(astP, dbP);
    out.push({
      rate,
      asteriskCpu: ratio(astA, astP),
      totalCpu: ratio(sum(astA, cfA), astP),
      totalCpuWithDb: ratio(ariTotalDb, plainTotalDb),
      extraCpuMsPerCall:
        ariTotalDb === null || plainTotalDb === null
          ? null
          : Math.round((ariTotalDb - plainTotalDb) * 100) / 100,
      setupP50: ratio(ari.setupMs.p50, plain.setupMs.p50),
      setupP50DiffMs: diff(ari.setupMs.p50, plain.setupMs.p50),
      setupMean: ratio(ari.setupMs.mean ?? null, plain.setupMs.mean ?? null),
      setupMeanDiffMs: diff(ari.setupMs.mean ?? null, plain.setupMs.mean ?? null),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// stdout

function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i])));
  return [
    line(header).join('  '),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map((r) => line(r).join('  ')),
  ].join('\n');
}

export function formatTable(run: BenchRun): string {
  const rows = run.steps.map((s) => [
    label(s),
    `${s.targetRate}/s`,
    `${s.successful}/${s.attempted}`,
    String(s.failed),
    fmt(s.achievedRate),
    String(s.peakConcurrent),
    `${pct(s.setupMs, ['p50', 'p95'], 0)} / ${fmt(s.setupMs.mean, 2)}`,
    pct(s.answerLatencyMs, ['p50', 'p95', 'p99']),
    fmt(s.cpu.asterisk.msPerCall, 2),
    fmt(s.cpu.asterisk.corePercent, 0),
    s.flow === 'ari' ? fmt(s.cpu.callflow.msPerCall, 2) : '–',
    s.flow === 'ari' ? fmt(s.cpu.callflow.corePercent, 0) : '–',
    fmt(s.cpu.mariadb.msPerCall, 2),
    s.rows ? `${s.rows.inserted}` : '–',
    s.flow === 'ari' && s.peakAriConnections !== null ? String(s.peakAriConnections) : '–',
    fmt(s.machine.busyCores, 2),
    s.sustained ? 'yes' : 'NO',
  ]);
  const table = textTable(
    [
      'flow',
      'rate',
      'ok/attempted',
      'failed',
      'calls/s',
      'peak',
      'setup p50/p95/mean ms',
      'answer p50/p95/p99 ms',
      'Ast ms/call',
      'Ast %',
      'cf ms/call',
      'cf %',
      'DB ms/call',
      'rows',
      'ARI conns',
      'busy cores',
      'sustained',
    ],
    rows,
  );
  const ratios = textTable(
    [
      'rate',
      'Ast CPU ARI/plain',
      '(Ast+cf)/Ast plain',
      'incl. DB',
      'extra ms/call',
      'setup p50 ARI-plain',
      'setup mean ARI/plain',
    ],
    run.ratios.map((r) => [
      `${r.rate}/s`,
      `${fmt(r.asteriskCpu, 2)}×`,
      `${fmt(r.totalCpu, 2)}×`,
      `${fmt(r.totalCpuWithDb, 2)}×`,
      fmt(r.extraCpuMsPerCall, 2),
      signed(r.setupP50DiffMs),
      `${fmt(r.setupMean, 2)}× (${signed(r.setupMeanDiffMs)})`,
    ]),
  );
  const notes = run.steps
    .filter((s) => s.notes.length)
    .map((s) => `  ${label(s)} at ${s.targetRate}/s: ${s.notes.join('; ')}`);
  return [
    table,
    '',
    ratios,
    ...(notes.length ? ['', 'Notes:', ...notes] : []),
    '',
    'Ast = Asterisk, cf = callflow, DB = MariaDB; CPU % is of one core while SIPp ran.',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// docs/BENCHMARKS.md

function mdTable(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, i) => (i < 1 ? '---' : '--:')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

/** DESIGN.md §4, "Cost of ARI, measured here": the raw probe's StasisStart→answer figures. */
const PROBE_LATENCY: Record<number, string> = {
  20: '2.1 / 3.9 / 8.3',
  100: '1.6 / 9.6 / 26',
  200: '60 / 182 / 240 (CPU saturated)',
};

function range(values: (number | null)[], digits: number, suffix = ''): string {
  const v = values.filter((x): x is number => x !== null);
  if (!v.length) return '–';
  const lo = Math.min(...v);
  const hi = Math.max(...v);
  return lo === hi ? `${fmt(lo, digits)}${suffix}` : `${fmt(lo, digits)}–${fmt(hi, digits)}${suffix}`;
}

export async function renderMarkdown(run: BenchRun, resultsFile: string): Promise<string> {
  const m = run.machine;
  const ari = run.steps.filter((s) => s.flow === 'ari');
  const plain = run.steps.filter((s) => s.flow === 'plain');
  const maxSustained = (steps: StepResult[]) => {
    const ok = steps.filter((s) => s.sustained).map((s) => s.targetRate);
    return ok.length ? `${Math.max(...ok)} calls/s` : 'none of the rates';
  };
  const failedRates = (steps: StepResult[]) =>
    steps.filter((s) => !s.sustained).map((s) => `${s.targetRate}/s`);

  const results = mdTable(
    [
      'Flow',
      'Target rate',
      'OK / attempted',
      'Failed',
      'Achieved calls/s',
      'Peak concurrent',
      'Setup p50 / p95 / mean (ms)',
      'StasisStart→answer p50 / p95 / p99 (ms)',
      '`calls` rows',
      'ARI connections (peak)',
      'Sustained',
    ],
    run.steps.map((s) => [
      label(s),
      `${s.targetRate}/s`,
      `${s.successful} / ${s.attempted}`,
      String(s.failed),
      fmt(s.achievedRate),
      String(s.peakConcurrent),
      `${pct(s.setupMs, ['p50', 'p95'], 0)} / ${fmt(s.setupMs.mean, 2)}`,
      pct(s.answerLatencyMs, ['p50', 'p95', 'p99']),
      s.rows ? `${s.rows.inserted} (${s.rows.answered} answered)` : '–',
      s.flow === 'ari' && s.peakAriConnections !== null ? String(s.peakAriConnections) : '–',
      s.sustained ? 'yes' : '**no**',
    ]),
  );

  const cpu = mdTable(
    [
      'Flow',
      'Target rate',
      'Asterisk CPU ms/call',
      'Asterisk % core',
      'callflow CPU ms/call',
      'callflow % core',
      'MariaDB CPU ms/call',
      'SIPp % core',
      `Machine busy (cores of ${m.cpus})`,
      'of it irq + softirq (cores)',
      'Other processes (cores)',
    ],
    run.steps.map((s) => [
      label(s),
      `${s.targetRate}/s`,
      fmt(s.cpu.asterisk.msPerCall, 2),
      fmt(s.cpu.asterisk.corePercent, 0),
      s.flow === 'ari' ? fmt(s.cpu.callflow.msPerCall, 2) : '–',
      s.flow === 'ari' ? fmt(s.cpu.callflow.corePercent, 0) : '–',
      fmt(s.cpu.mariadb.msPerCall, 2),
      fmt(s.cpu.sipp.corePercent, 0),
      fmt(s.machine.busyCores, 2),
      fmt(s.machine.irqCores, 2),
      fmt(s.machine.otherCores, 2),
    ]),
  );
  const ratios = mdTable(
    [
      'Rate',
      'Asterisk CPU/call, ARI ÷ dialplan',
      '(Asterisk + callflow) ÷ Asterisk dialplan',
      '(Asterisk + callflow + MariaDB) ÷ (Asterisk + MariaDB) dialplan',
      'Extra CPU ms per ARI call',
      'Setup p50, ARI − dialplan',
      'Setup mean, ARI ÷ dialplan',
    ],
    run.ratios.map((r) => [
      `${r.rate}/s`,
      `${fmt(r.asteriskCpu, 2)}×`,
      `${fmt(r.totalCpu, 2)}×`,
      `${fmt(r.totalCpuWithDb, 2)}×`,
      fmt(r.extraCpuMsPerCall, 2),
      signed(r.setupP50DiffMs),
      `${fmt(r.setupMean, 2)}× (${signed(r.setupMeanDiffMs)})`,
    ]),
  );

  const latencyRates = [
    ...new Set([...Object.keys(PROBE_LATENCY).map(Number), ...ari.map((s) => s.targetRate)]),
  ].sort((a, b) => a - b);
  const comparison = mdTable(
    ['Figure', 'Probe (DESIGN.md §4)', 'This run'],
    [
      [
        'Highest rate sustained (0 failed calls)',
        '200 calls/s, dialplan and ARI',
        `dialplan ${maxSustained(plain)}, ARI ${maxSustained(ari)} (highest rate tried: ${Math.max(...run.options.rates)} calls/s)`,
      ],
      [
        'Asterisk CPU per call, ARI ÷ dialplan',
        '1.2×',
        range(
          run.ratios.map((r) => r.asteriskCpu),
          2,
          '×',
        ),
      ],
      [
        'Node CPU per ARI call',
        '~2.5 ms (raw probe, no database)',
        `${range(
          ari.map((s) => s.cpu.callflow.msPerCall),
          2,
          ' ms',
        )} (callflow) + ${range(
          ari.map((s) => s.cpu.mariadb.msPerCall),
          2,
          ' ms',
        )} MariaDB`,
      ],
      ...latencyRates.map((rate) => {
        const s = ari.find((x) => x.targetRate === rate);
        return [
          `StasisStart→answer p50 / p95 / p99 at ${rate}/s (ms)`,
          PROBE_LATENCY[rate] ?? '–',
          s ? pct(s.answerLatencyMs, ['p50', 'p95', 'p99']) : 'not run',
        ];
      }),
    ],
  );

  const anomalies = run.steps
    .filter((s) => s.notes.length)
    .map((s) => `- ${label(s)} at ${s.targetRate}/s: ${s.notes.join('; ')}.`);
  const notSustained = [
    ...failedRates(plain).map((r) => `dialplan ${r}`),
    ...failedRates(ari).map((r) => `ARI ${r}`),
  ];
  const explanations: string[] = [];
  const limitSteps = run.steps.filter((s) => s.asteriskLog?.httpSessionLimit);
  if (limitSteps.length) {
    const peak = Math.max(...ari.map((s) => s.peakAriConnections ?? 0));
    explanations.push(
      `**ARI HTTP connections hit Asterisk's session limit** (${limitSteps
        .map((s) => `${s.targetRate}/s: ${s.asteriskLog?.httpSessionLimit} refused`)
        .join(', ')}; up to ${peak} connections open from callflow). Each REST request in flight may ` +
        'hold its own keep-alive connection (fetch opens a new one when all open ones are busy). Once ' +
        'answers slow down (the cores are shared by Asterisk, callflow, MariaDB and SIPp), connections ' +
        "pile up past Asterisk's HTTP `sessionlimit` (http.conf, 100 by default); Asterisk then closes new " +
        'ones, the request fails with "other side closed", the flow fails and callflow hangs the call up. ' +
        "Remedies: bound the ARI client's requests in flight (`maxConcurrentRequests`) and raise " +
        '`sessionlimit`.',
    );
  }
  const saturated = run.steps.filter((s) => (s.machine.busyCores ?? 0) >= 0.85 * m.cpus);
  if (saturated.length) {
    explanations.push(
      `**Near CPU saturation**: ${saturated
        .map(
          (s) =>
            `${label(s)} at ${s.targetRate}/s kept ${fmt(s.machine.busyCores, 2)} of ${m.cpus} cores busy`,
        )
        .join('; ')} (Asterisk, callflow, MariaDB and SIPp share the cores). Latencies there are queueing ` +
        'behind CPU, not the cost of one request; a rate beyond it is past what this machine sustains.',
    );
  }
  const busy = run.steps.filter((s) => (s.machine.otherCores ?? 0) > 0.25);
  if (busy.length) {
    explanations.push(
      `**Other load on the machine**: processes outside the benchmark (e.g. another stack's test suite) used up to ${fmt(
        Math.max(...busy.map((s) => s.machine.otherCores ?? 0)),
        2,
      )} of the ${m.cpus} cores during ${busy.length} of ${run.steps.length} steps; the CPU-per-call figures ` +
        'are per process and hold, but latencies and the highest sustained rate are lower than on an idle machine.',
    );
  }

  const lookups = run.hostLookupsPerCall;
  const lookupSection = !lookups
    ? ''
    : `### Host-name lookups (anomaly)

Probe calls before the steps: Asterisk logged ${lookups} "Unable to lookup" warning(s) per call
('<host name>' and 'A.ROOT-SERVERS.NET'). With RTP bound to a wildcard address, Asterisk's
\`ast_find_ourip()\` resolves the machine's host name for every RTP instance; when that name is
not in Asterisk's \`/etc/hosts\`, each call asks DNS, and under load a resolver that stops
answering for 5 s at a time stalls calls for seconds (dialplan and ARI alike). Remedies: RTP on a
concrete address (\`media_address\` + \`bind_rtp_to_media_address\` on the endpoint) and the host
name in Asterisk's \`/etc/hosts\`.
`;

  const date = run.startedAt.slice(0, 16).replace('T', ' ');
  const answerAt = ari
    .filter((s) => s.answerLatencyMs?.count)
    .map((s) => `${fmt(s.answerLatencyMs?.p50)} ms at ${s.targetRate}/s`)
    .join(', ');
  const summary = [
    `Sustained (every call completed, 0 failed): dialplan up to ${maxSustained(plain)}, ARI up to ${maxSustained(ari)}` +
      ` (rates tried: ${run.options.rates.join(', ')} calls/s).`,
    run.ratios.length
      ? `Asterisk CPU per call with the ARI flow: ${range(
          run.ratios.map((r) => r.asteriskCpu),
          2,
          '×',
        )} the dialplan's; callflow adds ${range(
          ari.map((s) => s.cpu.callflow.msPerCall),
          2,
          ' ms',
        )} of CPU per call and MariaDB ${range(
          ari.map((s) => s.cpu.mariadb.msPerCall),
          2,
          ' ms',
        )}; all together ${range(
          run.ratios.map((r) => r.totalCpuWithDb),
          2,
          '×',
        )} the dialplan's CPU per call.`
      : '',
    answerAt ? `StasisStart→answer p50: ${answerAt}.` : '',
  ].filter(Boolean);
  const doc = `# Benchmarks

Generated by \`npm run bench\` on ${date} UTC; every run rewrites this file (raw figures of
this run: \`${resultsFile}\`, git-ignored). The benchmark reports, it does not pass or fail.

## ARI flow vs plain dialplan

${summary.map((l) => `- ${l}`).join('\n')}

Reproduce: \`npm run bench -- --rates ${run.options.rates.join(',')} --seconds ${run.options.seconds}\`${''} (defaults: 20,50,100 and 20 s; \`--flows\`, \`--warmup\`, \`--no-docs\` and \`--render <results.json>\` are described in \`bench/run.ts\`).

### Machine

- ${m.cpus} CPU(s): ${m.cpuModel}; ${m.memoryGiB} GiB memory; ${m.kernel}
- Node ${m.node}; ${m.asterisk}; MariaDB ${m.mariadb}; ${m.sipp}
- Idle cost before the steps (${run.idle.seconds} s): Asterisk ${fmt(run.idle.asteriskMsPerS, 2)} ms CPU/s,
  callflow ${fmt(run.idle.callflowMsPerS, 2)} ms CPU/s.

### Method

- The bench profile's own servers (\`scripts/stack.ts bench\`): private MariaDB, Asterisk
  (SIP 25060/udp, ARI 28088), and callflow started by \`bench/run.ts\` (\`LOG_LEVEL=warn\`).
- SIPp (\`test/sipp/uac-wait-bye.xml\`) on the same machine calls from the simulated
  carrier 127.0.0.2: INVITE, 200, ACK, then waits for Asterisk's BYE (the prompt
  \`hello-world\`, ~1.4 s). Extension \`1900\` is the ARI flow (Stasis → callflow answers,
  plays the prompt, hangs up, records the call in \`calls\` off the critical path);
  \`1901\` is the same in plain dialplan (Answer, Playback, Hangup).
- First 4 probe calls (SIPp must run; Asterisk's log must not show per-call "Unable to lookup"
  of its own host name: ${run.hostLookupsPerCall === null ? 'log not readable' : `${run.hostLookupsPerCall} per call`}).
- For each rate (${run.options.rates.join(', ')} calls/s), ${run.options.seconds} s of calls for
  each flow (${run.options.flows.join(' then ')}), after ${run.options.warmupCalls} unreported
  warm-up calls per flow. "Sustained" = every call completed, 0 failed, achieved rate ≥ 95 %
  of the target and, for ARI, one \`calls\` row per call.
- Setup time = INVITE → 200 OK per call (SIPp \`-trace_rtt\`; SIPp's clock advances in
  ~4-ms steps on this machine, so p50/p95 are multiples of 4 and the mean is the finer
  figure; a ratio of two near-zero p50s means little). StasisStart→answer from
  callflow's \`/status\` (window reset before each ARI step). Peak concurrent = highest
  SIPp \`CurrentCall\` (1-s samples).
- CPU = utime + stime from \`/proc/<pid>/stat\` of the Asterisk server process, of callflow
  and of the private MariaDB, from SIPp's start until the step drained (calls ended, rows
  written), divided by the successful calls; % core = CPU while SIPp ran ÷ that time.
  SIPp itself shares the same cores.

${lookupSection}
### Results

Calls and latency:

${results}

CPU (callflow figures for dialplan steps are its idle cost, left out):

${cpu}

### Ratios (ARI ÷ plain dialplan, same rate)

${ratios}

### Compared with the earlier probe (DESIGN.md §4)

The probe was a raw Node app doing answer + play over fetch/ws, with 2-s calls and no
database. callflow is the product: ARI client with per-channel scopes, call state and three
writes per call (insert, answered, ended) to MariaDB, written off the call's critical path (never awaited before answering).

${comparison}

${
  anomalies.length || explanations.length
    ? `### Anomalies\n\n${notSustained.length ? `Not sustained: ${notSustained.join(', ')}.\n\n` : ''}${explanations
        .map((e) => `${e}\n\n`)
        .join('')}${anomalies.length ? `Per step:\n\n${anomalies.join('\n')}\n` : ''}`
    : '### Anomalies\n\nNone: every step completed every call with 0 failures.\n'
}`;
  try {
    const prettier = await import('prettier');
    const target = path.join(ROOT, 'docs/BENCHMARKS.md');
    const config = (await prettier.resolveConfig(target)) ?? {};
    return await prettier.format(doc, { ...config, parser: 'markdown', filepath: target });
  } catch {
    return doc;
  }
}
