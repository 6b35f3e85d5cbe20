import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import type { TaxKind } from '@/lib/db/schema';
import { OPERATOR, taxPayableAccount, walletLedgerAccountId } from '@/lib/ledger/ledger-accounts';
import type { NewTransfer } from '@/lib/ledger/post-transfers';
import { epochMs, jsonParam, queryRows, toBigint } from '@/lib/db/sql-rows';
import { withBillingLock } from './billing-lock';
import { postAndApply } from './post-and-apply';
import { outageCredit, outageMinutesInDay, type Interval } from './outage-minutes';
import { dayEnd, dayStart } from './service-day';
import { addTotals, emptyTotals, settledThrough, type BillingContext, type SettlementOutcome } from './billing-context';

interface Pair {
  serviceId: string;
  serviceDay: string;
}

interface IncidentSpan extends Interval {
  serviceId: string;
  /** null: every account using the service. */
  accountIds: string[] | null;
}

/** Ended incidents only: an ongoing one credits nothing until it ends (then every day it touched is reviewed). */
async function incidentsOverlapping(db: Db, pairs: Pair[], timeZone: string): Promise<{ bounds: Map<string, Interval>; incidents: IncidentSpan[] }> {
  const bounds = new Map<string, Interval>();
  for (const p of pairs) {
    bounds.set(`${p.serviceId}|${p.serviceDay}`, { start: dayStart(p.serviceDay, timeZone).getTime(), end: dayEnd(p.serviceDay, timeZone).getTime() });
  }
  const spans = [...bounds.values()];
  const from = new Date(Math.min(...spans.map((s) => s.start)));
  const to = new Date(Math.max(...spans.map((s) => s.end)));
  const serviceIds = [...new Set(pairs.map((p) => p.serviceId))];
  const rows = await queryRows<{ service_id: string; started: unknown; ended: unknown; accounts: string | null }>(
    db,
    sql`select service_id, ${epochMs(sql`started_at`)} as started, ${epochMs(sql`ended_at`)} as ended,
               array_to_json(account_ids)::text as accounts
        from incidents
        where service_id in (select value from json_array_elements_text(${JSON.stringify(serviceIds)}::json))
          and started_at < ${to} and ended_at is not null and ended_at > ${from}`,
  );
  return {
    bounds,
    incidents: rows.map((r) => ({
      serviceId: r.service_id,
      start: Number(toBigint(r.started)),
      end: Number(toBigint(r.ended)),
      accountIds: r.accounts === null ? null : (JSON.parse(r.accounts) as string[]),
    })),
  };
}

/**
 * Marks (service, day) pairs that have qualifying incidents for a credit (re)computation at the
 * next credit step: called when a day's charges change (settlement, late usage) and when an
 * incident arrives.
 */
export async function markCreditReviews(db: Db, pairs: Pair[], timeZone: string): Promise<void> {
  if (pairs.length === 0) return;
  const { bounds, incidents } = await incidentsOverlapping(db, pairs, timeZone);
  const hit = pairs.filter((p) => {
    const day = bounds.get(`${p.serviceId}|${p.serviceDay}`);
    return day !== undefined && incidents.some((i) => i.serviceId === p.serviceId && i.start < day.end && i.end > day.start);
  });
  await upsertCreditReviews(db, hit);
}

export async function upsertCreditReviews(db: Db, pairs: Pair[]): Promise<void> {
  if (pairs.length === 0) return;
  await db.execute(sql`
    insert into credit_reviews (service_id, service_day)
    select distinct service_id, service_day from json_to_recordset(${jsonParam(pairs.map((p) => ({ service_id: p.serviceId, service_day: p.serviceDay })))})
      as x(service_id text, service_day date)
    on conflict (service_id, service_day) do update set revision = credit_reviews.revision + 1`);
}

