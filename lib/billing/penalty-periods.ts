import { applyRate } from '@/lib/money';
import { GRACE_MS, OVERDUE_PERIOD_MS, PENALTY_RATE } from './rules';

export interface OverduePeriod {
  /** 1 for the first overdue day after the grace. */
  index: number;
  start: Date;
  end: Date;
}

/** Overdue day `index` of a suspension: [suspendedAt + grace + (index−1)·24 h, +24 h). */
export function overduePeriod(suspendedAt: Date, index: number): OverduePeriod {
  const start = suspendedAt.getTime() + GRACE_MS + (index - 1) * OVERDUE_PERIOD_MS;
  return { index, start: new Date(start), end: new Date(start + OVERDUE_PERIOD_MS) };
}

/** How many overdue days of a suspension have ended by `now` (a penalty is due at the end of each). */
export function completedOverduePeriods(suspendedAt: Date, now: Date): number {
  const elapsed = now.getTime() - suspendedAt.getTime() - GRACE_MS;
  return elapsed < OVERDUE_PERIOD_MS ? 0 : Math.floor(elapsed / OVERDUE_PERIOD_MS);
}

/** 0.3 % of outstanding service-charge arrears (penalties excluded: no compounding), half up. */
export function penaltyFor(serviceArrearsFen: bigint): bigint {
  return serviceArrearsFen > 0n ? applyRate(serviceArrearsFen, PENALTY_RATE) : 0n;
}
