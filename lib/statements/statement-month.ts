import { addDays, calendarDateIn, startOfDateIn, type IsoDate } from '@/lib/time/zoned-date';

/** A calendar month in the billing time zone, written `YYYY-MM`. */
export type StatementMonth = string;

export interface MonthRange {
  month: StatementMonth;
  /** First and last calendar day (inclusive). */
  from: IsoDate;
  to: IsoDate;
}

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function monthRange(month: StatementMonth): MonthRange {
  const [, y, m] = monthPattern.exec(month) ?? [];
  if (!y) throw new RangeError(`not a month: ${month}`);
  const from = `${y}-${m}-01`;
  const next = Number(m) === 12 ? `${String(Number(y) + 1).padStart(4, '0')}-01-01` : `${y}-${String(Number(m) + 1).padStart(2, '0')}-01`;
  return { month, from, to: addDays(next, -1) };
}

/** The month an instant falls in, in the zone. */
export function monthOf(instant: Date, timeZone: string): StatementMonth {
  return calendarDateIn(instant, timeZone).slice(0, 7);
}

/** The month before the one `now` falls in: the newest month a statement exists for. */
export function previousMonth(now: Date, timeZone: string): StatementMonth {
  return addDays(`${monthOf(now, timeZone)}-01`, -1).slice(0, 7);
}

/** The first instant of the month `now` falls in. */
export function startOfMonthIn(now: Date, timeZone: string): Date {
  return startOfDateIn(`${monthOf(now, timeZone)}-01`, timeZone);
}

export type StatementMonthCheck = { ok: true; range: MonthRange } | { ok: false; code: 'invalid_month' | 'month_not_ended' };

/**
 * A month a statement can be made for: written `YYYY-MM` (year 2000 or later) and already ended
 * in the billing time zone (the current month is still moving; future months have nothing).
 */
export function checkStatementMonth(text: string | null | undefined, now: Date, timeZone: string): StatementMonthCheck {
  const month = (text ?? '').trim();
  if (!monthPattern.test(month) || month < '2000-01') return { ok: false, code: 'invalid_month' };
  if (month > previousMonth(now, timeZone)) return { ok: false, code: 'month_not_ended' };
  return { ok: true, range: monthRange(month) };
}
