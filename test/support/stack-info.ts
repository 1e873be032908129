import { readFileSync } from 'node:fs';
import type { StackInfo } from '../../scripts/stack-info.js';

export type { StackInfo };

/** The servers `npm test` started for this run (see scripts/stack.ts). */
export function stackInfo(): StackInfo {
  const file = process.env.WEBCALL_STACK_FILE;
  if (!file) throw new Error('WEBCALL_STACK_FILE is not set: run the suites through `npm test`');
  return JSON.parse(readFileSync(file, 'utf8')) as StackInfo;
}
