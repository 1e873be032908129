import { existsSync, unlinkSync, writeFileSync } from 'node:fs';
import { exec, which } from './exec.ts';
import { log, SetupError } from './log.ts';

let updated = false;

/**
 * Installs Debian packages with apt-get, without starting their system services (we run
 * private instances). Fails with a message that says what to do when that is impossible.
 */
export async function aptInstall(packages: string[], why: string): Promise<void> {
  const manual = `apt-get install -y ${packages.join(' ')}`;
  if (!(await which('apt-get'))) {
    throw new SetupError(
      `${why} needs ${packages.join(', ')}, and this machine has no apt-get. Install them yourself, or point WebCall at external servers (see README).`,
    );
  }
  if (process.getuid?.() !== 0) {
    throw new SetupError(
      `${why} needs ${packages.join(', ')}. Run as root so WebCall can install them, or install them yourself: sudo ${manual}`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const policy = '/usr/sbin/policy-rc.d';
  const ownPolicy = !existsSync(policy);
  // policy-rc.d exit 101 = "do not start services" for the duration of the install.
  if (ownPolicy) writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    if (!updated) {
      log('setup', 'apt-get update');
      const up = await exec('apt-get', ['update'], { env });
      if (up.code !== 0) throw new SetupError(`apt-get update failed:\n${up.stderr.trim()}`);
      updated = true;
    }
    log('setup', `apt-get install ${packages.join(' ')} (${why})`);
    const res = await exec('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { env });
    if (res.code !== 0) {
      const tail = (res.stderr || res.stdout).trim().split('\n').slice(-8).join('\n');
      const hint = /No space left/i.test(tail) ? ' The disk is full: free some space and retry.' : '';
      throw new SetupError(`Installing ${packages.join(', ')} failed.${hint}\n${tail}`);
    }
  } finally {
    if (ownPolicy && existsSync(policy)) unlinkSync(policy);
  }
}

/** Makes sure each binary exists, installing the package that provides it when absent. */
export async function ensureBinaries(items: { bin: string; pkg: string }[], why: string): Promise<void> {
  const missing: string[] = [];
  for (const { bin, pkg } of items) if (!(await which(bin))) missing.push(pkg);
  if (missing.length) await aptInstall([...new Set(missing)], why);
}
