import { describe, expect, it } from '@jest/globals';
import { OFFICE_HOURS } from './flow.fixture.js';
import { isOpen, localTime, minutesOf } from './schedule.js';

// 2027-02-03 is a Wednesday; Vietnam is UTC+7 all year.
const vn = (iso: string) => new Date(`${iso}+07:00`);

describe('work shifts', () => {
  it('reads local date, weekday and minute in the schedule time zone, not the server one', () => {
    expect(localTime(new Date('2027-02-02T18:30:00Z'), 'Asia/Ho_Chi_Minh')).toEqual({
      date: '2027-02-03',
      day: 3,
      minute: 90,
    });
  });

  it.each([
    ['2027-02-03T07:59', false],
    ['2027-02-03T08:00', true],
    ['2027-02-03T11:59', true],
    ['2027-02-03T12:00', false],
    ['2027-02-03T13:30', true],
    ['2027-02-03T17:30', false],
    ['2027-02-06T10:00', true],
    ['2027-02-06T14:00', false],
    ['2027-02-07T10:00', false],
  ])('on an ordinary week %s is open: %s', (at, open) => {
    expect(isOpen(OFFICE_HOURS, vn(`${at}:00`))).toBe(open);
  });

  it('a holiday is closed all day, an exception date has its own hours', () => {
    expect(isOpen(OFFICE_HOURS, vn('2027-02-08T10:00:00'))).toBe(false);
    expect(isOpen(OFFICE_HOURS, vn('2027-02-13T08:30:00'))).toBe(false);
    expect(isOpen(OFFICE_HOURS, vn('2027-02-13T09:30:00'))).toBe(true);
  });

  it('parses clock times, 24:00 included, and refuses malformed ones', () => {
    expect(minutesOf('00:00')).toBe(0);
    expect(minutesOf('24:00')).toBe(1440);
    expect(minutesOf('24:01')).toBeNull();
    expect(minutesOf('7:00')).toBeNull();
  });
});
