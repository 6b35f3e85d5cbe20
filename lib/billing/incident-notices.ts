import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import type { incidents } from '@/lib/db/schema';
import { queryRows } from '@/lib/db/sql-rows';
import { broadcastNotice } from '@/lib/notices/broadcast-notice';
import enCharges from '@/lib/i18n/messages/en/charges.json';
import zhCharges from '@/lib/i18n/messages/zh-CN/charges.json';
import { localPartsIn } from '@/lib/time/zoned-date';
import { outageMinutesInDay } from './outage-minutes';
import { addDays, dayEnd, dayStart, serviceDayOf, serviceDaysTouched } from './service-day';

type Incident = typeof incidents.$inferSelect;

/**
 * "Every account using the service", for an incident that names no accounts: the accounts that
 * reported usage of the service in the 30 service days before it started, or while it lasted.
 * (Credits are then decided by the day's fee, as always: an account without a fee gets no credit.)
 */
export const USING_SERVICE_LOOKBACK_DAYS = 30;

export async function affectedAccounts(db: Db, incident: Pick<Incident, 'serviceId' | 'startedAt' | 'endedAt' | 'accountIds'>, ctx: { now: Date; timeZone: string }): Promise<string[]> {
  if (incident.accountIds) return incident.accountIds;
  const from = addDays(serviceDayOf(incident.startedAt, ctx.timeZone), -USING_SERVICE_LOOKBACK_DAYS);
  const to = serviceDayOf(incident.endedAt ?? ctx.now, ctx.timeZone);
  const rows = await queryRows<{ account_id: string }>(
    db,
    sql`select distinct account_id from usage_events
        where service_day between ${from}::date and ${to}::date and service_id = ${incident.serviceId}
        order by account_id`,
  );
  return rows.map((r) => r.account_id);
}

/** Unavailable minutes the usual rule counts for one incident: per service day, partial minutes as whole ones. */
export function incidentOutageMinutes(startedAt: Date, endedAt: Date, timeZone: string): number {
  const interval = { start: startedAt.getTime(), end: endedAt.getTime() };
  return serviceDaysTouched(startedAt, endedAt, timeZone).reduce(
    (sum, day) => sum + outageMinutesInDay([interval], dayStart(day, timeZone).getTime(), dayEnd(day, timeZone).getTime()),
    0,
  );
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-03-09 14:05 (Asia/Shanghai)`: an instant as the customer's billing clock shows it. */
export function formatIncidentInstant(at: Date, timeZone: string): string {
  const p = localPartsIn(at, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)} (${timeZone})`;
}

function serviceLabels(serviceId: string): { serviceEn: string; serviceZh: string } {
  const en: Record<string, string> = enCharges.services;
  const zh: Record<string, string> = zhCharges.services;
  return { serviceEn: en[serviceId] ?? serviceId, serviceZh: zh[serviceId] ?? en[serviceId] ?? serviceId };
}

function incidentParams(incident: Incident, timeZone: string): Record<string, string> {
  const labels = serviceLabels(incident.serviceId);
  return {
    incident: incident.id,
    ...labels,
    // The notice's headline: the platform's title when it gave one, else the service.
    titleEn: incident.titleEn ?? labels.serviceEn,
    titleZh: incident.titleZh ?? labels.serviceZh,
    startedAt: formatIncidentInstant(incident.startedAt, timeZone),
  };
}

/** The start notice to every affected account, once per (incident, account). Returns how many were new. */
export async function notifyIncidentStarted(db: Db, incident: Incident, ctx: { now: Date; timeZone: string }): Promise<number> {
  return broadcastNotice(db, {
    accounts: await affectedAccounts(db, incident, ctx),
    kind: 'incident_started',
    params: incidentParams(incident, ctx.timeZone),
    dedupePrefix: `incident_started:${incident.id}:`,
    now: ctx.now,
  });
}

/** The resolution notice (with the minutes to be credited) to every affected account, once each. */
export async function notifyIncidentResolved(db: Db, incident: Incident, ctx: { now: Date; timeZone: string }): Promise<number> {
  if (!incident.endedAt) return 0;
  return broadcastNotice(db, {
    accounts: await affectedAccounts(db, incident, ctx),
    kind: 'incident_resolved',
    params: {
      ...incidentParams(incident, ctx.timeZone),
      endedAt: formatIncidentInstant(incident.endedAt, ctx.timeZone),
      minutes: incidentOutageMinutes(incident.startedAt, incident.endedAt, ctx.timeZone),
    },
    dedupePrefix: `incident_resolved:${incident.id}:`,
    now: ctx.now,
  });
}
