import { z } from 'zod';

/** The periods the overview's spending card can show, in days; the first is the default. */
export const SPEND_PERIODS = [30, 90] as const;
export type SpendPeriod = (typeof SPEND_PERIODS)[number];

/** `?days=` from the overview's URL: 30 or 90; anything else (absent, repeated, junk) shows the default. */
export const spendPeriodParam = z
  .preprocess((v) => (typeof v === 'string' ? Number(v) : v), z.union([z.literal(30), z.literal(90)]))
  .catch(SPEND_PERIODS[0]);
