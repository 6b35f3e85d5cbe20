import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { incidents } from '@/lib/db/schema';
import { checkReportWindow, knownIds, type ReportRejection } from './record-usage';
import { upsertCreditReviews } from './outage-credits';
import { notifyIncidentResolved, notifyIncidentStarted } from './incident-notices';
import { serviceDaysTouched } from './service-day';

export interface IncidentInput {
  id: string;
  service: string;
  /** ISO-8601 instants; the outage is [startedAt, endedAt). No endedAt: still ongoing. */
  startedAt: string;
  endedAt?: string;
  /** The accounts hit; omitted: every account using the service (on an update: as first recorded). */
  accounts?: string[];
  title?: { en: string; zh: string };
  status?: 'investigating' | 'resolved';
}

/** A report the platform can fix: 422 naming the field, nothing written. */
export type IncidentRejection =
  | ReportRejection
  | { ok: false; code: 'incident_conflict' | 'already_resolved' | 'end_required'; message: string; field: string };

export type RecordIncidentResult = { ok: true; accepted: number; duplicates: number } | IncidentRejection;

const sameInstant = (a: Date, b: Date) => a.getTime() === b.getTime();
const sameAccounts = (a: string[] | null, b: string[] | null) =>
  a === null || b === null ? a === b : a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

/**
 * Records a qualifying incident, or updates the one with the same id (CONTRACT.md: posting the same
 * id again updates it). What an update may change: the title, and the end (set once, when it is
 * resolved). What it may not: the service, the start, the accounts (when given, they must be the
 * set first recorded) and a recorded end (a different end → 422 `already_resolved`; a repeat of the
 * start post after the end is an out-of-order retry and changes nothing). A refusal writes nothing.
 *
 * Affected accounts are told at once: a start notice when the incident is first recorded while
 * ongoing, a resolution notice with the minutes to be credited when it ends; each once per incident
 * and account (dedupe keys), so re-posting never notifies twice. The service days an ended incident
 * touches are marked for outage credits; an ongoing incident credits nothing until it ends.
 */
