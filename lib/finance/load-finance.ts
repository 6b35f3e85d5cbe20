import type { Db } from '@/lib/db/client';
import { financeFilterQuery } from '@/lib/invoices/finance-filter';
import { countFinancePdfs, listFinanceInvoices, type FinanceInvoiceFilter, type InvoiceSummary } from '@/lib/invoices/invoice-queries';
import { fenToDecimalString } from '@/lib/money';
import { listPaymentReversals, type PaymentReversalRow } from '@/lib/payments/apply-payment-reversal';
import { listPendingAdjustments, type PendingAdjustment } from '@/lib/support-cases/queries';

/** How many invoices the finance queue lists. */
export const FINANCE_QUEUE_LIMIT = 200;

/** An adjustment waiting for finance's approval, as the queue shows it (money as yuan decimal strings). */
export interface PendingAdjustmentView {
  id: string;
  caseNumber: string;
  accountId: string;
  accountName: string;
  amount: string;
  disputed: string;
  reason: string;
  requestedByName: string;
  requestedAt: string;
}

/** Everything the finance page shows for a filter of the invoice queue. */
export interface FinancePageView {
  invoices: InvoiceSummary[];
  /** The PDFs the ZIP download of the filter would hold. */
  pdfs: { files: number; bytes: number };
  /** The filter as a query string, for the ZIP download. */
  query: string;
  /** The filter's dates as a query string, for the accounting CSV ('' when none is set). */
  csvQuery: string;
  adjustments: PendingAdjustmentView[];
  reversals: PaymentReversalRow[];
}

export function pendingAdjustmentView(a: PendingAdjustment): PendingAdjustmentView {
  return {
    id: a.id,
    caseNumber: a.caseNumber.toString(),
    accountId: a.accountId,
    accountName: a.accountName,
    amount: fenToDecimalString(a.amountFen),
    disputed: fenToDecimalString(a.disputedFen),
    reason: a.reason,
    requestedByName: a.requestedByName,
    requestedAt: a.requestedAt.toISOString(),
  };
}

/** The finance page: the invoice queue the filter selects, its downloads, the adjustments to approve and the payment reversals. */
export async function loadFinancePage(db: Db, input: { filter: FinanceInvoiceFilter }): Promise<FinancePageView> {
  const { filter } = input;
  const [invoices, pdfs, reversals, adjustments] = await Promise.all([
    listFinanceInvoices(db, filter, FINANCE_QUEUE_LIMIT),
    countFinancePdfs(db, filter),
    listPaymentReversals(db),
    listPendingAdjustments(db),
  ]);
  return {
    invoices,
    pdfs,
    query: financeFilterQuery(filter),
    csvQuery: new URLSearchParams({ ...(filter.from ? { from: filter.from } : {}), ...(filter.to ? { to: filter.to } : {}) }).toString(),
    adjustments: adjustments.map(pendingAdjustmentView),
    reversals,
  };
}
