import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import type { ChargeLineKind, TaxKind, TransferKind } from '@/lib/db/schema';
import { walletLedgerAccountId } from '@/lib/ledger/ledger-accounts';
import { epochMs, fromEpochMs, queryRows, toBigint } from '@/lib/db/sql-rows';
import { endOfDateIn, startOfDateIn } from '@/lib/time/zoned-date';
import { keysetPages } from '@/lib/db/keyset';
import type { HistoryCursor } from './history-cursor';
import { historyTypeOf, transferKindsOf, type HistoryFilter, type HistoryType } from './history-filter';

/** The charge line behind a daily charge, a supplementary (late usage) charge or an outage credit. */
export interface MovementLine {
  serviceId: string;
  serviceDay: string;
  kind: ChargeLineKind;
  seq: number;
  /** Units billed, or outage minutes added (credit lines). Exact decimal string. */
  quantity: string;
  unit: string;
  /** Yuan per unit; null on credit lines. */
  unitPrice: string | null;
  netFen: bigint;
  taxKind: TaxKind;
  taxRate: string;
  taxFen: bigint;
  grossFen: bigint;
}

export interface MovementPenalty {
  periodIndex: number;
  periodStart: Date;
  periodEnd: Date;
  /** Outstanding service-charge arrears the penalty was computed on. */
  baseFen: bigint;
  rate: string;
  amountFen: bigint;
  /** The VAT-inclusive penalty divided among the tax rates of its arrears (DESIGN): net + VAT per rate. */
  parts: { taxKind: TaxKind; taxRate: string; netFen: bigint; taxFen: bigint; grossFen: bigint }[];
  netFen: bigint;
  taxFen: bigint;
  /** The billing-time-zone day it fell due (its day detail explains the VAT); null before penalties carried VAT. */
  serviceDay: string | null;
}

/** One movement of a customer's wallet (one ledger transfer, seen from the wallet). */
export interface WalletMovement {
  transferId: bigint;
  kind: TransferKind;
  type: HistoryType;
  effectiveAt: Date;
  /** Change of the balance: negative for charges and penalties. */
  amountFen: bigint;
  /** The balance right after this movement was posted. */
  balanceAfterFen: bigint;
  reference: string | null;
  line: MovementLine | null;
  penalty: MovementPenalty | null;
  /** Outage credits: the incidents behind the day's unavailable minutes. */
  incidents: string[];
  /** An adjustment granted on a question about a charge: the question and both names. */
  adjustment: MovementAdjustment | null;
  cursor: HistoryCursor;
}

export interface MovementAdjustment {
  caseId: string;
  caseNumber: bigint;
  requestedByName: string;
  approvedByName: string;
}

export interface WalletHistoryQuery {
  accountId: string;
  filter: HistoryFilter;
  /** Rows strictly older than this position (keyset paging); null: from the newest. */
  after: HistoryCursor | null;
  limit: number;
  timeZone: string;
}

export interface WalletHistoryPage {
  movements: WalletMovement[];
  /** Position after the last row, when more rows exist. */
  next: HistoryCursor | null;
}

interface Row extends Record<string, unknown> {
  id: unknown;
  kind: TransferKind;
  at: string;
  at_ms: unknown;
  amount: unknown;
  balance_after: unknown;
  reference: string | null;
  service_id: string | null;
  service_day: string | null;
  line_kind: ChargeLineKind | null;
  seq: number | null;
  quantity: string | null;
  unit: string | null;
  unit_price: string | null;
  net: unknown;
  tax_kind: TaxKind | null;
  tax_rate: string | null;
  tax: unknown;
  gross: unknown;
  period_index: number | null;
  period_start: unknown;
  period_end: unknown;
  base: unknown;
  rate: string | null;
  penalty_amount: unknown;
  penalty_parts: string | null;
  incidents: string | null;
  adj_case_id: string | null;
  adj_case_number: unknown;
  adj_requested_by: string | null;
  adj_approved_by: string | null;
}

export const MAX_HISTORY_PAGE = 500;
/** Rows per page of the history list. */
export const HISTORY_PAGE_SIZE = 50;

