/**
 * Calendar dates ('YYYY-MM-DD') in an IANA time zone and the instants they start at.
 * Time-zone arithmetic uses Intl only; a date may be 23 or 25 hours long where DST applies,
 * and where DST skips midnight a date starts when the clock resumes.
 */

export type IsoDate = string;

/** Wall-clock fields of an instant in a time zone (month 1–12, hour 0–23). */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

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

/** The wall-clock time of an instant in a time zone. */
export function localPartsIn(instant: Date, timeZone: string): LocalParts {
  const out: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return { year: out.year, month: out.month, day: out.day, hour: out.hour, minute: out.minute, second: out.second };
}

/** Offset of the zone from UTC at an instant, in milliseconds (whole seconds). */
function offsetMs(instant: Date, timeZone: string): number {
  const p = localPartsIn(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether the text is a real calendar date written YYYY-MM-DD (not 2026-02-30). */
export function isIsoDate(text: string): boolean {
  const m = isoDatePattern.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

function parseIsoDate(date: IsoDate): [number, number, number] {
  if (!isIsoDate(date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  const [y, m, d] = date.split('-').map(Number);
  return [y, m, d];
}

/** The calendar date an instant falls on in a time zone. */
export function calendarDateIn(instant: Date, timeZone: string): IsoDate {
  const p = localPartsIn(instant, timeZone);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = parseIsoDate(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const [y1, m1, d1] = parseIsoDate(from);
  const [y2, m2, d2] = parseIsoDate(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

/** The first instant of a calendar date in a time zone: local midnight, or the first instant after it where DST skips midnight. */
export function startOfDateIn(date: IsoDate, timeZone: string): Date {
  const [y, m, d] = parseIsoDate(date);
  const localMidnightAsUtc = Date.UTC(y, m - 1, d);
  // Two passes settle the offset even when it changes near midnight.
  let guess = localMidnightAsUtc - offsetMs(new Date(localMidnightAsUtc), timeZone);
  guess = localMidnightAsUtc - offsetMs(new Date(guess), timeZone);
  const reached = (t: number) => calendarDateIn(new Date(t), timeZone) >= date;
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

/** The end of a calendar date in a time zone (exclusive): the start of the next one. */
export function endOfDateIn(date: IsoDate, timeZone: string): Date {
  return startOfDateIn(addDays(date, 1), timeZone);
}

/** Milliseconds in a calendar date: 86,400,000 except on DST changes. */
export function dateLengthMs(date: IsoDate, timeZone: string): number {
  return endOfDateIn(date, timeZone).getTime() - startOfDateIn(date, timeZone).getTime();
}
