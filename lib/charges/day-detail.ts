import { sql } from 'drizzle-orm';
import { outageCredit, outageMinutesInDay } from '@/lib/billing/outage-minutes';
import { rateQuantity } from '@/lib/billing/rating';
import { MINUTES_PER_DAY } from '@/lib/billing/rules';
import { dayEnd, dayStart } from '@/lib/billing/service-day';
import type { Db } from '@/lib/db/client';
import type { ChargeLineKind, TaxKind } from '@/lib/db/schema';
import { epochMs, fromEpochMs, queryRows, toBigint } from '@/lib/db/sql-rows';
import { MoneyDecimal } from '@/lib/money';

/**
 * How each charge line of one service day was computed (DESIGN "Money", "Outage credits"), from the
 * stored lines themselves: a usage line is quantity × unit price, rounded half up once to the fen
 * (net), tax = net × rate rounded half up, gross = net + tax; a supplementary line is the re-rated day
 * total minus what was billed before; a credit is the day's fee × unavailable minutes / 1440, net and
 * tax each rounded half up and capped at the fee, minus what was credited before.
 */

export interface UsageLineExplanation {
  kind: 'usage';
  transferId: bigint;
  seq: number;
  /** This line's units, and the day's units through this line. */
  quantity: string;
  cumulativeQuantity: string;
  unit: string;
  unitPrice: string;
  /** quantity × unit price in yuan, exact (before rounding), for the day through this line. */
  exactNet: string;
  /** Fen, rounded half up once, for the day through this line. */
  cumulativeNetFen: bigint;
  taxKind: TaxKind;
  taxRate: string;
  /** net × rate in fen, exact, for the day through this line. */
  exactTaxFen: string;
  cumulativeTaxFen: bigint;
  /** What this line charged: the day's totals through it minus the lines before. */
  netFen: bigint;
  taxFen: bigint;
  grossFen: bigint;
  /** The recomputation gives the stored amounts. */
  consistent: boolean;
}

export interface CreditLineExplanation {
  kind: 'credit';
  transferId: bigint;
  seq: number;
  /** Outage minutes this line added, and the day's minutes through it. */
  minutes: number;
  cumulativeMinutes: number;
  /** The day's fee (usage lines of the service) the credit is a share of. */
  feeNetFen: bigint;
  feeTaxFen: bigint;
  /** fee × minutes / 1440, exact fen, for the day through this line. */
  exactNetFen: string;
  exactTaxFen: string;
  cumulativeNetFen: bigint;
  cumulativeTaxFen: bigint;
  /** Stored (negative: money back) amounts of this line. */
  netFen: bigint;
  taxFen: bigint;
  grossFen: bigint;
  taxRate: string;
  consistent: boolean;
}

export interface DayIncident {
  id: string;
  startedAt: Date;
  endedAt: Date;
}

export interface ServiceDayDetail {
  serviceId: string;
  lines: (UsageLineExplanation | CreditLineExplanation)[];
  feeNetFen: bigint;
  feeTaxFen: bigint;
  /** Incidents of the service that hit this account during the day, and their union in minutes. */
  incidents: DayIncident[];
  outageMinutes: number;
  totalGrossFen: bigint;
}

/** One part of an overdue penalty: the penalty's share at one tax rate and the VAT it contains. */
export interface PenaltyPartExplanation {
  taxKind: TaxKind;
  taxRate: string;
  /** Service arrears at this rate (the proportion's weight). */
  arrearsFen: bigint;
  grossFen: bigint;
  /** gross × rate / (1 + rate), exact fen, before rounding half up. */
  exactTaxFen: string;
  taxFen: bigint;
  netFen: bigint;
}

/** An overdue penalty that fell due on this day (DESIGN: VAT-inclusive, divided among the tax rates of its arrears). */
export interface DayPenalty {
  periodIndex: number;
  periodEnd: Date;
  baseFen: bigint;
  rate: string;
  amountFen: bigint;
  parts: PenaltyPartExplanation[];
  netFen: bigint;
  taxFen: bigint;
}

export interface DayDetail {
  day: string;
  services: ServiceDayDetail[];
  /** Service lines only (penalties are listed apart, with their own amounts). */
  totalGrossFen: bigint;
  penalties: DayPenalty[];
}

