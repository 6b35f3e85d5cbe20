/**
 * Service days: calendar days in the billing time zone (default Asia/Shanghai), as 'YYYY-MM-DD'.
 * Time-zone arithmetic uses Intl only; days may be 23 or 25 hours long where DST applies.
 */

export type ServiceDay = string;

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(instant: Date, timeZone: string): LocalParts {
  const out: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return { year: out.year, month: out.month, day: out.day, hour: out.hour, minute: out.minute, second: out.second };
}

/** Offset of the zone from UTC at an instant, in milliseconds (whole seconds). */
function offsetMs(instant: Date, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isServiceDay(text: string): boolean {
  const m = dayPattern.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

function parseDay(day: ServiceDay): [number, number, number] {
  const m = dayPattern.exec(day);
  if (!m) throw new RangeError(`Not a service day (YYYY-MM-DD): ${day}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** The service day an instant falls in. */
export function serviceDayOf(instant: Date, timeZone: string): ServiceDay {
  const p = localParts(instant, timeZone);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

export function addDays(day: ServiceDay, days: number): ServiceDay {
  const [y, m, d] = parseDay(day);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: ServiceDay, to: ServiceDay): number {
  const [y1, m1, d1] = parseDay(from);
  const [y2, m2, d2] = parseDay(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

/** The first instant of a service day: local midnight, or the first instant after it where DST skips midnight. */
export function dayStart(day: ServiceDay, timeZone: string): Date {
  const [y, m, d] = parseDay(day);
  const localMidnightAsUtc = Date.UTC(y, m - 1, d);
  // Two passes settle the offset even when it changes near midnight.
  let guess = localMidnightAsUtc - offsetMs(new Date(localMidnightAsUtc), timeZone);
  guess = localMidnightAsUtc - offsetMs(new Date(guess), timeZone);
  const reached = (t: number) => serviceDayOf(new Date(t), timeZone) >= day;
  if (reached(guess) && !reached(guess - 1000)) return new Date(guess);
  // Offset changes at midnight: search the boundary (zone transitions fall on whole seconds).
  let lo = guess - 6 * 3_600_000;
  let hi = guess + 6 * 3_600_000;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (reached(mid)) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/** The end of a service day (exclusive): the start of the next one. */
export function dayEnd(day: ServiceDay, timeZone: string): Date {
  return dayStart(addDays(day, 1), timeZone);
}

/** Milliseconds in a service day: 86,400,000 except on DST changes. */
export function dayLengthMs(day: ServiceDay, timeZone: string): number {
  return dayEnd(day, timeZone).getTime() - dayStart(day, timeZone).getTime();
}

/** The service days an interval [start, end) touches, in order. */
export function serviceDaysTouched(start: Date, end: Date, timeZone: string): ServiceDay[] {
  if (end.getTime() <= start.getTime()) return [];
  const days: ServiceDay[] = [];
  let day = serviceDayOf(start, timeZone);
  const last = serviceDayOf(new Date(end.getTime() - 1), timeZone);
  for (;;) {
    days.push(day);
    if (day >= last) break;
    day = addDays(day, 1);
  }
  return days;
}
