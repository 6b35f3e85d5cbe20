import { sql, type SQL } from 'drizzle-orm';
import { loadCatalogue, resolveDayRate, type DayRate } from '@/lib/catalogue/rates';
import type { Db } from '@/lib/db/client';
import { OPERATOR, WALLET_PREFIX } from '@/lib/ledger/ledger-accounts';
import { jsonParam, queryRows, toBigint } from '@/lib/db/sql-rows';
import { withBillingLock } from './billing-lock';
import { addTotals, emptyTotals, lastSettledDay, settledThrough, type BillingContext, type LineTotals, type SettlementOutcome } from './billing-context';
import { markCreditReviews } from './outage-credits';
import { postAndApply } from './post-and-apply';
import { sqlNetFen, sqlTaxFen } from './rating';
import { MAX_DAYS_PER_SETTLEMENT } from './rules';
import { addDays, daysBetween, serviceDayOf } from './service-day';

function ratesSource(rates: DayRate[]): SQL {
  return sql`json_to_recordset(${jsonParam(
    rates.map((r) => ({
      service_id: r.serviceId,
      service_day: r.serviceDay,
      unit: r.unit,
      unit_price: r.unitPrice,
      tax_kind: r.taxKind,
      tax_category: r.taxCategory,
      tax_rate: r.taxRate,
    })),
  )}) as r(service_id text, service_day date, unit text, unit_price numeric, tax_kind text, tax_category text, tax_rate numeric)`;
}

async function ratesFor(db: Db, pairs: { serviceId: string; serviceDay: string }[]): Promise<DayRate[]> {
  const catalogue = await loadCatalogue(db);
  return pairs.map(({ serviceId, serviceDay }) => {
    const rate = resolveDayRate(catalogue, serviceId, serviceDay);
    // Usage must never go unbilled silently: a missing price is a configuration error.
    if (!rate) throw new Error(`No price or tax rule in force for service ${serviceId} on ${serviceDay}`);
    return rate;
  });
}

interface PostedLines {
  totals: LineTotals;
  attention: string[];
  /** The batch's transfer ids are [lo, hi]: one sequence, and only billing writes lines (under its lock). */
  lo: bigint;
  hi: bigint;
}

/**
 * Records the rated lines (a SELECT with charge_lines' columns, `transfer_id` pre-allocated from the
 * transfer sequence, amounts rounded once per line) and posts one transfer per line:
 * wallet −gross, revenue +net, tax payable +tax. In the caller's transaction; a line whose transfer
 * key exists already aborts it, so every line has exactly its own transfer.
 */
async function recordAndPostLines(tx: Db, ctx: BillingContext, rated: SQL): Promise<PostedLines | null> {
  const [batch] = await queryRows<{ lines: unknown; lo: unknown; hi: unknown; net: unknown; tax: unknown }>(
    tx,
    sql`with l as (
          insert into charge_lines (account_id, service_id, service_day, kind, seq, quantity, unit, unit_price, net_fen,
                                    tax_kind, tax_category, tax_rate, tax_fen, gross_fen, transfer_id, idempotency_key, posted_at)
          select account_id, service_id, service_day, line_kind, seq, quantity, unit, unit_price, net_fen,
                 tax_kind, tax_category, tax_rate, tax_fen, net_fen + tax_fen, transfer_id, idempotency_key, ${ctx.now}
          from (${rated}) rated
          returning transfer_id, net_fen, tax_fen)
        select count(*)::text as lines, coalesce(min(transfer_id), 0)::text as lo, coalesce(max(transfer_id), 0)::text as hi,
               coalesce(sum(net_fen), 0)::text as net, coalesce(sum(tax_fen), 0)::text as tax
        from l`,
  );
  const lines = Number(batch.lines);
  if (lines === 0) return null;
  const lo = toBigint(batch.lo);
  const hi = toBigint(batch.hi);
  const inBatch = sql`transfer_id between ${lo} and ${hi}`;
  const result = await postAndApply(
    tx,
    {
      transfers: sql`select transfer_id as id, idempotency_key, case when seq = 0 then 'charge' else 'late_charge' end as kind,
                            account_id as customer_account_id, posted_at as effective_at, null::text as reference, null::text as memo
                     from charge_lines where ${inBatch}`,
      legs: sql`select transfer_id, ${WALLET_PREFIX} || account_id as ledger_account_id, -gross_fen as amount_fen from charge_lines where ${inBatch}
                union all
                select transfer_id, ${OPERATOR.revenue}, net_fen from charge_lines where ${inBatch} and net_fen <> 0
                union all
                select transfer_id, case when tax_kind = 'vat' then ${OPERATOR.vatPayable} else ${OPERATOR.businessTaxPayable} end, tax_fen
                from charge_lines where ${inBatch} and tax_fen <> 0`,
    },
    { at: ctx.now, deferWalletStatus: true, ifPosted: 'fail' },
  );
  if (result.posted !== lines) throw new Error(`Posted ${result.posted} transfers for ${lines} charge lines`);
  const netFen = toBigint(batch.net);
  const taxFen = toBigint(batch.tax);
  return { totals: { lines, netFen, taxFen, grossFen: netFen + taxFen }, attention: result.attention, lo, hi };
}

