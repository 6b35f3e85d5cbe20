import { sql } from 'drizzle-orm';
import { addDays, serviceDayOf } from '@/lib/billing/service-day';
import type { Db } from '@/lib/db/client';
import { queryRows, toBigint } from '@/lib/db/sql-rows';
import { SPEND_WINDOW_DAYS } from './days-left';

/** The longest period the spend chart shows. */
export const SPEND_CHART_DAYS = 90;

export interface DailyServiceSpend {
  day: string;
  serviceId: string;
  /** Gross of the day's charge lines of the service, outage credits deducted. */
  grossFen: bigint;
}

export interface SpendHistory {
  /** First and last service day covered (the last complete day is yesterday). */
  from: string;
  to: string;
  byDayAndService: DailyServiceSpend[];
  /** Per day, all services together (days without charges are absent). */
  byDay: { day: string; grossFen: bigint }[];
  firstChargeDay: string | null;
}

/**
 * What an account spent per service day and service over the last `days` complete service days
 * (charge lines: daily charges, supplementary lines and outage credits), and its first charge day.
 */
export async function loadSpendHistory(db: Db, input: { accountId: string; now: Date; timeZone: string; days?: number }): Promise<SpendHistory> {
  const days = Math.max(input.days ?? SPEND_CHART_DAYS, SPEND_WINDOW_DAYS);
  const today = serviceDayOf(input.now, input.timeZone);
  const to = addDays(today, -1);
  const from = addDays(today, -days);
  const rows = await queryRows<{ day: string; service_id: string; gross: unknown; first_day: string | null }>(
    db,
    sql`select s.day, s.service_id, s.gross, f.first_day
        from (select min(service_day)::text as first_day from charge_lines where account_id = ${input.accountId}) f
        left join (
          select service_day::text as day, service_id, sum(gross_fen)::text as gross
          from charge_lines
          where account_id = ${input.accountId} and service_day between ${from}::date and ${to}::date
          group by service_day, service_id
        ) s on true
        order by s.day, s.service_id`,
  );
  const byDayAndService = rows.filter((r) => r.day !== null).map((r) => ({ day: r.day, serviceId: r.service_id, grossFen: toBigint(r.gross) }));
  const totals = new Map<string, bigint>();
  for (const r of byDayAndService) totals.set(r.day, (totals.get(r.day) ?? 0n) + r.grossFen);
  return {
    from,
    to,
    byDayAndService,
    byDay: [...totals].map(([day, grossFen]) => ({ day, grossFen })),
    firstChargeDay: rows[0]?.first_day ?? null,
  };
}
