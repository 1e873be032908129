// Readable, prefixed logs for the processes the stack starts.
const COLORS = [36, 35, 33, 32, 34, 91, 96, 95];
const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const assigned = new Map<string, number>();

function colorFor(name: string): number {
  let color = assigned.get(name);
  if (color === undefined) {
    color = COLORS[assigned.size % COLORS.length];
    assigned.set(name, color);
  }
  return color;
}

export function tag(name: string): string {
  const padded = `[${name}]`.padEnd(11);
  return useColor ? `\x1b[${colorFor(name)}m${padded}\x1b[0m` : padded;
}

export function log(name: string, message: string): void {
  process.stdout.write(`${tag(name)} ${message}\n`);
}

/** A failure the user can fix: the message says what to do; no stack trace is printed. */
export class SetupError extends Error {
  override name = 'SetupError';
}
