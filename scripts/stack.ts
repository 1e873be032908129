// The stack behind `npm start`, `npm test` and `npm run bench` (run by scripts/run.sh on Node >= 22.22).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureBinaries } from './lib/apt.ts';
import {
  asteriskLayout,
  cliCommand,
  provideAsterisk,
  renderConfig,
  startAsterisk,
  writeConfig,
} from './lib/asterisk.ts';
import { installAndBuild } from './lib/build.ts';
import { killForeground, run, runInherit } from './lib/exec.ts';
import { log, SetupError } from './lib/log.ts';
import { startMariadb } from './lib/mariadb.ts';
import { assertPortsFree, GiveUp, waitFor } from './lib/net.ts';
import { killLeftovers, ProcessGroup } from './lib/proc.ts';
import { loadProfile, ROOT, type Profile, type ProfileName } from './lib/profile.ts';
import { loadSecrets } from './lib/secrets.ts';
import { ensureSipCertificate, sipTlsTransport } from './lib/sip-tls.ts';
import type { StackInfo } from './stack-info.ts';

const command = process.argv[2] ?? 'start';
// `servers` starts only the test profile's servers and waits: for running single suites while developing
// (WEBCALL_STACK_FILE=.runtime/test/stack.json node --experimental-vm-modules node_modules/jest/bin/jest.js …).
const profileName: ProfileName = command === 'start' ? 'dev' : command === 'bench' ? 'bench' : 'test';

async function main(): Promise<number> {
  if (!['start', 'test', 'bench', 'servers'].includes(command))
    throw new SetupError(`unknown command ${command}: use start, test or bench`);
  const profile = loadProfile(profileName);
  const group = new ProcessGroup(path.join(profile.dir, 'pids.json'));

  // One shutdown, whoever asks first (Ctrl-C, a dying server, the end of the tests); later
  // callers wait for that same shutdown, so the process never exits half-way through it.
  let stopping: Promise<never> | undefined;
  const shutdown = (code: number): Promise<never> => {
    stopping ??= (async () => {
      log('stack', 'stopping…');
      killForeground();
      await group.stopAll();
      log('stack', 'stopped');
      if (command === 'test') printTotals();
      process.exit(code);
    })();
    return stopping;
  };
  process.on('SIGINT', () => void shutdown(130));
  process.on('SIGTERM', () => void shutdown(143));

  try {
    const leftovers = killLeftovers(path.join(profile.dir, 'pids.json'), profile.dir);
    if (leftovers) log('stack', `stopped ${leftovers} process(es) left by an earlier run`);
    await installAndBuild();
    if (command === 'test') {
      await ensureBinaries(
        [
          { bin: 'chromium', pkg: 'chromium' },
          { bin: 'sipp', pkg: 'sip-tester' },
          { bin: 'baresip', pkg: 'baresip' },
        ],
        'The test suite',
      );
      await runQualityChecks();
    }
    if (command === 'bench') await ensureBinaries([{ bin: 'sipp', pkg: 'sip-tester' }], 'The benchmark');

    const info = await startServers(profile, group);
    writeFileSync(path.join(profile.dir, 'stack.json'), JSON.stringify(info, null, 2), { mode: 0o600 });

    if (command === 'start') return await shutdown(await serve(profile, group, info));
    if (command === 'servers') {
      log('stack', `servers up; stack file ${path.join(profile.dir, 'stack.json')}; Ctrl-C stops them`);
      await Promise.race(group.processes.map((p) => p.exited));
      await shutdown(1);
      return 1;
    }
    const env = { ...process.env, ...info.env, WEBCALL_STACK_FILE: path.join(profile.dir, 'stack.json') };
    if (command === 'test') {
      await runJest(['integration', 'e2e'], 'servers', env, ['--runInBand']);
      log('stack', 'all checks passed');
    } else {
      await runInherit('node', ['bench/run.ts', ...process.argv.slice(3)], { cwd: ROOT, env });
    }
    await shutdown(0);
    return 0;
  } catch (err) {
    if (err instanceof SetupError) log('stack', `\n${err.message}`);
    else log('stack', `failed: ${err instanceof Error ? err.message : String(err)}`);
    await shutdown(1);
    return 1;
  }
}