function conditions(q: WalletHistoryQuery): SQL[] {
  const where: SQL[] = [sql`t.customer_account_id = ${q.accountId}`];
  const { filter } = q;
  if (filter.type) {
    const kinds = transferKindsOf[filter.type];
    where.push(kinds.length === 1 ? sql`t.kind = ${kinds[0]}` : sql`t.kind in (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})`);
  }
  if (filter.from) where.push(sql`t.effective_at >= ${startOfDateIn(filter.from, q.timeZone).toISOString()}::timestamptz`);
  if (filter.to) where.push(sql`t.effective_at < ${endOfDateIn(filter.to, q.timeZone).toISOString()}::timestamptz`);
  if (filter.service) where.push(sql`l.service_id = ${filter.service}`);
  if (q.after) {
    const at = sql`${q.after.effectiveAt}::timestamptz`;
    // The first condition is the index range; the second breaks ties on the transfer id.
    where.push(sql`t.effective_at <= ${at}`, sql`(t.effective_at < ${at} or t.id < ${q.after.transferId.toString()}::bigint)`);
  }
  return where;
}

/**
 * A page of a customer's wallet movements, newest first in a stable order (posted instant, then
 * transfer id, both descending), with keyset paging: each page starts after the previous page's last
 * row, so a deep page costs what the first one does and rows posted meanwhile never shift a page.
 * Only the account's own transfers are read (the account id comes from the viewer).
 */
export async function listWalletMovements(db: Db, q: WalletHistoryQuery): Promise<WalletHistoryPage> {
  const limit = Math.max(1, Math.min(MAX_HISTORY_PAGE, Math.floor(q.limit)));
  const rows = await queryRows<Row>(
    db,
    sql`select t.id::text as id, t.kind,
               to_char(t.effective_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at,
               ${epochMs(sql`t.effective_at`)} as at_ms,
               p.amount_fen::text as amount, p.balance_after_fen::text as balance_after, t.reference,
               l.service_id, l.service_day::text as service_day, l.kind as line_kind, l.seq, l.quantity::text as quantity, l.unit,
               l.unit_price::text as unit_price, l.net_fen::text as net, l.tax_kind, l.tax_rate::text as tax_rate,
               l.tax_fen::text as tax, l.gross_fen::text as gross,
               pen.period_index, pen.period_start, pen.period_end, pen.base, pen.rate, pen.amount as penalty_amount, pen.parts as penalty_parts,
               inc.ids as incidents,
               adj.case_id as adj_case_id, sc.number::text as adj_case_number, adj.requested_by_name as adj_requested_by, adj.decided_by_name as adj_approved_by
        from ledger_transfers t
        join ledger_postings p on p.transfer_id = t.id and p.ledger_account_id = ${walletLedgerAccountId(q.accountId)}
        left join charge_lines l on l.transfer_id = t.id
        left join lateral (
          select x.period_index, ${epochMs(sql`x.period_start`)} as period_start, ${epochMs(sql`x.period_end`)} as period_end,
                 x.arrears_fen::text as base, x.rate::text as rate, x.amount_fen::text as amount,
                 (select json_agg(json_build_object('taxKind', pp.tax_kind, 'taxRate', pp.tax_rate::text, 'net', pp.net_fen::text,
                                                    'tax', pp.tax_fen::text, 'gross', pp.gross_fen::text, 'day', pp.service_day::text) order by pp.tax_rate, pp.tax_kind)::text
                    from penalty_parts pp where pp.penalty_id = x.id) as parts
          from penalties x
          where t.kind = 'penalty' and x.account_id = t.customer_account_id and x.transfer_id = t.id
        ) pen on true
        left join lateral (
          select json_agg(i.id order by i.started_at, i.id)::text as ids
          from incidents i
          where l.kind = 'sla_credit' and i.service_id = l.service_id
            and i.started_at < ((l.service_day + 1)::timestamp at time zone ${q.timeZone})
            and i.ended_at > (l.service_day::timestamp at time zone ${q.timeZone})
            and (i.account_ids is null or t.customer_account_id = any(i.account_ids))
        ) inc on true
        left join support_case_adjustments adj on t.kind = 'adjustment' and adj.transfer_id = t.id and adj.status = 'approved'
        left join support_cases sc on sc.id = adj.case_id
        where ${sql.join(conditions(q), sql` and `)}
        order by t.effective_at desc, t.id desc
        limit ${limit + 1}`,
  );
  const movements = rows.slice(0, limit).map(toMovement);
  return { movements, next: rows.length > limit ? movements[movements.length - 1].cursor : null };
}

