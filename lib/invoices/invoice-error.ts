import { DomainError, type ErrorParams } from '@/lib/errors';
import type { InvoiceStatus } from './vocabulary';

/** A customer's invoice request refused (message `invoices.errors.<code>`). */
export type InvoiceRequestErrorCode =
  | 'invalid_range'
  | 'nothing_to_invoice'
  | 'not_positive'
  | 'title_not_found'
  | 'special_needs_complete_title'
  | 'amount_changed'
  /** Another request took some of the charges at the same moment. */
  | 'charges_taken';

/** A finance decision on an invoice refused (message `finance.errors.<code>`). */
export type InvoiceDecisionErrorCode = 'not_found' | 'not_requested' | 'not_issued' | 'reason_required';

export type InvoiceErrorCode = InvoiceRequestErrorCode | InvoiceDecisionErrorCode;

const DECISION_CODES: readonly string[] = ['not_found', 'not_requested', 'not_issued', 'reason_required'] satisfies InvoiceDecisionErrorCode[];

/**
 * An invoice rule said no (DESIGN.md "Invoices"). Routes answer it with 422 (`not_found`: 404).
 * A decision refused because of the invoice's status names it (`invoiceStatus`, also the `status`
 * param of the message): the finance actions put it in the viewer's language (lib/invoices/actions.ts).
 */
export class InvoiceError extends DomainError<InvoiceErrorCode> {
  readonly invoiceStatus: InvoiceStatus | null;

  constructor(code: InvoiceErrorCode, options: { field?: string; params?: ErrorParams; invoiceStatus?: InvoiceStatus } = {}) {
    super(code, code, {
      field: options.field,
      messageKey: `${DECISION_CODES.includes(code) ? 'finance' : 'invoices'}.errors.${code}`,
      params: { ...(options.invoiceStatus ? { status: options.invoiceStatus } : {}), ...options.params },
      status: code === 'not_found' ? 404 : 422,
    });
    this.name = 'InvoiceError';
    this.invoiceStatus = options.invoiceStatus ?? null;
  }
}
