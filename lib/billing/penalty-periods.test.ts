import { describe, expect, it } from 'vitest';
import { completedOverduePeriods, overduePeriod, penaltyFor } from './penalty-periods';

const suspendedAt = new Date('2026-03-10T00:30:00+08:00');
const at = (iso: string) => new Date(iso);

describe('overdue periods after suspension (24 h grace, then 24-hour overdue days)', () => {
  it('worked example: suspended 03-10 00:30, grace to 03-11 00:30, first overdue day ends 03-12 00:30', () => {
    const first = overduePeriod(suspendedAt, 1);
    expect(first.start.toISOString()).toBe(at('2026-03-11T00:30:00+08:00').toISOString());
    expect(first.end.toISOString()).toBe(at('2026-03-12T00:30:00+08:00').toISOString());
  });

  it('no overdue day has ended during the grace or before the first one is complete', () => {
    expect(completedOverduePeriods(suspendedAt, at('2026-03-11T00:30:00+08:00'))).toBe(0);
    expect(completedOverduePeriods(suspendedAt, at('2026-03-12T00:29:59.999+08:00'))).toBe(0);
  });

  it('the first overdue day ends exactly 48 h after suspension, the second 72 h after', () => {
    expect(completedOverduePeriods(suspendedAt, at('2026-03-12T00:30:00+08:00'))).toBe(1);
    expect(completedOverduePeriods(suspendedAt, at('2026-03-13T00:29:59+08:00'))).toBe(1);
    expect(completedOverduePeriods(suspendedAt, at('2026-03-13T00:30:00+08:00'))).toBe(2);
  });

  it('penalty is 0.3 % of service arrears, half up: ¥100.00 → ¥0.30, ¥1.67 → ¥0.01, ¥1.66 → ¥0.00', () => {
    expect(penaltyFor(10_000n)).toBe(30n);
    expect(penaltyFor(167n)).toBe(1n); // 0.501 fen
    expect(penaltyFor(166n)).toBe(0n); // 0.498 fen
    expect(penaltyFor(0n)).toBe(0n);
  });
});
