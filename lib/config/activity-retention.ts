/**
 * Activity records are kept at least 180 days (DESIGN "Activity records": the PRC Cybersecurity Law
 * asks network operators to keep logs six months or more). `ACTIVITY_RETENTION_DAYS` may raise it;
 * in production a lower value is refused at start-up.
 */
export const DEFAULT_ACTIVITY_RETENTION_DAYS = 180;
export const MIN_PRODUCTION_ACTIVITY_RETENTION_DAYS = 180;

/**
 * The start-up problem with a retention setting, or null when it is acceptable. Production start-up
 * checks call it with `config().activityRetentionDays` and refuse to start on a message.
 */
export function activityRetentionProblem(days: number, mode: 'demo' | 'production'): string | null {
  if (mode === 'production' && days < MIN_PRODUCTION_ACTIVITY_RETENTION_DAYS) {
    return `ACTIVITY_RETENTION_DAYS is ${days}: activity records must be kept at least ${MIN_PRODUCTION_ACTIVITY_RETENTION_DAYS} days in production`;
  }
  return null;
}
