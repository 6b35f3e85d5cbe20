/**
 * Service days: calendar days in the billing time zone (default Asia/Shanghai), as 'YYYY-MM-DD'.
 * The calendar arithmetic (DST days of 23 or 25 hours, skipped midnights) is lib/time/zoned-date;
 * this module gives it billing's names.
 */

import { addDays, calendarDateIn, type IsoDate } from '@/lib/time/zoned-date';

export type ServiceDay = IsoDate;

export {
  addDays,
  daysBetween,
  isIsoDate as isServiceDay,
  calendarDateIn as serviceDayOf,
  startOfDateIn as dayStart,
  endOfDateIn as dayEnd,
} from '@/lib/time/zoned-date';

/** The service days an interval [start, end) touches, in order. */
export function serviceDaysTouched(start: Date, end: Date, timeZone: string): ServiceDay[] {
  if (end.getTime() <= start.getTime()) return [];
  const days: ServiceDay[] = [];
  let day = calendarDateIn(start, timeZone);
  const last = calendarDateIn(new Date(end.getTime() - 1), timeZone);
  for (;;) {
    days.push(day);
    if (day >= last) break;
    day = addDays(day, 1);
  }
  return days;
}