function toMovement(r: Row): WalletMovement {
  const transferId = toBigint(r.id);
  return {
    transferId,
    kind: r.kind,
    type: historyTypeOf(r.kind),
    effectiveAt: fromEpochMs(r.at_ms) as Date,
    amountFen: toBigint(r.amount),
    balanceAfterFen: toBigint(r.balance_after),
    reference: r.reference,
    line:
      r.service_id && r.service_day && r.line_kind && r.tax_kind
        ? {
            serviceId: r.service_id,
            serviceDay: r.service_day,
            kind: r.line_kind,
            seq: Number(r.seq),
            quantity: r.quantity ?? '0',
            unit: r.unit ?? '',
            unitPrice: r.unit_price,
            netFen: toBigint(r.net),
            taxKind: r.tax_kind,
            taxRate: r.tax_rate ?? '0',
            taxFen: toBigint(r.tax),
            grossFen: toBigint(r.gross),
          }
        : null,
    penalty:
      r.period_index !== null && r.period_index !== undefined
        ? {
            periodIndex: Number(r.period_index),
            periodStart: fromEpochMs(r.period_start) as Date,
            periodEnd: fromEpochMs(r.period_end) as Date,
            baseFen: toBigint(r.base),
            rate: r.rate ?? '0',
            amountFen: toBigint(r.penalty_amount),
            ...penaltyPartsOf(r.penalty_parts, toBigint(r.penalty_amount)),
          }
        : null,
    incidents: r.incidents ? (JSON.parse(r.incidents) as string[]) : [],
    adjustment:
      r.adj_case_id && r.adj_requested_by && r.adj_approved_by
        ? { caseId: r.adj_case_id, caseNumber: toBigint(r.adj_case_number), requestedByName: r.adj_requested_by, approvedByName: r.adj_approved_by }
        : null,
    cursor: { effectiveAt: r.at, transferId },
  };
}

interface StoredPart {
  taxKind: TaxKind;
  taxRate: string;
  net: string;
  tax: string;
  gross: string;
  day: string;
}

/** A penalty's parts; a penalty recorded before penalties carried VAT is all net. */
function penaltyPartsOf(json: string | null, amountFen: bigint): Pick<MovementPenalty, 'parts' | 'netFen' | 'taxFen' | 'serviceDay'> {
  const stored = json ? (JSON.parse(json) as StoredPart[]) : [];
  const parts = stored.map((p) => ({
    taxKind: p.taxKind,
    taxRate: trimRate(p.taxRate),
    netFen: BigInt(p.net),
    taxFen: BigInt(p.tax),
    grossFen: BigInt(p.gross),
  }));
  if (parts.length === 0) return { parts, netFen: amountFen, taxFen: 0n, serviceDay: null };
  return {
    parts,
    netFen: parts.reduce((sum, p) => sum + p.netFen, 0n),
    taxFen: parts.reduce((sum, p) => sum + p.taxFen, 0n),
    serviceDay: stored[0].day,
  };
}

const trimRate = (value: string) => (value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value);

/**
 * Every movement the filter selects, oldest page last, fetched in keyset batches: for exports that
 * must hold only one batch in memory however long the history is.
 */
export function walletMovementBatches(db: Db, q: Omit<WalletHistoryQuery, 'after' | 'limit'>, batchSize = MAX_HISTORY_PAGE): AsyncGenerator<WalletMovement[]> {
  // A page holds at most MAX_HISTORY_PAGE movements: a larger batch would look like the last page.
  const limit = Math.min(batchSize, MAX_HISTORY_PAGE);
  return keysetPages(
    limit,
    async (after: HistoryCursor | null) => (await listWalletMovements(db, { ...q, after, limit })).movements,
    (last) => last.cursor,
  );
}
