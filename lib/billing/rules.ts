/** The numbers of DESIGN.md's billing rules, in one place. */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** Overdue penalty per complete overdue day, on outstanding service-charge arrears. */
export const PENALTY_RATE = '0.003';
/** Grace after suspension before overdue days start counting. */
export const GRACE_MS = 24 * HOUR_MS;
/** Length of one overdue day. */
export const OVERDUE_PERIOD_MS = 24 * HOUR_MS;
/** Outage credit: the day's fee × minutes / 1440 (even on a 23- or 25-hour DST day). */
export const MINUTES_PER_DAY = 1440;
/** Usage and incidents older than this are refused. */
export const MAX_REPORT_AGE_MS = 7 * 24 * HOUR_MS;
/** Clock skew tolerated for reports from the future. */
export const CLOCK_SKEW_MS = 5 * MINUTE_MS;
/**
 * Usage received this close to (or after) its day's end is also marked for the late-usage check,
 * so an ingest that commits just after the day was settled is never lost.
 */
export const LATE_MARGIN_MS = 10 * MINUTE_MS;
/** Most service days settled in one transaction when catching up a backlog. */
export const MAX_DAYS_PER_SETTLEMENT = 31;
/** The billing time zone when a caller has none at hand (BILLING_TZ's default, defined with the configuration). */
export { DEFAULT_BILLING_TIME_ZONE } from '@/lib/config/billing-time-zone';
