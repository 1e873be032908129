import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Asterisk runs as its own user and reads the prompts the api (often root) writes: files are
 * world-readable, directories world-searchable; nothing in them is secret.
 */
export const FILE_MODE = 0o644;
export const DIR_MODE = 0o755;

/** Creates `<promptsDir>/<relative>` and every directory on the way, readable by Asterisk. */
export async function ensurePromptDir(promptsDir: string, relative: string): Promise<string> {
  let dir = promptsDir;
  await mkdir(dir, { recursive: true });
  await chmod(dir, DIR_MODE);
  for (const part of relative.split('/').filter(Boolean)) {
    dir = path.join(dir, part);
    await mkdir(dir, { recursive: true });
    await chmod(dir, DIR_MODE);
  }
  return dir;
}

/** The converted file of a prompt (`file` column + `.wav`), never outside the prompts directory. */
export function promptWavPath(promptsDir: string, file: string): string {
  const full = path.resolve(promptsDir, `${file}.wav`);
  if (!full.startsWith(path.resolve(promptsDir) + path.sep)) throw new Error(`bad prompt file ${file}`);
  return full;
}
