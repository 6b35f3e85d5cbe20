import type { StoredInvoiceDocument } from '@/lib/db/schema';
import type { InvoiceDocument } from './invoice-document';

/** An InvoiceDocument as kept in the `document` column: fen as decimal strings (JSON has no bigint). */
export function storeInvoiceDocument(document: InvoiceDocument): StoredInvoiceDocument {
  const amounts = (a: { net: bigint; tax: bigint; gross: bigint }) => ({ net: a.net.toString(), tax: a.tax.toString(), gross: a.gross.toString() });
  return {
    lines: document.lines.map((line) => ({ service: line.service, taxRate: line.taxRate, chargeCount: line.chargeCount, ...amounts(line) })),
    totalsByRate: document.totalsByRate.map((total) => ({ taxRate: total.taxRate, ...amounts(total) })),
    total: amounts(document.total),
    totalInCapitals: document.totalInCapitals,
  };
}

export function loadInvoiceDocument(stored: StoredInvoiceDocument): InvoiceDocument {
  const amounts = (a: { net: string; tax: string; gross: string }) => ({ net: BigInt(a.net), tax: BigInt(a.tax), gross: BigInt(a.gross) });
  return {
    lines: stored.lines.map((line) => ({ service: line.service, taxRate: line.taxRate, chargeCount: line.chargeCount, ...amounts(line) })),
    totalsByRate: stored.totalsByRate.map((total) => ({ taxRate: total.taxRate, ...amounts(total) })),
    total: amounts(stored.total),
    totalInCapitals: stored.totalInCapitals,
  };
}
