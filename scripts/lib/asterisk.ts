import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureBinaries } from './apt.ts';
import { exec, run, which } from './exec.ts';
import { log, SetupError } from './log.ts';
import { assertDiskSpace, GiveUp, waitFor } from './net.ts';
import type { ProcessGroup, ManagedProcess } from './proc.ts';
import { ROOT, RUNTIME, type Profile } from './profile.ts';
import { renderTemplates, type TemplateValues } from '../../libs/asterisk-config/src/template.ts';

/** Where Asterisk comes from: the machine's own (>= 20) or a Debian sid root file system. */
export interface AsteriskRuntime {
  kind: 'native' | 'rootfs';
  /** Root file system directory ('' for native). */
  root: string;
  version: string;
}

const CACHE_DIR = path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'webcall');
// Bump ROOTFS_VERSION when PACKAGES change: an older root file system or cache is not reused.
const ROOTFS_VERSION = 'v2';
const ROOTFS_CACHE = path.join(CACHE_DIR, `asterisk-rootfs-sid-${ROOTFS_VERSION}.tar`);
// One directory per version: a rebuild never pulls the files from under a running Asterisk.
const ROOTFS_DIR = path.join(RUNTIME, `asterisk-rootfs-${ROOTFS_VERSION}`);
const PACKAGES = 'asterisk,asterisk-modules,asterisk-core-sounds-en-gsm,asterisk-moh-opsound-gsm';

function majorOf(version: string): number {
  return Number(/Asterisk\s+(\d+)/.exec(version)?.[1] ?? 0);
}

/** The Debian mirror of this machine's own apt sources (never a hard-coded host). */
export function debianMirror(): string {
  if (process.env.WEBCALL_DEBIAN_MIRROR) return process.env.WEBCALL_DEBIAN_MIRROR;
  const candidates: string[] = [];
  const dir = '/etc/apt/sources.list.d';
  if (existsSync(dir)) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.sources'))) {
      for (const m of readFileSync(path.join(dir, file), 'utf8').matchAll(/^URIs:\s*(.+)$/gm)) {
        candidates.push(...m[1].trim().split(/\s+/));
      }
    }
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.list'))) {
      for (const m of readFileSync(path.join(dir, file), 'utf8').matchAll(
        /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)/gm,
      )) {
        candidates.push(m[1]);
      }
    }
  }
  if (existsSync('/etc/apt/sources.list')) {
    for (const m of readFileSync('/etc/apt/sources.list', 'utf8').matchAll(
      /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)/gm,
    )) {
      candidates.push(m[1]);
    }
  }
  const mirror = candidates.find((uri) => /debian\/?$/.test(uri) && !/security/.test(uri));
  if (!mirror) {
    throw new SetupError(
      'No Asterisk >= 20 on this machine and no Debian mirror in the apt sources to build one from. ' +
        'Install Asterisk 20+ (e.g. apt-get install asterisk), set WEBCALL_DEBIAN_MIRROR, or give an external ' +
        'Asterisk with ARI_URL/ARI_USERNAME/ARI_PASSWORD and AMI_HOST/AMI_PORT/AMI_USERNAME/AMI_SECRET.',
    );
  }
  return mirror;
}

