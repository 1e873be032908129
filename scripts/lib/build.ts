import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run, runInherit } from './exec.ts';
import { log } from './log.ts';
import { ROOT, RUNTIME } from './profile.ts';

/** Fingerprint of a set of source trees: paths, sizes and mtimes (cheap, no file reads). */
function fingerprint(entries: string[]): string {
  const hash = createHash('sha256');
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      const base = path.basename(p);
      if (base === 'node_modules' || base === 'dist' || base === '.angular') return;
      for (const name of readdirSync(p).sort()) walk(path.join(p, name));
    } else {
      hash.update(`${p}:${st.size}:${st.mtimeMs}\n`);
    }
  };
  for (const entry of entries) walk(path.join(ROOT, entry));
  return hash.digest('hex');
}

async function step(
  stamp: string,
  inputs: string[],
  what: string,
  action: () => Promise<void>,
): Promise<void> {
  const file = path.join(ROOT, stamp);
  const current = fingerprint(inputs);
  if (existsSync(file) && readFileSync(file, 'utf8') === current) return;
  log('build', what);
  const started = Date.now();
  await action();
  writeFileSync(file, current);
  log('build', `${what}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const npm = (args: string[]) =>
  runInherit('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd: ROOT });

/**
 * npm 11.19's `npm ci` rejects valid lock files that hold platform-specific optional
 * packages (it reports e.g. "Missing: @unrs/resolver-binding-… from lock file"); npm 10
 * installs the same lock file exactly. So the clean install uses npm 10 from the registry.
 */
async function cleanInstall(): Promise<void> {
  const prefix = path.join(RUNTIME, 'npm10');
  const cli = path.join(prefix, 'node_modules/npm/bin/npm-cli.js');
  if (!existsSync(cli)) {
    await run('npm', [
      'install',
      '--prefix',
      prefix,
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      'npm@10',
    ]);
  }
  await runInherit('node', [cli, 'ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: ROOT });
}

/** npm ci when the lock file changed, then the server and console builds when sources changed. */
export async function installAndBuild(): Promise<void> {
  await step('node_modules/.webcall-installed', ['package-lock.json'], 'npm ci', cleanInstall);
  // For developers running `servers` while sources are mid-edit: use dist/ as it is.
  if (process.env.WEBCALL_SKIP_BUILD === '1') return log('build', 'skipped (WEBCALL_SKIP_BUILD=1)');
  await step(
    'dist/.webcall-built',
    ['apps', 'libs', 'tsconfig.base.json', 'tsconfig.build.json', 'package-lock.json'],
    'building api and callflow (tsc)',
    () => runInherit('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT }),
  );
  await step(
    'angular-ui/dist/.webcall-built',
    [
      'angular-ui/src',
      'angular-ui/angular.json',
      'angular-ui/tsconfig.json',
      'angular-ui/tsconfig.app.json',
      'libs/contracts',
      'package-lock.json',
    ],
    'building the console (Angular)',
    () => npm(['run', 'build', '--workspace', 'angular-ui']),
  );
}
