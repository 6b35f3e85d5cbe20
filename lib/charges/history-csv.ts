import type { Db } from '@/lib/db/client';
import { csvChunks, spreadsheetSafe as textCell } from '@/lib/http/csv';
import { webStreamOf } from '@/lib/http/web-stream';
import { fenToDecimalString } from '@/lib/money';
import { localPartsIn } from '@/lib/time/zoned-date';
import type { HistoryFilter } from './history-filter';
import { trimDecimal } from './history-view';
import { walletMovementBatches, type WalletMovement } from './wallet-history';

/**
 * The customer's CSV of the filtered history: one row per wallet movement, newest first, the same
 * rows the page lists. UTF-8 with a byte order mark (spreadsheets otherwise misread Chinese), CRLF
 * line ends, amounts as plain decimal strings in yuan. Streamed in keyset batches: memory stays flat
 * for any length, and a slow download slows the database reads (pull-based).
 */

export function historyCsvHeader(timeZone: string): string[] {
  return [
    `记账时间 Posted at (${timeZone})`,
    '类型 Type',
    '交易号 Transfer ID',
    '服务日 Service day',
    '服务 Service',
    '数量 Quantity',
    '单位 Unit',
    '单价 Unit price',
    '金额 Net',
    '税率 Tax rate',
    '税额 Tax',
    '价税合计 Gross',
    '余额变动 Amount',
    '变动后余额 Balance after',
    '滞纳期开始 Penalty period start',
    '滞纳期结束 Penalty period end',
    '滞纳金基数 Penalty base',
    '滞纳金费率 Penalty rate',
    '故障 Incidents',
    '参考 Reference',
  ];
}

const two = (n: number) => String(n).padStart(2, '0');

/** `2026-03-10 00:30:00`: the wall-clock time in the zone. */
export function localDateTime(instant: Date, timeZone: string): string {
  const p = localPartsIn(instant, timeZone);
  return `${String(p.year).padStart(4, '0')}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
}

export function historyCsvRecord(m: WalletMovement, timeZone: string): string[] {
  const line = m.line;
  const penalty = m.penalty;
  return [
    localDateTime(m.effectiveAt, timeZone),
    m.type,
    m.transferId.toString(),
    line?.serviceDay ?? '',
    textCell(line?.serviceId),
    line ? trimDecimal(line.quantity) : '',
    textCell(line?.unit),
    line?.unitPrice ? trimDecimal(line.unitPrice) : '',
    line ? fenToDecimalString(line.netFen) : penalty ? fenToDecimalString(penalty.netFen) : '',
    line ? trimDecimal(line.taxRate) : penalty ? penalty.parts.map((p) => trimDecimal(p.taxRate)).join(' ') : '',
    line ? fenToDecimalString(line.taxFen) : penalty ? fenToDecimalString(penalty.taxFen) : '',
    line ? fenToDecimalString(line.grossFen) : penalty ? fenToDecimalString(penalty.amountFen) : '',
    fenToDecimalString(m.amountFen),
    fenToDecimalString(m.balanceAfterFen),
    penalty ? localDateTime(penalty.periodStart, timeZone) : '',
    penalty ? localDateTime(penalty.periodEnd, timeZone) : '',
    penalty ? fenToDecimalString(penalty.baseFen) : '',
    penalty ? trimDecimal(penalty.rate) : '',
    textCell(m.incidents.join(' ')),
    textCell(m.reference),
  ];
}

/** The CSV's text, header first, then the movements in keyset batches (the route's download and the records archive). */
export async function* historyCsvChunks(db: Db, q: { accountId: string; filter: HistoryFilter; timeZone: string }, batchSize = 2_000): AsyncGenerator<string> {
  yield* csvChunks(historyCsvHeader(q.timeZone), batchesOf(walletMovementBatches(db, q, batchSize), q.timeZone));
}

async function* batchesOf(movements: AsyncIterable<WalletMovement[]>, timeZone: string): AsyncGenerator<string[][]> {
  for await (const batch of movements) yield batch.map((m) => historyCsvRecord(m, timeZone));
}

/** The CSV as a web stream for a route handler's Response. */
export function historyCsvStream(db: Db, q: { accountId: string; filter: HistoryFilter; timeZone: string }, batchSize = 2_000): ReadableStream<Uint8Array> {
  return webStreamOf(historyCsvChunks(db, q, batchSize));
}
