/**
 * The time flows see (shift and holiday checks). Normally the real clock; with a start time
 * (FLOW_CLOCK_START) it begins there and advances with real time — how tests and demos show
 * in-hours, out-of-hours and holiday paths on any day.
 */
export function flowClock(start?: string, realNow: () => number = Date.now): () => Date {
  if (!start) return () => new Date(realNow());
  const offset = Date.parse(start) - realNow();
  return () => new Date(realNow() + offset);
}