interface FeeRow extends Record<string, unknown> {
  account_id: string;
  service_id: string;
  service_day: string;
  net: unknown;
  tax: unknown;
  tax_kind: TaxKind;
  tax_category: string;
  tax_rate: string;
}

interface CreditedRow extends Record<string, unknown> {
  account_id: string;
  service_id: string;
  service_day: string;
  net: unknown;
  tax: unknown;
  minutes: string;
  n: unknown;
}

/**
 * Outage credits (DESIGN "Outage credits") for every marked (service, day) whose day is settled:
 * per account, the credit the day's fee and unavailable minutes call for, minus what was credited
 * before, posted as a credit line keyed `sla:{account}:{service}:{day}` (`:s{n}` for later
 * additions, e.g. a second incident or late usage raising the fee). Overlapping incidents count once
 * because minutes are always recomputed from the union of all incidents of that day.
 */
export async function settleOutageCredits(db: Db, ctx: BillingContext): Promise<SettlementOutcome> {
  const outcome: SettlementOutcome = { days: [], totals: emptyTotals(), attention: [] };
  for (;;) {
    const batch = await settleOutageCreditsBatch(db, ctx);
    outcome.days = [...new Set([...outcome.days, ...batch.days])].sort();
    outcome.totals = addTotals(outcome.totals, batch.totals);
    outcome.attention.push(...batch.attention);
    if (!batch.more) return outcome;
  }
}

const REVIEWS_PER_BATCH = 500;

