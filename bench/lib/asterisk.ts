// The bench profile's Asterisk as seen from the host: its CLI, its log and its config files.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { StackInfo } from '../../scripts/stack-info.ts';

export interface AsteriskFiles {
  /** Host path of the messages log (notice, warning, error). */
  messagesLog: string;
  /** Host path of the config directory. */
  etcDir: string;
}

/** Finds the log and config directories from asterisk.conf (chroot-aware); null for an external Asterisk. */
export function asteriskFiles(info: StackInfo): AsteriskFiles | null {
  const cli = info.asteriskCli;
  if (!cli) return null;
  const root = cli[0] === 'chroot' ? cli[1] : '/';
  const conf = cli[cli.indexOf('-C') + 1];
  if (!conf) return null;
  const host = (p: string) => path.join(root, p);
  if (!existsSync(host(conf))) return null;
  const dirs: Record<string, string> = {};
  for (const line of readFileSync(host(conf), 'utf8').split('\n')) {
    const m = /^\s*(ast\w+dir)\s*=>?\s*(\S+)/.exec(line);
    if (m) dirs[m[1]] = m[2];
  }
  if (!dirs.astlogdir || !dirs.astetcdir) return null;
  return { messagesLog: host(path.join(dirs.astlogdir, 'messages.log')), etcDir: host(dirs.astetcdir) };
}

/** `asterisk -rx <command>` against the stack's Asterisk. */
export function asteriskRx(info: StackInfo, command: string): Promise<string> {
  const cli = info.asteriskCli;
  if (!cli) return Promise.reject(new Error('external Asterisk: no CLI'));
  return new Promise((resolve, reject) => {
    execFile(cli[0], [...cli.slice(1), '-rx', command], { timeout: 30_000 }, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    );
  });
}

/** Size of a file now, to read what is appended after (0 when absent). */
export function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** Text appended to a file since `offset`. */
export function readSince(file: string, offset: number): string {
  try {
    const buf = readFileSync(file);
    return buf.subarray(Math.min(offset, buf.length)).toString('utf8');
  } catch {
    return '';
  }
}

/**
 * Binds the loopback carrier's RTP to 127.0.0.1 in this profile's rendered pjsip.conf (rewritten
 * by the stack at every start) and reloads res_pjsip. With RTP bound to 0.0.0.0, Asterisk looks
 * up its own host name for every call (ast_find_ourip); when that name does not resolve from
 * files, every call waits on DNS.
 */
export async function bindCarrierRtp(info: StackInfo, files: AsteriskFiles): Promise<void> {
  const file = path.join(files.etcDir, 'pjsip.conf');
  const text = readFileSync(file, 'utf8');
  const header = /^\[loopback-carrier\]\s*\ntype\s*=\s*endpoint\s*\n/m;
  if (!header.test(text)) throw new Error(`no [loopback-carrier] endpoint in ${file}`);
  if (!/^bind_rtp_to_media_address/m.test(text)) {
    writeFileSync(
      file,
      text.replace(header, (m) => `${m}media_address = 127.0.0.1\nbind_rtp_to_media_address = yes\n`),
    );
  }
  await asteriskRx(info, 'module reload res_pjsip.so');
  const shown = await asteriskRx(info, 'pjsip show endpoint loopback-carrier');
  if (!/bind_rtp_to_media_address\s*:\s*true/.test(shown)) {
    throw new Error('res_pjsip reload did not apply bind_rtp_to_media_address');
  }
}
