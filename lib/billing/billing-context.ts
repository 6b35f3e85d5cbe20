import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { queryRows } from '@/lib/db/sql-rows';
import { addDays, serviceDayOf } from './service-day';

export interface BillingHooks {
  /** Called inside a step's transaction after its postings, before commit (tests abort runs here). */
  afterPosting?: (step: string, tx: Db) => Promise<void>;
}

export interface BillingContext {
  now: Date;
  timeZone: string;
  hooks?: BillingHooks;
}

export interface LineTotals {
  lines: number;
  netFen: bigint;
  taxFen: bigint;
  grossFen: bigint;
}

export const emptyTotals = (): LineTotals => ({ lines: 0, netFen: 0n, taxFen: 0n, grossFen: 0n });

export function addTotals(a: LineTotals, b: LineTotals): LineTotals {
  return { lines: a.lines + b.lines, netFen: a.netFen + b.netFen, taxFen: a.taxFen + b.taxFen, grossFen: a.grossFen + b.grossFen };
}

export interface SettlementOutcome {
  days: string[];
  totals: LineTotals;
  /** Wallets moved whose status must be looked at once the run's postings are done. */
  attention: string[];
}

/** The latest service day settled in full, or null before the first settlement. */
export async function lastSettledDay(db: Db): Promise<string | null> {
  const [row] = await queryRows<{ day: string | null }>(db, sql`select max(service_day)::text as day from settled_days`);
  return row?.day ?? null;
}

/**
 * The last day later work (late usage, outage credits) may touch at `ctx.now`: settled, and over at
 * that instant (a run at an earlier `now` never bills a day that had not ended by then).
 */
export async function settledThrough(db: Db, ctx: { now: Date; timeZone: string }): Promise<string | null> {
  const settled = await lastSettledDay(db);
  if (!settled) return null;
  const yesterday = addDays(serviceDayOf(ctx.now, ctx.timeZone), -1);
  return settled < yesterday ? settled : yesterday;
}
