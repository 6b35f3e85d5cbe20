import { describe, expect, it } from 'vitest';
import { addDays, calendarDateIn, dateLengthMs, endOfDateIn, isIsoDate, startOfDateIn } from './zoned-date';

describe('calendar dates in a time zone', () => {
  it('a Shanghai day runs from 16:00 UTC the evening before', () => {
    expect(startOfDateIn('2026-03-10', 'Asia/Shanghai').toISOString()).toBe('2026-03-09T16:00:00.000Z');
    expect(endOfDateIn('2026-03-10', 'Asia/Shanghai').toISOString()).toBe('2026-03-10T16:00:00.000Z');
    expect(calendarDateIn(new Date('2026-03-09T15:59:59.999Z'), 'Asia/Shanghai')).toBe('2026-03-09');
    expect(calendarDateIn(new Date('2026-03-09T16:00:00.000Z'), 'Asia/Shanghai')).toBe('2026-03-10');
  });

  it('start at midnight in the zone, also on a day on which the offset changes', () => {
    expect(startOfDateIn('2026-11-26', 'Asia/Shanghai').toISOString()).toBe('2026-11-25T16:00:00.000Z');
    expect(startOfDateIn('2026-11-26', 'UTC').toISOString()).toBe('2026-11-26T00:00:00.000Z');
    // A day on which the offset changes (New York, spring forward at 02:00).
    expect(startOfDateIn('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(calendarDateIn(new Date('2026-11-25T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-11-26');
    expect(calendarDateIn(new Date('2026-11-25T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-11-25');
  });

  it('DST days are 23 and 25 hours long', () => {
    expect(dateLengthMs('2026-03-29', 'Europe/Berlin')).toBe(23 * 3_600_000);
    expect(dateLengthMs('2026-10-25', 'Europe/Berlin')).toBe(25 * 3_600_000);
    expect(dateLengthMs('2026-03-10', 'Asia/Shanghai')).toBe(24 * 3_600_000);
  });

  it('a day whose midnight is skipped starts when the clock resumes', () => {
    // Chile moves 00:00 → 01:00 in September.
    const start = startOfDateIn('2026-09-06', 'America/Santiago');
    expect(calendarDateIn(start, 'America/Santiago')).toBe('2026-09-06');
    expect(calendarDateIn(new Date(start.getTime() - 1000), 'America/Santiago')).toBe('2026-09-05');
  });

  it('date arithmetic and validation', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-02-28')).toBe(true);
  });

  it('refuse what is not a date', () => {
    expect(() => startOfDateIn('2026-02-30', 'UTC')).toThrow();
  });
});
