// Pure: the carrier's contract deadline (F17: "within 48 working hours the carrier contacts the
// customer"). Working hours are every hour of Monday to Friday in the given time zone; Saturday
// and Sunday do not count. Public holidays are not known here and count as working days.

const HOUR = 3_600_000;

/** Minutes east of UTC of `zone` at `instant` (Intl, no date library). */
function offsetMinutes(zone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** The local day of week (0 Sunday … 6 Saturday) and the instant of the next local midnight. */
function localDay(zone: string, instant: number): { weekday: number; nextMidnight: number } {
  const offset = offsetMinutes(zone, instant) * 60_000;
  const local = instant + offset;
  const dayStart = Math.floor(local / (24 * HOUR)) * 24 * HOUR;
  return { weekday: new Date(dayStart).getUTCDay(), nextMidnight: dayStart + 24 * HOUR - offset };
}

/**
 * `start` plus `hours` working hours (Monday–Friday, in `zone`). A start on a weekend counts
 * from Monday 00:00; a deadline that falls exactly on Friday midnight stays there.
 */
export function addWorkingHours(start: Date, hours: number, zone = 'Asia/Ho_Chi_Minh'): Date {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError('hours must be a non-negative number');
  let t = start.getTime();
  let remaining = hours * HOUR;
  // At most a few weeks of days: the loop is bounded by hours / 24 * 7 / 5 + 3 iterations.
  while (remaining > 0) {
    const { weekday, nextMidnight } = localDay(zone, t);
    if (weekday === 0 || weekday === 6) {
      t = nextMidnight;
      continue;
    }
    const step = Math.min(remaining, nextMidnight - t);
    t += step;
    remaining -= step;
  }
  return new Date(t);
}

/** The contract deadline of a hotline request accepted at `acceptedAt`. */
export const CONTRACT_WORKING_HOURS = 48;
export function contractDueAt(acceptedAt: Date): Date {
  return addWorkingHours(acceptedAt, CONTRACT_WORKING_HOURS);
}