export async function recordIncident(db: Db, input: IncidentInput, ctx: { now: Date; timeZone: string }): Promise<RecordIncidentResult> {
  const startedAt = new Date(input.startedAt);
  const endedAt = input.endedAt === undefined ? null : new Date(input.endedAt);
  if (Number.isNaN(startedAt.getTime())) return { ok: false, code: 'invalid_time', field: 'startedAt', message: 'startedAt: not an ISO-8601 instant' };
  if (endedAt && Number.isNaN(endedAt.getTime())) return { ok: false, code: 'invalid_time', field: 'endedAt', message: 'endedAt: not an ISO-8601 instant' };
  if (input.status === 'resolved' && !endedAt) {
    return { ok: false, code: 'end_required', field: 'endedAt', message: 'endedAt: is required when status is "resolved"' };
  }
  if (input.status === 'investigating' && endedAt) {
    return { ok: false, code: 'incident_conflict', field: 'status', message: 'status: an incident with endedAt is resolved, not "investigating"' };
  }
  if (endedAt && endedAt.getTime() <= startedAt.getTime()) return { ok: false, code: 'invalid_interval', field: 'endedAt', message: 'endedAt: must be after startedAt' };
  const accountIds = input.accounts ? [...new Set(input.accounts)] : null;
  const title = input.title ? { titleEn: input.title.en, titleZh: input.title.zh } : {};

  return db.transaction(async (tx) => {
    // Serialises posts of one id (an insert race ends on the primary key; the loser re-reads).
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`incident:${input.id}`}))`);
    const [existing] = await tx.select().from(incidents).where(eq(incidents.id, input.id));

    if (existing) {
      if (existing.serviceId !== input.service) {
        return { ok: false, code: 'incident_conflict', field: 'service', message: `service: incident ${input.id} was recorded for ${existing.serviceId}; it cannot change` };
      }
      if (!sameInstant(existing.startedAt, startedAt)) {
        return { ok: false, code: 'incident_conflict', field: 'startedAt', message: `startedAt: incident ${input.id} started at ${existing.startedAt.toISOString()}; it cannot change` };
      }
      if (accountIds && !sameAccounts(existing.accountIds, accountIds)) {
        return { ok: false, code: 'incident_conflict', field: 'accounts', message: `accounts: incident ${input.id} was recorded for other accounts; they cannot change` };
      }
      if (existing.endedAt && endedAt && !sameInstant(existing.endedAt, endedAt)) {
        return { ok: false, code: 'already_resolved', field: 'endedAt', message: `endedAt: incident ${input.id} was resolved at ${existing.endedAt.toISOString()}; it cannot change` };
      }
      if (existing.endedAt && input.status === 'investigating') {
        return { ok: false, code: 'already_resolved', field: 'status', message: `status: incident ${input.id} is resolved; it cannot be reopened (post a new incident)` };
      }
      const ending = !existing.endedAt && endedAt !== null;
      if (ending) {
        const outside = checkReportWindow(endedAt, ctx.now, 'endedAt');
        if (outside) return outside;
      }
      const titleChanged = input.title !== undefined && (input.title.en !== existing.titleEn || input.title.zh !== existing.titleZh);
      if (!ending && !titleChanged) return { ok: true, accepted: 0, duplicates: 1 };
      const [updated] = await tx
        .update(incidents)
        .set({ ...title, ...(ending ? { endedAt } : {}), updatedAt: ctx.now })
        .where(eq(incidents.id, input.id))
        .returning();
      if (ending) {
        await markIncidentDays(tx, updated.serviceId, updated.startedAt, endedAt, ctx.timeZone);
        await notifyIncidentResolved(tx, updated, ctx);
      }
      return { ok: true, accepted: 1, duplicates: 0 };
    }

    const services = await knownIds(tx, 'services', [input.service]);
    if (!services.has(input.service)) return { ok: false, code: 'unknown_service', field: 'service', message: `service: no service ${input.service}` };
    if (input.accounts) {
      const known = await knownIds(tx, 'customer_accounts', input.accounts);
      const unknown = input.accounts.findIndex((a) => !known.has(a));
      if (unknown >= 0) {
        return { ok: false, code: 'unknown_account', field: `accounts[${unknown}]`, message: `accounts[${unknown}]: no account ${input.accounts[unknown]}` };
      }
    }
    const outside = checkReportWindow(startedAt, ctx.now, 'startedAt') ?? (endedAt ? checkReportWindow(endedAt, ctx.now, 'endedAt') : null);
    if (outside) return outside;
    const stored = await storeIncident(tx, { id: input.id, serviceId: input.service, startedAt, endedAt, accountIds, receivedAt: ctx.now, ...title }, ctx.timeZone);
    if (!stored) return { ok: true, accepted: 0, duplicates: 1 };
    if (endedAt) await notifyIncidentResolved(tx, stored, ctx);
    else await notifyIncidentStarted(tx, stored, ctx);
    return { ok: true, accepted: 1, duplicates: 0 };
  });
}

async function markIncidentDays(db: Db, serviceId: string, startedAt: Date, endedAt: Date, timeZone: string): Promise<void> {
  await upsertCreditReviews(db, serviceDaysTouched(startedAt, endedAt, timeZone).map((serviceDay) => ({ serviceId, serviceDay })));
}

type StoredIncident = typeof incidents.$inferSelect;

/**
 * Inserts a validated incident (nothing if its id exists) and, when it has ended, marks the service
 * days it touches for outage credits. Returns null for a duplicate. The demo history uses it directly.
 */
export async function storeIncident(
  db: Db,
  incident: {
    id: string;
    serviceId: string;
    startedAt: Date;
    endedAt: Date | null;
    accountIds: string[] | null;
    receivedAt: Date;
    titleEn?: string;
    titleZh?: string;
  },
  timeZone: string,
): Promise<StoredIncident | null> {
  const [inserted] = await db.insert(incidents).values(incident).onConflictDoNothing().returning();
  if (!inserted) return null;
  if (incident.endedAt) await markIncidentDays(db, incident.serviceId, incident.startedAt, incident.endedAt, timeZone);
  return inserted;
}