async function linePairs(tx: Db, batch: PostedLines): Promise<{ serviceId: string; serviceDay: string }[]> {
  const rows = await queryRows<{ service_id: string; service_day: string }>(
    tx,
    sql`select distinct service_id, service_day::text as service_day from charge_lines where transfer_id between ${batch.lo} and ${batch.hi}`,
  );
  return rows.map((r) => ({ serviceId: r.service_id, serviceDay: r.service_day }));
}

/**
 * Settles every completed service day not settled yet, oldest first: per (account, service, day)
 * the day's quantity × the unit price in force, rounded half up to the fen once, tax =
 * round_half_up(net × rate) by the rule in force that day, one transfer per line keyed
 * `charge:{account}:{service}:{day}`. Days are marked settled in the same transaction.
 */
export async function settleCompletedDays(db: Db, ctx: BillingContext): Promise<SettlementOutcome> {
  const today = serviceDayOf(ctx.now, ctx.timeZone);
  const outcome: SettlementOutcome = { days: [], totals: emptyTotals(), attention: [] };
  for (;;) {
    const step = await withBillingLock(db, async (tx) => {
      const settled = await lastSettledDay(tx);
      const [next] = await queryRows<{ day: string | null }>(
        tx,
        sql`select min(service_day)::text as day from usage_events
            where service_day < ${today}::date ${settled ? sql`and service_day > ${settled}::date` : sql``}`,
      );
      const first = next?.day ?? null;
      if (!first) return null;
      const lastAllowed = addDays(today, -1);
      const last = daysBetween(first, lastAllowed) >= MAX_DAYS_PER_SETTLEMENT ? addDays(first, MAX_DAYS_PER_SETTLEMENT - 1) : lastAllowed;
      const days: string[] = [];
      for (let d = first; d <= last; d = addDays(d, 1)) days.push(d);

      const serviceRows = await queryRows<{ id: string }>(tx, sql`select id from services`);
      const pairs = serviceRows.flatMap((s) => days.map((d) => ({ serviceId: s.id, serviceDay: d })));
      const rates = await ratesFor(tx, pairs);
      const posted = await recordAndPostLines(
        tx,
        ctx,
        sql`select nextval('ledger_transfers_id_seq') as transfer_id,
                   u.account_id, u.service_id, u.service_day, u.quantity,
                   r.unit, r.unit_price, r.tax_kind, r.tax_category, r.tax_rate,
                   0 as seq, 'usage' as line_kind,
                   'charge:' || u.account_id || ':' || u.service_id || ':' || u.service_day::text as idempotency_key,
                   n.net_fen, ${sqlTaxFen(sql`n.net_fen`, sql`r.tax_rate`)} as tax_fen
            from (select account_id, service_id, service_day, sum(quantity) as quantity
                  from usage_events
                  where service_day between ${first}::date and ${last}::date
                  group by account_id, service_id, service_day) u
            join ${ratesSource(rates)} on r.service_id = u.service_id and r.service_day = u.service_day
            cross join lateral (select ${sqlNetFen(sql`u.quantity`, sql`r.unit_price`)} as net_fen) n
            where n.net_fen <> 0`,
      );
      if (posted) await markCreditReviews(tx, pairs, ctx.timeZone);
      await tx.execute(sql`
        insert into settled_days (service_day, time_zone, settled_at)
        select d::date, ${ctx.timeZone}, ${ctx.now} from json_array_elements_text(${JSON.stringify(days)}::json) as d
        on conflict do nothing`);
      await ctx.hooks?.afterPosting?.('settle', tx);
      return { days, totals: posted?.totals ?? emptyTotals(), attention: posted?.attention ?? [] };
    });
    if (!step) return outcome;
    outcome.days.push(...step.days);
    outcome.totals = addTotals(outcome.totals, step.totals);
    outcome.attention.push(...step.attention);
  }
}

/**
 * Usage that arrived for a settled day: per marked (account, service, day) the total is re-rated
 * and the difference to what was billed becomes a supplementary line (`charge:…:s{n}`), so the
 * day's total is exactly what one settlement of all its usage would have posted. A mark is cleared
 * only if no usage arrived after it was read.
 */
