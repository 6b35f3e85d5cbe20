import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { jsonRows, readJson, type JsonRead } from '@/lib/db/read-together';
import { epochMs, queryRows, toBigint } from '@/lib/db/sql-rows';
import { incidentOutageMinutes, USING_SERVICE_LOOKBACK_DAYS } from './incident-notices';
import { serviceDayOf } from './service-day';

/** How far back the public status page looks. */
export const STATUS_HISTORY_DAYS = 90;

/** One incident as the public status page shows it (JSON-safe: it is cached). Never names accounts. */
export interface StatusIncident {
  id: string;
  serviceId: string;
  titleEn: string | null;
  titleZh: string | null;
  /** ISO-8601 instants. */
  startedAt: string;
  endedAt: string | null;
  status: 'investigating' | 'resolved';
  /** Minutes by the outage-credit rule; null while ongoing. */
  minutes: number | null;
  /** Whether it hit every account using the service or only some. */
  scope: 'all' | 'some';
}

export interface StatusService {
  id: string;
  name: string;
  incidents: StatusIncident[];
}

export interface ServiceStatus {
  services: StatusService[];
  /** When this was read (ISO), so a cached copy says how fresh it is. */
  asOf: string;
}

interface IncidentRow extends Record<string, unknown> {
  id: string;
  service_id: string;
  title_en: string | null;
  title_zh: string | null;
  started: unknown;
  ended: unknown;
  some: boolean;
}

/** Every service with its ongoing incidents and those that ended in the last 90 days, newest first. */
export async function readServiceStatus(db: Db, ctx: { now: Date; timeZone: string }): Promise<ServiceStatus> {
  const since = new Date(ctx.now.getTime() - STATUS_HISTORY_DAYS * 24 * 3600_000);
  const services = await queryRows<{ id: string; name: string }>(db, sql`select id, name from services order by sort_order, id`);
  const rows = await queryRows<IncidentRow>(
    db,
    sql`select id, service_id, title_en, title_zh, ${epochMs(sql`started_at`)} as started, ${epochMs(sql`ended_at`)} as ended,
               account_ids is not null as some
        from incidents
        where ended_at is null or ended_at >= ${since}
        order by started_at desc, id`,
  );
  const incidents = rows.map((r): StatusIncident => {
    const startedAt = new Date(Number(toBigint(r.started)));
    const endedAt = r.ended === null ? null : new Date(Number(toBigint(r.ended)));
    return {
      id: r.id,
      serviceId: r.service_id,
      titleEn: r.title_en,
      titleZh: r.title_zh,
      startedAt: startedAt.toISOString(),
      endedAt: endedAt ? endedAt.toISOString() : null,
      status: endedAt ? 'resolved' : 'investigating',
      minutes: endedAt ? incidentOutageMinutes(startedAt, endedAt, ctx.timeZone) : null,
      scope: r.some ? 'some' : 'all',
    };
  });
  return {
    services: services.map((s) => ({ id: s.id, name: s.name, incidents: incidents.filter((i) => i.serviceId === s.id) })),
    asOf: ctx.now.toISOString(),
  };
}

/** An ongoing incident that hits an account, for the banner on every portal page. */
export interface OngoingOutage {
  id: string;
  serviceId: string;
  titleEn: string | null;
  titleZh: string | null;
  startedAt: string;
}

/**
 * The ongoing incidents that hit the account: those naming it, and those naming no one on a service
 * it used (the same reading as the notices, incident-notices.ts). Gone once the incident is resolved.
 */
export function ongoingOutagesRead(accountId: string, ctx: { now: Date; timeZone: string }): JsonRead<OngoingOutage[]> {
  return {
    json: jsonRows(
      sql`select i.id, i.service_id, i.title_en, i.title_zh, ${epochMs(sql`i.started_at`)} as started
        from incidents i
        where i.ended_at is null
          and (${accountId} = any(i.account_ids)
               or (i.account_ids is null and exists (
                     select 1 from usage_events u
                     where u.service_id = i.service_id and u.account_id = ${accountId}
                       and u.service_day between (timezone(${ctx.timeZone}, i.started_at)::date - ${USING_SERVICE_LOOKBACK_DAYS}::int)
                                             and ${serviceDayOf(ctx.now, ctx.timeZone)}::date)))
        order by i.started_at, i.id`,
    ),
    decode: (value) =>
      (value as { id: string; service_id: string; title_en: string | null; title_zh: string | null; started: string }[]).map((r) => ({
        id: r.id,
        serviceId: r.service_id,
        titleEn: r.title_en,
        titleZh: r.title_zh,
        startedAt: new Date(Number(toBigint(r.started))).toISOString(),
      })),
  };
}

export async function ongoingOutagesFor(db: Db, accountId: string, ctx: { now: Date; timeZone: string }): Promise<OngoingOutage[]> {
  return readJson(db, ongoingOutagesRead(accountId, ctx));
}
