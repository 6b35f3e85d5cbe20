import { sql } from 'drizzle-orm';
import { addDays, dayStart, serviceDayOf } from '@/lib/billing/service-day';
import type { Db } from '@/lib/db/client';
import { OPERATOR, WALLET_PREFIX } from '@/lib/ledger/ledger-accounts';
import { postAndApply } from '@/lib/billing/post-and-apply';

export const TZ = 'Asia/Shanghai';
/** Usage events per (account, service) for the settled day (hourly reports would be 24). */
const EVENTS_PER_PAIR = 4;

/** Yesterday in the billing time zone: a completed service day a billing run settles now. */
export function settledDay(now = new Date()): string {
  return addDays(serviceDayOf(now, TZ), -1);
}

/**
 * `count` customer accounts `${prefix}0000001`… with a day of usage of all three services, made with
 * bulk statements (the drill measures billing, not the set-up). Two in three wallets are funded
 * (one bulk posting through the ledger's only writer), so settlement leaves the others below zero:
 * suspensions, then credits that pay arrears, take part too. `usageFor` adds usage for existing
 * accounts (the payers of drill 1).
 */
export async function seedSettlementPopulation(db: Db, input: { prefix: string; count: number; day: string; usageFor?: string[] }): Promise<void> {
  const { prefix, count, day } = input;
  const id = (i: string) => sql`${prefix} || lpad(${sql.raw(i)}::text, 7, '0')`;
  await db.execute(sql`insert into customer_accounts (id, name) select ${id('i')}, 'Drill ' || i from generate_series(1, ${count}) i`);
  // One transaction: the temporary table of the funded wallets lives in that session only.
  await db.transaction(async (tx) => {
    await tx.execute(sql`create temporary table drill_funding_rows on commit drop as
      select nextval('ledger_transfers_id_seq') as id, ${id('i')} as account_id from generate_series(1, ${count}) i where i % 3 <> 0`);
    const at = dayStart(addDays(day, -3), TZ);
    await postAndApply(
      tx,
      {
        transfers: sql`select id, 'drill-funding:' || account_id as idempotency_key, 'top_up' as kind, account_id as customer_account_id,
                              ${at}::timestamptz as effective_at, null::text as reference, null::text as memo from drill_funding_rows`,
        legs: sql`select id as transfer_id, ${WALLET_PREFIX} || account_id as ledger_account_id, 100000::bigint as amount_fen from drill_funding_rows
                  union all select id, ${OPERATOR.cash}, -100000::bigint from drill_funding_rows`,
      },
      { at },
    );
  });
  const start = dayStart(day, TZ);
  const usage = (accounts: ReturnType<typeof sql>) => sql`
    insert into usage_events (id, account_id, service_id, quantity, occurred_at, service_day, received_at)
    select 'drill-' || a.id || '-' || s.id || '-' || k, a.id, s.id,
           round((((a.n * 7919 + k * 104729 + s.n * 1299709) % 100000) / 1000.0)::numeric, 3),
           ${start}::timestamptz + make_interval(mins => (k * 1440 / ${EVENTS_PER_PAIR})::int), ${day}::date, ${start}
    from (${accounts}) a
    cross join (values ('compute', 1), ('storage', 2), ('traffic', 3)) as s(id, n)
    cross join generate_series(0, ${EVENTS_PER_PAIR - 1}) k`;
  await db.execute(usage(sql`select ${id('i')} as id, i as n from generate_series(1, ${count}) i`));
  if (input.usageFor?.length) {
    await db.execute(usage(sql`select x.id, x.n from json_array_elements_text(${JSON.stringify(input.usageFor)}::json) with ordinality as x(id, n)`));
  }
  // Reported after its day ended, as recordUsage (storeUsage) marks such usage: the late-usage check
  // settles it when the day was settled already (the demo history settles up to yesterday).
  await db.execute(sql`insert into usage_late_keys (account_id, service_id, service_day)
    select distinct account_id, service_id, service_day from usage_events where id like 'drill-%' and service_day = ${day}::date
    on conflict (account_id, service_id, service_day) do update set revision = usage_late_keys.revision + 1`);
  await db.execute(sql`analyze`);
}

/** A text[] parameter (drizzle would spread a JS array into a row). */
export function textArray(values: string[]) {
  return sql`array(select json_array_elements_text(${JSON.stringify(values)}::json))`;
}