async function runQualityChecks(): Promise<void> {
  log('test', 'lint (eslint + prettier)');
  await runInherit('npx', ['eslint', '.'], { cwd: ROOT });
  await runInherit('npx', ['prettier', '--check', '--log-level', 'warn', '.'], { cwd: ROOT });
  log('test', 'type-check');
  await runInherit('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT });
  await runInherit('npx', ['tsc', '-p', 'scripts/tsconfig.json'], { cwd: ROOT });
  log('test', 'unit tests');
  await runJest(['unit'], 'unit', process.env);
}

const jestTotals = { passed: 0, failed: 0 };

/** Runs Jest projects and adds their counts to the closing `N passed, N failed` line. */
async function runJest(
  projects: string[],
  name: string,
  env: NodeJS.ProcessEnv,
  extra: string[] = [],
): Promise<void> {
  const report = path.join(ROOT, 'test-results', `jest-${name}.json`);
  mkdirSync(path.dirname(report), { recursive: true });
  rmSync(report, { force: true });
  // --forceExit: a handle leaked by a failing test must not hang the run (and CI) forever.
  const jest = [
    '--experimental-vm-modules',
    'node_modules/jest/bin/jest.js',
    '--forceExit',
    '--selectProjects',
    ...projects,
  ];
  try {
    await runInherit('node', [...jest, '--json', `--outputFile=${report}`, ...extra], { cwd: ROOT, env });
  } finally {
    if (existsSync(report)) {
      const result = JSON.parse(readFileSync(report, 'utf8')) as {
        numPassedTests: number;
        numFailedTests: number;
        numRuntimeErrorTestSuites: number;
      };
      jestTotals.passed += result.numPassedTests;
      jestTotals.failed += result.numFailedTests + result.numRuntimeErrorTestSuites;
    }
  }
}

function printTotals(): void {
  if (jestTotals.passed + jestTotals.failed > 0)
    console.log(`\n${jestTotals.passed} passed, ${jestTotals.failed} failed`);
}

async function startServers(profile: Profile, group: ProcessGroup): Promise<StackInfo> {
  const secrets = loadSecrets(profile.dir);
  const ports = profile.ports;
  const externalDb = process.env.DATABASE_URL;
  const externalAsterisk = process.env.ARI_URL;
  const sipPublicHost = process.env.SIP_PUBLIC_HOST ?? '127.0.0.1';
  const marker = { WEBCALL_STACK: profile.dir };
  await assertPortsFree([
    ...(externalDb ? [] : [{ port: ports.db, what: 'MariaDB', env: 'WEBCALL_DB_PORT' }]),
    ...(externalAsterisk
      ? []
      : [
          { port: ports.ari, what: 'Asterisk HTTP/ARI', env: 'WEBCALL_ARI_PORT' },
          { port: ports.ami, what: 'Asterisk AMI', env: 'WEBCALL_AMI_PORT' },
          { port: ports.sip, what: 'SIP', env: 'WEBCALL_SIP_PORT' },
          { port: ports.sipTls, what: 'SIP over TLS', env: 'WEBCALL_SIP_TLS_PORT' },
        ]),
    ...(process.env.SMTP_URL
      ? []
      : [
          { port: ports.smtp, what: 'SMTP sink', env: 'MAIL_SINK_SMTP_PORT' },
          { port: ports.mailSink, what: 'mail sink web page', env: 'MAIL_SINK_HTTP_PORT' },
        ]),
    ...(command === 'start'
      ? [
          { port: ports.http, what: 'console + API', env: 'HTTP_PORT' },
          { port: ports.callflowStatus, what: 'callflow status', env: 'CALLFLOW_STATUS_PORT' },
        ]
      : []),
  ]);
  const childEnv = { ...process.env, ...marker };

  const databaseUrl = externalDb ?? (await startMariadb(profile, group, secrets.dbPassword, childEnv)).url;
  const node = (script: string, extra: Record<string, string>) =>
    run('node', [script, ...(extra.ARGS ? [extra.ARGS] : [])], {
      cwd: ROOT,
      env: { ...childEnv, DATABASE_URL: databaseUrl, ...extra },
    });
  const migrated = JSON.parse(await node('dist/apps/api/src/cli.js', { ARGS: 'migrate' })) as {
    applied: string[];
  };
  if (migrated.applied.length) log('stack', `migrations applied: ${migrated.applied.join(', ')}`);
  const seeded = JSON.parse(
    await node('dist/apps/api/src/cli.js', {
      ARGS: 'seed',
      SEED_OPERATOR_PASSWORD: secrets.operatorPassword,
      SEED_ADMIN_PASSWORD: secrets.adminPassword,
    }),
  ) as { demoTenantId: number; created: string[] };
  if (seeded.created.length) log('stack', `seeded: ${seeded.created.join(', ')}`);

  let ari = {
    url: process.env.ARI_URL ?? '',
    username: process.env.ARI_USERNAME ?? '',
    password: process.env.ARI_PASSWORD ?? '',
  };
  let ami = {
    host: process.env.AMI_HOST ?? '127.0.0.1',
    port: String(process.env.AMI_PORT ?? ''),
    username: process.env.AMI_USERNAME ?? '',
    secret: process.env.AMI_SECRET ?? '',
  };
  let asteriskCli: string[] | null = null;
  if (!externalAsterisk) {
    const runtime = await provideAsterisk();
    log(
      'asterisk',
      `${runtime.version} (${runtime.kind === 'native' ? 'native' : 'Debian sid root file system'})`,
    );
    const layout = asteriskLayout(runtime, profile);
    const tls = await ensureSipCertificate(
      layout.host(`${layout.inside.base}/keys`),
      `${layout.inside.base}/keys`,
      sipPublicHost,
    );
    const files = renderConfig({
      AST_ETC_DIR: layout.inside.etc,
      AST_RUN_DIR: layout.inside.run,
      AST_LOG_DIR: layout.inside.log,
      AST_SPOOL_DIR: layout.inside.spool,
      AST_DB_DIR: layout.inside.db,
      HTTP_BIND: '127.0.0.1',
      ARI_PORT: ports.ari,
      HTTP_PORT: ports.http,
      ARI_USERNAME: secrets.ariUsername,
      ARI_PASSWORD: secrets.ariPassword,
      AMI_BIND: '127.0.0.1',
      AMI_PERMIT: '127.0.0.1/255.255.255.255',
      AMI_PORT: ports.ami,
      AMI_USERNAME: secrets.amiUsername,
      AMI_SECRET: secrets.amiSecret,
      SIP_BIND: '0.0.0.0',
      SIP_PORT: ports.sip,
      RTP_START: ports.rtpStart,
      RTP_END: ports.rtpEnd,
      DEMO_TENANT_ID: seeded.demoTenantId,
    });
    files.set('pjsip_tls.conf', sipTlsTransport('0.0.0.0', ports.sipTls, tls));
    writeConfig(layout, files);
    ari = {
      url: `http://127.0.0.1:${ports.ari}`,
      username: secrets.ariUsername,
      password: secrets.ariPassword,
    };
    ami = {
      host: '127.0.0.1',
      port: String(ports.ami),
      username: secrets.amiUsername,
      secret: secrets.amiSecret,
    };
    await startAsterisk(runtime, layout, group, childEnv, ari);
    asteriskCli = cliCommand(runtime, layout);
    log(
      'asterisk',
      `ready: ARI ${ari.url}, AMI 127.0.0.1:${ports.ami}, SIP udp/tcp :${ports.sip}, tls :${ports.sipTls}`,
    );
  }

  const mailSinkUrl = process.env.SMTP_URL ? null : await startMailSink(ports, group, childEnv);

  const env: Record<string, string> = {
    SMTP_URL: process.env.SMTP_URL ?? `smtp://127.0.0.1:${ports.smtp}`,
    ...(mailSinkUrl ? { MAIL_SINK_URL: mailSinkUrl } : {}),
    PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${ports.http}`,
    DATABASE_URL: databaseUrl,
    ARI_URL: ari.url,
    ARI_USERNAME: ari.username,
    ARI_PASSWORD: ari.password,
    AMI_HOST: ami.host,
    AMI_PORT: ami.port,
    AMI_USERNAME: ami.username,
    AMI_SECRET: ami.secret,
    HTTP_PORT: String(ports.http),
    CALLFLOW_STATUS_PORT: String(ports.callflowStatus),
    CALLFLOW_EVENTS_URL: `ws://127.0.0.1:${ports.callflowStatus}/events`,
    CALLFLOW_EVENTS_TOKEN: secrets.callflowEventsToken,
    WEBCALL_UI_DIR: path.join(ROOT, 'angular-ui/dist/browser'),
    JWT_SECRET: secrets.jwtSecret,
    SIP_SECRET_KEY: secrets.sipSecretKey,
    WEBCALL_SIP_PORT: String(ports.sip),
    SIP_PUBLIC_PORT: String(ports.sip),
    // What phones are told to register to (PUBLIC_URL's "localhost" does not resolve everywhere).
    SIP_PUBLIC_HOST: sipPublicHost,
    ...(externalAsterisk ? {} : { SIP_TLS_PORT: String(ports.sipTls) }),
    SIP_MEDIA_ADDRESS: '127.0.0.1',
    // Phones and browsers of a one-machine install all come from loopback: never block it
    // (tests give the api their own list to prove blocking on other loopback addresses).
    SIP_GUARD_IGNORE: process.env.SIP_GUARD_IGNORE ?? (profile.name === 'dev' ? '127.0.0.1' : '127.0.0.0/8'),
    SIP_WS_URL: `ws://127.0.0.1:${ports.ari}/ws`,
  };
  return {
    profile: profile.name,
    env,
    ports,
    asteriskCli,
    callflowStatusUrl: `http://127.0.0.1:${ports.callflowStatus}/status`,
    apiUrl: `http://127.0.0.1:${ports.http}`,
    mailSinkUrl,
    demoTenantId: seeded.demoTenantId,
    logins: {
      operator: { email: 'operator@webcall.local', password: secrets.operatorPassword },
      admin: { email: 'admin@demo.webcall.local', password: secrets.adminPassword },
    },
  };
}

/**
 * The local SMTP sink (apps/mail-sink): every mail the product sends lands there, readable
 * in the browser and as JSON, so reset and invitation mails work without a mail server.
 */
async function startMailSink(
  ports: Profile['ports'],
  group: ProcessGroup,
  env: NodeJS.ProcessEnv,
): Promise<string | null> {
  const main = path.join(ROOT, 'dist/apps/mail-sink/src/main.js');
  if (!existsSync(main)) return null;
  const url = `http://127.0.0.1:${ports.mailSink}`;
  const sink = group.spawn('mail', 'node', [main], {
    cwd: ROOT,
    env: { ...env, MAIL_SINK_SMTP_PORT: String(ports.smtp), MAIL_SINK_HTTP_PORT: String(ports.mailSink) },
  });
  await waitFor(
    async () => {
      if (!sink.running) throw new GiveUp('mail sink exited');
      return (await fetch(`${url}/api/messages`)).ok;
    },
    'the mail sink',
    20_000,
  );
  log('mail', `SMTP sink on 127.0.0.1:${ports.smtp}; mails at ${url}`);
  return url;
}

/** `npm start`: api + callflow in the foreground until Ctrl-C or until a process dies. */
async function serve(profile: Profile, group: ProcessGroup, info: StackInfo): Promise<number> {
  const secrets = loadSecrets(profile.dir);
  const env = {
    ...process.env,
    ...info.env,
    WEBCALL_STACK: profile.dir,
    LOG_PRETTY: 'true',
    NODE_ENV: 'production',
  };
  group.spawn('callflow', 'node', ['dist/apps/callflow/src/main.js'], { cwd: ROOT, env });
  const api = group.spawn('api', 'node', ['dist/apps/api/src/main.js'], { cwd: ROOT, env });
  await waitFor(
    async () => {
      if (!api.running) throw new GiveUp('api exited');
      const res = await fetch(`${info.apiUrl}/api/health`);
      return res.status === 200;
    },
    'the api to report every component up',
    60_000,
    300,
  );
  const url = `http://localhost:${info.ports.http}`;
  const banner = [
    '',
    '  WebCall is running.',
    `  Console:      ${url}`,
    `  API docs:     ${url}/api/docs`,
    `  Health:       ${url}/api/health`,
    `  Operator:     operator@webcall.local / ${secrets.operatorPassword}`,
    `  Demo admin:   admin@demo.webcall.local / ${secrets.adminPassword}`,
    ...(info.mailSinkUrl
      ? [`  Mail sink:    http://localhost:${info.ports.mailSink} (every mail the product sends)`]
      : []),
    `  Demo hotline: sip:1900@127.0.0.1:${info.ports.sip} from 127.0.0.2 (simulated carrier)`,
    `  Logins are kept in ${path.relative(ROOT, path.join(profile.dir, 'secrets.json'))}. Ctrl-C stops everything.`,
    '',
  ];
  console.log(banner.join('\n'));
  // Any managed process dying is fatal: stop the rest rather than run half a product.
  const first = await Promise.race(
    group.processes.map((p) => p.exited.then((code) => ({ name: p.name, code }))),
  );
  log('stack', `${first.name} exited (${first.code}): stopping everything`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof SetupError ? err.message : err);
    process.exit(1);
  },
);
