import { addDays, daysBetween, serviceDayOf } from '@/lib/billing/service-day';
import { roundHalfUp, MoneyDecimal } from '@/lib/money';

/** Days of spending the forecast averages over: the last 30 complete service days. */
export const SPEND_WINDOW_DAYS = 30;
/** Fewer complete days of history than this and the forecast says there is too little to go on. */
export const MIN_HISTORY_DAYS = 7;

export interface DaysLeftInput {
  balanceFen: bigint;
  /** Gross charged per service day (credits already deducted); days outside the window are ignored. */
  dailyGrossFen: ReadonlyArray<{ day: string; grossFen: bigint }>;
  /** The account's first service day with a charge line; null when it has none. */
  firstChargeDay: string | null;
  now: Date;
  timeZone: string;
}

export type DaysLeft =
  /** The balance is zero or below: nothing left to spend. */
  | { kind: 'exhausted' }
  /** Not enough complete days of charges to average over. */
  | { kind: 'too_little_history'; historyDays: number; neededDays: number }
  /** Nothing was spent over the window: at this rate the balance does not run out. */
  | { kind: 'no_spend'; windowDays: number }
  | {
      kind: 'estimate';
      /** Days the average was taken over (30, or fewer for an account younger than that). */
      windowDays: number;
      averageDailyFen: bigint;
      /** Whole days the balance covers at the average. */
      daysLeft: number;
      /** The service day the balance is predicted to run out. */
      runsOutOn: string;
    };

/**
 * How long the balance lasts at the average daily gross of the last 30 complete service days
 * (yesterday and the 29 before; a younger account: its days since the first charge). Exact: the
 * days left are ⌊balance × days ÷ spent⌋ in integers; the average is shown rounded half up.
 */
export function computeDaysLeft(input: DaysLeftInput): DaysLeft {
  if (input.balanceFen <= 0n) return { kind: 'exhausted' };
  const today = serviceDayOf(input.now, input.timeZone);
  const last = addDays(today, -1);
  let first = addDays(today, -SPEND_WINDOW_DAYS);
  if (input.firstChargeDay === null) return { kind: 'too_little_history', historyDays: 0, neededDays: MIN_HISTORY_DAYS };
  if (input.firstChargeDay > first) first = input.firstChargeDay;
  const windowDays = Math.max(0, daysBetween(first, last) + 1);
  if (windowDays < MIN_HISTORY_DAYS) return { kind: 'too_little_history', historyDays: windowDays, neededDays: MIN_HISTORY_DAYS };

  let spentFen = 0n;
  for (const { day, grossFen } of input.dailyGrossFen) if (day >= first && day <= last) spentFen += grossFen;
  if (spentFen <= 0n) return { kind: 'no_spend', windowDays };

  const daysLeftBig = (input.balanceFen * BigInt(windowDays)) / spentFen;
  // Beyond this the date is meaningless (and past what a Date can hold).
  const daysLeft = daysLeftBig > 1_000_000n ? 1_000_000 : Number(daysLeftBig);
  return {
    kind: 'estimate',
    windowDays,
    averageDailyFen: roundHalfUp(new MoneyDecimal(spentFen.toString()).dividedBy(windowDays)),
    daysLeft,
    runsOutOn: addDays(today, daysLeft),
  };
}
