import type { ClockTime, Schedule } from './model.js';

/** Local date (`YYYY-MM-DD`), weekday (0 = Sunday) and minute of the day of `at` in `timeZone`. */
export function localTime(at: Date, timeZone: string): { date: string; day: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    day,
    minute: Number(get('hour')) * 60 + Number(get('minute')),
  };
}

/** `HH:MM` → minutes after midnight; null when malformed (`24:00` is the end of the day). */
export function minutesOf(time: ClockTime): number | null {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(time);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 24 * 60 ? minutes : null;
}

function within(minute: number, start: ClockTime, end: ClockTime): boolean {
  const from = minutesOf(start);
  const to = minutesOf(end);
  return from !== null && to !== null && minute >= from && minute < to;
}

/** Whether `at` falls in the schedule's open hours: exception dates first, then holidays, then the week. */
export function isOpen(schedule: Schedule, at: Date): boolean {
  const { date, day, minute } = localTime(at, schedule.timeZone);
  const exception = schedule.exceptions.find((e) => e.date === date);
  if (exception) return exception.periods.some((p) => within(minute, p.start, p.end));
  if (schedule.holidays.includes(date)) return false;
  return schedule.weekly.some((p) => p.day === day && within(minute, p.start, p.end));
}
