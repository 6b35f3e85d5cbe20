import { describe, expect, it } from 'vitest';
import { computeDaysLeft, MIN_HISTORY_DAYS } from './days-left';

const TZ = 'Asia/Shanghai';
// 2026-03-20 10:00 in Shanghai: the last complete service day is 03-19, the 30-day window 02-18 … 03-19.
const NOW = new Date('2026-03-20T02:00:00Z');

function days(from: string, count: number, grossFen: bigint): { day: string; grossFen: bigint }[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => ({ day: new Date(start + i * 86_400_000).toISOString().slice(0, 10), grossFen }));
}

describe('days of balance left', () => {
  it('divides the balance by the average daily gross of the last 30 complete days and dates the run-out', () => {
    const result = computeDaysLeft({ balanceFen: 10_000n, dailyGrossFen: days('2026-02-18', 30, 1_000n), firstChargeDay: '2025-12-01', now: NOW, timeZone: TZ });
    expect(result).toEqual({ kind: 'estimate', windowDays: 30, averageDailyFen: 1_000n, daysLeft: 10, runsOutOn: '2026-03-30' });
  });

  it('ignores days outside the window (today, and older than 30 days)', () => {
    const spend = [...days('2026-01-01', 48, 99_999n), ...days('2026-02-18', 30, 300n), { day: '2026-03-20', grossFen: 99_999n }];
    const result = computeDaysLeft({ balanceFen: 3_000n, dailyGrossFen: spend, firstChargeDay: '2026-01-01', now: NOW, timeZone: TZ });
    expect(result).toMatchObject({ kind: 'estimate', averageDailyFen: 300n, daysLeft: 10 });
  });

  it('counts days without charges inside the window as zero spend', () => {
    // 15 days of ¥20.00 over 30 days: ¥10.00 a day on average.
    const result = computeDaysLeft({ balanceFen: 10_050n, dailyGrossFen: days('2026-03-05', 15, 2_000n), firstChargeDay: '2025-06-01', now: NOW, timeZone: TZ });
    expect(result).toMatchObject({ kind: 'estimate', windowDays: 30, averageDailyFen: 1_000n, daysLeft: 10, runsOutOn: '2026-03-30' });
  });

  it('rounds the days down exactly (no float), and shows the average rounded half up', () => {
    // ¥1.00 over 3 days… spent 1,000 fen in 30 days: 33.333… fen a day; 100 fen last 3 days.
    const result = computeDaysLeft({ balanceFen: 100n, dailyGrossFen: days('2026-02-18', 30, 0n).concat([{ day: '2026-03-19', grossFen: 1_000n }]), firstChargeDay: '2026-01-01', now: NOW, timeZone: TZ });
    expect(result).toMatchObject({ kind: 'estimate', averageDailyFen: 33n, daysLeft: 3, runsOutOn: '2026-03-23' });
    const half = computeDaysLeft({ balanceFen: 1n, dailyGrossFen: [{ day: '2026-03-19', grossFen: 45n }], firstChargeDay: '2026-01-01', now: NOW, timeZone: TZ });
    // 45 / 30 = 1.5 → 2 fen a day shown; 1 fen lasts 0 whole days.
    expect(half).toMatchObject({ kind: 'estimate', averageDailyFen: 2n, daysLeft: 0, runsOutOn: '2026-03-20' });
  });

  it('averages a young account over its days since the first charge', () => {
    const result = computeDaysLeft({ balanceFen: 5_000n, dailyGrossFen: days('2026-03-10', 10, 500n), firstChargeDay: '2026-03-10', now: NOW, timeZone: TZ });
    expect(result).toEqual({ kind: 'estimate', windowDays: 10, averageDailyFen: 500n, daysLeft: 10, runsOutOn: '2026-03-30' });
  });

  it('says there is too little history with fewer than 7 complete days, or none', () => {
    expect(computeDaysLeft({ balanceFen: 5_000n, dailyGrossFen: days('2026-03-14', 6, 500n), firstChargeDay: '2026-03-14', now: NOW, timeZone: TZ })).toEqual({
      kind: 'too_little_history',
      historyDays: 6,
      neededDays: MIN_HISTORY_DAYS,
    });
    expect(computeDaysLeft({ balanceFen: 5_000n, dailyGrossFen: [], firstChargeDay: null, now: NOW, timeZone: TZ })).toEqual({
      kind: 'too_little_history',
      historyDays: 0,
      neededDays: MIN_HISTORY_DAYS,
    });
    expect(computeDaysLeft({ balanceFen: 5_000n, dailyGrossFen: days('2026-03-13', 7, 500n), firstChargeDay: '2026-03-13', now: NOW, timeZone: TZ }).kind).toBe('estimate');
  });

  it('zero spend over the window: the balance does not run out', () => {
    expect(computeDaysLeft({ balanceFen: 5_000n, dailyGrossFen: days('2026-02-18', 30, 0n), firstChargeDay: '2025-01-01', now: NOW, timeZone: TZ })).toEqual({ kind: 'no_spend', windowDays: 30 });
    // Charged long ago, nothing since.
    expect(computeDaysLeft({ balanceFen: 5_000n, dailyGrossFen: [], firstChargeDay: '2025-01-01', now: NOW, timeZone: TZ })).toEqual({ kind: 'no_spend', windowDays: 30 });
  });

  it('a balance at or below zero has run out, whatever the history', () => {
    expect(computeDaysLeft({ balanceFen: 0n, dailyGrossFen: [], firstChargeDay: null, now: NOW, timeZone: TZ })).toEqual({ kind: 'exhausted' });
    expect(computeDaysLeft({ balanceFen: -100n, dailyGrossFen: days('2026-02-18', 30, 100n), firstChargeDay: '2025-01-01', now: NOW, timeZone: TZ })).toEqual({ kind: 'exhausted' });
  });

  it('uses the service day of `now` in the billing time zone', () => {
    // 2026-03-19 16:30 UTC is already 03-20 00:30 in Shanghai: 03-19 is complete and counts.
    const result = computeDaysLeft({ balanceFen: 3_000n, dailyGrossFen: [{ day: '2026-03-19', grossFen: 3_000n }], firstChargeDay: '2026-01-01', now: new Date('2026-03-19T16:30:00Z'), timeZone: TZ });
    expect(result).toMatchObject({ kind: 'estimate', averageDailyFen: 100n, daysLeft: 30, runsOutOn: '2026-04-19' });
  });
});
