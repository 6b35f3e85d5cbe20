import { describe, expect, it } from 'vitest';
import { addDays, dayEnd, dayLengthMs, dayStart, isServiceDay, serviceDayOf, serviceDaysTouched } from './service-day';

describe('service days in the billing time zone', () => {
  it('a Shanghai day runs from 16:00 UTC the evening before', () => {
    expect(dayStart('2026-03-10', 'Asia/Shanghai').toISOString()).toBe('2026-03-09T16:00:00.000Z');
    expect(dayEnd('2026-03-10', 'Asia/Shanghai').toISOString()).toBe('2026-03-10T16:00:00.000Z');
    expect(serviceDayOf(new Date('2026-03-09T15:59:59.999Z'), 'Asia/Shanghai')).toBe('2026-03-09');
    expect(serviceDayOf(new Date('2026-03-09T16:00:00.000Z'), 'Asia/Shanghai')).toBe('2026-03-10');
  });

  it('DST days are 23 and 25 hours long', () => {
    expect(dayLengthMs('2026-03-29', 'Europe/Berlin')).toBe(23 * 3_600_000);
    expect(dayLengthMs('2026-10-25', 'Europe/Berlin')).toBe(25 * 3_600_000);
    expect(dayLengthMs('2026-03-10', 'Asia/Shanghai')).toBe(24 * 3_600_000);
  });

  it('a day whose midnight is skipped starts when the clock resumes', () => {
    // Chile moves 00:00 → 01:00 in September.
    const start = dayStart('2026-09-06', 'America/Santiago');
    expect(serviceDayOf(start, 'America/Santiago')).toBe('2026-09-06');
    expect(serviceDayOf(new Date(start.getTime() - 1000), 'America/Santiago')).toBe('2026-09-05');
  });

  it('date arithmetic and validation', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(isServiceDay('2026-02-30')).toBe(false);
    expect(isServiceDay('2026-02-28')).toBe(true);
  });

  it('an interval over midnight touches both days; an end at midnight does not touch the next', () => {
    const tz = 'Asia/Shanghai';
    expect(serviceDaysTouched(new Date('2026-03-09T23:50:00+08:00'), new Date('2026-03-10T00:10:00+08:00'), tz)).toEqual(['2026-03-09', '2026-03-10']);
    expect(serviceDaysTouched(new Date('2026-03-09T23:50:00+08:00'), new Date('2026-03-10T00:00:00+08:00'), tz)).toEqual(['2026-03-09']);
  });
});
