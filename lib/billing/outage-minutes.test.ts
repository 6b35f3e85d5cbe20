import { describe, expect, it } from 'vitest';
import { outageCredit, outageMinutesInDay, type Interval } from './outage-minutes';
import { dayEnd, dayStart } from './service-day';

const TZ = 'Asia/Shanghai';
const day = (d: string) => ({ start: dayStart(d, TZ).getTime(), end: dayEnd(d, TZ).getTime() });
const span = (from: string, to: string): Interval => ({ start: Date.parse(from), end: Date.parse(to) });

describe('unavailable minutes of a service day', () => {
  const d = day('2026-03-09');

  it('a 59.01-second outage is one minute (a partial minute counts as a whole one)', () => {
    expect(outageMinutesInDay([span('2026-03-09T10:00:00+08:00', '2026-03-09T10:00:59.010+08:00')], d.start, d.end)).toBe(1);
  });

  it('60.01 seconds is two minutes; exactly 60 seconds is one', () => {
    expect(outageMinutesInDay([span('2026-03-09T10:00:00+08:00', '2026-03-09T10:01:00.010+08:00')], d.start, d.end)).toBe(2);
    expect(outageMinutesInDay([span('2026-03-09T10:00:00+08:00', '2026-03-09T10:01:00+08:00')], d.start, d.end)).toBe(1);
  });

  it('overlapping incidents are not counted twice', () => {
    const a = span('2026-03-09T10:00:00+08:00', '2026-03-09T10:30:00+08:00');
    const b = span('2026-03-09T10:20:00+08:00', '2026-03-09T10:45:00+08:00');
    expect(outageMinutesInDay([a, b], d.start, d.end)).toBe(45);
    expect(outageMinutesInDay([a, a], d.start, d.end)).toBe(30);
  });

  it('an outage over midnight is split between the two days', () => {
    const overnight = span('2026-03-09T23:30:00+08:00', '2026-03-10T00:15:00+08:00');
    expect(outageMinutesInDay([overnight], d.start, d.end)).toBe(30);
    const next = day('2026-03-10');
    expect(outageMinutesInDay([overnight], next.start, next.end)).toBe(15);
  });

  it('separate outages each round up their own partial minute', () => {
    const a = span('2026-03-09T10:00:00+08:00', '2026-03-09T10:00:10+08:00');
    const b = span('2026-03-09T11:00:00+08:00', '2026-03-09T11:00:10+08:00');
    expect(outageMinutesInDay([a, b], d.start, d.end)).toBe(2);
  });

  it('a whole-day outage is 1440 minutes', () => {
    expect(outageMinutesInDay([span('2026-03-08T00:00:00+08:00', '2026-03-11T00:00:00+08:00')], d.start, d.end)).toBe(1440);
  });
});

describe('outage credit = day fee × minutes / 1440, net and tax each rounded half up, capped at the fee', () => {
  it('worked example: fee ¥10.00 + ¥0.60 tax, 30 minutes → ¥0.21 + ¥0.01', () => {
    // 1000 × 30 / 1440 = 20.83 → 21; 60 × 30 / 1440 = 1.25 → 1
    expect(outageCredit({ netFen: 1_000n, taxFen: 60n }, 30)).toEqual({ netFen: 21n, taxFen: 1n, grossFen: 22n });
  });

  it('rounds a half up: 144 fen × 5 / 1440 = 0.5 → 1 fen', () => {
    expect(outageCredit({ netFen: 144n, taxFen: 0n }, 5).netFen).toBe(1n);
  });

  it('the cap is reached on a 25-hour day out for 1500 minutes', () => {
    const berlin = { start: dayStart('2026-10-25', 'Europe/Berlin').getTime(), end: dayEnd('2026-10-25', 'Europe/Berlin').getTime() };
    const minutes = outageMinutesInDay([{ start: berlin.start, end: berlin.end }], berlin.start, berlin.end);
    expect(minutes).toBe(1500);
    expect(outageCredit({ netFen: 1_000n, taxFen: 60n }, minutes)).toEqual({ netFen: 1_000n, taxFen: 60n, grossFen: 1_060n });
  });

  it('no fee, no credit; no minutes, no credit', () => {
    expect(outageCredit({ netFen: 0n, taxFen: 0n }, 600).grossFen).toBe(0n);
    expect(outageCredit({ netFen: 1_000n, taxFen: 60n }, 0).grossFen).toBe(0n);
  });
});