interface PenaltyPartRow extends Record<string, unknown> {
  penalty_id: unknown;
  period_index: number;
  period_end: unknown;
  base: unknown;
  rate: string;
  amount: unknown;
  tax_kind: TaxKind;
  tax_rate: string;
  arrears: unknown;
  net: unknown;
  tax: unknown;
  gross: unknown;
}

/** The penalties whose parts are dated this service day, with each part's VAT computation. */
export async function loadDayPenalties(db: Db, input: { accountId: string; day: string }): Promise<DayPenalty[]> {
  const rows = await queryRows<PenaltyPartRow>(
    db,
    sql`select p.id::text as penalty_id, p.period_index, ${epochMs(sql`p.period_end`)} as period_end, p.arrears_fen::text as base,
               p.rate::text as rate, p.amount_fen::text as amount, pp.tax_kind, pp.tax_rate::text as tax_rate,
               pp.arrears_fen::text as arrears, pp.net_fen::text as net, pp.tax_fen::text as tax, pp.gross_fen::text as gross
        from penalty_parts pp join penalties p on p.id = pp.penalty_id
        where pp.account_id = ${input.accountId} and pp.service_day = ${input.day}::date
        order by p.period_end, p.id, pp.tax_rate, pp.tax_kind`,
  );
  const byPenalty = new Map<string, DayPenalty>();
  for (const r of rows) {
    const key = String(r.penalty_id);
    let penalty = byPenalty.get(key);
    if (!penalty) {
      penalty = {
        periodIndex: Number(r.period_index),
        periodEnd: fromEpochMs(r.period_end) as Date,
        baseFen: toBigint(r.base),
        rate: trim(r.rate),
        amountFen: toBigint(r.amount),
        parts: [],
        netFen: 0n,
        taxFen: 0n,
      };
      byPenalty.set(key, penalty);
    }
    const rate = new MoneyDecimal(r.tax_rate);
    const grossFen = toBigint(r.gross);
    const part: PenaltyPartExplanation = {
      taxKind: r.tax_kind,
      taxRate: trim(r.tax_rate),
      arrearsFen: toBigint(r.arrears),
      grossFen,
      exactTaxFen: trim(new MoneyDecimal(grossFen.toString()).times(rate).dividedBy(rate.plus(1)).toDecimalPlaces(8, MoneyDecimal.ROUND_DOWN).toFixed()),
      taxFen: toBigint(r.tax),
      netFen: toBigint(r.net),
    };
    penalty.parts.push(part);
    penalty.netFen += part.netFen;
    penalty.taxFen += part.taxFen;
  }
  return [...byPenalty.values()];
}

interface LineRow extends Record<string, unknown> {
  transfer_id: unknown;
  service_id: string;
  kind: ChargeLineKind;
  seq: number;
  quantity: string;
  unit: string;
  unit_price: string | null;
  net: unknown;
  tax_kind: TaxKind;
  tax_rate: string;
  tax: unknown;
  gross: unknown;
}

const trim = (value: string) => (value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value);

