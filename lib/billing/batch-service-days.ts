import { LATE_MARGIN_MS } from './rules';
import { dayEnd, dayStart, serviceDayOf, type ServiceDay } from './service-day';

export interface BatchServiceDay {
  serviceDay: ServiceDay;
  /** The day is over, or about to be (within the late margin): the next run bills what settlement missed. */
  late: boolean;
}

/**
 * Service days of a batch of instants, computed once per day rather than once per event: a batch's
 * events fall on a few days, and each day's [start, end) answers every instant inside it without
 * another time-zone calculation. Same answers as `serviceDayOf` and `dayEnd` per event.
 */
export function batchServiceDays(ctx: { now: Date; timeZone: string }): (at: Date) => BatchServiceDay {
  const days: { start: number; end: number; value: BatchServiceDay }[] = [];
  const lateFrom = ctx.now.getTime() + LATE_MARGIN_MS;
  return (at) => {
    const t = at.getTime();
    for (const day of days) if (t >= day.start && t < day.end) return day.value;
    const serviceDay = serviceDayOf(at, ctx.timeZone);
    const end = dayEnd(serviceDay, ctx.timeZone).getTime();
    const value = { serviceDay, late: end <= lateFrom };
    days.push({ start: dayStart(serviceDay, ctx.timeZone).getTime(), end, value });
    return value;
  };
}
