import { prorateFen } from '@/lib/money';
import { MINUTES_PER_DAY } from './rules';

/** A half-open interval [start, end) in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

/** The union of intervals as sorted, disjoint intervals (touching ones merge). */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

/**
 * Unavailable minutes of one service day: the union of the intervals clipped to [dayStart, dayEnd),
 * each continuous unavailability counted in minutes with a partial minute as a whole one
 * (overlapping incidents count once; an outage over midnight is split between the two days).
 */
export function outageMinutesInDay(intervals: readonly Interval[], dayStart: number, dayEnd: number): number {
  const clipped = intervals.map((i) => ({ start: Math.max(i.start, dayStart), end: Math.min(i.end, dayEnd) }));
  let minutes = 0;
  for (const period of mergeIntervals(clipped)) minutes += Math.ceil((period.end - period.start) / 60_000);
  return minutes;
}

export interface OutageCredit {
  netFen: bigint;
  taxFen: bigint;
  grossFen: bigint;
}

/**
 * Credit for an (account, service, day): the day's fee × minutes / 1440, net and tax each rounded
 * half up, each capped at the day's fee (compensation never exceeds the fees charged that day).
 */
export function outageCredit(fee: { netFen: bigint; taxFen: bigint }, minutes: number): OutageCredit {
  if (minutes <= 0 || fee.netFen <= 0n) return { netFen: 0n, taxFen: 0n, grossFen: 0n };
  const cap = (value: bigint, max: bigint) => (value > max ? max : value);
  const netFen = cap(prorateFen(fee.netFen, minutes, MINUTES_PER_DAY), fee.netFen);
  const taxFen = cap(prorateFen(fee.taxFen, minutes, MINUTES_PER_DAY), fee.taxFen);
  return { netFen, taxFen, grossFen: netFen + taxFen };
}
