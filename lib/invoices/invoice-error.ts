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

/**
 * A change of the account's invoice titles refused (lib/invoices/titles.ts; messages under
 * `invoices.titles`). `invalid`: fields have problems; `check_character`: the only problem is a
 * taxpayer ID whose check character fails, a question the customer answers by confirming.
 */
export type InvoiceTitleErrorCode = 'invalid' | 'check_character' | 'not_found' | 'too_many';

export type InvoiceErrorCode = InvoiceRequestErrorCode | InvoiceDecisionErrorCode;

const DECISION_CODES: readonly string[] = ['not_found', 'not_requested', 'not_issued', 'reason_required'] satisfies InvoiceDecisionErrorCode[];

const TITLE_MESSAGE_KEYS: Record<InvoiceTitleErrorCode, string> = {
  invalid: 'invoices.titles.invalid',
  check_character: 'invoices.titles.problems.check_character',
  not_found: 'invoices.titles.errors.not_found',
  too_many: 'invoices.titles.errors.too_many',
};

interface InvoiceErrorOptions {
  field?: string;
  params?: ErrorParams;
  invoiceStatus?: InvoiceStatus;
}

/**
 * An invoice rule said no (DESIGN.md "Invoices"). Routes answer it with 422 (`not_found`: 404).
 * A decision refused because of the invoice's status names it (`invoiceStatus`, also the `status`
 * param of the message): the finance actions put it in the viewer's language (lib/invoices/actions.ts).
 * A refused title change (`{ title: true }`) carries its field problems as codes in `fieldErrors`
 * (`{ taxpayerId: 'check_character' }`, message `invoices.titles.problems.<problem>`): the title
 * actions put them in the viewer's language (lib/invoices/actions.ts).
 */
export class InvoiceError extends DomainError<InvoiceErrorCode | InvoiceTitleErrorCode> {
  readonly invoiceStatus: InvoiceStatus | null;
  /** The refusal is about an invoice title: its code is an `InvoiceTitleErrorCode`. */
  readonly aboutTitle: boolean;

  constructor(code: InvoiceErrorCode, options?: InvoiceErrorOptions);
  constructor(code: InvoiceTitleErrorCode, options: { title: true; fieldErrors?: Record<string, string> });
  constructor(code: InvoiceErrorCode | InvoiceTitleErrorCode, options: InvoiceErrorOptions & { title?: true; fieldErrors?: Record<string, string> } = {}) {
    const messageKey = options.title
      ? TITLE_MESSAGE_KEYS[code as InvoiceTitleErrorCode]
      : `${DECISION_CODES.includes(code) ? 'finance' : 'invoices'}.errors.${code}`;
    super(code, code, {
      field: options.field,
      fieldErrors: options.fieldErrors,
      messageKey,
      params: { ...(options.invoiceStatus ? { status: options.invoiceStatus } : {}), ...options.params },
      status: code === 'not_found' ? 404 : 422,
    });
    this.name = 'InvoiceError';
    this.invoiceStatus = options.invoiceStatus ?? null;
    this.aboutTitle = options.title === true;
  }
}
