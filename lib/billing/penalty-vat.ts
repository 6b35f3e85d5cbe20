import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import type { TaxKind } from '@/lib/db/schema';
import { queryRows, toBigint } from '@/lib/db/sql-rows';
import { MoneyDecimal, roundHalfUp } from '@/lib/money';

/**
 * The VAT of an overdue penalty (DESIGN "Suspension and overdue penalty"). The penalty is 价外费用,
 * taxed with the service (营改增试点实施办法 art. 37), and its amount is VAT-inclusive:
 *
 * 1. Which rates: the outstanding service arrears the penalty was computed on are the newest service
 *    charges not yet paid (a top-up pays the oldest first), so they are attributed to the account's
 *    charge lines (usage and late usage, positive amounts) newest posted first until the arrears are
 *    covered; the last line counts only for what is still uncovered. Summed per (tax kind, rate).
 * 2. Parts: the penalty is divided in proportion to those arrears by the largest-remainder method:
 *    each rate gets ⌊penalty × arrears / total⌋ fen, and the fen left over go one each to the rates
 *    with the largest remainders. Ties are broken deterministically: larger arrears first, then the
 *    higher rate, then tax kind (`business_tax` before `vat`). The parts add up to the penalty.
 * 3. Each part's VAT = part × rate / (1 + rate), rounded half up once (lib/money); net = part − VAT.
 *
 * Arrears no charge line explains (an operator adjustment) are left out of the proportion; when no
 * charge line explains any of them the penalty is one part without tax (rate 0).
 *
 * Step 1 exists twice: `attributeArrears` (the rule, over lines newest first) and `arrearsByRateSql`
 * (the same rule set-based, over the account's lines in the database); `penalty-vat.test.ts` checks
 * that they agree.
 */

export interface ArrearsAtRate {
  taxKind: TaxKind;
  /** Normalized decimal string, e.g. "0.06". */
  taxRate: string;
  arrearsFen: bigint;
}

export interface PenaltyPart extends ArrearsAtRate {
  /** This rate's share of the penalty (VAT included). */
  grossFen: bigint;
  taxFen: bigint;
  netFen: bigint;
}

/** A service charge line as the attribution sees it (newest first). */
export interface ArrearsLine {
  taxKind: TaxKind;
  taxRate: string;
  grossFen: bigint;
}

const normalizeRate = (rate: string) => new MoneyDecimal(rate).toFixed();

/** Step 1, the rule: the service arrears per (tax kind, rate), from the lines newest first. */
export function attributeArrears(linesNewestFirst: Iterable<ArrearsLine>, serviceArrearsFen: bigint): ArrearsAtRate[] {
  const byRate = new Map<string, ArrearsAtRate>();
  let remaining = serviceArrearsFen;
  for (const line of linesNewestFirst) {
    if (remaining <= 0n) break;
    if (line.grossFen <= 0n) continue;
    const taken = line.grossFen < remaining ? line.grossFen : remaining;
    remaining -= taken;
    const taxRate = normalizeRate(line.taxRate);
    const key = `${line.taxKind}:${taxRate}`;
    const entry = byRate.get(key) ?? { taxKind: line.taxKind, taxRate, arrearsFen: 0n };
    entry.arrearsFen += taken;
    byRate.set(key, entry);
  }
  return sortArrears([...byRate.values()]);
}

/** Stable presentation order: by rate, then tax kind. */
function sortArrears<T extends ArrearsAtRate>(rows: T[]): T[] {
  return rows.sort((a, b) => new MoneyDecimal(a.taxRate).comparedTo(b.taxRate) || (a.taxKind < b.taxKind ? -1 : a.taxKind > b.taxKind ? 1 : 0));
}

