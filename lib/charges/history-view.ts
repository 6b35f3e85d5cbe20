import { fenToDecimalString } from '@/lib/money';
import type { ChargeLineKind, TaxKind, TransferKind } from '@/lib/db/schema';
import { encodeHistoryCursor } from './history-cursor';
import type { HistoryType } from './history-filter';
import type { WalletHistoryPage, WalletMovement } from './wallet-history';

/**
 * A wallet movement as JSON (the history route and the props of the client list): amounts are
 * decimal strings in yuan, instants ISO-8601, ids strings.
 */
export interface MovementView {
  id: string;
  type: HistoryType;
  kind: TransferKind;
  postedAt: string;
  amount: string;
  balanceAfter: string;
  reference: string | null;
  line: {
    service: string;
    day: string;
    kind: ChargeLineKind;
    seq: number;
    quantity: string;
    unit: string;
    unitPrice: string | null;
    net: string;
    taxKind: TaxKind;
    taxRate: string;
    tax: string;
    gross: string;
  } | null;
  penalty: {
    periodIndex: number;
    periodStart: string;
    periodEnd: string;
    base: string;
    rate: string;
    amount: string;
    /** The VAT-inclusive amount split: net and VAT in total and per tax rate. */
    net: string;
    tax: string;
    parts: { taxKind: TaxKind; taxRate: string; net: string; tax: string; gross: string }[];
    /** The day whose detail explains the VAT. */
    day: string | null;
  } | null;
  incidents: string[];
  /** An adjustment granted on a question about a charge: who asked for it and who approved it. */
  adjustment: { caseId: string; caseNumber: string; requestedBy: string; approvedBy: string } | null;
}

export interface HistoryPageView {
  entries: MovementView[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** "0.060000" → "0.06"; "0.003000" → "0.003". */
export function trimDecimal(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}

export function movementView(m: WalletMovement): MovementView {
  return {
    id: m.transferId.toString(),
    type: m.type,
    kind: m.kind,
    postedAt: m.effectiveAt.toISOString(),
    amount: fenToDecimalString(m.amountFen),
    balanceAfter: fenToDecimalString(m.balanceAfterFen),
    reference: m.reference,
    line: m.line
      ? {
          service: m.line.serviceId,
          day: m.line.serviceDay,
          kind: m.line.kind,
          seq: m.line.seq,
          quantity: trimDecimal(m.line.quantity),
          unit: m.line.unit,
          unitPrice: m.line.unitPrice === null ? null : trimDecimal(m.line.unitPrice),
          net: fenToDecimalString(m.line.netFen),
          taxKind: m.line.taxKind,
          taxRate: trimDecimal(m.line.taxRate),
          tax: fenToDecimalString(m.line.taxFen),
          gross: fenToDecimalString(m.line.grossFen),
        }
      : null,
    penalty: m.penalty
      ? {
          periodIndex: m.penalty.periodIndex,
          periodStart: m.penalty.periodStart.toISOString(),
          periodEnd: m.penalty.periodEnd.toISOString(),
          base: fenToDecimalString(m.penalty.baseFen),
          rate: trimDecimal(m.penalty.rate),
          amount: fenToDecimalString(m.penalty.amountFen),
          net: fenToDecimalString(m.penalty.netFen),
          tax: fenToDecimalString(m.penalty.taxFen),
          day: m.penalty.serviceDay,
          parts: m.penalty.parts.map((p) => ({
            taxKind: p.taxKind,
            taxRate: trimDecimal(p.taxRate),
            net: fenToDecimalString(p.netFen),
            tax: fenToDecimalString(p.taxFen),
            gross: fenToDecimalString(p.grossFen),
          })),
        }
      : null,
    incidents: m.incidents,
    adjustment: m.adjustment
      ? { caseId: m.adjustment.caseId, caseNumber: m.adjustment.caseNumber.toString(), requestedBy: m.adjustment.requestedByName, approvedBy: m.adjustment.approvedByName }
      : null,
  };
}

export function historyPageView(page: WalletHistoryPage): HistoryPageView {
  return { entries: page.movements.map(movementView), nextCursor: page.next ? encodeHistoryCursor(page.next) : null };
}