async function settleOutageCreditsBatch(db: Db, ctx: BillingContext): Promise<SettlementOutcome & { more: boolean }> {
  return withBillingLock(db, async (tx) => {
    const outcome = { days: [] as string[], totals: emptyTotals(), attention: [] as string[], more: false };
    const through = await settledThrough(tx, ctx);
    if (!through) return outcome;
    const reviews = await queryRows<{ service_id: string; service_day: string; revision: number }>(
      tx,
      sql`select service_id, service_day::text as service_day, revision from credit_reviews
          where service_day <= ${through}::date order by service_day, service_id limit ${REVIEWS_PER_BATCH}`,
    );
    if (reviews.length === 0) return outcome;
    const pairs = reviews.map((r) => ({ serviceId: r.service_id, serviceDay: r.service_day }));
    const { bounds, incidents } = await incidentsOverlapping(tx, pairs, ctx.timeZone);
    const pairSource = sql`json_to_recordset(${jsonParam(pairs.map((p) => ({ service_id: p.serviceId, service_day: p.serviceDay })))})
                           as p(service_id text, service_day date)`;
    const fees = await queryRows<FeeRow>(
      tx,
      sql`select c.account_id, c.service_id, c.service_day::text as service_day, sum(c.net_fen)::text as net, sum(c.tax_fen)::text as tax,
                 min(c.tax_kind) as tax_kind, min(c.tax_category) as tax_category, min(c.tax_rate)::text as tax_rate
          from charge_lines c join ${pairSource} on p.service_id = c.service_id and p.service_day = c.service_day
          where c.kind in ('usage', 'late_usage')
          group by c.account_id, c.service_id, c.service_day`,
    );
    const credited = await queryRows<CreditedRow>(
      tx,
      sql`select c.account_id, c.service_id, c.service_day::text as service_day, (-sum(c.net_fen))::text as net, (-sum(c.tax_fen))::text as tax,
                 sum(c.quantity)::text as minutes, count(*)::text as n
          from charge_lines c join ${pairSource} on p.service_id = c.service_id and p.service_day = c.service_day
          where c.kind = 'sla_credit'
          group by c.account_id, c.service_id, c.service_day`,
    );
    const creditedByKey = new Map(credited.map((c) => [`${c.account_id}|${c.service_id}|${c.service_day}`, c]));

    const transfers: NewTransfer[] = [];
    const lines: Record<string, unknown>[] = [];
    for (const fee of fees) {
      const day = bounds.get(`${fee.service_id}|${fee.service_day}`);
      if (!day) continue;
      const intervals = incidents.filter(
        (i) => i.serviceId === fee.service_id && (i.accountIds === null || i.accountIds.includes(fee.account_id)),
      );
      const minutes = outageMinutesInDay(intervals, day.start, day.end);
      const target = outageCredit({ netFen: toBigint(fee.net), taxFen: toBigint(fee.tax) }, minutes);
      const before = creditedByKey.get(`${fee.account_id}|${fee.service_id}|${fee.service_day}`);
      const netFen = target.netFen - (before ? toBigint(before.net) : 0n);
      const taxFen = target.taxFen - (before ? toBigint(before.tax) : 0n);
      if (netFen === 0n && taxFen === 0n) continue;
      const seq = before ? Number(toBigint(before.n)) : 0;
      const key = `sla:${fee.account_id}:${fee.service_id}:${fee.service_day}${seq === 0 ? '' : `:s${seq}`}`;
      transfers.push({
        idempotencyKey: key,
        kind: 'sla_credit',
        accountId: fee.account_id,
        effectiveAt: ctx.now,
        memo: `${minutes} min unavailable`,
        legs: [
          { ledgerAccountId: walletLedgerAccountId(fee.account_id), amountFen: netFen + taxFen },
          { ledgerAccountId: OPERATOR.slaCredits, amountFen: -netFen },
          { ledgerAccountId: taxPayableAccount(fee.tax_kind), amountFen: -taxFen },
        ],
      });
      lines.push({
        account_id: fee.account_id,
        service_id: fee.service_id,
        service_day: fee.service_day,
        seq,
        quantity: String(minutes - (before ? Number(before.minutes) : 0)),
        net_fen: -netFen,
        tax_kind: fee.tax_kind,
        tax_category: fee.tax_category,
        tax_rate: fee.tax_rate,
        tax_fen: -taxFen,
        gross_fen: -(netFen + taxFen),
        idempotency_key: key,
      });
      outcome.totals.lines += 1;
      outcome.totals.netFen -= netFen;
      outcome.totals.taxFen -= taxFen;
      outcome.totals.grossFen -= netFen + taxFen;
    }
    if (transfers.length > 0) {
      const result = await postAndApply(tx, { transfers }, { at: ctx.now, deferWalletStatus: true });
      outcome.attention = result.attention;
      await tx.execute(sql`
        insert into charge_lines (account_id, service_id, service_day, kind, seq, quantity, unit, unit_price, net_fen,
                                  tax_kind, tax_category, tax_rate, tax_fen, gross_fen, transfer_id, idempotency_key, posted_at)
        select x.account_id, x.service_id, x.service_day, 'sla_credit', x.seq, x.quantity, 'minute', null, x.net_fen,
               x.tax_kind, x.tax_category, x.tax_rate, x.tax_fen, x.gross_fen, t.id, x.idempotency_key, ${ctx.now}
        from json_to_recordset(${jsonParam(lines)}) as x(account_id text, service_id text, service_day date, seq int, quantity numeric,
               net_fen bigint, tax_kind text, tax_category text, tax_rate numeric, tax_fen bigint, gross_fen bigint, idempotency_key text)
        join ledger_transfers t on t.idempotency_key = x.idempotency_key
        where not exists (select 1 from charge_lines c where c.transfer_id = t.id)`);
    }
    await tx.execute(sql`
      delete from credit_reviews r
      using json_to_recordset(${jsonParam(reviews)}) as x(service_id text, service_day date, revision int)
      where r.service_id = x.service_id and r.service_day = x.service_day and r.revision = x.revision`);
    await ctx.hooks?.afterPosting?.('outage-credits', tx);
    outcome.days = [...new Set(lines.map((l) => String(l.service_day)))].sort();
    outcome.more = reviews.length === REVIEWS_PER_BATCH;
    return outcome;
  });
}
