// The bench profile's Asterisk as seen from the host: its messages log.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { StackInfo } from '../../scripts/stack-info.ts';

export interface AsteriskFiles {
  /** Host path of the messages log (notice, warning, error). */
  messagesLog: string;
}

/** Finds the messages log from asterisk.conf (chroot-aware); null for an external Asterisk. */
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
  if (!dirs.astlogdir) return null;
  return { messagesLog: host(path.join(dirs.astlogdir, 'messages.log')) };
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