/** Step 1, set-based: the same attribution over the account's stored charge lines. */
export async function arrearsByRateSql(db: Db, accountId: string, serviceArrearsFen: bigint): Promise<ArrearsAtRate[]> {
  if (serviceArrearsFen <= 0n) return [];
  const rows = await queryRows<{ tax_kind: TaxKind; tax_rate: string; arrears: unknown }>(
    db,
    sql`select tax_kind, tax_rate::text as tax_rate, sum(least(gross_fen, ${serviceArrearsFen}::bigint - covered_before))::text as arrears
        from (
          select tax_kind, tax_rate, gross_fen,
                 coalesce(sum(gross_fen) over (order by id desc rows between unbounded preceding and 1 preceding), 0) as covered_before
          from charge_lines
          where account_id = ${accountId} and kind in ('usage', 'late_usage') and gross_fen > 0
        ) newest_first
        where covered_before < ${serviceArrearsFen}::bigint
        group by tax_kind, tax_rate`,
  );
  return sortArrears(rows.map((r) => ({ taxKind: r.tax_kind, taxRate: normalizeRate(r.tax_rate), arrearsFen: toBigint(r.arrears) })));
}

/** Step 3: the VAT contained in a VAT-inclusive amount, part × rate / (1 + rate), half up once. */
export function vatIncluded(grossFen: bigint, rate: string): bigint {
  const r = new MoneyDecimal(rate);
  return roundHalfUp(new MoneyDecimal(grossFen.toString()).times(r).dividedBy(r.plus(1)));
}

function compareTies(a: ArrearsAtRate, b: ArrearsAtRate): number {
  if (a.arrearsFen !== b.arrearsFen) return a.arrearsFen > b.arrearsFen ? -1 : 1;
  const byRate = new MoneyDecimal(b.taxRate).comparedTo(a.taxRate);
  if (byRate !== 0) return byRate;
  return a.taxKind < b.taxKind ? -1 : a.taxKind > b.taxKind ? 1 : 0;
}

/** Steps 2 and 3: the penalty's parts per rate, with their VAT. */
export function splitPenalty(penaltyFen: bigint, arrears: ArrearsAtRate[]): PenaltyPart[] {
  if (penaltyFen <= 0n) return [];
  const weights = arrears.filter((a) => a.arrearsFen > 0n);
  const total = weights.reduce((sum, a) => sum + a.arrearsFen, 0n);
  if (total === 0n) return [{ taxKind: 'vat', taxRate: '0', arrearsFen: 0n, grossFen: penaltyFen, taxFen: 0n, netFen: penaltyFen }];
  const shares = weights.map((a) => ({ ...a, grossFen: (penaltyFen * a.arrearsFen) / total, remainder: (penaltyFen * a.arrearsFen) % total }));
  let left = penaltyFen - shares.reduce((sum, s) => sum + s.grossFen, 0n);
  const byRemainder = [...shares].sort((a, b) => (a.remainder !== b.remainder ? (a.remainder > b.remainder ? -1 : 1) : compareTies(a, b)));
  for (const share of byRemainder) {
    if (left === 0n) break;
    share.grossFen += 1n;
    left -= 1n;
  }
  return sortArrears(
    shares
      .filter((s) => s.grossFen > 0n)
      .map(({ taxKind, taxRate, arrearsFen, grossFen }) => {
        const taxFen = vatIncluded(grossFen, taxRate);
        return { taxKind, taxRate, arrearsFen, grossFen, taxFen, netFen: grossFen - taxFen };
      }),
  );
}

/** A penalty's parts summed: what the ledger posts to penalty income and each tax payable account. */
export function penaltyTotals(parts: PenaltyPart[]): { netFen: bigint; vatFen: bigint; businessTaxFen: bigint } {
  let netFen = 0n;
  let vatFen = 0n;
  let businessTaxFen = 0n;
  for (const p of parts) {
    netFen += p.netFen;
    if (p.taxKind === 'vat') vatFen += p.taxFen;
    else businessTaxFen += p.taxFen;
  }
  return { netFen, vatFen, businessTaxFen };
}
