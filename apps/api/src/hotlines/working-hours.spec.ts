import { addWorkingHours, contractDueAt } from './working-hours.js';

// Asia/Ho_Chi_Minh is UTC+7 all year: local 09:00 = 02:00Z.
const vn = (local: string) => new Date(`${local}+07:00`);

describe('contract due date: 48 working hours, Monday to Friday in Vietnam', () => {
  it('given a request accepted on Monday 09:00 then it is due on Wednesday 09:00', () => {
    expect(contractDueAt(vn('2026-12-07T09:00:00'))).toEqual(vn('2026-12-09T09:00:00'));
  });

  it('given a request accepted on Thursday 15:30 then the weekend is skipped: due Monday 15:30', () => {
    // Thu 15:30 → Fri 24:00 is 32.5 h; 15.5 h more on Monday.
    expect(contractDueAt(vn('2026-12-10T15:30:00'))).toEqual(vn('2026-12-14T15:30:00'));
  });

  it('given a request accepted on Friday 15:00 then it is due on Tuesday 15:00', () => {
    expect(contractDueAt(vn('2026-12-11T15:00:00'))).toEqual(vn('2026-12-15T15:00:00'));
  });

  it('given a request accepted on Saturday or Sunday then counting starts Monday 00:00: due Wednesday 00:00', () => {
    expect(contractDueAt(vn('2026-12-12T10:00:00'))).toEqual(vn('2026-12-16T00:00:00'));
    expect(contractDueAt(vn('2026-12-13T23:59:00'))).toEqual(vn('2026-12-16T00:00:00'));
  });

  it('given Friday 23:00 local (already Friday 16:00Z) then the local day decides, not UTC', () => {
    // 1 h on Friday, 24 h Monday, 23 h Tuesday.
    expect(contractDueAt(vn('2026-12-11T23:00:00'))).toEqual(vn('2026-12-15T23:00:00'));
  });

  it('given Sunday 23:30 local but Sunday 16:30Z then counting still waits for Monday', () => {
    expect(contractDueAt(new Date('2026-12-13T16:30:00Z'))).toEqual(vn('2026-12-16T00:00:00'));
  });

  it('given a deadline ending exactly at Friday midnight then it is Friday 24:00, not Monday', () => {
    expect(addWorkingHours(vn('2026-12-10T00:00:00'), 48)).toEqual(vn('2026-12-12T00:00:00'));
  });

  it('given zero hours then the start itself; negative hours are refused', () => {
    const start = vn('2026-12-09T10:00:00');
    expect(addWorkingHours(start, 0)).toEqual(start);
    expect(() => addWorkingHours(start, -1)).toThrow(RangeError);
  });

  it('given a zone with summer time then hours are counted in that zone (Europe/Paris, DST end)', () => {
    // Fri 2026-10-23 12:00 CEST (10:00Z) + 48 h → Tue 12:00 CET (11:00Z): the clocks went back on Sunday.
    expect(addWorkingHours(new Date('2026-10-23T10:00:00Z'), 48, 'Europe/Paris')).toEqual(
      new Date('2026-10-27T11:00:00Z'),
    );
  });
});