export async function provideAsterisk(): Promise<AsteriskRuntime> {
  const native = await which('asterisk');
  if (native) {
    const version = (await exec(native, ['-V'])).stdout.trim();
    if (majorOf(version) >= 20) return { kind: 'native', root: '', version };
    log(
      'asterisk',
      `${version} on this machine is older than 20: using a Debian sid root file system instead`,
    );
  }
  if (!existsSync(path.join(ROOTFS_DIR, 'usr/sbin/asterisk'))) {
    mkdirSync(RUNTIME, { recursive: true });
    const tmp = `${ROOTFS_DIR}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    if (existsSync(ROOTFS_CACHE)) {
      log('asterisk', `unpacking the cached Asterisk root file system (${ROOTFS_CACHE})`);
      mkdirSync(tmp, { recursive: true });
      await run('tar', ['-xpf', ROOTFS_CACHE, '-C', tmp]);
    } else {
      assertDiskSpace(RUNTIME, 2 * 2 ** 30, 'the Asterisk root file system');
      await ensureBinaries(
        [{ bin: 'mmdebstrap', pkg: 'mmdebstrap' }],
        'Building Asterisk (no asterisk >= 20 here)',
      );
      const mirror = debianMirror();
      log('asterisk', `building a Debian sid root file system with Asterisk from ${mirror} (~1-2 min, once)`);
      await run('mmdebstrap', [
        '--variant=apt',
        '--aptopt=Acquire::Check-Valid-Until "false"',
        `--include=${PACKAGES}`,
        'sid',
        tmp,
        mirror,
      ]);
      mkdirSync(CACHE_DIR, { recursive: true });
      await run('tar', ['-cpf', `${ROOTFS_CACHE}.tmp`, '-C', tmp, '.']);
      renameSync(`${ROOTFS_CACHE}.tmp`, ROOTFS_CACHE);
      log('asterisk', `cached as ${ROOTFS_CACHE}`);
    }
    renameSync(tmp, ROOTFS_DIR);
  }
  // Asterisk resolves this machine's host name; without an /etc/hosts in the root file
  // system each lookup goes to DNS, which may not answer here (calls then stall for seconds).
  writeFileSync(
    path.join(ROOTFS_DIR, 'etc/hosts'),
    `127.0.0.1 localhost\n127.0.1.1 ${os.hostname()}\n::1 localhost\n`,
  );
  const version = (await run('chroot', [ROOTFS_DIR, 'asterisk', '-V'])).trim();
  return { kind: 'rootfs', root: ROOTFS_DIR, version };
}

/** Paths of one profile's Asterisk instance, as seen by Asterisk and from the host. */
export interface AsteriskLayout {
  inside: { base: string; etc: string; run: string; log: string; spool: string; db: string; conf: string };
  host: (insidePath: string) => string;
}

export function asteriskLayout(runtime: AsteriskRuntime, profile: Profile): AsteriskLayout {
  // Named after the state directory, not the profile: two runs never share a control socket.
  const base =
    runtime.kind === 'rootfs' ? `/webcall/${path.basename(profile.dir)}` : path.join(profile.dir, 'asterisk');
  return {
    inside: {
      base,
      etc: `${base}/etc`,
      run: `${base}/run`,
      log: `${base}/log`,
      spool: `${base}/spool`,
      db: `${base}/db`,
      conf: `${base}/etc/asterisk.conf`,
    },
    host: (p) => (runtime.kind === 'rootfs' ? path.join(runtime.root, p) : p),
  };
}

/** Reads asterisk-conf/*.conf and renders them; any unknown token fails the start. */
export function renderConfig(values: TemplateValues): Map<string, string> {
  const dir = path.join(ROOT, 'asterisk-conf');
  const templates = new Map(
    readdirSync(dir)
      .filter((f) => f.endsWith('.conf'))
      .map((f) => [f, readFileSync(path.join(dir, f), 'utf8')] as const),
  );
  try {
    return renderTemplates(templates, values);
  } catch (err) {
    throw new SetupError((err as Error).message);
  }
}

export function writeConfig(layout: AsteriskLayout, files: Map<string, string>): void {
  const etc = layout.host(layout.inside.etc);
  for (const sub of ['etc', 'etc/generated', 'run', 'log', 'spool', 'spool/recording', 'db']) {
    mkdirSync(layout.host(`${layout.inside.base}/${sub}`), { recursive: true });
  }
  for (const [name, text] of files) {
    // temp + rename: Asterisk never reads a half-written file.
    writeFileSync(path.join(etc, `.${name}.tmp`), text);
    renameSync(path.join(etc, `.${name}.tmp`), path.join(etc, name));
  }
}

/** The command prefix that runs a CLI command against this instance (`asterisk -rx`). */
export function cliCommand(runtime: AsteriskRuntime, layout: AsteriskLayout): string[] {
  const base = ['asterisk', '-C', layout.inside.conf];
  return runtime.kind === 'rootfs' ? ['chroot', runtime.root, ...base] : base;
}

export async function startAsterisk(
  runtime: AsteriskRuntime,
  layout: AsteriskLayout,
  group: ProcessGroup,
  env: NodeJS.ProcessEnv,
  ari: { url: string; username: string; password: string },
): Promise<ManagedProcess> {
  const asUser = ['-U', 'asterisk', '-G', 'asterisk'];
  if (runtime.kind === 'rootfs') {
    await run('chroot', [runtime.root, 'chown', '-R', 'asterisk:asterisk', layout.inside.base]);
  } else if (process.getuid?.() === 0) {
    const hasUser = (await exec('id', ['asterisk'])).code === 0;
    if (hasUser) await run('chown', ['-R', 'asterisk:asterisk', layout.inside.base]);
    else asUser.length = 0;
  } else {
    asUser.length = 0;
  }
  // -f: foreground (we supervise it); -n: no ANSI colours in our logs.
  const args = ['-C', layout.inside.conf, ...asUser, '-f', '-n'];
  const proc =
    runtime.kind === 'rootfs'
      ? group.spawn('asterisk', 'chroot', [runtime.root, 'asterisk', ...args], { env })
      : group.spawn('asterisk', 'asterisk', args, { env });
  const auth = `Basic ${Buffer.from(`${ari.username}:${ari.password}`).toString('base64')}`;
  try {
    await waitFor(
      async () => {
        if (!proc.running) throw new GiveUp('asterisk exited');
        const res = await fetch(`${ari.url}/ari/asterisk/ping`, { headers: { authorization: auth } });
        return res.ok;
      },
      'Asterisk ARI to answer',
      60_000,
      250,
    );
  } catch (err) {
    const messages = layout.host(`${layout.inside.log}/messages.log`);
    const tail = existsSync(messages)
      ? readFileSync(messages, 'utf8').trim().split('\n').slice(-10).join('\n')
      : '';
    throw new SetupError(`Asterisk did not start (${(err as Error).message}).\n${tail}`);
  }
  return proc;
}
