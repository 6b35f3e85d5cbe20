import type { Db } from '@/lib/db/client';
import { incidents } from '@/lib/db/schema';
import { checkReportWindow, existingIds, knownIds, type ReportRejection } from './record-usage';
import { upsertCreditReviews } from './outage-credits';
import { serviceDaysTouched } from './service-day';

export interface IncidentInput {
  id: string;
  service: string;
  /** ISO-8601 instants; the outage is [startedAt, endedAt). */
  startedAt: string;
  endedAt: string;
  /** The accounts hit; omitted: every account using the service. */
  accounts?: string[];
}

export type RecordIncidentResult = { ok: true; accepted: number; duplicates: number } | ReportRejection;

/**
 * Records a qualifying incident (idempotent by its id) and marks every service day it touches for
 * an outage-credit computation; days already settled are credited at the next run.
 */
export async function recordIncident(db: Db, input: IncidentInput, ctx: { now: Date; timeZone: string }): Promise<RecordIncidentResult> {
  return db.transaction(async (tx) => {
    if ((await existingIds(tx, 'incidents', [input.id])).has(input.id)) return { ok: true, accepted: 0, duplicates: 1 };
    const services = await knownIds(tx, 'services', [input.service]);
    if (!services.has(input.service)) return { ok: false, code: 'unknown_service', field: 'service', message: `service: no service ${input.service}` };
    const accountIds = input.accounts ? [...new Set(input.accounts)] : null;
    if (input.accounts) {
      const known = await knownIds(tx, 'customer_accounts', input.accounts);
      const unknown = input.accounts.findIndex((a) => !known.has(a));
      if (unknown >= 0) {
        return { ok: false, code: 'unknown_account', field: `accounts[${unknown}]`, message: `accounts[${unknown}]: no account ${input.accounts[unknown]}` };
      }
    }
    const startedAt = new Date(input.startedAt);
    const endedAt = new Date(input.endedAt);
    if (Number.isNaN(startedAt.getTime())) return { ok: false, code: 'invalid_time', field: 'startedAt', message: 'startedAt: not an ISO-8601 instant' };
    if (Number.isNaN(endedAt.getTime())) return { ok: false, code: 'invalid_time', field: 'endedAt', message: 'endedAt: not an ISO-8601 instant' };
    if (endedAt.getTime() <= startedAt.getTime()) return { ok: false, code: 'invalid_interval', field: 'endedAt', message: 'endedAt: must be after startedAt' };
    const outside = checkReportWindow(startedAt, ctx.now, 'startedAt') ?? checkReportWindow(endedAt, ctx.now, 'endedAt');
    if (outside) return outside;
    if (!(await storeIncident(tx, { id: input.id, serviceId: input.service, startedAt, endedAt, accountIds, receivedAt: ctx.now }, ctx.timeZone))) {
      return { ok: true, accepted: 0, duplicates: 1 };
    }
    return { ok: true, accepted: 1, duplicates: 0 };
  });
}


/**
 * Inserts a validated incident (nothing if its id exists) and marks the service days it touches
 * for outage credits. Returns false for a duplicate. The demo history uses it directly.
 */
export async function storeIncident(
  db: Db,
  incident: { id: string; serviceId: string; startedAt: Date; endedAt: Date; accountIds: string[] | null; receivedAt: Date },
  timeZone: string,
): Promise<boolean> {
  const inserted = await db.insert(incidents).values(incident).onConflictDoNothing().returning({ id: incidents.id });
  if (inserted.length === 0) return false;
  await upsertCreditReviews(
    db,
    serviceDaysTouched(incident.startedAt, incident.endedAt, timeZone).map((serviceDay) => ({ serviceId: incident.serviceId, serviceDay })),
  );
  return true;
}
