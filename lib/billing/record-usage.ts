import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { jsonParam, queryRows } from '@/lib/db/sql-rows';
import { parseDecimal } from '@/lib/money';
import { batchServiceDays } from './batch-service-days';
import { CLOCK_SKEW_MS, MAX_REPORT_AGE_MS } from './rules';

export interface UsageEventInput {
  /** The platform's event id: the same id twice is one event. */
  id: string;
  account: string;
  service: string;
  /** Non-negative decimal string, up to 9 decimals. */
  quantity: string;
  /** ISO-8601 instant. */
  occurredAt: string;
}

/** A report the platform can fix: 422 naming the field, nothing written. */
export interface ReportRejection {
  ok: false;
  code: 'unknown_account' | 'account_closed' | 'unknown_service' | 'too_old' | 'in_future' | 'invalid_quantity' | 'invalid_time' | 'invalid_interval';
  message: string;
  field: string;
}

export type RecordUsageResult = { ok: true; accepted: number; duplicates: number } | ReportRejection;

export const QUANTITY_LIMITS = { maxDecimals: 9, maxIntegerDigits: 18 } as const;

/** Checks an instant against the reporting window: at most 7 days old, at most 5 minutes ahead. */
export function checkReportWindow(at: Date, now: Date, field: string): ReportRejection | null {
  if (at.getTime() < now.getTime() - MAX_REPORT_AGE_MS) {
    return { ok: false, code: 'too_old', field, message: `${field}: more than 7 days old; such reports are refused` };
  }
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    return { ok: false, code: 'in_future', field, message: `${field}: in the future (beyond 5 minutes of clock skew)` };
  }
  return null;
}

export async function existingIds(db: Db, table: 'usage_events' | 'incidents', ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select e.id from ${sql.raw(table)} e join json_to_recordset(${jsonParam(ids.map((id) => ({ id })))}) as x(id text) on x.id = e.id`,
  );
  return new Set(rows.map((r) => r.id));
}

export async function knownIds(db: Db, table: 'customer_accounts' | 'services', ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select t.id from ${sql.raw(table)} t join json_to_recordset(${jsonParam([...new Set(ids)].map((id) => ({ id })))}) as x(id text) on x.id = t.id`,
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * The accounts among `ids` that are closed or terminated (issue 15): usage for them is refused.
 */
export async function closedAccountIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select s.account_id as id from account_standings s
        join json_to_recordset(${jsonParam([...new Set(ids)].map((id) => ({ id })))}) as x(id text) on x.id = s.account_id
        where s.state in ('closed', 'terminated')`,
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * Records a batch of usage events atomically (DESIGN "Machine API"): an event id seen before is a
 * duplicate, not an error; an unknown account or service, a closed or terminated account (`account_closed`), or an event outside the reporting window,
 * rejects the whole batch naming the field (`events[2].account`), and nothing is written. Usage for
 * a day that is over (or about to be) is marked so the next run bills what settlement missed.
 */
export async function recordUsage(db: Db, events: UsageEventInput[], ctx: { now: Date; timeZone: string }): Promise<RecordUsageResult> {
  return db.transaction(async (tx) => {
    const seen = await existingIds(tx, 'usage_events', events.map((e) => e.id));
    const fresh: { index: number; event: UsageEventInput }[] = [];
    const inBatch = new Set<string>();
    events.forEach((event, index) => {
      if (seen.has(event.id) || inBatch.has(event.id)) return;
      inBatch.add(event.id);
      fresh.push({ index, event });
    });
    const accounts = await knownIds(tx, 'customer_accounts', fresh.map((f) => f.event.account));
    const closed = await closedAccountIds(tx, fresh.map((f) => f.event.account));
    const services = await knownIds(tx, 'services', fresh.map((f) => f.event.service));
    const rows: StoredUsage[] = [];
    const dayOf = batchServiceDays(ctx);
    for (const { index, event } of fresh) {
      const at = `events[${index}]`;
      if (!accounts.has(event.account)) return { ok: false, code: 'unknown_account', field: `${at}.account`, message: `${at}.account: no account ${event.account}` };
      if (closed.has(event.account)) {
        return { ok: false, code: 'account_closed', field: `${at}.account`, message: `${at}.account: account ${event.account} is closed or terminated; usage is refused` };
      }
      if (!services.has(event.service)) return { ok: false, code: 'unknown_service', field: `${at}.service`, message: `${at}.service: no service ${event.service}` };
      if (!parseDecimal(event.quantity, QUANTITY_LIMITS)) {
        return { ok: false, code: 'invalid_quantity', field: `${at}.quantity`, message: `${at}.quantity: not a non-negative decimal string with at most 9 decimals` };
      }
      const occurredAt = new Date(event.occurredAt);
      if (Number.isNaN(occurredAt.getTime())) return { ok: false, code: 'invalid_time', field: `${at}.occurredAt`, message: `${at}.occurredAt: not an ISO-8601 instant` };
      const outside = checkReportWindow(occurredAt, ctx.now, `${at}.occurredAt`);
      if (outside) return outside;
      const { serviceDay, late } = dayOf(occurredAt);
      rows.push({
        id: event.id,
        accountId: event.account,
        serviceId: event.service,
        quantity: event.quantity,
        occurredAt,
        serviceDay,
        late,
      });
    }
    if (rows.length === 0) return { ok: true, accepted: 0, duplicates: events.length };
    const accepted = await storeUsage(tx, rows, ctx.now);
    return { ok: true, accepted, duplicates: events.length - accepted };
  });
}

export interface StoredUsage {
  id: string;
  accountId: string;
  serviceId: string;
  quantity: string;
  occurredAt: Date;
  serviceDay: string;
  /** Mark the (account, service, day) for the late-usage check (its day is over, or about to be). */
  late: boolean;
}

/**
 * Inserts validated usage (skipping ids already stored) and marks late keys, in one statement.
 * Returns how many events were new. `recordUsage` validates first; the demo history uses it directly.
 */
export async function storeUsage(db: Db, rows: StoredUsage[], receivedAt: Date): Promise<number> {
  if (rows.length === 0) return 0;
  const json = rows.map((r) => ({
    id: r.id,
    account_id: r.accountId,
    service_id: r.serviceId,
    quantity: r.quantity,
    occurred_at: r.occurredAt.toISOString(),
    service_day: r.serviceDay,
    late: r.late,
  }));
  const [counts] = await queryRows<{ accepted: unknown }>(
    db,
    sql`with src as (
          select * from json_to_recordset(${jsonParam(json)})
            as x(id text, account_id text, service_id text, quantity numeric, occurred_at timestamptz, service_day date, late boolean)
        ), ins as (
          insert into usage_events (id, account_id, service_id, quantity, occurred_at, service_day, received_at)
          select id, account_id, service_id, quantity, occurred_at, service_day, ${receivedAt} from src
          on conflict (id) do nothing
          returning id
        ), marked as (
          insert into usage_late_keys (account_id, service_id, service_day)
          select distinct src.account_id, src.service_id, src.service_day from src join ins on ins.id = src.id where src.late
          on conflict (account_id, service_id, service_day) do update set revision = usage_late_keys.revision + 1
        )
        select count(*)::text as accepted from ins`,
  );
  return Number(counts.accepted);
}
