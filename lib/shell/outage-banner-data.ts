import type { Viewer } from '@/lib/auth/viewer';
import { ongoingOutagesFor, type OngoingOutage } from '@/lib/billing/incident-status';
import { config } from '@/lib/config';
import { getDb } from '@/lib/db/client';

/** The shell's outage-banner field: ongoing incidents hitting the account shown, and the clock to show them in. */
export async function loadOutageBanner(viewer: Viewer): Promise<{ outages: OngoingOutage[]; timeZone: string }> {
  const timeZone = config().billingTimeZone;
  return { outages: await ongoingOutagesFor(getDb(), viewer.accountId, { now: new Date(), timeZone }), timeZone };
}
