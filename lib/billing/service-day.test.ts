import { describe, expect, it } from 'vitest';
import { serviceDaysTouched } from './service-day';

// The calendar arithmetic behind service days (zone boundaries, DST) is tested in lib/time/zoned-date.test.ts.
describe('service days in the billing time zone', () => {
  it('an interval over midnight touches both days; an end at midnight does not touch the next', () => {
    const tz = 'Asia/Shanghai';
    expect(serviceDaysTouched(new Date('2026-03-09T23:50:00+08:00'), new Date('2026-03-10T00:10:00+08:00'), tz)).toEqual(['2026-03-09', '2026-03-10']);
    expect(serviceDaysTouched(new Date('2026-03-09T23:50:00+08:00'), new Date('2026-03-10T00:00:00+08:00'), tz)).toEqual(['2026-03-09']);
  });
});
