import { formatCny } from '@/lib/money';
import { taxRatePercent, type InvoiceDocument } from './invoice-document';

/** An invoice document as text for a page (amounts formatted for the viewer's language). */
export interface InvoiceDocumentView {
  lines: { key: string; service: string; rate: string; net: string; tax: string; gross: string }[];
  /** Only when the invoice has more than one rate. */
  subtotals: { key: string; rate: string; net: string; tax: string; gross: string }[];
  total: { net: string; tax: string; gross: string };
  inWords: string;
}

export function invoiceDocumentView(document: InvoiceDocument, locale: string): InvoiceDocumentView {
  const money = (a: { net: bigint; tax: bigint; gross: bigint }) => ({ net: formatCny(a.net, locale), tax: formatCny(a.tax, locale), gross: formatCny(a.gross, locale) });
  return {
    lines: document.lines.map((line) => ({ key: `${line.service}|${line.taxRate}`, service: line.service, rate: taxRatePercent(line.taxRate), ...money(line) })),
    subtotals: document.totalsByRate.length > 1 ? document.totalsByRate.map((total) => ({ key: total.taxRate, rate: taxRatePercent(total.taxRate), ...money(total) })) : [],
    total: money(document.total),
    inWords: document.totalInCapitals,
  };
}
