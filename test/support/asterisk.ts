import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { StackInfo } from './stack-info.js';

const run = promisify(execFile);

/** Runs an Asterisk CLI command (`asterisk -rx`) against the run's instance. */
export async function asteriskCli(info: StackInfo, command: string): Promise<string> {
  if (!info.asteriskCli) throw new Error('external Asterisk: no CLI access');
  const [bin, ...args] = info.asteriskCli;
  const { stdout } = await run(bin, [...args, '-rx', command]);
  return stdout;
}