/** The charge lines of one account's service day with their computation; null when the day has none. */
export async function loadDayDetail(db: Db, input: { accountId: string; day: string; timeZone: string }): Promise<DayDetail | null> {
  const lines = await queryRows<LineRow>(
    db,
    sql`select l.transfer_id::text as transfer_id, l.service_id, l.kind, l.seq, l.quantity::text as quantity, l.unit,
               l.unit_price::text as unit_price, l.net_fen::text as net, l.tax_kind, l.tax_rate::text as tax_rate,
               l.tax_fen::text as tax, l.gross_fen::text as gross
        from charge_lines l
        left join services s on s.id = l.service_id
        where l.account_id = ${input.accountId} and l.service_day = ${input.day}::date
        order by coalesce(s.sort_order, 0), l.service_id, case when l.kind = 'sla_credit' then 1 else 0 end, l.seq`,
  );
  const penalties = await loadDayPenalties(db, input);
  if (lines.length === 0 && penalties.length === 0) return null;
  const start = dayStart(input.day, input.timeZone);
  const end = dayEnd(input.day, input.timeZone);
  const incidentRows = await queryRows<{ id: string; service_id: string; started: unknown; ended: unknown }>(
    db,
    sql`select id, service_id, ${epochMs(sql`started_at`)} as started, ${epochMs(sql`ended_at`)} as ended
        from incidents
        where started_at < ${end.toISOString()}::timestamptz and ended_at > ${start.toISOString()}::timestamptz
          and (account_ids is null or ${input.accountId} = any(account_ids))
        order by started_at, id`,
  );

  const services: ServiceDayDetail[] = [];
  for (const serviceId of [...new Set(lines.map((l) => l.service_id))]) {
    const own = lines.filter((l) => l.service_id === serviceId);
    const usage = own.filter((l) => l.kind !== 'sla_credit');
    const credits = own.filter((l) => l.kind === 'sla_credit');
    const feeNetFen = usage.reduce((sum, l) => sum + toBigint(l.net), 0n);
    const feeTaxFen = usage.reduce((sum, l) => sum + toBigint(l.tax), 0n);
    const incidents = incidentRows
      .filter((i) => i.service_id === serviceId)
      .map((i) => ({ id: i.id, startedAt: fromEpochMs(i.started) as Date, endedAt: fromEpochMs(i.ended) as Date }));
    const outageMinutes = outageMinutesInDay(
      incidents.map((i) => ({ start: i.startedAt.getTime(), end: i.endedAt.getTime() })),
      start.getTime(),
      end.getTime(),
    );

    const explained: (UsageLineExplanation | CreditLineExplanation)[] = [];
    let quantity = new MoneyDecimal(0);
    let netBefore = 0n;
    let taxBefore = 0n;
    for (const l of usage) {
      quantity = quantity.plus(l.quantity);
      const price = l.unit_price ?? '0';
      const { exactNet, netFen: cumulativeNetFen, exactTaxFen, taxFen: cumulativeTaxFen } = rateQuantity(quantity, price, l.tax_rate);
      const netFen = toBigint(l.net);
      const taxFen = toBigint(l.tax);
      explained.push({
        kind: 'usage',
        transferId: toBigint(l.transfer_id),
        seq: l.seq,
        quantity: trim(l.quantity),
        cumulativeQuantity: trim(quantity.toFixed()),
        unit: l.unit,
        unitPrice: trim(price),
        exactNet: trim(exactNet.toFixed()),
        cumulativeNetFen,
        taxKind: l.tax_kind,
        taxRate: trim(l.tax_rate),
        exactTaxFen: trim(exactTaxFen.toFixed()),
        cumulativeTaxFen,
        netFen,
        taxFen,
        grossFen: toBigint(l.gross),
        consistent: cumulativeNetFen - netBefore === netFen && cumulativeTaxFen - taxBefore === taxFen,
      });
      netBefore = cumulativeNetFen;
      taxBefore = cumulativeTaxFen;
    }

    let minutes = 0;
    let creditedNet = 0n;
    let creditedTax = 0n;
    for (const l of credits) {
      const added = Number(l.quantity);
      minutes += added;
      const target = outageCredit({ netFen: feeNetFen, taxFen: feeTaxFen }, minutes);
      const netFen = toBigint(l.net);
      const taxFen = toBigint(l.tax);
      explained.push({
        kind: 'credit',
        transferId: toBigint(l.transfer_id),
        seq: l.seq,
        minutes: added,
        cumulativeMinutes: minutes,
        feeNetFen,
        feeTaxFen,
        exactNetFen: trim(new MoneyDecimal(feeNetFen.toString()).times(minutes).dividedBy(MINUTES_PER_DAY).toFixed()),
        exactTaxFen: trim(new MoneyDecimal(feeTaxFen.toString()).times(minutes).dividedBy(MINUTES_PER_DAY).toFixed()),
        cumulativeNetFen: target.netFen,
        cumulativeTaxFen: target.taxFen,
        netFen,
        taxFen,
        grossFen: toBigint(l.gross),
        taxRate: trim(l.tax_rate),
        // Credits are stored as negative amounts: money back to the wallet.
        consistent: -netFen === target.netFen - creditedNet && -taxFen === target.taxFen - creditedTax,
      });
      creditedNet -= netFen;
      creditedTax -= taxFen;
    }
    services.push({
      serviceId,
      lines: explained,
      feeNetFen,
      feeTaxFen,
      incidents,
      outageMinutes,
      totalGrossFen: own.reduce((sum, l) => sum + toBigint(l.gross), 0n),
    });
  }
  return { day: input.day, services, totalGrossFen: services.reduce((sum, s) => sum + s.totalGrossFen, 0n), penalties };
}