export async function settleLateUsage(db: Db, ctx: BillingContext): Promise<SettlementOutcome> {
  const outcome: SettlementOutcome = { days: [], totals: emptyTotals(), attention: [] };
  for (;;) {
    const batch = await settleLateUsageBatch(db, ctx);
    outcome.days = [...new Set([...outcome.days, ...batch.days])].sort();
    outcome.totals = addTotals(outcome.totals, batch.totals);
    outcome.attention.push(...batch.attention);
    if (!batch.more) return outcome;
  }
}

const LATE_KEYS_PER_BATCH = 50_000;

async function settleLateUsageBatch(db: Db, ctx: BillingContext): Promise<SettlementOutcome & { more: boolean }> {
  return withBillingLock(db, async (tx) => {
    const outcome = { days: [] as string[], totals: emptyTotals(), attention: [] as string[], more: false };
    const through = await settledThrough(tx, ctx);
    if (!through) return outcome;
    const keys = await queryRows<{ account_id: string; service_id: string; service_day: string; revision: number }>(
      tx,
      sql`select account_id, service_id, service_day::text as service_day, revision
          from usage_late_keys where service_day <= ${through}::date
          order by service_day, account_id, service_id limit ${LATE_KEYS_PER_BATCH}`,
    );
    if (keys.length === 0) return outcome;
    const pairs = [...new Map(keys.map((k) => [`${k.service_id}|${k.service_day}`, { serviceId: k.service_id, serviceDay: k.service_day }])).values()];
    const rates = await ratesFor(tx, pairs);
    const keySource = sql`json_to_recordset(${jsonParam(keys.map((k) => ({ account_id: k.account_id, service_id: k.service_id, service_day: k.service_day })))})
                          as k(account_id text, service_id text, service_day date)`;
    const posted = await recordAndPostLines(
      tx,
      ctx,
      sql`with k as (select * from ${keySource}),
          u as (select e.account_id, e.service_id, e.service_day, sum(e.quantity) as quantity
                from usage_events e join k on k.account_id = e.account_id and k.service_id = e.service_id and k.service_day = e.service_day
                group by e.account_id, e.service_id, e.service_day),
          b as (select c.account_id, c.service_id, c.service_day, sum(c.quantity) as quantity, sum(c.net_fen) as net, sum(c.tax_fen) as tax, count(*) as n
                from charge_lines c join k on k.account_id = c.account_id and k.service_id = c.service_id and k.service_day = c.service_day
                where c.kind in ('usage', 'late_usage')
                group by c.account_id, c.service_id, c.service_day),
          x as (select u.account_id, u.service_id, u.service_day, u.quantity - coalesce(b.quantity, 0) as quantity,
                       r.unit, r.unit_price, r.tax_kind, r.tax_category, r.tax_rate,
                       coalesce(b.n, 0)::int as seq,
                       t.net_total - coalesce(b.net, 0) as net_fen,
                       ${sqlTaxFen(sql`t.net_total`, sql`r.tax_rate`)} - coalesce(b.tax, 0) as tax_fen
                from u
                join ${ratesSource(rates)} on r.service_id = u.service_id and r.service_day = u.service_day
                cross join lateral (select ${sqlNetFen(sql`u.quantity`, sql`r.unit_price`)} as net_total) t
                left join b on b.account_id = u.account_id and b.service_id = u.service_id and b.service_day = u.service_day)
          select nextval('ledger_transfers_id_seq') as transfer_id, account_id, service_id, service_day, quantity,
                 unit, unit_price, tax_kind, tax_category, tax_rate, seq,
                 case when seq = 0 then 'usage' else 'late_usage' end as line_kind,
                 'charge:' || account_id || ':' || service_id || ':' || service_day::text || case when seq = 0 then '' else ':s' || seq end as idempotency_key,
                 net_fen::bigint as net_fen, tax_fen::bigint as tax_fen
          from x where net_fen <> 0 or tax_fen <> 0`,
    );
    const touched = posted ? await linePairs(tx, posted) : [];
    await markCreditReviews(tx, touched, ctx.timeZone);
    await tx.execute(sql`
      delete from usage_late_keys l
      using json_to_recordset(${jsonParam(keys)}) as k(account_id text, service_id text, service_day date, revision int)
      where l.account_id = k.account_id and l.service_id = k.service_id and l.service_day = k.service_day and l.revision = k.revision`);
    await ctx.hooks?.afterPosting?.('late-usage', tx);
    outcome.days = [...new Set(touched.map((p) => p.serviceDay))].sort();
    outcome.totals = posted?.totals ?? emptyTotals();
    outcome.attention = posted?.attention ?? [];
    outcome.more = keys.length === LATE_KEYS_PER_BATCH;
    return outcome;
  });
}
